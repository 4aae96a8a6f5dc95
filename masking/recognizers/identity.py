"""Identity numbers: resident and alien registration, passport, driver's licence;
the business registration number's shape, which is public."""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterable

from ..findings import Finding
from .base import (NOT_ALNUM_AFTER, NOT_ALNUM_BEFORE, NOT_DIGIT_AFTER, NOT_DIGIT_BEFORE,
                   PatternRecognizer, window_before)

# The 7th digit gives sex and century: 1-4 citizens, 5-8 foreigners, 9/0 born in the 1800s.
_CENTURY = {"1": 1900, "2": 1900, "3": 2000, "4": 2000, "5": 1900, "6": 1900, "7": 2000, "8": 2000,
            "9": 1800, "0": 1800}
_FOREIGNER_DIGITS = "5678"
# A company's 법인등록번호 has the same 6-7 shape; its label keeps it public.
_CORPORATE_LABEL = re.compile(r"법인\s*(등록)?\s*번호|법인번호")

REGISTRATION = re.compile(
    NOT_DIGIT_BEFORE + r"(?P<value>(?P<yy>\d{2})(?P<mm>\d{2})(?P<dd>\d{2})"
    r"(?:\s?[-‐–]\s?|\s)?(?P<g>\d)\d{6})" + NOT_DIGIT_AFTER)


def _is_birth_date(m: re.Match) -> bool:
    """Numbers issued since October 2020 have random back digits, so the old
    checksum would let them through; the date and the sex digit still hold."""
    try:
        dt.date(_CENTURY[m.group("g")] + int(m.group("yy")), int(m.group("mm")), int(m.group("dd")))
    except ValueError:
        return False
    return True


def is_registration_number(digits: str) -> bool:
    """Whether 13 ``digits``, however they were grouped, make a living
    person's registration number: a valid date of birth, a sex digit of the
    1900s or 2000s."""
    m = REGISTRATION.fullmatch(digits)
    return bool(m) and m.group("g") in "12345678" and _is_birth_date(m)


def business_check_digit(body: str) -> str:
    """The check digit of a 사업자등록번호 (a company's, public) from its first nine digits."""
    digits = [int(d) for d in body]
    total = sum(d * w for d, w in zip(digits, (1, 3, 7, 1, 3, 7, 1, 3, 5))) + digits[8] * 5 // 10
    return str((10 - total % 10) % 10)


def is_business_number(groups: list[str]) -> bool:
    """Whether digit groups are a 사업자등록번호 as written: 3-2-5 with its check digit."""
    return [len(g) for g in groups] == [3, 2, 5] and business_check_digit("".join(groups)[:9]) == groups[2][-1]


class RegistrationNumberRecognizer:
    """주민등록번호 and 외국인등록번호, with hyphen, space or nothing between the halves."""

    kinds = ("resident_registration_number", "alien_registration_number")

    def find(self, text: str) -> Iterable[Finding]:
        for m in REGISTRATION.finditer(text):
            if not _is_birth_date(m) or _CORPORATE_LABEL.search(window_before(text, m.start(), 20)):
                continue
            kind = self.kinds[1] if m.group("g") in _FOREIGNER_DIGITS else self.kinds[0]
            yield Finding(m.start("value"), m.end("value"), kind, m.group("value"))


# Korean passports: old format letter + 8 digits, new (2021) letter + 3 digits + letter + 4 digits.
passport = PatternRecognizer(
    "passport_number",
    NOT_ALNUM_BEFORE + r"[MSRODG](?:\d{8}|\d{3}[A-Z]\d{4})" + NOT_ALNUM_AFTER)

# Driver's licence: region (code 11-28 or name), year, serial, check digits: 11-12-345678-90.
_REGIONS = "서울|부산|경기|강원|충북|충남|전북|전남|경북|경남|제주|대구|인천|광주|대전|울산|세종"
driver_license = PatternRecognizer(
    "driver_license",
    NOT_DIGIT_BEFORE + r"(?:1[1-9]|2[0-8]|(?:" + _REGIONS + r")\s?)[-\s]?\d{2}[-\s]\d{6}[-\s]\d{2}"
    + NOT_DIGIT_AFTER)
# Twelve bare digits are a licence only where the text says so.
driver_license_bare = PatternRecognizer(
    "driver_license", NOT_DIGIT_BEFORE + r"(?:1[1-9]|2[0-8])\d{10}" + NOT_DIGIT_AFTER, context="면허")


# --- dates of birth ------------------------------------------------------------------

