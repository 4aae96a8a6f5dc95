"""What the front page and the 정보공개현황 page show: the catalogue counted
by type, agency and year (on /status: its 공개 records, beside the number
listed 부분공개 and 비공개), the newest records and the meetings still to come.

Every number comes from ``package_search`` as the visitor: private and draft
records are not counted, so no page can reveal that they exist.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckanext.scheming.helpers import scheming_dataset_schemas
from sqlalchemy import and_
from sqlalchemy.orm import aliased

from .agencies import SEOUL_NAME
from .labels import type_label

# The dimensions of the status page: facet field -> what it counts.
DIMENSIONS = ("dataset_type", "organization", "production_year")
DISCLOSURE_ORDER = ("공개", "부분공개", "비공개")
PRODUCED = "production_date:[* TO NOW]"
# What /status counts: 공개 records. The search a status row links to carries
# the same filter, so the counts match.
COUNTED_SEARCH = {"disclosure_class": "공개"}
COUNTED = " AND ".join(f'{field}:"{value}"' for field, value in COUNTED_SEARCH.items())


def _search(**params: Any) -> dict[str, Any]:
    return tk.get_action("package_search")({}, dict({"rows": 0}, **params))


def _facets(fields: tuple[str, ...], fq: str = "") -> tuple[int, dict[str, dict[str, int]]]:
    params = {"facet.field": list(fields), "facet.limit": -1, "facet.mincount": 1}
    result = _search(**params, **({"fq": fq} if fq else {}))
    facets = result.get("search_facets", {})
    return result["count"], {f: {i["name"]: i["count"] for i in facets.get(f, {}).get("items", [])}
                             for f in fields}


def types_with_counts() -> list[dict[str, Any]]:
    """Every information type in the configured order, with its record count."""
    _total, facets = _facets(("dataset_type",))
    counts = facets["dataset_type"]
    return [{"name": name, "label": type_label(name), "count": counts.get(name, 0)}
            for name in scheming_dataset_schemas() or {}]


def newest_records(limit: int = 8) -> list[dict[str, Any]]:
    """The most recently produced records (not meetings still to be held)."""
    return _search(rows=limit, fq=PRODUCED,
                   sort="production_date desc, metadata_modified desc")["results"]


def upcoming_meetings(limit: int = 5) -> list[dict[str, Any]]:
    """Meetings announced or under way from today on, soonest first."""
    today = dt.date.today()
    return _search(rows=limit, fq=f'dataset_type:meeting meeting_status:(예정 OR 진행) '
                                  f'meeting_datetime:[{today.isoformat()} TO *]',
                   sort="meeting_datetime asc")["results"]


def _rows(counts: dict[str, int], label: Any, order: Any = None) -> list[dict[str, Any]]:
    items = sorted(counts.items(), key=order or (lambda kv: -kv[1]))
    top = max(counts.values(), default=0) or 1
    return [{"name": name, "label": label(name), "count": count, "share": count / top} for name, count in items]


def _agency_titles(names: list[str]) -> dict[str, str]:
    if not names:
        return {}
    orgs = tk.get_action("organization_list")({}, {"organizations": names, "all_fields": True,
                                                   "limit": len(names)})
    return {o["name"]: o["title"] for o in orgs}


def disclosure_status(agencies: int = 15) -> dict[str, Any]:
    """The 공개 records (``COUNTED``) counted by type, agency (the
    ``agencies`` that publish most) and production year up to this one (a
    meeting set for a later year is counted in ``later``); beside them how
    many records are listed 부분공개 and 비공개 (without their non-public
    parts, or metadata only), with the share that is 공개.

    :returns: ``{"total", "types", "agencies", "by_type", "by_agency",
        "by_year": [{"name", "label", "count", "share"}], "later", "withheld":
        [{"name", "count"}] for 부분공개 and 비공개, "listed": every class,
        "open_rate": 0–100, "search": the filter a row's search link adds}``"""
    total, facets = _facets(DIMENSIONS, fq=COUNTED)
    listed, classes = _facets(("disclosure_class",))
    this_year = str(dt.date.today().year)
    years = {year: n for year, n in facets["production_year"].items() if year <= this_year}
    agency_counts = dict(sorted(facets["organization"].items(), key=lambda kv: -kv[1])[:agencies])
    titles = _agency_titles(list(agency_counts))
    return {
        "total": total,
        "types": sum(1 for c in facets["dataset_type"].values() if c),
        "agencies": len(facets["organization"]),
        "by_type": _rows(facets["dataset_type"], type_label),
        "by_agency": _rows(agency_counts, lambda n: titles.get(n, n)),
        "by_year": _rows(years, str, order=lambda kv: kv[0]),
        "later": sum(n for year, n in facets["production_year"].items() if year > this_year),
        "withheld": [{"name": name, "count": classes["disclosure_class"].get(name, 0)}
                     for name in DISCLOSURE_ORDER[1:]],
        "listed": listed,
        "open_rate": round(100 * total / listed) if listed else 0,
        "search": COUNTED_SEARCH,
    }


# How the agencies directly under 서울특별시 are grouped on /organization, by ``agency_type``.
AGENCY_GROUPS = {"본청": "본청 실·국·본부", "사업소": "사업소·직속기관", "투자출연기관": "투자·출연기관"}
DISTRICT_TYPE = "자치구"


def _organizations() -> list[tuple[str, str, str, str]]:
    """(name, title, parent name, agency type) of every active organization."""
    parent, kind = aliased(model.GroupExtra), aliased(model.GroupExtra)
    return (model.Session.query(model.Group.name, model.Group.title, parent.value, kind.value)
            .outerjoin(parent, and_(parent.group_id == model.Group.id, parent.key == "parent_agency",
                                    parent.state == "active"))
            .outerjoin(kind, and_(kind.group_id == model.Group.id, kind.key == "agency_type", kind.state == "active"))
            .filter(model.Group.is_organization.is_(True), model.Group.state == "active")
            .order_by(model.Group.title).all())


def agency_tree() -> list[dict[str, Any]]:
    """Every agency in its place, for /organization: 서울특별시 with the agencies
    under it grouped by type (``AGENCY_GROUPS``; each with its departments),
    then the 25 자치구, then any agency with no known parent.

    :returns: nodes ``{"name", "title", "count", "children": [node]}`` sorted by
        title; ``count`` is the records a visitor may see of the agency and every
        department under it (the ``agency`` facet); a group node has no ``name``."""
    _total, facets = _facets(("agency",))
    counts = facets["agency"]
    rows = _organizations()
    nodes = {name: {"name": name, "title": title, "count": counts.get(name, 0), "children": []}
             for name, title, _parent, _kind in rows}
    kinds = {name: kind or "" for name, _title, _parent, kind in rows}
    roots: list[dict[str, Any]] = []
    for name, _title, parent, _kind in rows:
        (nodes[parent]["children"] if parent in nodes and parent != name else roots).append(nodes[name])
    seoul = nodes.get(SEOUL_NAME)
    if seoul is not None:
        grouped: dict[str, list[dict[str, Any]]] = {}
        for child in seoul["children"]:
            grouped.setdefault(AGENCY_GROUPS.get(kinds[child["name"]], ""), []).append(child)
        seoul["children"] = [{"name": "", "title": title, "count": sum(c["count"] for c in grouped[title]),
                              "children": grouped[title]} for title in AGENCY_GROUPS.values() if title in grouped]
        seoul["children"] += grouped.get("", [])
    districts = [n for n in roots if kinds[n["name"]] == DISTRICT_TYPE]
    others = [n for n in roots if n is not seoul and kinds[n["name"]] != DISTRICT_TYPE]
    tree = [seoul] if seoul is not None else []
    if districts:
        tree.append({"name": "", "title": DISTRICT_TYPE, "count": sum(d["count"] for d in districts),
                     "children": districts})
    return tree + others
