"""Numbers and dates as Korean tables write them, read for typed DataStore columns.

A city table writes an amount ``1,234,000``, ``1,234,000원``, ``₩1,234``, a
negative ``△5,000`` (the accountants' triangle), ``−5,000`` or ``(5,000)``,
and a missing one ``-``; a date ``2021-03-04 12:30``, ``2021. 3. 5.``,
``2021년 3월 5일 (금) 오후 2시 30분`` or ``20210305``. PostgreSQL's own
parsing reads none but the plainest, so a column the glossary types
``numeric`` failed to load at its first ``1,234,000``.

Units stay as the header writes them: a ``금액(천원)`` column's ``1,234`` is
1234 (thousands of won, as its label says), never multiplied; a cell with its
own unit other than 원 (``3천만원``, ``12%``) is no number here. Full-width
digits and signs are read as ASCII (NFKC). No library reads these notations
strictly (dateparser reads Korean dates, but also turns ``3`` or ``12.5``
into dates, which would type code columns as dates).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Optional

# What a table writes for "no value" in a number or date column.
MISSING = frozenset({"", "-", "–", "—", "―", "−", "n/a", "N/A", "NA", "#N/A"})

_NUMBER = re.compile(r"""
    (?P<sign>[-−△+])?\s*(?P<open>\()?\s*[₩￦]?\s*
    (?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?
    \s*원?\s*(?P<close>\))?""", re.VERBOSE)

_DATE = re.compile(r"""
    (?P<y>\d{4})\s*(?:[-/.]|년)\s*(?P<m>\d{1,2})\s*(?:[-/.]|월)\s*(?P<d>\d{1,2})\s*(?:일|\.)?
    \s*(?:\(\s*[월화수목금토일]\s*\)|[월화수목금토일]요일)?
    (?:\s*T?\s*(?P<ampm>오전|오후|[AaPp][Mm])?\s*
       (?P<H>\d{1,2})\s*(?::|시)\s*(?:(?P<M>\d{1,2})\s*(?::|분)?\s*(?:(?P<S>\d{1,2})(?:\.\d+)?\s*초?)?)?)?""",
                   re.VERBOSE)
_COMPACT_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})")


def _read(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def is_missing(text: Optional[str]) -> bool:
    """True for an empty cell or one that writes "no value" (``-``, ``N/A``)."""
    return text is None or _read(text) in MISSING


def number(text: str) -> Optional[Decimal]:
    """``1,234,000원`` → 1234000, ``△5,000`` → -5000, ``(5,000)`` → -5000;
    None for anything else (a unit other than 원, a percentage, a word,
    commas not in thousands)."""
    found = _NUMBER.fullmatch(_read(text))
    if not found or bool(found["open"]) != bool(found["close"]) or (found["open"] and found["sign"]):
        return None
    try:
        value = Decimal(found["digits"].replace(",", "") + (found["fraction"] or ""))
    except InvalidOperation:
        return None
    return -value if found["open"] or found["sign"] in ("-", "−", "△") else value


def timestamp(text: str) -> Optional[dt.datetime]:
    """``2021-03-04 12:30``, ``2021. 3. 5.``, ``2021년 3월 5일 오후 2시 30분``,
    ``20210305`` → the datetime; None for anything else (also for a
    calendar date that does not exist, 2021-02-30)."""
    value = _read(text)
    found = _DATE.fullmatch(value) or _COMPACT_DATE.fullmatch(value)
    if not found:
        return None
    parts = found.groupdict()
    hour = int(parts.get("H") or 0)
    if (parts.get("ampm") or "").lower() in ("오후", "pm") and hour < 12:
        hour += 12
    elif (parts.get("ampm") or "").lower() in ("오전", "am") and hour == 12:
        hour = 0
    try:
        return dt.datetime(int(parts["y"]), int(parts["m"]), int(parts["d"]), hour,
                           int(parts.get("M") or 0), int(parts.get("S") or 0))
    except ValueError:
        return None


def as_typed_text(kind: str, text: Optional[str]) -> Optional[str]:
    """The cell as PostgreSQL reads a ``numeric`` or ``timestamp`` column
    (``1234000``, ``2021-03-05 14:30:00``), ``""`` for a missing value, the
    text itself for ``text``; None when it does not read as ``kind``."""
    if kind == "text":
        return text or ""
    if is_missing(text):
        return ""
    if kind == "numeric":
        value = number(text)
        return None if value is None else str(value)
    if kind == "timestamp":
        moment = timestamp(text)
        return None if moment is None else moment.isoformat(sep=" ")
    raise ValueError(f"no column type {kind!r}")
