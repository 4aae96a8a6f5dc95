"""Validators of the Seoul Plaza schemas, with Korean-first messages.

Each message names the field's problem in Korean and shows what was given,
so a steward (or an API client) can correct the record from the message alone.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, FlattenDataDict, FlattenErrorDict, FlattenKey

from ckanext.scheming.helpers import scheming_field_choices
from ckanext.scheming.validation import scheming_validator


Invalid = tk.Invalid
missing = tk.missing
StopOnError = tk.StopOnError


def _empty(value: Any) -> bool:
    return value is missing or value is None or (isinstance(value, str) and not value.strip())


def seoulplaza_required(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context) -> None:
    if _empty(data.get(key)):
        errors[key].append("필수 항목입니다 (required)")
        raise StopOnError


@scheming_validator
def seoulplaza_choices(field: dict[str, Any], schema: dict[str, Any]):
    """One of the field's choices (``choices`` or ``choices_helper``), with the allowed values in the message."""
    def validator(value: Any) -> Any:
        if _empty(value):
            return value
        allowed = [c["value"] for c in scheming_field_choices(field)]
        if value not in allowed:
            raise Invalid(f"목록에 없는 값입니다: {value} (가능한 값: {', '.join(map(str, allowed))}) / not an allowed value")
        return value
    return validator


_DATE_FORMATS = ("%Y-%m-%d", "%Y%m%d", "%Y.%m.%d", "%Y/%m/%d")
_DATETIME_FORMATS = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M",
                     "%Y%m%d%H%M%S", "%Y-%m-%d")


def _parse(value: Any, formats: tuple[str, ...]) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    text = str(value).strip().removesuffix("Z")
    for fmt in formats:
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def seoulplaza_date(value: Any) -> str:
    parsed = _parse(value, _DATE_FORMATS)
    if parsed is None:
        raise Invalid(f"날짜는 YYYY-MM-DD 형식이어야 합니다 (입력: {value}) / date must be YYYY-MM-DD")
    return parsed.date().isoformat()


def seoulplaza_datetime(value: Any) -> str:
    parsed = _parse(value, _DATETIME_FORMATS)
    if parsed is None:
        raise Invalid(f"일시는 YYYY-MM-DD HH:MM 형식이어야 합니다 (입력: {value}) / date-time must be YYYY-MM-DD HH:MM")
    return parsed.isoformat(timespec="seconds")


def seoulplaza_year(value: Any) -> int:
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}", text) or not 1900 <= int(text) <= 2100:
        raise Invalid(f"연도는 1900–2100 사이의 네 자리 숫자여야 합니다 (입력: {value}) / year must be 1900–2100")
    return int(text)


def seoulplaza_amount(value: Any) -> int:
    text = str(value).strip().replace(",", "").removesuffix("원")
    if not re.fullmatch(r"\d+", text):
        raise Invalid(f"0 이상의 정수여야 합니다 (입력: {value}) / must be a whole number, 0 or more")
    return int(text)


def _text_matching(name: str, pattern: str, message: str):
    """A validator that keeps the stripped text if it matches ``pattern``."""
    compiled = re.compile(pattern)

    def validator(value: Any) -> str:
        text = str(value).strip()
        if not compiled.fullmatch(text):
            raise Invalid(message.format(value=value))
        return text
    validator.__name__ = validator.__qualname__ = name
    return validator


seoulplaza_url = _text_matching(
    "seoulplaza_url", r"https?://[^\s]+",
    "URL은 http:// 또는 https:// 로 시작해야 합니다 (입력: {value}) / must be an http(s) URL")
seoulplaza_phone = _text_matching(
    "seoulplaza_phone", r"(?:(?:0\d{1,2}-)?\d{3,4}-\d{4}|1\d{2,3}(?:-\d{4})?|120)",
    "전화번호 형식이 올바르지 않습니다 (예: 02-2133-0000, 120; 입력: {value}) / invalid phone number")
seoulplaza_document_number = _text_matching(
    "seoulplaza_document_number", r"[가-힣A-Za-z0-9·()\s]+-\d+",
    "문서번호는 '부서명-번호' 형식이어야 합니다 (예: 정보공개정책과-1234; 입력: {value})"
    " / document number must be <department>-<number>")


def _check_digit_ok(digits: str) -> bool:
    """ISBN-13 (mod 10), ISBN-10 and ISSN (mod 11, X = 10)."""
    if re.fullmatch(r"\d{13}", digits):
        return sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10 == 0
    if re.fullmatch(r"\d{9}[\dX]|\d{7}[\dX]", digits):
        weights = range(len(digits), 0, -1)
        return sum(w * (10 if d == "X" else int(d)) for w, d in zip(weights, digits)) % 11 == 0
    return False


