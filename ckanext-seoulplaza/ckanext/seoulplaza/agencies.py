"""Agencies as CKAN organizations, with their type and parent.

The hierarchy (서울특별시 → 실·국·본부 / 사업소 / 투자출연기관 → 과; the 25 자치구 on
their own) comes from ``data/agencies.yaml`` and from the department paths in
the expense list (``dept_nm_lvl_1..5``). CKAN has no organization tree, so each
organization keeps ``agency_type`` and ``parent_agency`` (the parent's name) as
extras. Names are stable slugs of the Korean titles.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

import ckan.plugins.toolkit as tk
import yaml
from ckan import model
from slugify import slugify
from sqlalchemy import text as sa_text

from .reference import DISTRICTS

SEOUL = "서울특별시"
SEOUL_NAME = "seoul"
_LIST = Path(__file__).parent / "data" / "agencies.yaml"
_LEVEL1_TYPES = {"서울시본청": "본청", "사업소": "사업소"}
_PLACEHOLDER_LEVELS = {"본부", ""}  # "상수도사업본부 > 본부 > 과": the unit's own headquarters


@dataclass(frozen=True)
class Agency:
    title: str
    agency_type: str = ""
    parent: Optional[str] = None  # the parent's title


def agency_name(title: str) -> str:
    """A stable URL name for a Korean agency title."""
    if title == SEOUL:
        return SEOUL_NAME
    slug = slugify(title, max_length=60) or "agency"
    return f"{slug}-{hashlib.sha1(title.encode()).hexdigest()[:6]}"


def maintained_agencies() -> list[Agency]:
    listed = yaml.safe_load(_LIST.read_text(encoding="utf-8"))
    agencies = [Agency(SEOUL, "서울특별시")]
    for agency_type, titles in listed.items():
        agencies += [Agency(t, agency_type, SEOUL) for t in titles]
    return agencies + [Agency(d, "자치구") for d in DISTRICTS]


def agencies_from_paths(paths: Iterable[list[str]]) -> list[Agency]:
    """Agencies from department paths such as [사업소, 상수도사업본부, 본부, 안전총괄과]."""
    found: dict[str, Agency] = {}
    for path in paths:
        agency_type = _LEVEL1_TYPES.get(path[0], path[0])
        levels = [p.strip() for p in path[1:] if p.strip() not in _PLACEHOLDER_LEVELS]
        parent = SEOUL
        for level in levels:
            found.setdefault(level, Agency(level, agency_type, parent))
            parent = level
    return list(found.values())


class AgencyRegister:
    """Creates or updates organizations, remembering their ids for the run."""

    def __init__(self, context: dict):
        self.context = context
        self.ids: dict[str, str] = {}
        self.created = self.updated = self.unchanged = 0

    def ensure(self, agency: Agency) -> str:
        if agency.title in self.ids:
            return self.ids[agency.title]
        extras = {"agency_type": agency.agency_type,
                  "parent_agency": agency_name(agency.parent) if agency.parent else ""}
        wanted = {"name": agency_name(agency.title), "title": agency.title,
                  "extras": [{"key": k, "value": v} for k, v in extras.items() if v]}
        try:
            existing = tk.get_action("organization_show")(dict(self.context), {"id": wanted["name"]})
        except tk.ObjectNotFound:
            existing = tk.get_action("organization_create")(dict(self.context), wanted)
            self.created += 1
        else:
            have = {e["key"]: e["value"] for e in existing.get("extras", [])}
            if all(have.get(k, "") == v for k, v in extras.items() if v) and existing["title"] == agency.title:
                self.unchanged += 1
            else:
                existing = tk.get_action("organization_patch")(
                    dict(self.context), {"id": existing["id"], "title": agency.title, "extras": wanted["extras"]})
                self.updated += 1
        self.ids[agency.title] = existing["id"]
        return existing["id"]

    def department(self, title: str) -> str:
        """The organization of a department named in a record: as it is if it
        exists (its place in the tree may be better known), else under 서울특별시."""
        if title not in self.ids:
            try:
                self.ids[title] = tk.get_action("organization_show")(
                    dict(self.context), {"id": agency_name(title)})["id"]
            except tk.ObjectNotFound:
                return self.ensure(Agency(title, parent=SEOUL))
        return self.ids[title]

    def line(self) -> str:
        return f"기관 (organizations): {self.created} created, {self.updated} updated, {self.unchanged} unchanged"


_LINEAGE_SQL = """
WITH RECURSIVE up(name, title, parent, depth) AS (
    SELECT g.name, g.title, e.value, 0 FROM "group" g
    LEFT JOIN group_extra e ON e.group_id = g.id AND e.key = 'parent_agency' AND e.state = 'active'
    WHERE g.{key} = ANY(:refs) AND g.is_organization
  UNION ALL
    SELECT g.name, g.title, e.value, up.depth + 1 FROM up
    JOIN "group" g ON g.name = up.parent AND g.is_organization AND g.state = 'active'
    LEFT JOIN group_extra e ON e.group_id = g.id AND e.key = 'parent_agency' AND e.state = 'active'
    WHERE up.depth < 10
)
SELECT name, title, parent, depth FROM up ORDER BY depth DESC
"""


def lineage(org_id: str) -> list[str]:
    """The organization's name and its ancestors' (root first): a record is
    found under every agency above its department."""
    rows = model.Session.execute(sa_text(_LINEAGE_SQL.format(key="id")), {"refs": [org_id]}).fetchall()
    return [r.name for r in rows]


def tree_positions(names: list[str]) -> dict[str, dict[str, object]]:
    """Title and path (ancestor titles, root first) of each named organization."""
    rows = model.Session.execute(sa_text(_LINEAGE_SQL.format(key="name")), {"refs": list(names)}).fetchall()
    info = {r.name: {"title": r.title, "parent": r.parent} for r in rows}

    def path(name: str, seen: tuple = ()) -> list[str]:
        node = info.get(name)
        if node is None or name in seen:
            return []
        return path(node["parent"], seen + (name,)) + [node["title"]] if node["parent"] else [node["title"]]

    return {n: {"title": info[n]["title"], "path": path(n)} for n in names if n in info}
