"""Apply the operators and the non-public notices to a text in one pass."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Optional, Sequence

from . import nonpublic as np
from .analyzer import scan
from .findings import Finding
from .operators import replacement


@dataclass
class Redaction:
    text: str
    findings: list[Finding] = field(default_factory=list)   # personal information, positions in the input
    nonpublic: list[Finding] = field(default_factory=list)  # removed non-public parts, positions in the input


def _merge(spans: list[Finding]) -> list[Finding]:
    """Overlapping spans become one (one non-public notice, the first ground)."""
    merged: list[Finding] = []
    for s in sorted(spans):
        if merged and s.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = Finding(last.start, max(last.end, s.end), last.kind, "")
        else:
            merged.append(s)
    return merged


def _outside(finding: Finding, known: Sequence[Finding], starts: Sequence[int]) -> list[Finding]:
    """The parts of ``finding`` that no ``known`` finding covers (``known``
    sorted and not overlapping, ``starts`` their starts)."""
    j, covering = bisect_left(starts, finding.end) - 1, []
    while j >= 0 and known[j].end > finding.start:
        covering.append(known[j])
        j -= 1
    parts, pos = [], finding.start
    for k in reversed(covering):
        if k.start > pos:
            parts.append(Finding(pos, k.start, finding.kind, finding.text[pos - finding.start:k.start - finding.start]))
        pos = max(pos, k.end)
    if pos < finding.end:
        parts.append(Finding(pos, finding.end, finding.kind, finding.text[pos - finding.start:]))
    return parts


def redact(text: str, nonpublic: Iterable[np.NonPublicPart] = (), operators: Optional[Mapping] = None,
           recognizers: Optional[Sequence] = None, known: Iterable[Finding] = (),
           read: Iterable[tuple[int, int]] = ()) -> Redaction:
    """Remove non-public parts (with a notice naming the ground) and replace
    personal information outside them. Positions refer to the input text.
    ``known``: findings the caller already has, not overlapping one another
    (a table's cells, read by their column's meaning); ``read``: the spans
    the caller has read itself (the table rows, cell by cell, so that no
    pattern runs from one cell into the next). The recognizers' findings
    count only outside both."""
    removed = _merge(np.spans(text, nonpublic))
    known = sorted(known)
    covered = _merge(known + [Finding(start, end, "read", "") for start, end in read])
    starts = [c.start for c in covered]
    found = [part for f in scan(text, recognizers) for part in _outside(f, covered, starts)]
    findings = sorted(f for f in known + found if not any(f.overlaps(r) for r in removed))
    out, pos = [], 0
    for span in sorted(findings + removed):
        out.append(text[pos:span.start])
        out.append(np.notice(int(span.kind.split(":")[1])) if span.kind.startswith("nonpublic:")
                   else replacement(span, operators))
        pos = span.end
    out.append(text[pos:])
    return Redaction("".join(out), findings, removed)


def redact_text(text: str, nonpublic: Iterable[np.NonPublicPart] = (), operators: Optional[Mapping] = None) -> str:
    return redact(text, nonpublic, operators).text
