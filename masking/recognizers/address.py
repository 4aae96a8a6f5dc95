"""Detailed home addresses: the house number and the 동·호 unit, not the district.

An apartment unit (``61동 984호``) is masked wherever it stands. A road-name or
lot-number address with its house number is masked when the line speaks of a
person (주소, 거주, a role such as 민원인); the addresses of offices and
facilities stay public.
"""
from __future__ import annotations

import re
from typing import Iterable

from ..findings import Finding
from .base import NOT_DIGIT_AFTER, NOT_DIGIT_BEFORE, window_before

_UNIT = r"(?:\d{1,4}\s?동\s?)?\d{1,5}\s?호(?!선)"
_APARTMENT_UNIT = re.compile(NOT_DIGIT_BEFORE + r"\d{1,4}\s?동\s?\d{1,5}\s?호(?!선)")
_ROAD = r"[가-힣0-9]+(?:로|길)\s?\d+(?:-\d+)?(?:\s?번?길\s?\d+(?:-\d+)?)?"
_LOT = r"[가-힣0-9]+[동리가]\s?\d+(?:-\d+)?\s?번지"
_STREET = re.compile(r"(?<![가-힣0-9])(?:" + _ROAD + "|" + _LOT + r")" + NOT_DIGIT_AFTER
                     + r"(?:(?:,\s?|\s)(?:[가-힣A-Za-z0-9]+(?:아파트|빌라|맨션|타워|오피스텔)\s?)?" + _UNIT + r")?")
PERSONAL_CONTEXT = re.compile(r"주소|거주|자택|사는|살고|전입|민원인|신청인|청구인|피해자|세대주|신고인|보호자")


class AddressRecognizer:
    kind = "address"

    def find(self, text: str) -> Iterable[Finding]:
        found = []
        for m in _STREET.finditer(text):
            if PERSONAL_CONTEXT.search(window_before(text, m.start(), 40)):
                found.append(Finding(m.start(), m.end(), self.kind, m.group(0)))
        for m in _APARTMENT_UNIT.finditer(text):
            found.append(Finding(m.start(), m.end(), self.kind, m.group(0)))
        return found
