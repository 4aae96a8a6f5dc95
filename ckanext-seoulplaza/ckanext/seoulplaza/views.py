"""The plaza's own pages: 정보공개현황 (/status), participation (comments,
문의하기, 정보공개청구: ``participation/views.py``), the developers' API guide (/api-guide), the
whole-type downloads (/dumps) and Korean addresses for the type listings
(/결재문서 → /sanction)."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckanext.scheming.helpers import scheming_dataset_schemas
from flask import Blueprint, request, send_from_directory

from . import api_guide, dumps, overview
from .participation import views as participation_views


def status() -> str:
    return tk.render("seoulplaza/status.html", {"status": overview.disclosure_status()})


def api_guide_page() -> str:
    """The developers' guide: actions, types and fields, DataStore, limits."""
    return tk.render("seoulplaza/api_guide.html", {
        "types": api_guide.type_fields(), "limits": api_guide.limits(), "examples": api_guide.examples(),
        "api_base": tk.config.get("ckan.site_url").rstrip("/") + "/api/3/action"})


def dumps_page() -> str:
    """Whole-type downloads, as the last background job wrote them."""
    return tk.render("seoulplaza/dumps.html", {"dumps": dumps.manifests()})


def dump_file(dataset_type: str, fmt: str) -> Any:
    if fmt not in dumps.FORMATS or dataset_type not in dumps.all_types():
        return tk.abort(404, tk._("No such download"))
    name = f"{dataset_type}.{fmt}"
    if not (dumps.folder() / name).exists():
        return tk.abort(404, tk._("This download has not been generated yet"))
    return send_from_directory(dumps.folder(), name, as_attachment=True,
                               mimetype="text/csv" if fmt == "csv" else "application/x-ndjson")


def _type_alias(dataset_type: str) -> Any:
    def redirect() -> Any:
        target = tk.url_for(f"{dataset_type}.search")
        query = request.query_string.decode()
        return tk.redirect_to(f"{target}?{query}" if query else target)
    redirect.__name__ = f"alias_{dataset_type}"
    return redirect


def type_aliases() -> dict[str, str]:
    """Korean address -> type: the type's Korean name with spaces as hyphens."""
    aliases = {}
    for dataset_type, schema in (scheming_dataset_schemas() or {}).items():
        label = (schema.get("type_label") or {}).get("ko_KR")
        if label:
            aliases["/" + label.replace(" ", "-")] = dataset_type
    return aliases


def blueprint() -> Blueprint:
    plaza = Blueprint("seoulplaza", __name__)
    plaza.add_url_rule("/status", view_func=status)
    plaza.add_url_rule("/api-guide", view_func=api_guide_page)
    plaza.add_url_rule("/dumps", view_func=dumps_page)
    plaza.add_url_rule("/dumps/<dataset_type>.<fmt>", view_func=dump_file)
    participation_views.register(plaza)
    for path, dataset_type in type_aliases().items():
        plaza.add_url_rule(path, endpoint=f"alias_{dataset_type}", view_func=_type_alias(dataset_type))
    return plaza
