"""Writing a harvested record into the catalogue: the dataset with its masked
files as upload resources, its table in the DataStore, or its withdrawal.

Resource ids are derived from the source id, so files are put in place before
the one package_create/update that makes them visible, and a re-run after a
crash overwrites the same files instead of leaving orphans or duplicates.
"""
from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Any, Callable, Optional

import ckan.plugins.toolkit as tk
from ckan.lib.uploader import ResourceUpload

from ckanext.seoulplaza.security import MASKED

from . import optional_fields, staging
from .optional_fields import FieldWarning

NAMESPACE = uuid.UUID("5e0b1a2c-7d1e-4c5f-9a0b-5e0b1a2c7d1e")


class PublishError(Exception):
    """The dataset was saved but a part of it could not be (the message says which)."""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-")[:100]


def resource_id(system: str, guid: str, role: str, n: int = 0) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{system}|{guid}|{role}|{n}"))


def dataset_type(content: dict[str, Any]) -> str:
    record = content["record"]
    return record["fields"].get("dataset_type") or "opendata" if record["kind"] == "table" else record["kind"]


def _resources(system: str, guid: str, content: dict[str, Any]) -> list[dict[str, Any]]:
    resources = []
    for n, doc in enumerate(content["documents"]):
        stem = Path(doc["name"]).stem
        resources += _spreadsheet_resources(system, guid, n, doc) if doc.get("tables") is not None else []
        resources += [
            {"id": resource_id(system, guid, "published_pdf", n), "name": f"{stem} (공개본 PDF)",
             "url": f"{_slug(guid)}-{n}.pdf", "url_type": "upload", "format": "PDF", "mimetype": "application/pdf",
             "resource_role": "published_pdf", "staged": doc["pdf"], **doc.get("page_report", {}),
             "description": f"원본 {doc['source_format'].upper()}에서 개인정보를 가리고 변환한 공개본 ({doc['pages']}쪽)"},
            {"id": resource_id(system, guid, "original", n), "name": f"{stem} (원문 텍스트, 개인정보 가림)",
             "url": f"{_slug(guid)}-{n}.txt", "url_type": "upload", "format": "TXT",
             "mimetype": "text/plain", "resource_role": "original", "staged": doc["text"],
             "description": "원문의 글자 그대로, 개인정보와 비공개 부분만 가린 텍스트"},
        ]
    if content.get("table"):
        table = content["table"]
        resources.append({"id": resource_id(system, guid, "data"), "name": table["name"], "url": "",
                          "url_type": "datastore", "format": "CSV", "resource_role": "data",
                          "description": f"{table['row_count']}행. DataStore API(datastore_search)로 조회할 수 있습니다."})
    return resources


def _spreadsheet_resources(system: str, guid: str, n: int, doc: dict[str, Any]) -> list[dict[str, Any]]:
    """A spreadsheet attachment: its masked file, and each sheet as a DataStore table."""
    stem = Path(doc["name"]).stem
    suffix = doc["file_format"].lower()
    resources = [{"id": resource_id(system, guid, "data_file", n), "name": f"{stem} (개인정보 가림)",
                  "url": f"{_slug(guid)}-{n}.{suffix}", "url_type": "upload", "format": doc["file_format"],
                  "resource_role": "data", "staged": doc["file"],
                  "description": "원본 표의 셀마다 개인정보를 가려 새로 쓴 파일"}]
    for k, table in enumerate(doc["tables"]):
        resources.append({"id": resource_id(system, guid, f"sheet{k}", n), "name": f"{stem} — {table['name']}",
                          "url": "", "url_type": "datastore", "format": "CSV", "resource_role": "data",
                          "datastore_table": table,
                          "description": f"{table['row_count']}행. DataStore API(datastore_search)로 조회할 수 있습니다."})
    return resources


def dataset_dict(guid: str, system: str, content: dict[str, Any], mapped: dict[str, Any]) -> dict[str, Any]:
    """The whole dataset: the type's own fields from the mapper, then what every harvested record shares."""
    kind = dataset_type(content)
    disclosure = content["disclosure"]
    ground = disclosure["ground"]
    withheld = disclosure["class"] != "공개"
    return dict(
        mapped, type=kind, name=_slug(guid if content["record"]["kind"] == "table" else f"{kind}-{guid}"),
        source_system=system, source_id=guid, disclosure_class=disclosure["class"],
        nondisclosure_ground=(str(ground) if ground else "unstated") if withheld else None,
        disclosure_date=disclosure["opens_on"], resources=_resources(system, guid, content), state="active")


