"""Differences between the catalogue in the database and the search index,
and their repair (``ckan seoulplaza search-index check [--repair]``).

CKAN indexes a dataset as it is written; a write that bypasses CKAN (ckanext-
harvest's ``harvest_source_clear`` deletes datasets in SQL and then deletes
their documents by a query on ``harvest_source_id``), a crash between the two,
an index restored from another day or a document built before the harvest
source was known leaves the two apart. Compared, per dataset of this site:

* **missing**: a dataset CKAN indexes (every one but the deleted, when
  ``ckan.search.remove_deleted_packages``) without a document;
* **stale**: a document whose ``metadata_modified``, ``state``, ``capacity``
  (public/private), ``organization`` (its name) or ``dataset_type`` differs from the
  dataset's, or whose ``harvest_source_id`` is not the source of the
  dataset's current harvest object (so clearing that source would miss it);
* **orphaned**: a document with no such dataset (purged, or deleted while
  deleted datasets are not indexed): search lists it, its page is a 404.

Only stored fields are read (``harvest_source_id`` is indexed but not stored
by Solr's catch-all field, so it is compared by one query per source), the
same on both search backends. Repair reindexes missing and stale datasets
and deletes orphaned documents, each on its own: a dataset that fails is
named in ``failed`` and the rest go on.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Optional

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import logic, model
from ckan.lib import search

Progress = Callable[[str, int], None]  # (stage, items done so far)
PAGE = 1000
COMPARED = ("metadata_modified", "state", "capacity", "organization", "dataset_type")  # stored by Solr
SOURCE_FIELD = "harvest_source_id"


def _moment(value: Any) -> str:
    """A date as both backends store it: UTC to the millisecond."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo:
        value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return value.isoformat(timespec="milliseconds")


@dataclass
class IndexReport:
    """``datasets`` the index should hold and ``documents`` it holds (this
    site's); dataset ids ``missing``, ``stale`` (id → what differs) and
    ``orphaned`` (ids of documents without a dataset); after a repair,
    ``repaired`` and ``failed`` (``"<id>: <problem>"``)."""
    datasets: int = 0
    documents: int = 0
    missing: list[str] = field(default_factory=list)
    stale: dict[str, str] = field(default_factory=dict)
    orphaned: list[str] = field(default_factory=list)
    repaired: int = 0
    failed: list[str] = field(default_factory=list)

    @property
    def differences(self) -> int:
        return len(self.missing) + len(self.stale) + len(self.orphaned)

    def line(self) -> str:
        done = f"; repaired {self.repaired}, failed {len(self.failed)}" if self.repaired or self.failed else ""
        return (f"datasets {self.datasets}, index documents {self.documents}: missing {len(self.missing)}, "
                f"stale {len(self.stale)}, orphaned {len(self.orphaned)}{done}")


def _site_filter() -> str:
    return f'+site_id:"{tk.config.get("ckan.site_id")}"'


def _documents(fq: str, fl: str, progress: Progress, stage: str) -> Iterator[dict[str, Any]]:
    """Every document of this site matching ``fq``, in id order, a page at a
    time (keyset paging on ``id``: no deep offsets on either backend)."""
    connection = search.make_connection(decode_dates=False)  # the stored milliseconds
    after: Optional[str] = None
    seen = 0
    while True:
        page_fq = [_site_filter(), fq] + ([f'+id:{{"{after}" TO *]'] if after else [])
        docs = connection.search(q="*:*", fq=[f for f in page_fq if f], fl=fl, sort="id asc", rows=PAGE).docs
        yield from docs
        seen += len(docs)
        progress(stage, seen)
        if len(docs) < PAGE:
            return
        after = docs[-1]["id"]


