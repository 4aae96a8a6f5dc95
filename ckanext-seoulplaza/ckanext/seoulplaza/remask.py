"""``ckan seoulplaza remask``: today's masking over what is already published.

A harvest fetches only records whose source changed, so a masking fix never
reaches a record published before it. This pass re-runs the current masking
over every published dataset (optionally of one type or organization) the way
the publishing paths do, and writes only what changed:

* the dataset's text — its fields by what each is (``masking.columns.mask_fields``:
  an official's name field keeps names, a place's field its address), and every
  string of its tags, extras and resources as typed text is masked
  (``security.catalogue_text.masked_strings``) — with one ``package_patch``, whose
  activity says why (``MESSAGE``); the dataset's earlier activities keep the old
  text in their copy of the dataset, so they are masked alike;
* its uploaded files: the masked text (``original``) is masked again and its
  published PDF drawn anew from it (``masking.redact_document``), tables by
  column meaning and pattern (``uploads.mask_table``), put in place as the
  harvest does (``harvesters.publish``);
* its DataStore tables, by the fields' meaning (``TableMasker.for_fields``, as
  ``datastore_writes``), the changed rows updated by ``_id``;
* all in one ``package_patch``, which also reindexes the dataset (its search
  text is read from the masked text files, written before it).

Masking cannot be undone, so the pass only adds masks: a value masked by an
older rule stays masked. A record that fails is named in the summary and the
pass goes on; ``--dry-run`` counts what would change and writes nothing.
"""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.uploader import ResourceUpload

from harvesters import publish, staging
from masking import DocumentError, redact_document
from masking.columns import OTHER_THAN_NAMES, TableMasker, field_recognizers, mask_fields, official_names

from . import uploads
from .security import MASKED
from .security.catalogue_text import IDENTIFIERS, masked_strings

log = logging.getLogger(__name__)

MESSAGE = "개인정보 가림 재적용(remask): {report}"
# What package_show adds that is not the dataset's own text: other objects, counts, tracking.
NOT_WRITTEN = frozenset({"organization", "groups", "relationships_as_object", "relationships_as_subject",
                         "num_resources", "num_tags", "tracking_summary"})
PAGE = 10_000  # DataStore rows read and written at a time


@dataclass
class RemaskSummary:
    """Records checked and changed, values newly masked by kind, failures by record."""
    checked: int = 0
    changed: int = 0
    found: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"records checked {self.checked}, changed {self.changed}, newly masked: "
                f"{uploads.report(self.found)}, failures {len(self.failures)}")


def dataset_names(dataset_type: Optional[str] = None, organization: Optional[str] = None) -> list[str]:
    """The names of the active published datasets (harvest sources aside), of
    ``dataset_type`` and of the organization ``organization`` (name or id)
    when given, in name order. :raises tk.ObjectNotFound: no such organization"""
    query = model.Session.query(model.Package.name).filter(model.Package.state == "active",
                                                           model.Package.type != "harvest")
    if dataset_type:
        query = query.filter(model.Package.type == dataset_type)
    if organization:
        group = model.Group.get(organization)
        if group is None or not group.is_organization:
            raise tk.ObjectNotFound(f"organization {organization!r}")
        query = query.filter(model.Package.owner_org == group.id)
    return [row.name for row in query.order_by(model.Package.name)]


def masked_dataset(dataset: dict[str, Any], found: Counter) -> dict[str, Any]:
    """The dataset's own text (top-level strings, tags, extras, resources) as
    the current masking publishes it, as a dict of those keys; what was newly
    masked is counted by kind in ``found``. Its officials' names (``official``)
    are kept in its resources' names too; resource URLs are CKAN's (an upload's
    is made from ids) or were masked when typed, and are left as they are."""
    own = {k: v for k, v in dataset.items() if k not in NOT_WRITTEN and k not in IDENTIFIERS}
    strings = {k: v for k, v in own.items() if isinstance(v, str)}
    masked = dict(own, **mask_fields(strings, found))
    for key in ("tags", "extras"):
        if isinstance(own.get(key), list):
            masked[key] = masked_strings(own[key], found)
    officials = official_names(strings.get(k) for k in strings if field_recognizers(k) is OTHER_THAN_NAMES)
    masked["resources"] = [dict(r, **mask_fields({k: v for k, v in r.items() if isinstance(v, str)
                                                  and k not in IDENTIFIERS and k != "url"}, found, officials))
                           for r in own.get("resources") or []]
    return masked


def _changed(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in after.items() if before.get(k) != v}


def _path(resource: dict[str, Any]) -> Path:
    return Path(ResourceUpload({}).get_path(resource["id"]))


def _stem(resource: dict[str, Any]) -> str:
    return Path(str(resource.get("url") or "").split("?")[0]).stem


def _put(resource: dict[str, Any], data: bytes, suffix: str) -> None:
    resource["staged"] = staging.put(data, suffix)
    publish.place(resource)  # the harvest's own atomic write; sets the size


