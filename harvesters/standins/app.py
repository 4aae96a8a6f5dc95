"""The export API every stand-in serves, as the city's systems expose theirs:

    GET /api/records?modified_since=ISO&page=N&per_page=M   paged listing, oldest change first
    GET /api/records/<id>                                   one record (404 once withdrawn)
    GET /files/<file id>                                    an attachment or a table's CSV
    GET /api/status                                         system name and record count
"""
from __future__ import annotations

import mimetypes

from flask import Flask, abort, jsonify, request, url_for, Response

from .store import Store

MAX_PER_PAGE = 500


def create_app(store: Store) -> Flask:
    app = Flask(f"standin-{store.system}")
    app.json.ensure_ascii = False  # type: ignore[attr-defined]

    @app.get("/api/status")
    def status():
        return jsonify(system=store.system, records=len(store.records))

    @app.get("/api/records")
    def listing():
        since = request.args.get("modified_since") or None
        try:
            page = max(int(request.args.get("page", 1)), 1)
            per_page = min(max(int(request.args.get("per_page", 100)), 1), MAX_PER_PAGE)
        except ValueError:
            abort(400, "page and per_page are numbers")
        entries = store.listing(since)
        chunk = entries[(page - 1) * per_page: page * per_page]
        more = page * per_page < len(entries)
        return jsonify(system=store.system, total=len(entries), page=page, records=chunk,
                       next=url_for("listing", modified_since=since, page=page + 1, per_page=per_page,
                                    _external=True) if more else None)

    @app.get("/api/records/<record_id>")
    def record(record_id: str):
        found = store.record(record_id)
        if found is None:
            abort(404)
        for attachment in found.get("attachments", []):
            attachment["url"] = url_for("file", file_id=attachment["id"], _external=True)
        if found.get("table"):
            found["table"]["url"] = url_for("file", file_id=found["table"]["id"], _external=True)
        return jsonify(found)

    @app.get("/files/<file_id>")
    def file(file_id: str):
        data = store.file(file_id)
        if data is None:
            abort(404)
        kind = mimetypes.guess_type(file_id)[0] or "application/octet-stream"
        return Response(data, mimetype=kind)

    return app