def place(resource: dict[str, Any]) -> None:
    """Write the resource's staged file (``resource["staged"]``) to CKAN's storage
    atomically (a ``.partial`` renamed into place) and set its size."""
    path = Path(ResourceUpload({}).get_path(resource["id"]))
    path.parent.mkdir(parents=True, exist_ok=True)
    data = staging.read(resource.pop("staged"))
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    partial.replace(path)
    resource["size"] = len(data)


def _existing(context: dict[str, Any], ref: Optional[str]) -> Optional[dict[str, Any]]:
    if not ref:
        return None
    try:
        return tk.get_action("package_show")(dict(context), {"id": ref})
    except tk.ObjectNotFound:
        return None


def save(context: dict[str, Any], dataset: dict[str, Any], content: dict[str, Any],
         existing_id: Optional[str], link: Callable[[str], None]) -> tuple[str, list[FieldWarning]]:
    """Create or update the dataset (found by the harvest's last package or by
    name, e.g. one an interrupted run created); refused, it is written again
    without the optional fields its schema refuses (``optional_fields``).
    ``link(package_id)`` is called just before each write, so the harvest object is the dataset's current one
    when CKAN indexes it (ckanext-harvest then adds ``harvest_source_id`` and
    ``harvest_object_id`` to the index document). Returns the dataset's id and
    the warnings.

    :raises tk.ValidationError: a field that cannot be left out is refused
    :raises PublishError: the dataset was saved but its table was not
    """
    for resource in dataset["resources"]:
        if "staged" in resource:
            place(resource)
    tables = [(r["id"], r.pop("datastore_table")) for r in dataset["resources"] if "datastore_table" in r]
    existing = _existing(context, existing_id) or _existing(context, dataset["name"])
    package_id = existing["id"] if existing else str(uuid.uuid4())
    write = tk.get_action("package_update" if existing else "package_create")
    warnings: list[FieldWarning] = []
    try:
        link(package_id)
        write({**context, MASKED: True}, dict(dataset, id=package_id))
    except tk.ValidationError:  # the action rolled back (the link too): without what may be left out
        dataset, warnings = optional_fields.publishable(context, dataset, existing["id"] if existing else None)
        link(package_id)
        write({**context, MASKED: True}, dict(dataset, id=package_id))
    if content.get("table"):
        _load_table(context, dataset["resources"][-1]["id"], content["table"])
    for sheet_resource, table in tables:
        _load_table(context, sheet_resource, table)
    return package_id, warnings


def _load_table(context: dict[str, Any], resource_id: str, table: dict[str, Any]) -> None:
    """Replace the resource's DataStore table with the masked rows."""
    try:
        tk.get_action("datastore_delete")(dict(context), {"resource_id": resource_id, "force": True})
    except tk.ObjectNotFound:
        pass
    fields = [{"id": c["id"], "type": c["type"], "info": {"label": c["label"]}} for c in table["columns"]]
    rows = json.loads(staging.read(table["rows"]))
    try:
        tk.get_action("datastore_create")({**context, MASKED: True},  # masked in the fetch stage
                                          {"resource_id": resource_id, "force": True, "fields": fields,
                                           "records": rows})
    except tk.ValidationError as e:
        raise PublishError(f"DataStore refused table {table['name']!r}: {e.error_summary}") from e


def withdraw(context: dict[str, Any], package_id: str) -> None:
    """The source withdrew the record: its dataset, DataStore tables and files go."""
    dataset = _existing(context, package_id)
    if dataset is None:
        return
    for resource in dataset.get("resources", []):
        if resource.get("datastore_active"):
            tk.get_action("datastore_delete")(dict(context), {"resource_id": resource["id"], "force": True})
        if resource.get("url_type") == "upload":
            Path(ResourceUpload({}).get_path(resource["id"])).unlink(missing_ok=True)
    tk.get_action("package_delete")(dict(context), {"id": package_id})
