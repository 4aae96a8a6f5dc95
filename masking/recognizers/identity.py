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
