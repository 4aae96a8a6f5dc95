"""Where to report a security problem: ``/.well-known/security.txt`` (RFC 9116).

``Contact`` is ``ckanext.seoulplaza.security_contact`` (else the plaza's
desk, ``ckanext.seoulplaza.participation.desk_email``); ``Expires`` is a year
from the day it is served, as the RFC asks that the file be kept current.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from flask import Response

VALID_FOR = dt.timedelta(days=365)


def security_txt() -> Response:
    contact = tk.config.get("ckanext.seoulplaza.security_contact") or \
        tk.config.get("ckanext.seoulplaza.participation.desk_email")
    if not contact:
        return Response("no security contact is configured\n", status=404, content_type="text/plain")
    if "@" in contact and not contact.startswith(("mailto:", "https:")):
        contact = f"mailto:{contact}"
    site = tk.config.get("ckan.site_url").rstrip("/")
    expires = (dt.datetime.now(dt.timezone.utc) + VALID_FOR).replace(microsecond=0)
    lines = [f"Contact: {contact}", f"Expires: {expires.isoformat().replace('+00:00', 'Z')}",
             "Preferred-Languages: ko, en", f"Canonical: {site}/.well-known/security.txt"]
    return Response("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def install(app: Any) -> None:
    app.add_url_rule("/.well-known/security.txt", endpoint="seoulplaza_security_txt", view_func=security_txt)
