"""Demo data from the real Seoul open-government lists (shared/data/seoul-opengov).

* agencies from ``data/agencies.yaml`` and the expense list's department paths,
  and the 12 theme groups;
* ``info_list`` → 결재문서 (``sanction``), ``public_list`` → 사전정보공표
  (``proactive``), ``research_list`` → 정책연구자료 (``research``), ``expense_list``
  → 업무추진비 (``expense``, a record per row) — see ``demo_rows.py``;
* ``expense_list`` also as one typed DataStore table (a 공공데이터 dataset).

Loading is idempotent: a dataset whose source row is unchanged is left alone,
a changed one is updated, and a malformed row is reported and skipped.
"""
from __future__ import annotations

import csv
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import ckan.plugins.toolkit as tk
from .agencies import SEOUL, Agency, AgencyRegister, agencies_from_paths, maintained_agencies
from .demo_rows import LIST_SOURCE, ROW_TYPES, expense_path

log = logging.getLogger(__name__)

EXPENSE_DATASET = "expense-2020-12"
EXPENSE_FIELDS = [
    ("nid", "text", "사전정보공표 관리번호"), ("title", "text", "게시물 제목"), ("url", "text", "게시물 URL"),
    ("dept_nm_lvl_1", "text", "부서 1단계"), ("dept_nm_lvl_2", "text", "부서 2단계"),
    ("dept_nm_lvl_3", "text", "부서 3단계"), ("dept_nm_lvl_4", "text", "부서 4단계"),
    ("dept_nm_lvl_5", "text", "부서 5단계"), ("exec_yr", "int", "집행연도"), ("exec_month", "int", "집행월"),
    ("dept_nm_full", "text", "부서명"), ("exec_dt", "timestamp", "집행일시"), ("exec_loc", "text", "장소"),
    ("exec_purpose", "text", "집행목적"), ("target_nm", "text", "대상"),
    ("payment_method", "text", "결제방법"), ("exec_amount", "numeric", "금액(원)"),
]


@dataclass
class Summary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def line(self, what: str) -> str:
        warned = f", {len(self.warnings)} with warnings" if self.warnings else ""
        return (f"{what}: {self.created} created, {self.updated} updated, "
                f"{self.unchanged} unchanged, {len(self.skipped)} skipped{warned}")


def site_context() -> dict[str, Any]:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "ignore_auth": True}


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def _same(existing: dict[str, Any], wanted: dict[str, Any]) -> bool:
    return all(str(existing.get(k)) == str(v) for k, v in wanted.items()
               if k not in ("owner_org", "type") and v is not None)


def _save(context: dict[str, Any], wanted: dict[str, Any], existing: dict[str, Any] | None) -> str:
    if existing is None:
        tk.get_action("package_create")(dict(context), wanted)
        return "created"
    if _same(existing, wanted):
        return "unchanged"
    tk.get_action("package_update")(dict(context), dict(wanted, id=existing["id"]))
    return "updated"


def load_rows(context: dict[str, Any], path: Path, dataset_type: str, agencies: AgencyRegister,
              progress: Callable[[int, int], None] = lambda i, n: None) -> Summary:
    """Create or update one dataset per row of a Seoul list. A row whose
    optional value is invalid (a mistyped ISBN) is kept without that value,
    with a warning; a row that cannot be a dataset is reported and skipped."""
    to_dataset = ROW_TYPES[dataset_type]
    summary = Summary()
    rows = list(read_csv(path))
    for i, row in enumerate(rows, 1):
        progress(i, len(rows))
        label = f"{path.name} row {i + 1}"
        try:
            wanted = to_dataset(row, agencies)
        except ValueError as e:
            summary.skipped.append(f"{label}: {e}")
            continue
        label += f" ({wanted['name']})"
        try:
            existing = tk.get_action("package_show")(dict(context), {"id": wanted["name"]})
        except tk.ObjectNotFound:
            existing = None
        try:
            outcome = _save(context, wanted, existing)
        except tk.ValidationError as first:
            invalid = [field for field in first.error_dict if field in wanted]
            try:
                outcome = _save(context, {k: v for k, v in wanted.items() if k not in invalid}, existing)
            except tk.ValidationError as e:
                summary.skipped.append(f"{label}: {e.error_summary}")
                continue
            summary.warnings.append(f"{label}: kept without {', '.join(invalid)}: {first.error_summary}")
        setattr(summary, outcome, getattr(summary, outcome) + 1)
    return summary


