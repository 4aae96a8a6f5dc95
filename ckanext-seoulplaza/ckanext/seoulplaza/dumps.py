"""Whole-type downloads: every public record of an information type as CSV
(one row per record, the type's fields as columns) and as JSON Lines (the
full package_show of each), written by a background job into storage, never
built inside a request that could time out.

The records are read through package_search with no user, as an anonymous
visitor: a private or draft record cannot get into a dump.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any, Callable, Optional

import ckan.plugins.toolkit as tk
from ckanext.scheming.helpers import scheming_dataset_schemas, scheming_get_dataset_schema

FORMATS = ("csv", "jsonl")
PAGE = 500
Progress = Callable[[int], None]  # records written so far


def folder() -> Path:
    path = Path(tk.config["ckan.storage_path"]) / "seoulplaza" / "dumps"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _columns(dataset_type: str) -> list[str]:
    fields = [f["field_name"] for f in scheming_get_dataset_schema(dataset_type)["dataset_fields"]]
    fields = ["tags" if f == "tag_string" else f for f in fields]
    return ["id", *fields, "url", "metadata_modified", "resources"]


def _cell(record: dict[str, Any], column: str) -> str:
    if column == "url":
        return tk.url_for(f"{record['type']}.read", id=record["name"], qualified=True)
    if column == "tags":
        return ", ".join(t["name"] for t in record.get("tags", []))
    if column == "owner_org":
        return (record.get("organization") or {}).get("title", "")
    if column == "resources":
        return " ".join(r.get("url", "") for r in record.get("resources", []))
    value = record.get(column)
    return "" if value is None else str(value)


def _records(dataset_type: str):
    start = 0
    while True:
        found = tk.get_action("package_search")({"ignore_auth": False, "user": ""}, {
            "fq": f"dataset_type:{dataset_type}", "rows": PAGE, "start": start, "sort": "id asc"})
        yield from found["results"]
        start += PAGE
        if start >= found["count"]:
            return


def write_type_dump(dataset_type: str, progress: Optional[Progress] = None) -> dict[str, Any]:
    """Write ``<type>.csv``, ``<type>.jsonl`` and ``<type>.json`` (the manifest);
    each file appears whole or not at all (written aside, then renamed)."""
    if scheming_get_dataset_schema(dataset_type) is None:
        raise ValueError(f"unknown information type {dataset_type!r}")
    out = folder()
    columns = _columns(dataset_type)
    partial = {fmt: out / f"{dataset_type}.{fmt}.partial" for fmt in FORMATS}
    count = 0
    with partial["csv"].open("w", encoding="utf-8-sig", newline="") as csv_file, \
            partial["jsonl"].open("w", encoding="utf-8") as jsonl_file:
        writer = csv.writer(csv_file)
        writer.writerow(columns)
        for record in _records(dataset_type):
            writer.writerow([_cell(record, c) for c in columns])
            jsonl_file.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
            if progress and count % PAGE == 0:
                progress(count)
    for fmt, path in partial.items():
        path.replace(out / f"{dataset_type}.{fmt}")
    manifest = {"type": dataset_type, "records": count,
                "generated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "files": {fmt: (out / f"{dataset_type}.{fmt}").stat().st_size for fmt in FORMATS}}
    (out / f"{dataset_type}.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return manifest


def enqueue(types: list[str]) -> list[str]:
    """One background job per type (the jobs worker runs them); returns the job ids."""
    return [tk.enqueue_job(write_type_dump, [t], title=f"seoulplaza dump {t}", rq_kwargs={"timeout": 6 * 3600}).id
            for t in types]


def all_types() -> list[str]:
    return list(scheming_dataset_schemas() or {})


def manifests() -> list[dict[str, Any]]:
    """The dumps on disk, in the types' order."""
    out, found = folder(), []
    for dataset_type in all_types():
        path = out / f"{dataset_type}.json"
        if path.exists():
            found.append(json.loads(path.read_text(encoding="utf-8")))
    return found
