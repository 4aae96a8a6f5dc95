"""Whole-type downloads: every public record of an information type as CSV
(one row per record, the type's fields as columns, headed by their Korean
labels, values as people read them: the ground for withholding in words,
times in Seoul's) and as JSON Lines (the full package_show of each, as the
API gives it, romanised ids included), written by a background job into
storage, never built inside a request that could time out.

The records are read through package_search with no user, as an anonymous
visitor: a private or draft record cannot get into a dump.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any, Callable, Optional
from zoneinfo import ZoneInfo

import ckan.plugins.toolkit as tk
from ckanext.scheming.helpers import scheming_dataset_schemas, scheming_get_dataset_schema

from .labels import ground_in_words

FORMATS = ("csv", "jsonl")
PAGE = 500
Progress = Callable[[int], None]  # records written so far
SEOUL = ZoneInfo("Asia/Seoul")
# The columns every dump has besides the type's fields, with their Korean headers.
EXTRA_HEADERS = {"id": "ID", "name": "주소용 이름", "tags": "키워드", "url": "기록 주소",
                 "metadata_modified": "최종 수정 (서울 시각)", "resources": "파일 주소"}


def folder() -> Path:
    path = Path(tk.config["ckan.storage_path"]) / "seoulplaza" / "dumps"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _fields(dataset_type: str) -> dict[str, dict[str, Any]]:
    """The type's fields by column name (``tag_string`` is the column ``tags``)."""
    fields = scheming_get_dataset_schema(dataset_type)["dataset_fields"]
    return {("tags" if f["field_name"] == "tag_string" else f["field_name"]): f for f in fields}


def _columns(dataset_type: str) -> list[str]:
    return ["id", *_fields(dataset_type), "url", "metadata_modified", "resources"]


def _headers(dataset_type: str) -> list[str]:
    """The CSV's header row: each field's Korean label (키워드, 생산일자 …)."""
    fields = _fields(dataset_type)

    def korean(label: Any, fallback: str) -> str:
        return (label.get("ko_KR") or label.get("en") or fallback) if isinstance(label, dict) else str(label or fallback)

    return [EXTRA_HEADERS.get(c) or korean(fields.get(c, {}).get("label"), c) for c in _columns(dataset_type)]


def seoul_time(value: Optional[str]) -> str:
    """CKAN's UTC timestamp (``2026-11-29T09:30:00.123456``, no zone) as Seoul's
    local time ``2026-11-29 18:30:00``; "" for none."""
    if not value:
        return ""
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(SEOUL).strftime("%Y-%m-%d %H:%M:%S")


def _choice_label(field: dict[str, Any], value: str) -> str:
    for choice in field.get("choices") or []:
        if choice["value"] == value:
            label = choice.get("label", value)
            return label.get("ko_KR", value) if isinstance(label, dict) else str(label)
    return value


def _cell(record: dict[str, Any], column: str, field: Optional[dict[str, Any]] = None) -> str:
    if column == "url":
        return tk.url_for(f"{record['type']}.read", id=record["name"], qualified=True)
    if column == "tags":
        return ", ".join(t["name"] for t in record.get("tags", []))
    if column == "owner_org":
        return (record.get("organization") or {}).get("title", "")
    if column == "resources":
        return " ".join(r.get("url", "") for r in record.get("resources", []))
    if column == "metadata_modified":
        return seoul_time(record.get(column))
    if column == "nondisclosure_ground":
        return ground_in_words(record.get(column))
    value = record.get(column)
    if value is None:
        return ""
    return _choice_label(field, str(value)) if field else str(value)


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
    columns, fields = _columns(dataset_type), _fields(dataset_type)
    partial = {fmt: out / f"{dataset_type}.{fmt}.partial" for fmt in FORMATS}
    count = 0
    with partial["csv"].open("w", encoding="utf-8-sig", newline="") as csv_file, \
            partial["jsonl"].open("w", encoding="utf-8") as jsonl_file:
        writer = csv.writer(csv_file)
        writer.writerow(_headers(dataset_type))
        for record in _records(dataset_type):
            writer.writerow([_cell(record, c, fields.get(c)) for c in columns])
            jsonl_file.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
            if progress and count % PAGE == 0:
                progress(count)
    for fmt, path in partial.items():
        path.replace(out / f"{dataset_type}.{fmt}")
    manifest = {"type": dataset_type, "records": count,
                "generated_at": dt.datetime.now(SEOUL).isoformat(timespec="seconds"),
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
