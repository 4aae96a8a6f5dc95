"""Open redirects: the page addresses a request hands CKAN to send the
browser to afterwards must be pages of this portal.

CKAN reads them in several views: ``came_from`` and ``next`` after logging in
(``user.login``) and out (``user.logout``), ``return_to`` after saving a
dataset (``dataset.new``/``edit``, with no check at all), ``url`` in
``/util/redirect``. Its own check (``h.url_is_local``) lets ``\\\\evil`` and
other strings through that then fail to build a URL (HTTP 500). Here every
such parameter, in the query or a form, is checked before any view runs: a
value that is not ``local`` is refused with HTTP 400 naming the parameter.
"""
from __future__ import annotations

from typing import Any, Optional
from urllib.parse import urlsplit

import ckan.plugins.toolkit as tk
from flask import request

# Parameters that name a page to go to next, and where they are read.
EVERYWHERE = ("came_from", "next", "return_to")
BY_ENDPOINT = {"util.internal_redirect": ("url",)}
SCHEMES = ("http", "https")


def local(target: str) -> bool:
    """Whether ``target`` names a page of this portal: a path starting with one
    ``/``, or an http(s) URL on the host of ``ckan.site_url``; never with a
    backslash (browsers read it as ``/``) or a control character anywhere."""
    if any(ch == "\\" or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target):
        return False
    if target.startswith("/"):
        return not target.startswith("//")
    try:
        parts, site = urlsplit(target), urlsplit(tk.config.get("ckan.site_url"))
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False
    return parts.scheme.lower() in SCHEMES and parts.netloc.lower() == site.netloc.lower()


def _offending_parameter() -> Optional[str]:
    names = EVERYWHERE + BY_ENDPOINT.get(request.endpoint or "", ())
    for source in (request.args, request.form):
        for name in names:
            for value in source.getlist(name):
                if value and not local(value):
                    return name
    return None


def refuse_offsite_targets() -> Any:
    """before_request: HTTP 400 when a redirect parameter is not a page of this portal."""
    name = _offending_parameter()
    if name is not None:
        return tk.abort(400, tk._('"{parameter}" must be the address of a page of this portal').format(
            parameter=name))
    return None


def install(app: Any) -> None:
    app.before_request(refuse_offsite_targets)
