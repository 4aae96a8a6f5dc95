"""How a row of each real Seoul list becomes a dataset of its information type.

Each function takes the CSV row and the agency register and returns the
dataset dict, or raises ValueError naming what is wrong with the row.
"""
from __future__ import annotations

import hashlib
from typing import Any, Callable

from .agencies import AgencyRegister
from .reference import THEME_GROUP

# cpyrht -> licence id (config/licenses.json); an empty cpyrht means the original is not published.
LICENSES = {"CC BY": "cc-by", "CC BY-SA": "cc-by-sa", "CC BY-ND": "cc-by-nd", "CC BY-NC": "cc-nc",
            "CC BY-NC-SA": "cc-by-nc-sa", "CC BY-NC-ND": "cc-by-nc-nd", "": "notspecified"}
LIST_SOURCE = "정보소통광장"  # lists taken from the plaza's own publications


def _field(row: dict[str, str], name: str, required: bool = False) -> str:
    value = " ".join((row.get(name) or "").split())
    if required and not value:
        raise ValueError(f"{name} is empty")
    return value


def _digits(row: dict[str, str], name: str, length: int | None = None) -> str:
    value = _field(row, name, required=True)
    if not value.isdigit() or (length and len(value) != length):
        raise ValueError(f"{name} {value!r} is not {length or 'a number of'} digits")
    return value


def _day(yyyymmdd: str) -> str:
    return f"{yyyymmdd[:4]}-{yyyymmdd[4:6]}-{yyyymmdd[6:8]}"


def _moment(yyyymmddhhmmss: str) -> str:
    """As the schema stores date-times (so an unchanged row compares equal)."""
    d = yyyymmddhhmmss
    return f"{_day(d)}T{d[8:10]}:{d[10:12]}:{d[12:14]}"


def license_id(cpyrht: str) -> str:
    try:
        return LICENSES[cpyrht.strip()]
    except KeyError:
        raise ValueError(f"cpyrht {cpyrht!r} is not a licence we know") from None


def _theme(category: str) -> str | None:
    return category if category in THEME_GROUP else None


def sanction(row: dict[str, str], agencies: AgencyRegister) -> dict[str, Any]:
    """info_list: 결재문서. The list withholds without naming the ground: we say so."""
    source_id = _digits(row, "package_id")
    department = _field(row, "rspnber_dept_nm", required=True)
    disclosure = _field(row, "othbc_se") or "공개"
    return {
        "type": "sanction", "name": f"sanction-{source_id}", "title": _field(row, "title", required=True),
        "owner_org": agencies.department(department), "department": department,
        "official": _field(row, "writer"), "production_date": _day(_digits(row, "doc_prdctn_dt", 8)),
        "document_number": _field(row, "src_dept_doc_no") or None, "unit_task": _field(row, "tkcrd_nm"),
        "disclosure_class": disclosure, "nondisclosure_ground": None if disclosure == "공개" else "unstated",
        "retention_period": _field(row, "othbc_pd") or None, "source_system": "업무관리시스템",
        "source_id": source_id, "original_url": _field(row, "url") or None,
        "license_id": license_id(row.get("cpyrht", "")),
    }


def proactive(row: dict[str, str], agencies: AgencyRegister) -> dict[str, Any]:
    """public_list: 사전정보공표 (public by definition)."""
    nid = _digits(row, "nid")
    registered = _digits(row, "regist_dt", 14)
    department = _field(row, "dept_nm", required=True)
    return {
        "type": "proactive", "name": f"proactive-{nid}", "title": _field(row, "title", required=True),
        "owner_org": agencies.department(department), "department": department,
        "official": _field(row, "writer"), "production_date": _day(registered), "registered_at": _moment(registered),
        "category": _field(row, "category"), "taxonomy": _field(row, "taxonomy").replace("ㆍ", "·"),
        "phone": _field(row, "telno") or None, "disclosure_class": "공개", "source_system": LIST_SOURCE,
        "source_id": f"public-{nid}", "original_url": _field(row, "url") or None,
        "license_id": license_id(row.get("cpyrht", "")), "theme": _theme(_field(row, "category")),
    }


def research(row: dict[str, str], agencies: AgencyRegister) -> dict[str, Any]:
    """research_list: 정책연구자료, owned by the institution that produced it."""
    nid = _digits(row, "nid")
    institution = _field(row, "relte_area", required=True)
    return {
        "type": "research", "name": f"research-{nid}", "title": _field(row, "title", required=True),
        "owner_org": agencies.department(institution), "source_institution": institution,
        "official": _field(row, "writer"), "production_date": _day(_digits(row, "doc_prdctn_dt", 8)),
        "registered_at": _moment(_digits(row, "regist_dt", 14)), "material_type": _field(row, "relm") or None,
        "creation_year": _field(row, "creat_yr") or None, "category": _field(row, "category"),
        "region": _field(row, "region"), "isbn": _field(row, "isbn") or None, "disclosure_class": "공개",
        "source_system": LIST_SOURCE, "source_id": f"research-{nid}",
        "original_url": _field(row, "url") or None, "license_id": license_id(row.get("cpyrht", "")),
        "theme": _theme(_field(row, "category")),
    }


def expense_path(row: dict[str, str]) -> list[str]:
    return [_field(row, f"dept_nm_lvl_{i}") for i in range(1, 6)]


def expense(row: dict[str, str], agencies: AgencyRegister) -> dict[str, Any]:
    """expense_list: one 업무추진비 record per row. Rows have no id of their own,
    so the id is a digest of what identifies the spending."""
    nid = _field(row, "nid", required=True)
    executed = _field(row, "exec_dt", required=True)
    key = "|".join(_field(row, f) for f in ("nid", "exec_dt", "exec_loc", "exec_purpose", "target_nm", "exec_amount"))
    digest = hashlib.sha1(key.encode()).hexdigest()[:10]
    levels = [level for level in expense_path(row)[1:] if level and level != "본부"]
    department = levels[-1] if levels else _field(row, "dept_nm_full", required=True)
    purpose = _field(row, "exec_purpose", required=True)
    return {
        "type": "expense", "name": f"expense-{nid}-{digest}", "title": f"{executed[:10]} {purpose}"[:200],
        "owner_org": agencies.department(department), "department": _field(row, "dept_nm_full"),
        "production_date": executed[:10], "execution_datetime": f"{executed.replace(' ', 'T')}:00", "place": _field(row, "exec_loc"),
        "purpose": purpose, "attendees": _field(row, "target_nm"),
        "payment_method": _field(row, "payment_method") or None, "amount": _field(row, "exec_amount", required=True),
        "disclosure_class": "공개", "source_system": LIST_SOURCE, "source_id": f"expense-{digest}",
        "original_url": _field(row, "url").replace("http://", "https://") or None, "theme": "세금재정",
        "license_id": "kogl-type1",
    }


ROW_TYPES: dict[str, Callable[[dict[str, str], AgencyRegister], dict[str, Any]]] = {
    "sanction": sanction, "proactive": proactive, "research": research, "expense": expense}