def seoulplaza_isbn(value: Any) -> str:
    """An ISBN or, for serials, an ISSN (the research list's column carries both)."""
    text = str(value).strip()
    if not _check_digit_ok(re.sub(r"[\s-]", "", text).upper()):
        raise Invalid(f"올바른 ISBN·ISSN이 아닙니다 (자리수·검증 숫자 확인; 입력: {value}) / invalid ISBN or ISSN")
    return text


NEEDS_GROUND = ("부분공개", "비공개")
# A harvested list may withhold without naming the ground (Seoul's info_list has
# no such column): we say so rather than invent one.
UNSTATED = "unstated"


def seoulplaza_nondisclosure_ground(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                                    context: Context) -> None:
    """Every withholding states its legal ground; a public record has none."""
    disclosure = data.get(("disclosure_class",))
    value = data.get(key)
    if disclosure in NEEDS_GROUND and _empty(value):
        errors[key].append("부분공개·비공개 자료는 비공개 근거(정보공개법 제9조 제1항 1–8호)를 밝혀야 합니다"
                           " / a ground (Art. 9(1) 1–8) is required when not fully public")
        raise StopOnError
    if value == UNSTATED and _empty(data.get(("source_system",))):
        errors[key].append("직접 등록한 자료는 비공개 근거(제9조 제1항 1–8호)를 골라야 합니다"
                           " / records entered here must cite the ground")
        raise StopOnError
    if disclosure == "공개" and not _empty(value):
        errors[key].append("공개 자료에는 비공개 근거를 둘 수 없습니다 / a public record has no ground for non-disclosure")
        raise StopOnError


WITHHELD = "비공개"


def seoulplaza_withheld_without_documents(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                                          context: Context) -> None:
    """A wholly withheld (비공개) record publishes its metadata, its legal ground
    and its opening date only (정보공개법 제9조·제13조 제4항 as the plaza applies
    them: README "Masking"): it carries no document, by whatever path one is
    added, until its planned disclosure date opens it (``disclosure open-due``
    makes it 공개; then documents are published, masked)."""
    if data.get(key) != WITHHELD:
        return
    if any(len(k) == 3 and k[0] == "resources" and k[2] in ("url", "id") for k in data):
        errors[key].append("비공개 기록에는 문서를 둘 수 없습니다: 메타데이터와 비공개 근거, 공개예정일만 공개됩니다."
                           " 공개예정일이 지나 공개로 바뀐 뒤 올려 주세요"
                           " / a wholly withheld record carries no documents until it opens")
        raise StopOnError


def seoulplaza_not_before_production(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                                     context: Context) -> None:
    produced = _parse(data.get(("production_date",)) or "", _DATE_FORMATS)
    planned = _parse(data.get(key) or "", _DATE_FORMATS)
    if produced and planned and planned < produced:
        errors[key].append(f"공개예정일은 생산일자({produced.date()}) 이후여야 합니다"
                           " / planned disclosure date cannot be before the production date")


def seoulplaza_meeting_schedule(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                                context: Context) -> None:
    """A meeting is announced at least five days ahead; minutes and video
    belong to a meeting that has been held."""
    status = data.get(key)
    held_links = [k for k in (("minutes_url",), ("video_url",)) if not _empty(data.get(k))]
    for link in held_links if status != "완료" else ():  # the link is what is out of place
        errors.setdefault(link, []).append(
            "회의록·영상은 진행상태가 '완료'인 회의에만 둘 수 있습니다 / minutes and video only once held")
    is_new = not data.get(("id",)) and not context.get("package")
    when = _parse(data.get(("meeting_datetime",)) or "", _DATETIME_FORMATS)
    if status == "예정" and is_new and when and when.date() < dt.date.today() + dt.timedelta(days=5):
        errors[key].append("예정 회의는 회의일 5일 전까지 안내해야 합니다 / announce a meeting at least 5 days ahead")


def seoulplaza_unique_source_id(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                                context: Context) -> None:
    """A source record maps to one dataset, so harvests update instead of duplicating."""
    value = data.get(key)
    if _empty(value):
        return
    system = data.get(("source_system",))
    own_id = data.get(("id",)) or getattr(context.get("package"), "id", None)
    clashes = (model.Session.query(model.Package)
               .join(model.PackageExtra, model.PackageExtra.package_id == model.Package.id)
               .filter(model.PackageExtra.key == "source_id", model.PackageExtra.value == str(value),
                       model.PackageExtra.state == "active", model.Package.state != "deleted",
                       model.Package.id != own_id))
    for other in clashes:
        if (other.extras.get("source_system") or None) == (None if _empty(system) else system):
            errors[key].append(f"원본 관리번호 {value}은(는) 이미 '{other.name}'에 쓰였습니다"
                               f" / source id already used by {other.name}")
            return


def seoulplaza_default_license(value: Any) -> str:
    """Records without a stated licence are 공공누리 제1유형 (source attribution),
    the city's default for public works."""
    if _empty(value):
        return "kogl-type1"
    if value not in model.Package.get_license_register():
        raise Invalid(f"알 수 없는 이용조건입니다 (입력: {value}) / unknown licence")
    return value
