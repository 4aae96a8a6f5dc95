"""Running harvests from the command line, in process: every source's gather,
fetch and import with progress, then a summary with counts. The same stages
the gather/fetch consumers run in production (``ckan harvester run``)."""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import ckan.plugins.toolkit as tk
from ckan import model
from sqlalchemy.orm import aliased
from ckanext.harvest import queue
from ckanext.harvest.model import HarvestGatherError, HarvestJob, HarvestObject, HarvestObjectError

from ckanext.seoulplaza.agencies import SEOUL, agency_name
from ckanext.seoulplaza.demo import site_context

from . import optional_fields
from .base import INTERRUPTED
from .systems import HARVESTERS

Progress = Callable[[int, int], None]
OUTCOMES = {"added": "created", "updated": "updated", "deleted": "withdrawn", "errored": "errors",
            "not modified": "unchanged"}


@dataclass
class RunSummary:
    source: str
    fetched: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # records published without a malformed optional field
    findings: Counter = field(default_factory=Counter)
    interrupted: int = 0

    def add(self, outcome: str) -> None:
        if outcome != "errors":
            setattr(self, outcome, getattr(self, outcome) + 1)

    def line(self) -> str:
        found = ", ".join(f"{kind} {n}" for kind, n in self.findings.most_common()) or "none"
        resumed = f"; resumed after an interrupted run ({self.interrupted} records left over)" \
            if self.interrupted else ""
        return (f"{self.source}: fetched {self.fetched}, created {self.created}, updated {self.updated}, "
                f"unchanged {self.unchanged}, withdrawn {self.withdrawn}, errors {len(self.errors)}, "
                f"warnings {len(self.warnings)}; "
                f"masked: {found}{resumed}")


def source_name(harvester_name: str) -> str:
    return harvester_name.replace("_", "-")


def ensure_sources(urls: dict[str, str]) -> list[str]:
    """One harvest source per system (harvester name → stand-in URL), created
    or pointed at ``urls``; returns their names."""
    context = site_context()
    names = []
    for harvester in HARVESTERS:
        url = urls.get(harvester.name)
        if not url:
            continue
        wanted = {"name": source_name(harvester.name), "title": harvester.title, "url": url,
                  "source_type": harvester.name, "frequency": "DAILY", "notes": harvester.description,
                  "owner_org": agency_name(SEOUL)}
        try:
            existing = tk.get_action("harvest_source_show")(dict(context), {"id": wanted["name"]})
        except tk.ObjectNotFound:
            tk.get_action("harvest_source_create")(dict(context), wanted)
        else:
            if existing["url"] != url or not existing.get("private"):  # sources are private (security/)
                tk.get_action("harvest_source_update")(dict(context), dict(existing, **wanted))
        names.append(wanted["name"])
    return names


def close_interrupted(source_id: str) -> int:
    """A run killed mid-way leaves its job Running and some objects unfinished:
    record that (the job is then not a successful run) and close it. Returns
    how many records it left; the next gather lists them again."""
    left = 0
    for job in model.Session.query(HarvestJob).filter(HarvestJob.source_id == source_id,
                                                       HarvestJob.status.in_(("Running", "New"))):
        unfinished = (model.Session.query(HarvestObject)
                      .filter(HarvestObject.harvest_job_id == job.id,
                              HarvestObject.state.in_(("WAITING", "FETCH", "IMPORT"))).all())
        for obj in unfinished:
            obj.state, obj.report_status = "ERROR", "errored"
            model.Session.add(HarvestObjectError(object=obj, message=INTERRUPTED, stage="Import"))
        model.Session.add(HarvestGatherError(job=job, message=f"{INTERRUPTED} ({len(unfinished)} records left)"))
        job.status, job.finished = "Finished", dt.datetime.utcnow()
        left += len(unfinished)
    model.Session.commit()
    return left


def run_source(name: str, progress: Progress = lambda i, n: None, force: Iterable[str] = ()) -> RunSummary:
    context = site_context()
    source = tk.get_action("harvest_source_show")(dict(context), {"id": name})
    harvester = queue.get_harvester(source["source_type"])
    if harvester is None:
        raise RuntimeError(f"no harvester {source['source_type']!r} is enabled (ckan.plugins)")
    summary = RunSummary(name, interrupted=close_interrupted(source["id"]))
    job_dict = tk.get_action("harvest_job_create")(dict(context), {"source_id": source["id"], "run": False})
    job = HarvestJob.get(job_dict["id"])
    job.status = "Running"
    job.save()
    harvester.forced = frozenset(force)
    try:
        ids = queue.gather_stage(harvester, job) or []
    finally:
        harvester.forced = frozenset()
    summary.unchanged = harvester.gathered.pop(job.id, 0)
    summary.errors += [e.message for e in model.Session.query(HarvestGatherError).filter_by(harvest_job_id=job.id)]
    for i, obj_id in enumerate(ids, 1):
        obj = HarvestObject.get(obj_id)
        queue.fetch_and_import_stages(harvester, obj)
        content = json.loads(obj.content or "{}")
        if not content.get("entry", {}).get("withdrawn"):
            summary.fetched += 1
        summary.findings.update(content.get("findings", {}))
        summary.add(OUTCOMES.get(obj.report_status, "errors"))
        for problem in obj.errors:
            (summary.warnings if optional_fields.is_warning(problem) else summary.errors).append(problem.message)
        progress(i, len(ids))
    tk.get_action("harvest_jobs_run")(dict(context), {"source_id": source["id"]})
    return summary


def due_for_opening(today: dt.date | None = None) -> dict[str, list[str]]:
    """Harvest source id → guids of records published as 부분공개/비공개 whose
    planned disclosure date has come."""
    today_text = (today or dt.date.today()).isoformat()
    planned, klass = aliased(model.PackageExtra), aliased(model.PackageExtra)
    package = model.Package
    due = (model.Session.query(HarvestObject.harvest_source_id, HarvestObject.guid)
           .join(package, package.id == HarvestObject.package_id)
           .join(planned, (planned.package_id == package.id) & (planned.key == "disclosure_date"))
           .join(klass, (klass.package_id == package.id) & (klass.key == "disclosure_class"))
           .filter(HarvestObject.current == True, package.state == "active",  # noqa: E712
                   planned.value != "", planned.value <= today_text, klass.value != "공개"))
    found: dict[str, list[str]] = {}
    for source_id, guid in due:
        found.setdefault(source_id, []).append(guid)
    return found


def open_due(progress: Progress = lambda i, n: None, today: dt.date | None = None) -> list[RunSummary]:
    """The scheduled opening: fetch due records again, which publishes them as 공개."""
    summaries = []
    for source_id, guids in due_for_opening(today).items():
        summaries.append(run_source(source_id, progress, force=guids))
    return summaries