# A date written as people write one: 1979. 4. 2. / 1979-04-02 / 1979년 4월 2일 / 79.04.02 /
# 19790402 / 790402 (the compact forms only beside a birth cue, which every form needs).
_Y4 = r"(?P<y>(?:19|20)\d{2})"
_Y2 = r"(?P<yy>\d{2})"
_DATE_SEP = r"\s?[./-]\s?"
_BIRTH_DATE = re.compile(
    NOT_DIGIT_BEFORE + r"(?:"
    + _Y4 + r"(?:\s?년\s?(?P<m1>\d{1,2})\s?월\s?(?P<d1>\d{1,2})\s?일|" + _DATE_SEP + r"(?P<m2>\d{1,2})" + _DATE_SEP
    + r"(?P<d2>\d{1,2})\.?)"
    + r"|" + _Y2 + r"(?:\s?년\s?(?P<m3>\d{1,2})\s?월\s?(?P<d3>\d{1,2})\s?일|" + _DATE_SEP + r"(?P<m4>\d{1,2})"
    + _DATE_SEP + r"(?P<d4>\d{1,2})\.?)"
    + r"|(?P<compact>(?:19|20)?\d{6})"
    + r")" + NOT_DIGIT_AFTER)
# The cue: a label before the date (생년월일, 생일, 출생일; not 발생일) or 생/출생 after it.
_BIRTH_LABEL = re.compile(r"(?<![가-힣])(?:생년월일|생년\s?월\s?일|생일|출생\s?일|출생\s?연월일|출생|생년)"
                          r"\s*(?:\([^)\n]{0,10}\))?\s*[:：]?\s*(?:\(\s*)?$")
# An answer to a question about the date of birth (a call transcript): the line
# before asks, and the date opens its line after at most a speaker's tag.
_BIRTH_QUESTION = re.compile(r"생년월일|생일|출생|태어나")
_SPEAKER_TAG = re.compile(r"[\s\[(]*(?:[가-힣A-Za-z0-9]{1,6}\s?[\])]?\s*[:：)]?\s*)?(?:네[,.]?\s*)?")
_BIRTH_SUFFIX = re.compile(r"\s?(?:생|출생|태생)(?:$|[^가-힣]|이|인|으로|의|입|임)")


def _birth_parts(m: re.Match) -> tuple[int, int, int]:
    if m.group("compact"):
        c = m.group("compact")
        return (int(c[:4]), int(c[4:6]), int(c[6:])) if len(c) == 8 else (int(c[:2]), int(c[2:4]), int(c[4:]))
    year = int(m.group("y") or m.group("yy"))
    month = next(int(g) for g in (m.group("m1"), m.group("m2"), m.group("m3"), m.group("m4")) if g)
    day = next(int(g) for g in (m.group("d1"), m.group("d2"), m.group("d3"), m.group("d4")) if g)
    return year, month, day


def _valid_birth(year: int, month: int, day: int) -> bool:
    if year < 100:
        year += 1900 if year > dt.date.today().year % 100 else 2000
    try:
        return dt.date(year, month, day) <= dt.date.today()
    except ValueError:
        return False


ADULT_YEARS = 14
_CELL_BEFORE = re.compile(r"(?:[,|\t\u3000]|\s{2})\s*$")
_CELL_AFTER = re.compile(r"\s*(?:[,|\t\u3000]|\s{2}|$)", re.M)
# A table's row (not a numbered paragraph: 1. 2010. 3. 4. 조례 제정) that lists a person:
# a row number, then cells, one of them a name's length of Hangul.
_NUMBERED_ROW = re.compile(r"\s*(?:\|\s*)?\d{1,4}\s*(?:[,|\t\u3000]|\s{2,})")
_NAME_CELL = re.compile(r"(?:^|[,|\t\u3000]|\s{2})\s*[가-힣]{2,4}\s*(?=[,|\t\u3000]|\s{2}|$)")
_OFFICIAL_IN_ROW = re.compile(r"주무관|주임|사무관|서기관|팀장|과장|국장|실장|직원|공무원|의원|임용|발령|부서|[가-힣]과(?![가-힣])"
                              r"|제정|개정|공포|시행|설립|개청|개관|준공|착공|신설|폐지|연혁")


