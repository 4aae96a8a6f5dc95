"""How a source system's record becomes a dataset of its information type.

Each mapper takes the record's id (its source id, the harvest guid), its
``fields`` as the source system exports them (for the real lists: the list's
columns) and the agency register, and returns the type's own dataset fields,
or raises ValueError naming what is wrong. The harvester adds what every type
shares: name, source system and id, disclosure class, ground and date.
"""
from __future__ import annotations

from typing import Any, Callable

from ckanext.seoulplaza.agencies import AgencyRegister
from ckanext.seoulplaza.reference import THEME_GROUP

# cpyrht -> licence id (config/licenses.json); an empty cpyrht means the original is not published.
LICENSES = {"CC BY": "cc-by", "CC BY-SA": "cc-by-sa", "CC BY-ND": "cc-by-nd", "CC BY-NC": "cc-nc",
            "CC BY-NC-SA": "cc-by-nc-sa", "CC BY-NC-ND": "cc-by-nc-nd", "": "notspecified"}
Fields = dict[str, Any]


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
    """As the schema stores date-times (so an unchanged row compares equal);
    anything but 14 digits as written, for the schema to judge."""
    d = yyyymmddhhmmss
    return f"{_day(d)}T{d[8:10]}:{d[10:12]}:{d[12:14]}" if d.isdigit() and len(d) == 14 else d


def license_id(cpyrht: str) -> str:
    """The licence id for a list's ``cpyrht``; one we do not know is passed on
    as written, for the schema to refuse (the harvest then publishes the
    record as 이용조건 미지정 with a warning: ``optional_fields``)."""
    return LICENSES.get(cpyrht.strip(), cpyrht.strip())


def _theme(category: str) -> str | None:
    return category if category in THEME_GROUP else None


def sanction(record_id: str, row: Fields, agencies: AgencyRegister) -> Fields:
    """업무관리시스템: 결재문서 (info_list columns plus the approval metadata)."""
    department = _field(row, "rspnber_dept_nm", required=True)
    return {
        "title": _field(row, "title", required=True), "owner_org": agencies.department(department),
        "department": department, "official": _field(row, "writer"),
        "production_date": _day(_digits(row, "doc_prdctn_dt", 8)),
        "document_number": _field(row, "src_dept_doc_no") or None, "unit_task": _field(row, "tkcrd_nm"),
        "approval_date": _field(row, "approval_date") or None, "approval_line": _field(row, "approval_line"),
        "retention_period": _field(row, "othbc_pd") or None, "original_url": _field(row, "url") or None,
        "license_id": license_id(row.get("cpyrht", "")),
    }


def proactive(record_id: str, row: Fields, agencies: AgencyRegister) -> Fields:
    """내부행정시스템: 사전정보공표 (public_list columns)."""
    registered = _digits(row, "regist_dt", 14)
    department = _field(row, "dept_nm", required=True)
    return {
        "title": _field(row, "title", required=True), "owner_org": agencies.department(department),
        "department": department, "official": _field(row, "writer"), "production_date": _day(registered),
        "registered_at": _moment(registered), "category": _field(row, "category"),
        "taxonomy": _field(row, "taxonomy").replace("ㆍ", "·"), "phone": _field(row, "telno") or None,
        "original_url": _field(row, "url") or None, "license_id": license_id(row.get("cpyrht", "")),
        "theme": _theme(_field(row, "category")),
    }


def research(record_id: str, row: Fields, agencies: AgencyRegister) -> Fields:
    """내부행정시스템: 정책연구자료 (research_list columns), owned by the institution that produced it."""
    institution = _field(row, "relte_area", required=True)
    return {
        "title": _field(row, "title", required=True), "owner_org": agencies.department(institution),
        "source_institution": institution, "official": _field(row, "writer"),
        "production_date": _day(_digits(row, "doc_prdctn_dt", 8)),
        "registered_at": _moment(_field(row, "regist_dt")) or None, "material_type": _field(row, "relm") or None,
        "creation_year": _field(row, "creat_yr") or None, "category": _field(row, "category"),
        "region": _field(row, "region"), "isbn": _field(row, "isbn") or None,
        "original_url": _field(row, "url") or None, "license_id": license_id(row.get("cpyrht", "")),
        "theme": _theme(_field(row, "category")),
    }


