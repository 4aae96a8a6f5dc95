"""Response headers: the portal's pages, and user content that never runs in
the portal's origin.

An uploaded ``.html`` or ``.svg`` resource was served inline from the portal's
own origin, so its script ran with a logged-in visitor's session (read their
requests, took a CSRF token, minted an API token). Every path that serves a
stored user file — resource downloads of every dataset type and the storage
folder CKAN serves at ``/uploads/`` (user and organization images) — now
answers:

* ``Content-Disposition: attachment`` (a download, never a page), except for
  files whose bytes *are* a PDF or a raster image (libmagic reads them; the
  resource's own ``mimetype``, which an editor can set, is never trusted):
  those are served inline as that type, so the preview and ``<img>`` work;
* ``Content-Security-Policy: default-src 'none'; sandbox`` (nothing in the
  file may load, run or reach the portal's origin, even if a browser renders
  it; not on PDFs, which browsers' viewers refuse to draw sandboxed and run
  isolated from the origin anyway) and ``X-Content-Type-Options: nosniff``;
  scriptable types are sent as ``application/octet-stream``.

Every other response gets the page policy below (no inline script anywhere in
the plaza's or CKAN's templates, so ``script-src 'self'``), ``frame-ancestors
'self'`` with ``X-Frame-Options``, ``nosniff`` and a Referrer-Policy that
sends no path to other sites; HSTS when the site is https. Cookies are
``Secure`` when the site is https and ``SameSite=Lax`` (CKAN's default for
the remember-me cookie is ``SameSite=None``). A JSONP ``callback`` must be a
plain JavaScript name: anything else could turn an API answer into a script
gadget under ``script-src 'self'``.
"""
from __future__ import annotations

import re
from typing import Any, Optional
from urllib.parse import urlsplit

import ckan.plugins.toolkit as tk
from flask import Response, request
from werkzeug.http import dump_options_header, parse_options_header

def page_policy(site: str) -> str:
    """The pages' Content-Security-Policy. ``site`` is the origin of
    ``ckan.site_url``: CKAN's scripts build API addresses from it, which is
    the page's own origin unless the portal answers under another name too."""
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",   # style attributes (bar widths); no script
        "img-src 'self' data: blob: https:",
        "font-src 'self' data:",
        f"connect-src 'self' {site}",
        "worker-src 'self' blob:",            # pdf.js draws in a worker
        f"frame-src 'self' {site}",
        "object-src 'none'",
        "base-uri 'self'",
        f"form-action 'self' {site}",
        "frame-ancestors 'self'",
    ])


USER_CONTENT_POLICY = "default-src 'none'; sandbox"
INLINE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"})
JSONP_CALLBACK = re.compile(r"[A-Za-z_$][\w$]{0,63}(?:\.[A-Za-z_$][\w$]{0,63}){0,3}")
SNIFF_BYTES = 2048


def install(app: Any) -> None:
    site_url = str(tk.config.get("ckan.site_url") or "")
    https = site_url.startswith("https://")
    parts = urlsplit(site_url)
    policy = page_policy(f"{parts.scheme}://{parts.netloc}" if parts.netloc else "")
    for cookie in ("SESSION_COOKIE", "REMEMBER_COOKIE"):
        app.config[f"{cookie}_SECURE"] = bool(app.config.get(f"{cookie}_SECURE")) or https
        if app.config.get(f"{cookie}_SAMESITE") not in ("Lax", "Strict"):
            app.config[f"{cookie}_SAMESITE"] = "Lax"
    app.before_request(refuse_script_callbacks)
    app.after_request(lambda response: secure_headers(response, https, policy))


def refuse_script_callbacks() -> Optional[Response]:
    """A 400 for an API request whose JSONP ``callback`` is not a plain name."""
    callback = request.args.get("callback")
    if callback is not None and request.path.startswith("/api/") and not JSONP_CALLBACK.fullmatch(callback):
        return Response('{"success": false, "error": {"message": "callback must be a JavaScript name"}}',
                        status=400, content_type="application/json")
    return None


def secure_headers(response: Response, https: bool, policy: str) -> Response:
    headers = response.headers
    headers["X-Content-Type-Options"] = "nosniff"
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if https:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    stored = stored_file(response)
    if stored is not None:
        _as_user_content(response, stored)
    else:
        headers.setdefault("Content-Security-Policy", policy)
        headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    return response


def stored_file(response: Response) -> Optional[str]:
    """The path of the stored user file this response serves, if it is one."""
    if response.status_code not in (200, 206, 304):
        return None
    endpoint = request.endpoint or ""
    if endpoint.endswith("resource.download"):
        resource_id = (request.view_args or {}).get("resource_id")
        return _resource_path(resource_id) if resource_id else None
    if endpoint == "static" and request.path.startswith("/uploads/"):
        storage = tk.config.get("ckan.storage_path")
        return f"{storage}/storage{request.path}" if storage else None
    return None


def _resource_path(resource_id: str) -> Optional[str]:
    from ckan import model
    from ckan.lib.uploader import get_resource_uploader
    resource = model.Resource.get(resource_id)
    if resource is None or resource.url_type != "upload":
        return None  # a link: the view redirects, nothing of ours is served
    return get_resource_uploader({"id": resource.id, "url": resource.url, "url_type": "upload"}).get_path(resource.id)


def _as_user_content(response: Response, path: str) -> None:
    headers = response.headers
    headers["X-Frame-Options"] = "SAMEORIGIN"
    kind = _sniffed(path)
    disposition, options = parse_options_header(headers.get("Content-Disposition", ""))
    if kind in INLINE_TYPES:
        headers["Content-Type"] = kind
        headers["Content-Disposition"] = dump_options_header("inline", options)
        if kind != "application/pdf":  # browsers' PDF viewers refuse sandboxed documents; they isolate PDFs
            headers["Content-Security-Policy"] = USER_CONTENT_POLICY
        return
    headers["Content-Security-Policy"] = USER_CONTENT_POLICY
    if _scriptable(headers.get("Content-Type", "")) or _scriptable(kind or ""):
        headers["Content-Type"] = "application/octet-stream"
    if not options:
        options = {"filename": path.rsplit("/", 1)[-1]}
    headers["Content-Disposition"] = dump_options_header("attachment", options)


def _sniffed(path: str) -> Optional[str]:
    """The MIME type libmagic reads in the file's first bytes (None if unreadable)."""
    import magic
    try:
        with open(path, "rb") as stored:
            head = stored.read(SNIFF_BYTES)
    except OSError:
        return None
    return magic.from_buffer(head, mime=True)


def _scriptable(content_type: str) -> bool:
    kind = content_type.split(";")[0].strip().lower()
    return kind.startswith("text/") and kind not in ("text/csv", "text/tab-separated-values", "text/plain") \
        or kind.endswith("+xml") or kind.endswith("/xml") or "javascript" in kind or "html" in kind \
        or kind in ("application/ecmascript", "application/wasm", "multipart/x-mixed-replace")
