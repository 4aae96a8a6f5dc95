"""Run the recognizers over a text and settle overlapping findings.

The recognizers read the normalised text (``normalize.py``: NFKC, invisible
characters, obfuscated digits and e-mail addresses); every finding is mapped
back to the characters of the text as given, which are what a redaction replaces.
"""
from __future__ import annotations

import unicodedata
from typing import Any, Optional, Sequence

from . import layout
from .findings import Finding, resolve_overlaps
from .normalize import normalize
from .recognizers import DEFAULT_RECOGNIZERS


def scan(text: str, recognizers: Optional[Sequence] = None) -> list[Finding]:
    """Every span of personal information in ``text``, in order, without
    overlaps; ``start``/``end`` and ``text`` are those of the given text.
    With the default recognizers, the tables and lists written in the text
    are read too (``layout.py``): private columns' cells and listed persons
    are found, officials' name columns kept."""
    normal = normalize(text)
    chosen: Sequence[Any] = recognizers or DEFAULT_RECOGNIZERS
    found = [f for r in chosen for f in r.find(normal.text)]
    if normal.passes:
        found = [_in_original(normal.original_span(f.start, f.end), f.kind, text) for f in found]
    if not recognizers:  # read as written: normalising joins the digits of neighbouring cells
        found = layout.read(text).settle(found)
    return resolve_overlaps(found)


def _in_original(span: tuple[int, int], kind: str, text: str) -> Finding:
    """The finding on the given text; combining marks after its last character
    (a keycap's U+FE0F U+20E3, an underline) belong to it and go with it."""
    start, end = span
    while end < len(text) and unicodedata.category(text[end]) in ("Mn", "Me"):
        end += 1
    return Finding(start, end, kind, text[start:end])
