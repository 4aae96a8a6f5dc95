"""Vehicle registration plates, unless the text says the vehicle is an official one."""
from __future__ import annotations

import re

from .base import NOT_DIGIT_AFTER, NOT_DIGIT_BEFORE, window_before
from ..findings import Finding

_PLATE_LETTERS = "가나다라마거너더러머버서어저고노도로모보소오조구누두루무부수우주아바사자배하허호"
_OLD_REGIONS = "서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주"
_PLATE = re.compile(NOT_DIGIT_BEFORE + r"(?:(?:" + _OLD_REGIONS + r")\s?)?\d{2,3}\s?[" + _PLATE_LETTERS + r"]\s?\d{4}"
                    + NOT_DIGIT_AFTER)
_OFFICIAL = re.compile(r"관용|공용|업무용|청사|시\s*소유|배차")  # 차량배차신청: an office car given out


class VehiclePlateRecognizer:
    kind = "vehicle_plate"

    def find(self, text: str):
        for m in _PLATE.finditer(text):
            if not _OFFICIAL.search(window_before(text, m.start(), 20)):
                yield Finding(m.start(), m.end(), self.kind, m.group(0))
