"""Text stored before the plaza normalised what enters it (``nfc.py``),
found and rewritten in NFC (``ckan seoulplaza nfc check [--repair]``).

What is looked at — the catalogue text that search, facets and pages compare:

* datasets: title, description, author, maintainer, version and every extra
  (the schemas' fields: department, official, committee …);
* resources: name, description and extras; resource views: title, description;
* organizations and groups: title, description and extras;
* tags: a tag whose NFC form already exists (the second 청년 of the tag
  facet) is merged into it — its datasets move to the NFC tag — else renamed.

Left as they are, on purpose: DataStore cells (they are the rows of the
publisher's file, which a reload would bring back; the DataStore search
compares in NFC instead), uploaded files ("stored as they came"), activity
streams (the record of what was written then), harvest objects (fetched
anew when the source changes) and participation case files (what a citizen
filed, as filed).

Found with PostgreSQL's ``IS NFC NORMALIZED`` (plain text columns) or by
decoding (JSON extras, whose ``\\u`` escapes hide the form); nothing is
written without ``repair``. Each record is rewritten in its own savepoint, so
one that fails is named and the rest go on; the datasets whose text changed
are reindexed. ``metadata_modified`` is left alone: the text is the same
text, in one form.
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

import sqlalchemy as sa
from ckan import model

from . import index_check
from .nfc import FORM, normalized

Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class Column:
    """A text column; ``datasets``: SQL giving the ids of the datasets whose
    index shows it, for ``:ids`` (the rows' ids)."""
    table: str
    column: str
    datasets: str
    json: bool = False

    @property
    def name(self) -> str:
        return f"{self.table}.{self.column}"


_OF_PACKAGE = "SELECT id FROM package WHERE id = ANY(:ids)"
_OF_CHILD = "SELECT package_id FROM {table} WHERE id = ANY(:ids)"
_OF_VIEW = "SELECT r.package_id FROM resource_view v JOIN resource r ON r.id = v.resource_id WHERE v.id = ANY(:ids)"
_OF_GROUP = ("SELECT id FROM package WHERE owner_org = ANY(:ids) UNION SELECT table_id FROM member "
             "WHERE group_id = ANY(:ids) AND table_name = 'package' AND state = 'active'")
_OF_GROUP_EXTRA = _OF_GROUP.replace("ANY(:ids)", "ANY(SELECT group_id FROM group_extra WHERE id = ANY(:ids))")

COLUMNS = (
    *(Column("package", c, _OF_PACKAGE) for c in ("title", "notes", "author", "maintainer", "version")),
    Column("package_extra", "value", _OF_CHILD.format(table="package_extra")),
    *(Column("resource", c, _OF_CHILD.format(table="resource")) for c in ("name", "description")),
    Column("resource", "extras", _OF_CHILD.format(table="resource"), json=True),
    *(Column("resource_view", c, _OF_VIEW) for c in ("title", "description")),
    *(Column('"group"', c, _OF_GROUP) for c in ("title", "description")),
    Column("group_extra", "value", _OF_GROUP_EXTRA),
)


@dataclass
class NfcReport:
    """Values found in NFD by column (``found``), the tags among them and how
    many would merge into an NFC twin, the datasets whose index shows them;
    after a repair: ``rewritten``, ``failed`` (``"<column> <id>: <problem>"``)
    and ``reindexed``."""
    found: Counter = field(default_factory=Counter)
    tags: int = 0
    tag_merges: int = 0
    datasets: set[str] = field(default_factory=set)
    rewritten: int = 0
    failed: list[str] = field(default_factory=list)
    reindexed: int = 0

    @property
    def values(self) -> int:
        return sum(self.found.values()) + self.tags

    def line(self) -> str:
        by_column = ", ".join(f"{name} {n}" for name, n in sorted(self.found.items()))
        tags = f"tag.name {self.tags} ({self.tag_merges} merging into an NFC twin)" if self.tags else ""
        found = "; ".join(part for part in (by_column, tags) if part) or "none"
        done = (f"; rewritten {self.rewritten}, failed {len(self.failed)}, datasets reindexed {self.reindexed}"
                if self.rewritten or self.failed else "")
        return f"text not in NFC: {self.values} values in {len(self.datasets)} datasets ({found}){done}"


def _nfd_rows(column: Column) -> Iterator[tuple[str, str, str]]:
    """(row id, stored text, its NFC form) of every row whose text is not NFC."""
    if column.json:
        rows = model.Session.execute(sa.text(
            f"SELECT id, {column.column} FROM {column.table} WHERE {column.column} IS NOT NULL "
            f"AND (strpos({column.column}, chr(92) || 'u') > 0 OR {column.column} ~ '[^[:ascii:]]')"))
        for row_id, stored in rows:
            try:
                value = json.loads(stored)
            except ValueError:
                continue
            fixed = normalized(value)
            if fixed != value:
                yield row_id, stored, json.dumps(fixed)
        return
    rows = model.Session.execute(sa.text(
        f"SELECT id, {column.column} FROM {column.table} "
        f"WHERE {column.column} IS NOT NULL AND {column.column} IS NOT {FORM} NORMALIZED"))
    for row_id, stored in rows:
        yield row_id, stored, unicodedata.normalize(FORM, stored)


def _datasets_of(column: Column, row_ids: list[str]) -> set[str]:
    return {r for (r,) in model.Session.execute(sa.text(column.datasets), {"ids": row_ids}) if r}


def _nfd_tags() -> list[tuple[str, str, Any, str | None]]:
    """(tag id, its NFC name, vocabulary, the id of a tag already named so or None)."""
    rows = model.Session.execute(sa.text(f"SELECT id, name, vocabulary_id FROM tag WHERE name IS NOT {FORM} NORMALIZED"))
    found = []
    for tag_id, name, vocabulary in rows.all():
        fixed = unicodedata.normalize(FORM, name)
        twin = model.Session.execute(sa.text(
            "SELECT id FROM tag WHERE name = :name AND vocabulary_id IS NOT DISTINCT FROM :v"),
            {"name": fixed, "v": vocabulary}).scalar()
        found.append((tag_id, fixed, vocabulary, twin))
    return found


def _tag_datasets(tag_ids: list[str]) -> set[str]:
    return {r for (r,) in model.Session.execute(
        sa.text("SELECT package_id FROM package_tag WHERE tag_id = ANY(:ids)"), {"ids": tag_ids})}


def check(repair: bool = False, progress: Progress = lambda stage, n: None) -> NfcReport:
    """Find (and with ``repair`` rewrite) the stored text not in NFC."""
    report = NfcReport()
    for column in COLUMNS:
        rows = list(_nfd_rows(column))
        if not rows:
            continue
        report.found[column.name.replace('"', "")] += len(rows)
        report.datasets |= _datasets_of(column, [row_id for row_id, _s, _f in rows])
        for n, (row_id, _stored, fixed) in enumerate(rows if repair else (), 1):
            _rewrite(report, f"{column.name} {row_id}", sa.text(
                f"UPDATE {column.table} SET {column.column} = :fixed WHERE id = :id"), {"fixed": fixed, "id": row_id})
            progress(column.name, n)
    tags = _nfd_tags()
    report.tags, report.tag_merges = len(tags), sum(1 for t in tags if t[3])
    report.datasets |= _tag_datasets([t[0] for t in tags]) if tags else set()
    for n, (tag_id, fixed, _vocabulary, twin) in enumerate(tags if repair else (), 1):
        _rewrite(report, f"tag.name {tag_id}", *(_merge(tag_id, twin) if twin else (
            sa.text("UPDATE tag SET name = :fixed WHERE id = :id"), {"fixed": fixed, "id": tag_id})))
        progress("tag.name", n)
    if repair:
        model.Session.commit()
        done, failed = index_check.reindex(sorted(report.datasets), progress)
        report.reindexed = done
        report.failed += failed
    return report


def _merge(tag_id: str, twin: str) -> tuple[Any, dict[str, Any]]:
    """Move the NFD tag's datasets to its NFC twin (a dataset holding both
    keeps one, active if either was), then drop the NFD tag."""
    return sa.text("""
        UPDATE package_tag AS t SET state = 'active'
          FROM package_tag AS d
         WHERE t.tag_id = :twin AND d.tag_id = :tag AND d.package_id = t.package_id AND d.state = 'active';
        DELETE FROM package_tag AS d USING package_tag AS t
         WHERE d.tag_id = :tag AND t.tag_id = :twin AND t.package_id = d.package_id;
        UPDATE package_tag SET tag_id = :twin WHERE tag_id = :tag;
        DELETE FROM tag WHERE id = :tag
    """), {"tag": tag_id, "twin": twin}


def _rewrite(report: NfcReport, what: str, statement: Any, params: dict[str, Any]) -> None:
    try:
        with model.Session.begin_nested():
            model.Session.execute(statement, params)
        report.rewritten += 1
    except sa.exc.DBAPIError as e:
        report.failed.append(f"{what}: {getattr(e.orig, 'pgerror', None) or e}".strip())