def expense_path(row: Fields) -> list[str]:
    return [_field(row, f"dept_nm_lvl_{i}") for i in range(1, 6)]


def expense(record_id: str, row: Fields, agencies: AgencyRegister) -> Fields:
    """예산관리시스템: one 업무추진비 spending (expense_list columns)."""
    executed = _field(row, "exec_dt", required=True)
    levels = [level for level in expense_path(row)[1:] if level and level != "본부"]
    department = levels[-1] if levels else _field(row, "dept_nm_full", required=True)
    purpose = _field(row, "exec_purpose", required=True)
    return {
        "title": f"{executed[:10]} {purpose}"[:200], "owner_org": agencies.department(department),
        "department": _field(row, "dept_nm_full"), "production_date": executed[:10],
        "execution_datetime": f"{executed.replace(' ', 'T')}:00", "place": _field(row, "exec_loc"),
        "purpose": purpose, "attendees": _field(row, "target_nm"),
        "payment_method": _field(row, "payment_method") or None, "amount": _field(row, "exec_amount", required=True),
        "original_url": _field(row, "url").replace("http://", "https://") or None, "theme": "세금재정",
        "license_id": "kogl-type1",
    }


def _own(row: Fields, agencies: AgencyRegister, *names: str) -> Fields:
    """Records of the generated kinds carry the dataset's field names already."""
    department = _field(row, "department", required=True)
    picked = {name: row.get(name) or None for name in names}
    return dict(picked, title=_field(row, "title", required=True), department=department,
                owner_org=agencies.department(department), official=_field(row, "official") or None)


def meeting(record_id: str, row: Fields, agencies: AgencyRegister) -> Fields:
    """회의록관리시스템: 회의정보 with its lifecycle (예정 → 진행 → 완료)."""
    held = _field(row, "meeting_datetime", required=True)
    return dict(_own(row, agencies, "committee", "meeting_datetime", "meeting_place", "agenda",
                     "meeting_status", "video_url"), production_date=held[:10], license_id="kogl-type1")


def press(record_id: str, row: Fields, agencies: AgencyRegister) -> Fields:
    """내부행정시스템: 보도자료."""
    released = _field(row, "released_at", required=True)
    return dict(_own(row, agencies, "released_at", "contact_phone"), production_date=released[:10],
                license_id="kogl-type1")


def spending(record_id: str, row: Fields, agencies: AgencyRegister) -> Fields:
    """예산관리시스템: 사업별 지출내역."""
    return dict(_own(row, agencies, "project_name", "fiscal_year", "budget_amount", "spent_amount", "spend_date"),
                production_date=_field(row, "spend_date", required=True), theme="세금재정", license_id="kogl-type1")


def budget(record_id: str, row: Fields, agencies: AgencyRegister) -> Fields:
    """예산관리시스템: 예산설명서 (with its table of items)."""
    return dict(_own(row, agencies, "fiscal_year", "account_type", "budget_stage", "production_date"),
                theme="세금재정", license_id="kogl-type1")


def table(record_id: str, row: Fields, agencies: AgencyRegister) -> Fields:
    """예산관리시스템: a published table (공공데이터 or the type it names)."""
    return dict(_own(row, agencies, "production_date", "update_cycle", "theme", "notes"),
                license_id="kogl-type1", tag_string=_field(row, "tags") or None)


MAPPERS: dict[str, Callable[[str, Fields, AgencyRegister], Fields]] = {
    "sanction": sanction, "proactive": proactive, "research": research, "expense": expense,
    "meeting": meeting, "press": press, "spending": spending, "budget": budget, "table": table}