def _datasets() -> dict[str, dict[str, Any]]:
    """What the index should say of each dataset CKAN indexes."""
    packages = (model.Session.query(model.Package.id, model.Package.metadata_modified, model.Package.state,
                                    model.Package.private, model.Group.name, model.Package.type)
                .outerjoin(model.Group, model.Group.id == model.Package.owner_org))
    if tk.config.get("ckan.search.remove_deleted_packages"):
        packages = packages.filter(model.Package.state != "deleted")
    expected = {id_: {"metadata_modified": _moment(modified), "state": state,
                      "capacity": "private" if private else "public", "organization": organization,
                      "dataset_type": type_, SOURCE_FIELD: None}
                for id_, modified, state, private, organization, type_ in packages}
    for package_id, source_id in _harvest_sources():
        if package_id in expected:
            expected[package_id][SOURCE_FIELD] = source_id
    return expected


def _harvest_sources() -> list[tuple[str, str]]:
    """(dataset id, harvest source id) of every current harvest object, as
    ckanext-harvest's ``before_dataset_index`` adds them; none without its tables."""
    if not sa.inspect(model.Session.get_bind()).has_table("harvest_object"):
        return []
    return model.Session.execute(sa.text(
        "SELECT package_id, harvest_source_id FROM harvest_object "
        "WHERE current AND package_id IS NOT NULL")).all()


def check(progress: Progress = lambda stage, n: None) -> IndexReport:
    """Compare the database with the search index; changes nothing."""
    expected = _datasets()
    report = IndexReport(datasets=len(expected))
    indexed_source: dict[str, str] = {}
    sources = {s for d in expected.values() if (s := d[SOURCE_FIELD])}
    for source_id in sorted(sources):
        for doc in _documents(f'+{SOURCE_FIELD}:"{source_id}"', "id", progress, "harvest sources"):
            indexed_source[doc["id"]] = source_id
    for doc in _documents(f"+{SOURCE_FIELD}:*", "id", progress, "harvest sources"):
        indexed_source.setdefault(doc["id"], "(a source that no longer exists)")
    seen = set()
    for doc in _documents("", "id," + ",".join(COMPARED), progress, "documents"):
        report.documents += 1
        seen.add(doc["id"])
        want = expected.get(doc["id"])
        if want is None:
            report.orphaned.append(doc["id"])
            continue
        got = {name: doc.get(name) for name in COMPARED}
        got["metadata_modified"] = _moment(got["metadata_modified"]) if got["metadata_modified"] else None
        got[SOURCE_FIELD] = indexed_source.get(doc["id"])
        differs = [f"{name} {got[name]!r} ≠ {value!r}" for name, value in want.items() if got.get(name) != value]
        if differs:
            report.stale[doc["id"]] = "; ".join(differs)
    report.missing = sorted(set(expected) - seen)
    return report


def reindex(package_ids: list[str], progress: Progress = lambda stage, n: None) -> tuple[int, list[str]]:
    """Index each dataset anew from the database (not from objects the
    session holds: CKAN's does not expire them on commit, and a repair writes
    past them); returns how many were, and ``"<id>: <problem>"`` for each
    that failed (the rest go on)."""
    model.Session.expire_all()
    index = search.index_for(model.Package)
    context = {"ignore_auth": True, "validate": False, "use_cache": False}
    done, failed = 0, []
    for n, package_id in enumerate(package_ids, 1):
        try:
            index.update_dict(logic.get_action("package_show")(dict(context), {"id": package_id}))
            done += 1
        except Exception as e:  # noqa: BLE001 - a batch goes on past a bad record, naming it
            model.Session.rollback()
            failed.append(f"{package_id}: {e}")
        progress("reindexed", n)
    search.commit()
    return done, failed


def repair(report: IndexReport, progress: Progress = lambda stage, n: None) -> IndexReport:
    """Reindex the missing and stale datasets, delete the orphaned documents
    (by CKAN's own delete query); one failure is named and the rest go on."""
    report.repaired, report.failed = reindex(report.missing + list(report.stale), progress)
    index = search.index_for(model.Package)
    for n, package_id in enumerate(report.orphaned, 1):
        try:
            index.delete_package({"id": package_id})
            report.repaired += 1
        except search.SearchIndexError as e:
            report.failed.append(f"{package_id}: {e}")
        progress("deleted", n)
    search.commit()
    return report