def is_whole_cell(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a whole table cell (CSV, bars, tabs, two blanks apart)."""
    return bool(_CELL_BEFORE.search(text, max(0, start - 4), start) and _CELL_AFTER.match(text, end))


def in_row_of_persons(text: str, start: int, end: int) -> bool:
    """Whether the span's line is a numbered table row that lists a person (a cell
    a name long) and no official or event (주무관, 부서, 제정 …)."""
    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    row = text[line_start:line_end if line_end >= 0 else len(text)]
    return bool(_NUMBERED_ROW.match(row)) and bool(_NAME_CELL.search(row)) and not _OFFICIAL_IN_ROW.search(row)


class BirthDateRecognizer:
    """Dates of birth: a date with a birth cue (생년월일 1979. 4. 2., 1979년 4월 2일생,
    79.04.02생), a date that answers the line before asking for one (a call
    transcript), or an old date in a numbered row of a list of persons. Dates
    without one (시행일, 결재일) are public."""

    kind = "birth_date"

    def find(self, text: str) -> Iterable[Finding]:
        for m in _BIRTH_DATE.finditer(text):
            if not _valid_birth(*_birth_parts(m)):
                continue
            if _BIRTH_LABEL.search(window_before(text, m.start(), 20)) or _BIRTH_SUFFIX.match(text, m.end()) \
                    or self._answers_question(text, m.start()) or self._old_date_in_person_row(text, m):
                yield Finding(m.start(), m.end(), self.kind, m.group(0))

    @staticmethod
    def _old_date_in_person_row(text: str, m: re.Match) -> bool:
        """A full date at least ``ADULT_YEARS`` old in a numbered row of a list with no
        official in it (a continued table whose header is on another page): what
        such lists date that far back is their persons' births, not payments."""
        if m.group("compact") and len(m.group("compact")) == 6 and not is_whole_cell(text, m.start(), m.end()):
            return False  # six bare digits are a date only as a whole cell
        year = _birth_parts(m)[0]
        if year < 100:
            year += 1900 if year > dt.date.today().year % 100 else 2000
        return year <= dt.date.today().year - ADULT_YEARS and in_row_of_persons(text, m.start(), m.end())

    @staticmethod
    def _answers_question(text: str, start: int) -> bool:
        line_start = text.rfind("\n", 0, start) + 1
        if not line_start or not _SPEAKER_TAG.fullmatch(text, line_start, start):
            return False
        previous_start = text.rfind("\n", 0, line_start - 1) + 1
        return bool(_BIRTH_QUESTION.search(text, previous_start, line_start))


# --- the front half of a registration number -----------------------------------------------

# 790402-1******, 790402-1, 790402-1XXXXXX: a date of birth and the sex digit, which
# with a name identify a person. Masked in a list of persons (a row number, table
# separators, a name or role cue, a registration label: ``PERSON_ROW``); an example in prose
# ("이미 가려진 900101-1******") stays as the author wrote it.
# Without a hyphen (7901021) only as a whole table cell (CSV, bars, tabs).
_FRONT_HALF = re.compile(NOT_DIGIT_BEFORE + r"(?P<yy>\d{2})(?P<mm>\d{2})(?P<dd>\d{2})(?:\s?[-‐–]\s?|(?<=[,|\t]\d{6})"
                         r"|(?<=[,|\t] \d{6}))(?P<g>[1-8])(?P<hidden>[*＊xX×●○◯■□]{1,6})?(?![0-9*＊xX×●○◯■□])")
_CELL_END = re.compile(r"\s?(?:[,|\t]|$)", re.M)
PERSON_ROW = re.compile(r"^\s*(?:\d{1,4}|[①-⑳])\s*(?:[.)\]]?\s|,)|\t|\||[,，]\s*[가-힣]{2,4}\s*[,，]|\s{2,}\S+\s{2,}"
                         r"|주민|생년|성명|이름|연번|순번|민원인|신청인|대상자|보호자|세대주|수령인|예금주|(?<![가-힣])남(?![가-힣])"
                         r"|(?<![가-힣])여(?![가-힣])|\d{1,3}\s?세|[가-힣]\s?(?:씨|님)(?:께서|에게|[은는이가의께도])?(?![가-힣])")


class RegistrationFrontRecognizer:
    kind = "resident_registration_number"

    def find(self, text: str) -> Iterable[Finding]:
        for m in _FRONT_HALF.finditer(text):
            if not _is_birth_date(m) or m.end("dd") == m.start("g") and not _CELL_END.match(text, m.end()):
                continue
            line_start, line_end = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
            line = text[line_start:line_end if line_end >= 0 else len(text)]
            if PERSON_ROW.search(line) and not _CORPORATE_LABEL.search(window_before(text, m.start(), 20)):
                kind = "alien_registration_number" if m.group("g") in _FOREIGNER_DIGITS else self.kind
                yield Finding(m.start(), m.end(), kind, m.group(0))
