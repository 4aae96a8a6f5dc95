"""Run the recognizers over a text and settle overlapping findings."""
from __future__ import annotations

from typing import Iterable, Optional, Sequence

from .findings import Finding, resolve_overlaps
from .recognizers import DEFAULT_RECOGNIZERS


def scan(text: str, recognizers: Optional[Sequence] = None) -> list[Finding]:
    """Every span of personal information in ``text``, in order, without overlaps."""
    found: Iterable[Finding] = (f for r in (recognizers or DEFAULT_RECOGNIZERS) for f in r.find(text))
    return resolve_overlaps(found)
