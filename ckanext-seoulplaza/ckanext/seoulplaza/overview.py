"""What the front page and the 정보공개현황 page show: the catalogue counted
by type, agency, year and disclosure class, the newest records and the
meetings still to come.

Every number comes from ``package_search`` as the visitor: private and draft
records are not counted, so no page can reveal that they exist.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from ckanext.scheming.helpers import scheming_dataset_schemas

from .labels import type_label

# The dimensions of the status page: facet field -> what it counts.
DIMENSIONS = ("dataset_type", "organization", "production_year", "disclosure_class")
DISCLOSURE_ORDER = ("공개", "부분공개", "비공개")


def _search(**params: Any) -> dict[str, Any]:
    return tk.get_action("package_search")({}, dict({"rows": 0}, **params))


def _facets(fields: tuple[str, ...]) -> tuple[int, dict[str, dict[str, int]]]:
    result = _search(**{"facet.field": list(fields), "facet.limit": -1, "facet.mincount": 1})
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
    return _search(rows=limit, fq="production_date:[* TO NOW]",
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
    """The catalogue counted by type, agency (the ``agencies`` that publish
    most), production year and disclosure class."""
    total, facets = _facets(DIMENSIONS)
    agency_counts = dict(sorted(facets["organization"].items(), key=lambda kv: -kv[1])[:agencies])
    titles = _agency_titles(list(agency_counts))
    return {
        "total": total,
        "types": sum(1 for c in facets["dataset_type"].values() if c),
        "agencies": len(facets["organization"]),
        "by_type": _rows(facets["dataset_type"], type_label),
        "by_agency": _rows(agency_counts, lambda n: titles.get(n, n)),
        "by_year": _rows(facets["production_year"], str, order=lambda kv: kv[0]),
        "by_class": _rows(facets["disclosure_class"], str,
                          order=lambda kv: DISCLOSURE_ORDER.index(kv[0]) if kv[0] in DISCLOSURE_ORDER else 9),
    }
