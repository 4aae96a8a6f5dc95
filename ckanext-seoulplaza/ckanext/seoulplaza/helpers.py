"""Template helpers (exported by the plugin's blanket: every function defined here)."""
from __future__ import annotations

from typing import Any, Optional

import ckan.plugins.toolkit as tk
from ckan.plugins import plugin_loaded
from ckanext.scheming.helpers import scheming_get_dataset_schema
from markupsafe import Markup

from . import document_pages, highlight, overview, related, table_reload
from .participation import access as participation_access
from .participation import actions as participation_actions
from .participation import disclosure as participation_disclosure
from .participation import petitions as participation_petitions
from .fulltext import masked_text
from . import labels
from .labels import reader_language, type_label
from .reference import CITY_WIDE, DISTRICTS, GROUND_WORDS, THEME_EN, THEMES

MEETING_STEPS = ("예정", "진행", "완료")


def seoulplaza_theme_choices(field: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"value": title, "label": {"ko_KR": title, "en": THEME_EN[name]}} for name, title in THEMES.items()]


def seoulplaza_district_choices(field: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"value": d, "label": d} for d in (CITY_WIDE, *DISTRICTS)]


def seoulplaza_type_label(dataset_type: str) -> str:
    return type_label(dataset_type)


def seoulplaza_choice_label(pkg: dict[str, Any], field_name: str) -> str:
    """The record's value of a choice field in the reader's language (부분공개 / Partially public)."""
    return labels.choice_label(pkg.get("type") or "dataset", field_name, pkg.get(field_name))


def seoulplaza_site_title() -> str:
    return labels.site_title()


def seoulplaza_site_description() -> str:
    return labels.site_description()


def seoulplaza_theme_title(group: dict[str, Any]) -> str:
    return labels.theme_title(group)


def seoulplaza_column_type(pg_type: str) -> str:
    return labels.column_type(pg_type or "")


def seoulplaza_error_detail(code: Any, content: Any) -> str:
    """What an error page says beyond its heading: the message the view gave,
    or "" when it is only werkzeug's stock English description of the code."""
    from werkzeug.exceptions import default_exceptions
    stock = getattr(default_exceptions.get(code), "description", None)
    return "" if not content or content == stock else content


def seoulplaza_snippet(pkg: dict[str, Any], q: Optional[str]) -> Markup:
    """The passage of the record's masked documents (or description) matching ``q``."""
    if not q or not q.strip():
        return Markup("")
    return (highlight.snippet(masked_text(pkg.get("resources") or []), q)
            or highlight.snippet(pkg.get("notes") or "", q))


def seoulplaza_withholding(pkg: dict[str, Any]) -> Optional[dict[str, Any]]:
    """For a 부분공개/비공개 record: its legal ground in words and when it opens."""
    if pkg.get("disclosure_class") in (None, "", "공개"):
        return None
    ground = pkg.get("nondisclosure_ground") or "unstated"
    words = GROUND_WORDS.get(ground)
    english = reader_language().startswith("en")
    return {
        "class": pkg["disclosure_class"],
        "ground": ground,
        "article": (f"Art. 9(1)({ground})" if english else f"제9조 제1항 제{ground}호") if words else None,
        "words": words[1 if english else 0] if words else None,
        "opens_on": pkg.get("disclosure_date"),
    }