def _remask_files(dataset: dict[str, Any], resources: list[dict[str, Any]], dry_run: bool, found: Counter) -> None:
    """The uploaded files of ``resources`` (the dataset's, to be written back)
    masked again, unless ``dry_run``; what was found is counted in ``found``.
    :raises ValueError: a file no reader can open (naming the resource)"""
    uploaded = [r for r in resources if r.get("url_type") == "upload" and _path(r).is_file()]
    pdfs = {_stem(r): r for r in uploaded if r.get("resource_role") == "published_pdf"}
    for resource in uploaded:
        data = _path(resource).read_bytes()
        if resource.get("resource_role") == "original":
            try:
                result = redact_document(data, name=f"{resource['id']}.txt", title=dataset.get("title") or "")
            except DocumentError as e:
                raise ValueError(f"resource {resource['id']}: {e.problem}") from None
            if not result.findings:
                continue
            found.update(f.kind for f in result.findings)
            if not dry_run:
                _put(resource, result.text.encode("utf-8"), "txt")
                if _stem(resource) in pdfs:
                    _put(pdfs[_stem(resource)], result.pdf, "pdf")
        elif uploads.table_kind(resource.get("format") or "", str(resource.get("url") or "")):
            masked, table_found = uploads.mask_table(data, resource.get("format") or "", str(resource.get("url")))
            if masked != data and table_found:
                found.update(table_found)
                if not dry_run:
                    _put(resource, masked, uploads.table_kind(resource.get("format") or "", str(resource.get("url"))))


def _remask_table(context: dict[str, Any], resource_id: str, dry_run: bool, found: Counter) -> int:
    """The resource's DataStore rows masked again by the fields' meaning;
    the number of rows changed (updated by ``_id`` unless ``dry_run``)."""
    fields = tk.get_action("datastore_info")(dict(context), {"id": resource_id})["fields"]
    masker, rows_changed, offset = TableMasker.for_fields(fields), 0, 0
    while True:
        page = tk.get_action("datastore_search")(dict(context), {"resource_id": resource_id, "limit": PAGE,
                                                                 "offset": offset, "sort": "_id"})["records"]
        changed = []
        for record in page:
            before = Counter(masker.found)
            masked = masker.mask_record(record)
            if masked != record:
                found.update(masker.found - before)
                changed.append(masked)
        if changed and not dry_run:
            tk.get_action("datastore_upsert")({**context, MASKED: True}, {
                "resource_id": resource_id, "force": True, "method": "update", "records": changed})
        rows_changed += len(changed)
        if len(page) < PAGE:
            return rows_changed
        offset += PAGE


def _remask_activities(package_id: str) -> None:
    """The dataset's earlier activities hold a copy of it as it was: masked alike."""
    from ckanext.activity.model import Activity

    for activity in model.Session.query(Activity).filter(Activity.object_id == package_id):
        copy = (activity.data or {}).get("package")
        if isinstance(copy, dict):
            masked = dict(copy, **masked_dataset(copy, Counter()))
            if masked != copy:
                activity.data = dict(activity.data, package=masked)
    model.Session.commit()


def _note_activity(package_id: str, message: str) -> None:
    """Say on the dataset's newest activity (the remask's update) why it changed."""
    from ckanext.activity.model import Activity

    newest = model.Session.query(Activity).filter(Activity.object_id == package_id) \
        .order_by(Activity.timestamp.desc()).first()
    if newest is not None:
        newest.data = dict(newest.data or {}, message=message)
        model.Session.commit()


def remask_dataset(context: dict[str, Any], name: str, dry_run: bool = False) -> Counter:
    """Re-mask one dataset (see the module's docstring); what was newly
    masked by kind (empty: nothing changed)."""
    dataset = tk.get_action("package_show")(dict(context), {"id": name})
    package_id = dataset["id"]
    found: Counter = Counter()
    masked = masked_dataset(dataset, found)
    resources = masked.get("resources") or []
    _remask_files(dataset, resources, dry_run, found)
    rows = sum(_remask_table(context, r["id"], dry_run, found) for r in resources if r.get("datastore_active"))
    if not found or dry_run:
        return found
    # one update (and so one activity and the reindex, which reads the files) for all of it
    tk.get_action("package_patch")({**context, MASKED: True},
                                   dict(_changed(dataset, masked), id=package_id, resources=resources))
    _note_activity(package_id, MESSAGE.format(report=uploads.report(found)))
    _remask_activities(package_id)
    log.info("remask %s: %s (%d DataStore rows)", dataset.get("name"), uploads.report(found), rows)
    return found


def remask(context: dict[str, Any], names: list[str], dry_run: bool = False,
           progress: Optional[Callable[[int, int], None]] = None) -> RemaskSummary:
    """Re-mask the datasets ``names``; a record that fails is named in the
    summary's failures with its problem and the pass goes on."""
    summary = RemaskSummary()
    for i, name in enumerate(names, 1):
        try:
            found = remask_dataset(context, name, dry_run)
        except Exception as e:  # one bad record must not stop the pass; it is named with its problem
            model.Session.rollback()
            summary.failures.append(f"{name}: {e}")
            log.exception("remask %s failed", name)
            found = Counter()
        summary.checked += 1
        summary.changed += bool(found)
        summary.found.update(found)
        if progress:
            progress(i, len(names))
    return summary

