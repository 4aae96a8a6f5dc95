"""The harvester every source system shares (ckanext-harvest gather → fetch → import).

* gather lists what changed at the source since the last successful run (and
  what failed since), skipping records whose modification time the plaza
  already holds, so a killed run's re-run only does the rest;
* fetch downloads the record and its files and passes everything through
  ``masking`` — metadata text, documents (→ published PDF and masked text),
  table cells — before anything is stored: the harvest object keeps only the
  masked record, the masked files wait in a content-addressed staging folder;
* import maps the record to its information type and writes the dataset in
  one call, with its files already in place; tables go to the DataStore.

A system's harvester only names its system and the record kinds it exports.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any, Optional

import requests
import sqlalchemy as sa
import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.uploader import ResourceUpload
from ckanext.harvest.harvesters.base import HarvesterBase
from ckanext.harvest.model import HarvestGatherError, HarvestJob, HarvestObject, HarvestObjectExtra

from ckanext.seoulplaza.agencies import AgencyRegister
from ckanext.seoulplaza.demo import site_context
from ckanext.seoulplaza.nfc import normalized
from ckanext.seoulplaza.security import outbound

from . import disclosure, optional_fields, publish
from .mapping import MAPPERS

log = logging.getLogger(__name__)

PAGE_SIZE = 200
TIMEOUT = 30
CLOCK_MARGIN = dt.timedelta(minutes=5)  # source and plaza clocks differ; a re-listed unchanged record costs little
INTERRUPTED = "interrupted: the run stopped before this record was imported"


class SourceError(Exception):
    """The source system did not answer as its export promises."""


class SeoulPlazaHarvester(HarvesterBase):
    system = ""        # the source system's name, as the schemas' source_system choice
    name = ""          # harvest source type
    title = ""
    description = ""
    kinds: frozenset[str] = frozenset()  # the record kinds this system exports
    gathered: dict[str, int] = {}  # per job id: records listed but unchanged (for the run summary)
    forced: frozenset[str] = frozenset()  # guids to fetch again even if unchanged (opening due records)

    def info(self) -> dict[str, str]:
        return {"name": self.name, "title": self.title, "description": self.description}

    def validate_config(self, config: Optional[str]) -> Optional[str]:
        return config or ""

    # gather -------------------------------------------------------------------
    def gather_stage(self, harvest_job: HarvestJob) -> list[str]:
        source = harvest_job.source
        since = changed_since(source.id, harvest_job.id)
        lost = guids_with_lost_files(source.id)
        held = {guid: version for guid, version in current_versions(source.id).items() if guid not in lost}
        unchanged, ids = 0, []
        try:
            entries = list(self._listing(source.url, since))
            entries += [self._entry(source.url, guid) for guid in (self.forced | lost) - {e["id"] for e in entries}]
        except SourceError as e:
            self._save_gather_error(f"{self.system} ({source.url}): {e}", harvest_job)
            return []
        for entry in entries:
            if held.get(entry["id"]) == entry["modified_at"] and not entry["withdrawn"] \
                    and entry["id"] not in self.forced:
                unchanged += 1
                continue
            if entry["withdrawn"] and entry["id"] not in held:
                continue  # never published here: nothing to withdraw
            obj = HarvestObject(guid=entry["id"], job=harvest_job, content=json.dumps({"entry": entry}),
                                extras=[HarvestObjectExtra(key="source_modified", value=entry["modified_at"]),
                                        HarvestObjectExtra(key="status",
                                                           value="delete" if entry["withdrawn"] else "change")])
            obj.save()
            ids.append(obj.id)
        self.gathered = {**self.gathered, harvest_job.id: unchanged}
        log.info("%s: %d listed since %s, %d unchanged, %d to fetch", self.system, len(entries), since,
                 unchanged, len(ids))
        return ids

    def _listing(self, base_url: str, since: Optional[str]):
        url: Optional[str] = f"{base_url.rstrip('/')}/api/records"
        params: Optional[dict[str, Any]] = {"per_page": PAGE_SIZE, **({"modified_since": since} if since else {})}
        while url:
            page = self._get_json(url, params)
            yield from page["records"]
            url, params = page.get("next"), None

    def _entry(self, base_url: str, guid: str) -> dict[str, Any]:
        """A listing entry for one record, from its detail (a withdrawn one is gone: 404)."""
        try:
            record = self._get_json(f"{base_url.rstrip('/')}/api/records/{guid}")
        except LookupError:
            return {"id": guid, "kind": None, "modified_at": "", "withdrawn": True}
        return {"id": guid, "kind": record["kind"], "modified_at": record["modified_at"], "withdrawn": False}

    def _get(self, url: str, params: Optional[dict] = None) -> requests.Response:
        """GET under the outbound policy: this system's own configured address,
        else public addresses only (a source's export may name any URL)."""
        try:
            response = outbound.fetch(url, trusted=outbound.trusted_for(self.name, url), params=params,
                                      timeout=TIMEOUT)
        except requests.RequestException as e:
            raise SourceError(f"cannot reach {outbound.fetch_error(url, e)}") from e
        if response.status_code == 404:
            raise LookupError(url)
        if not response.ok:
            raise SourceError(f"{url} answered HTTP {response.status_code}")
        return response

    def _get_json(self, url: str, params: Optional[dict] = None) -> dict[str, Any]:
        try:
            return normalized(self._get(url, params).json())  # text in NFC, as from every way in
        except ValueError as e:
            raise SourceError(f"{url} did not return JSON") from e

    # fetch --------------------------------------------------------------------
    def fetch_stage(self, harvest_object: HarvestObject) -> bool:
        content = json.loads(harvest_object.content)
        entry = content["entry"]
        if entry["withdrawn"]:
            return True
        label = f"{self.system} record {entry['id']}"
        try:
            record = self._get_json(f"{harvest_object.source.url.rstrip('/')}/api/records/{entry['id']}")
            masked = disclosure.mask_record(record, self._get)
        except LookupError:
            harvest_object.content = json.dumps({"entry": dict(entry, withdrawn=True)})
            harvest_object.extras = [HarvestObjectExtra(key="status", value="delete"),
                                     HarvestObjectExtra(key="source_modified", value=entry["modified_at"])]
            harvest_object.save()
            return True
        except (SourceError, disclosure.RecordError) as e:
            self._save_object_error(f"{label}: {e}", harvest_object, "Fetch")
            return False
        harvest_object.content = json.dumps({"entry": entry, **masked}, ensure_ascii=False)
        harvest_object.save()
        return True

    # import -------------------------------------------------------------------
    def import_stage(self, harvest_object: HarvestObject) -> bool | str:
        content = json.loads(harvest_object.content)
        entry = content["entry"]
        label = f"{self.system} record {entry['id']}"
        previous = (model.Session.query(HarvestObject)
                    .filter(HarvestObject.guid == harvest_object.guid, HarvestObject.current == True,  # noqa: E712
                            HarvestObject.harvest_source_id == harvest_object.harvest_source_id).first())
        context = site_context()
        if entry["withdrawn"]:
            if previous and previous.package_id:
                publish.withdraw(context, previous.package_id)
                harvest_object.package_id = previous.package_id
                previous.current = False
                previous.save()
            harvest_object.current = False
            harvest_object.save()
            return True
        kind = content["record"]["kind"]
        if kind not in self.kinds:
            self._save_object_error(f"{label}: record kind {kind!r} is not one {self.system} exports",
                                    harvest_object, "Import")
            return False
        try:
            mapped = MAPPERS[kind](entry["id"], content["record"]["fields"], AgencyRegister(context))
        except ValueError as e:
            self._save_object_error(f"{label}: {e}", harvest_object, "Import")
            return False
        dataset = publish.dataset_dict(entry["id"], self.system, content, mapped)

        def link(package_id: str) -> None:
            """Make this object the dataset's current one before CKAN indexes
            it, as ckanext-harvest's own harvesters do (the foreign key is
            deferred until the dataset exists); a failed write rolls it back."""
            if previous and previous.id != harvest_object.id:
                previous.current = False
                model.Session.add(previous)
            harvest_object.package_id, harvest_object.current = package_id, True
            model.Session.add(harvest_object)
            model.Session.execute(sa.text("SET CONSTRAINTS harvest_object_package_id_fkey DEFERRED"))
            model.Session.flush()

        try:
            package_id, warnings = publish.save(context, dataset, content, previous.package_id if previous else None,
                                                link)
        except tk.ValidationError as e:
            model.Session.rollback()
            self._save_object_error(f"{label} ({dataset['name']}): {e.error_summary}", harvest_object, "Import")
            return False
        except publish.PublishError as e:
            self._save_object_error(f"{label} ({dataset['name']}): {e}", harvest_object, "Import")
            return False
        optional_fields.record(harvest_object, warnings, f"{label} ({dataset['name']})")
        harvest_object.package_id, harvest_object.current = package_id, True  # as linked, after any rollback
        harvest_object.save()
        return True


def changed_since(source_id: str, this_job_id: str) -> Optional[str]:
    """Where the listing starts: the last run that finished without a gather
    error (an interrupted run records one), moved back to the earliest change
    of any record that failed since, so failures are retried."""
    finished = (model.Session.query(HarvestJob)
                .filter(HarvestJob.source_id == source_id, HarvestJob.status == "Finished",
                        HarvestJob.id != this_job_id, HarvestJob.gather_started != None)  # noqa: E711
                .order_by(HarvestJob.gather_started.desc()))
    last_good = next((job for job in finished
                      if not model.Session.query(HarvestGatherError).filter_by(harvest_job_id=job.id).count()), None)
    if last_good is None:
        return None
    since = (last_good.gather_started - CLOCK_MARGIN).replace(tzinfo=dt.timezone.utc).isoformat()
    failed = (model.Session.query(HarvestObject)
              .filter(HarvestObject.harvest_source_id == source_id, HarvestObject.state == "ERROR"))
    held = current_versions(source_id)
    for obj in failed:
        modified = json.loads(obj.content or "{}").get("entry", {}).get("modified_at")
        if modified and held.get(obj.guid, "") < modified:  # not since published in a newer version
            since = min(since, modified)
    return since


def guids_with_lost_files(source_id: str) -> set[str]:
    """Published records whose uploaded files are not in storage (a new
    storage folder over an existing database, a restored backup): they are
    fetched again, so a run repairs them instead of counting them unchanged."""
    rows = (model.Session.query(HarvestObject.guid, model.Resource.id)
            .join(model.Resource, model.Resource.package_id == HarvestObject.package_id)
            .filter(HarvestObject.harvest_source_id == source_id, HarvestObject.current == True,  # noqa: E712
                    model.Resource.state == "active", model.Resource.url_type == "upload"))
    return {guid for guid, resource_id in rows if not Path(ResourceUpload({}).get_path(resource_id)).exists()}


def current_versions(source_id: str) -> dict[str, str]:
    """guid → the source modification time of the version the plaza publishes
    whole (a current object whose import failed half-way, e.g. its table, is
    fetched again)."""
    rows = (model.Session.query(HarvestObject.guid, HarvestObjectExtra.value)
            .join(HarvestObjectExtra, HarvestObjectExtra.harvest_object_id == HarvestObject.id)
            .filter(HarvestObject.harvest_source_id == source_id, HarvestObject.current == True,  # noqa: E712
                    HarvestObject.state == "COMPLETE", HarvestObjectExtra.key == "source_modified"))
    return dict(rows)