def load_agencies(context: dict[str, Any], expense_list: Path) -> AgencyRegister:
    """The maintained agencies, then those the expense list's paths add."""
    register = AgencyRegister(context)
    for agency in maintained_agencies() + agencies_from_paths(expense_path(r) for r in read_csv(expense_list)):
        register.ensure(agency)
    return register


def _typed(kind: str, value: str) -> Any:
    value = value.strip()
    if value == "":
        return None
    if kind == "int":
        return int(value)
    if kind == "numeric":
        return float(value.replace(",", ""))
    if kind == "timestamp":
        return value.replace(" ", "T")
    return value


def expense_records(path: Path, summary: Summary) -> list[dict[str, Any]]:
    records = []
    for i, row in enumerate(read_csv(path), 1):
        try:
            records.append({name: _typed(kind, row.get(name, "")) for name, kind, _label in EXPENSE_FIELDS})
        except ValueError as e:
            summary.skipped.append(f"{path.name} row {i + 1} (nid {row.get('nid')!r}): {e}")
    return records


def _datastore_rows(context: dict[str, Any], resource_id: str) -> int | None:
    """Rows in a resource's DataStore table, None if it has none (e.g. an interrupted load)."""
    try:
        return tk.get_action("datastore_search")(dict(context), {"resource_id": resource_id, "limit": 0})["total"]
    except tk.ObjectNotFound:
        return None


def load_expense_table(path: Path) -> Summary:
    """The 업무추진비 list as one DataStore table, replaced only if its rows changed."""
    context = site_context()
    summary = Summary()
    org_id = AgencyRegister(context).ensure(Agency(SEOUL, "서울특별시"))
    records = expense_records(path, summary)
    try:
        dataset = tk.get_action("package_show")(dict(context), {"id": EXPENSE_DATASET})
    except tk.ObjectNotFound:
        dataset = tk.get_action("package_create")(dict(context), {
            "type": "opendata", "name": EXPENSE_DATASET, "title": "업무추진비 집행내역 (2020년 12월)",
            "owner_org": org_id, "production_date": "2020-12-31", "disclosure_class": "공개",
            "update_cycle": "월", "theme": "세금재정", "source_system": LIST_SOURCE,
            "notes": "서울시 부서별 업무추진비 집행내역. 출처: 서울 정보소통광장 사전정보공표.",
            "license_id": "cc-by", "tag_string": "업무추진비,재정정보",
        })
    resource = next((r for r in dataset.get("resources", []) if r.get("url_type") == "datastore"), None)
    if resource:
        target: dict[str, Any] = {"resource_id": resource["id"]}
        rows = _datastore_rows(context, resource["id"])
        if rows == len(records):
            summary.unchanged = len(records)
            return summary
        if rows is not None:
            tk.get_action("datastore_delete")(dict(context), {"resource_id": resource["id"], "force": True})
        summary.updated = len(records)
    else:
        target = {"resource": {"package_id": dataset["id"], "name": "업무추진비 집행내역 2020-12",
                               "format": "CSV", "description": "부서·월별 업무추진비 집행 건별 내역",
                               "resource_role": "data"}}
        summary.created = len(records)
    fields = [{"id": name, "type": kind, "info": {"label": label}} for name, kind, label in EXPENSE_FIELDS]
    tk.get_action("datastore_create")(dict(context), dict(target, fields=fields, records=records, force=True))
    return summary
