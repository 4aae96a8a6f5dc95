"""Demo data from the real Seoul open-government lists (shared/data/seoul-opengov).

* ``info_list`` rows (approval-document metadata) become ``sanction`` datasets,
  one organisation per producing department.
* ``expense_list`` rows (업무추진비) become a typed DataStore table.

Loading is idempotent: a dataset whose source row is unchanged is left alone,
a changed one is updated, and a malformed row is reported and skipped.
"""
from __future__ import annotations

import csv
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import ckan.plugins.toolkit as tk
from slugify import slugify

log = logging.getLogger(__name__)

SEOUL_ORG = {"name": "seoul", "title": "서울특별시", "description": "서울특별시 본청과 소속기관"}
EXPENSE_DATASET = "expense-2020-12"
# cpyrht -> licence id (config/licenses.json); an empty cpyrht means the original is not published.
LICENSES = {"CC BY": "cc-by", "CC BY-SA": "cc-by-sa", "CC BY-ND": "cc-by-nd", "CC BY-NC": "cc-nc",
            "CC BY-NC-SA": "cc-by-nc-sa", "CC BY-NC-ND": "cc-by-nc-nd", "": "notspecified"}
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

    def line(self, what: str) -> str:
        return (f"{what}: {self.created} created, {self.updated} updated, "
                f"{self.unchanged} unchanged, {len(self.skipped)} skipped")


def _context() -> dict[str, Any]:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "ignore_auth": True}


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def org_name(title: str) -> str:
    """A stable URL name for a Korean department name."""
    slug = slugify(title, max_length=60) or "dept"
    return f"{slug}-{hashlib.sha1(title.encode()).hexdigest()[:6]}"


def ensure_org(context: dict[str, Any], name: str, title: str, description: str = "") -> str:
    try:
        return tk.get_action("organization_show")(dict(context), {"id": name})["id"]
    except tk.ObjectNotFound:
        org = tk.get_action("organization_create")(
            dict(context), {"name": name, "title": title, "description": description})
        return org["id"]


def license_id(cpyrht: str) -> str:
    try:
        return LICENSES[cpyrht.strip()]
    except KeyError:
        raise ValueError(f"cpyrht {cpyrht!r} is not a licence we know") from None


def sanction_dict(row: dict[str, str], owner_org: str) -> dict[str, Any]:
    """A ``sanction`` dataset from one info_list row; raises ValueError if malformed."""
    source_id = (row.get("package_id") or "").strip()
    title = (row.get("title") or "").strip()
    if not source_id.isdigit():
        raise ValueError(f"package_id {source_id!r} is not a document management number")
    if not title:
        raise ValueError("title is empty")
    date = (row.get("doc_prdctn_dt") or "").strip()
    if len(date) != 8 or not date.isdigit():
        raise ValueError(f"doc_prdctn_dt {date!r} is not YYYYMMDD")
    disclosure = row.get("othbc_se", "").strip() or "공개"
    return {
        "type": "sanction",
        "name": f"sanction-{source_id}",
        "title": title,
        "owner_org": owner_org,
        "document_number": row.get("src_dept_doc_no", "").strip(),
        "unit_task": row.get("tkcrd_nm", "").strip(),
        "department": row.get("rspnber_dept_nm", "").strip(),
        "official": row.get("writer", "").strip(),
        "production_date": f"{date[:4]}-{date[4:6]}-{date[6:]}",
        "disclosure_class": disclosure,
        # The list withholds without naming the ground: say so rather than invent one.
        "nondisclosure_ground": None if disclosure == "공개" else "unstated",
        "retention_period": row.get("othbc_pd", "").strip() or None,
        "source_system": "업무관리시스템",
        "source_id": source_id,
        "original_url": row.get("url", "").strip(),
        "license_id": license_id(row.get("cpyrht", "")),
    }


def _same(existing: dict[str, Any], wanted: dict[str, Any]) -> bool:
    return all(existing.get(k) == v for k, v in wanted.items() if k not in ("owner_org", "type"))


def load_sanctions(path: Path, progress: Callable[[int, int], None] = lambda i, n: None) -> Summary:
    context = _context()
    summary = Summary()
    rows = list(read_csv(path))
    orgs: dict[str, str] = {}
    for i, row in enumerate(rows, 1):
        progress(i, len(rows))
        label = f"{path.name} row {i + 1} (package_id {row.get('package_id')!r})"
        dept = (row.get("rspnber_dept_nm") or "").strip()
        try:
            if not dept:
                raise ValueError("rspnber_dept_nm is empty")
            if dept not in orgs:
                orgs[dept] = ensure_org(context, org_name(dept), dept)
            wanted = sanction_dict(row, orgs[dept])
        except ValueError as e:
            summary.skipped.append(f"{label}: {e}")
            continue
        try:
            existing = tk.get_action("package_show")(dict(context), {"id": wanted["name"]})
        except tk.ObjectNotFound:
            existing = None
        try:
            if existing is None:
                tk.get_action("package_create")(dict(context), wanted)
                summary.created += 1
            elif _same(existing, wanted):
                summary.unchanged += 1
            else:
                tk.get_action("package_update")(dict(context), dict(wanted, id=existing["id"]))
                summary.updated += 1
        except tk.ValidationError as e:
            summary.skipped.append(f"{label}: {e.error_summary}")
    return summary


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


def load_expenses(path: Path) -> Summary:
    """The 업무추진비 list as one DataStore table, replaced only if its rows changed."""
    context = _context()
    summary = Summary()
    org_id = ensure_org(context, **SEOUL_ORG)
    records = expense_records(path, summary)
    try:
        dataset = tk.get_action("package_show")(dict(context), {"id": EXPENSE_DATASET})
    except tk.ObjectNotFound:
        dataset = tk.get_action("package_create")(dict(context), {
            "type": "opendata", "name": EXPENSE_DATASET, "title": "업무추진비 집행내역 (2020년 12월)",
            "owner_org": org_id, "production_date": "2020-12-31", "disclosure_class": "공개",
            "update_cycle": "월", "theme": "세금재정", "source_system": "예산관리시스템",
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
                               "format": "CSV", "description": "부서·월별 업무추진비 집행 건별 내역"}}
        summary.created = len(records)
    fields = [{"id": name, "type": kind, "info": {"label": label}} for name, kind, label in EXPENSE_FIELDS]
    tk.get_action("datastore_create")(dict(context), dict(target, fields=fields, records=records, force=True))
    return summary