def seoulplaza_documents(pkg: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's documents: each published PDF with the masked original that follows it."""
    documents: list[dict[str, Any]] = []
    for resource in pkg.get("resources") or []:
        role = resource.get("resource_role")
        if role == "published_pdf":
            documents.append({"pdf": resource, "original": None})
        elif role == "original" and documents and documents[-1]["original"] is None:
            documents[-1]["original"] = resource
    return documents


def seoulplaza_related(pkg: dict[str, Any]) -> list[dict[str, Any]]:
    return related.related_records(pkg)


def seoulplaza_backing_rows(pkg: dict[str, Any]) -> list[dict[str, Any]]:
    return related.backing_rows(pkg)


def seoulplaza_comment_thread(pkg: dict[str, Any]) -> dict[str, Any]:
    """The record's comment tree as the current user may see it (none without ckanext-comments)."""
    if not plugin_loaded("comments"):
        return {"comments": []}
    try:
        return tk.get_action("comments_thread_show")(participation_access.request_context(), {
            "subject_type": "package", "subject_id": pkg["id"], "init_missing": True,
            "include_comments": True, "include_author": True, "combine_comments": True})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return {"comments": []}


def seoulplaza_participation_enabled() -> bool:
    return plugin_loaded("comments")


def seoulplaza_requestable(pkg: dict[str, Any]) -> bool:
    """Whether a 정보공개청구 can be filed for the record."""
    return participation_disclosure.requestable(pkg)


def seoulplaza_is_steward() -> bool:
    """Whether the current user handles requests: a sysadmin or an editor/admin of some agency."""
    user = tk.current_user
    return bool(user.is_authenticated and (user.sysadmin or participation_access.steward_orgs(user)))


def seoulplaza_harvest_warnings(pkg: dict[str, Any]) -> list[str]:
    """For those who may edit the record: what its harvest left out or
    replaced because the source sent it malformed (harvesters/optional_fields.py)."""
    if not plugin_loaded("harvest") or not tk.h.check_access("package_update", {"id": pkg["id"]}):
        return []
    from harvesters.optional_fields import warnings_for
    return warnings_for(pkg)


def seoulplaza_withheld_page_notices(pkg: dict[str, Any]) -> list[str]:
    """For those who may edit the record: each document's pages withheld for
    review, harvested or uploaded (``document_pages.steward_notices``)."""
    if not tk.h.check_access("package_update", {"id": pkg["id"]}):
        return []
    return document_pages.steward_notices(pkg)


def seoulplaza_withheld_pages_line(resource: dict[str, Any]) -> Optional[str]:
    """For everyone: "일부 페이지(3, 7쪽)는 검토 후 공개됩니다", or None."""
    return document_pages.citizen_line(resource)


def seoulplaza_table_load_error(resource: dict[str, Any]) -> Optional[str]:
    """Why the resource's last table load failed, for its stewards only."""
    return table_reload.load_error(resource) if plugin_loaded("xloader") else None


def seoulplaza_this_year() -> int:
    return participation_actions.today().year


def seoulplaza_petition_kinds() -> tuple[str, ...]:
    return participation_petitions.KINDS


def seoulplaza_types_with_counts() -> list[dict[str, Any]]:
    return overview.types_with_counts()


def seoulplaza_newest_records(limit: int = 8) -> list[dict[str, Any]]:
    return overview.newest_records(limit)


def seoulplaza_upcoming_meetings(limit: int = 5) -> list[dict[str, Any]]:
    return overview.upcoming_meetings(limit)


def seoulplaza_meeting_steps(pkg: dict[str, Any]) -> list[dict[str, str]]:
    """예정 → 진행 → 완료 with each step marked done, current or to come."""
    current = MEETING_STEPS.index(pkg["meeting_status"]) if pkg.get("meeting_status") in MEETING_STEPS else -1
    return [{"status": step, "state": "done" if i < current else "current" if i == current else "todo"}
            for i, step in enumerate(MEETING_STEPS)]


def seoulplaza_local_datetime(value: Optional[str]) -> str:
    """A schema datetime (Seoul local time, no zone) as 2026-11-30 14:00;
    CKAN's render_datetime would take it for UTC and add nine hours."""
    return (value or "").replace("T", " ")[:16]


def seoulplaza_search_sorting() -> list[tuple[str, str]]:
    """The search page's orders: relevance, newest record, title."""
    return [(tk._("Relevance"), "score desc, production_date desc"),
            (tk._("Newest"), "production_date desc, metadata_modified desc"),
            (tk._("Oldest"), "production_date asc, metadata_modified asc"),
            (tk._("Title A-Z"), "title_string asc"),
            (tk._("Last Modified"), "metadata_modified desc")]


def seoulplaza_agency_facet(search_facets: dict[str, Any], siblings: int = 10) -> list[dict[str, Any]]:
    """The agency facet as a tree: the top level, the ``siblings`` largest
    agencies under each shown one, and everything under a chosen agency."""
    items = (search_facets.get("agency") or {}).get("items", [])
    chosen = set(tk.request.args.getlist("agency"))
    paths = {item["name"]: tuple(item.get("path") or [item["display_name"]]) for item in items}
    open_paths = {paths[name] for name in chosen if name in paths} | {()}
    open_paths |= {p[:i] for p in list(open_paths) for i in range(len(p))}
    under: dict[tuple, list[dict[str, Any]]] = {}
    for item in items:
        path = paths[item["name"]]
        if path[:-1] in open_paths or len(path) <= 2 or item["name"] in chosen:
            under.setdefault(path[:-1], []).append(dict(item, active=item["name"] in chosen))
    shown = []
    for children in under.values():
        children.sort(key=lambda i: -i["count"])
        shown += [c for k, c in enumerate(children) if k < siblings or c["active"]]
    return sorted(shown, key=lambda i: paths[i["name"]])


def seoulplaza_agency_tree() -> list[dict[str, Any]]:
    """Every agency in its place with its record count (``overview.agency_tree``)."""
    return overview.agency_tree()


def seoulplaza_agency_label(item: dict[str, Any]) -> Markup:
    """An agency facet entry, indented by its depth in the tree."""
    return Markup('<span class="facet-depth-{}">{}</span>').format(min(item.get("depth", 0), 4), item["display_name"])


def seoulplaza_first_view(resource: dict[str, Any]) -> Optional[dict[str, Any]]:
    """The resource's first view (the DataStore table preview for tables)."""
    views = tk.get_action("resource_view_list")({}, {"id": resource["id"]})
    return views[0] if views else None


_PLACEHOLDER = "Qqtypeqq"  # survives CKAN's capitalize(); replaced by the type's name


@tk.chained_helper
def humanize_entity_type(next_helper: Any, entity_type: str, object_type: str, purpose: str) -> Optional[str]:
    """CKAN names a dataset type by its URL slug ("Sanctions", "Add Sanction");
    name the plaza's types by their labels (결재문서) in CKAN's own phrases."""
    if entity_type != "package" or object_type == "dataset" or not scheming_get_dataset_schema(object_type):
        return next_helper(entity_type, object_type, purpose)
    phrase = next_helper(entity_type, _PLACEHOLDER.lower(), purpose) or _PLACEHOLDER
    return phrase.replace(_PLACEHOLDER + "s", _PLACEHOLDER).replace(_PLACEHOLDER, type_label(object_type))
