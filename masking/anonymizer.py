"""Apply the operators and the non-public notices to a text in one pass."""
from __future__ import annotations

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
    """Overlapping non-public spans become one (one notice, the first ground)."""
    merged: list[Finding] = []
    for s in sorted(spans):
        if merged and s.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = Finding(last.start, max(last.end, s.end), last.kind, "")
        else:
            merged.append(s)
    return merged


def redact(text: str, nonpublic: Iterable[np.NonPublicPart] = (), operators: Optional[Mapping] = None,
           recognizers: Optional[Sequence] = None) -> Redaction:
    """Remove non-public parts (with a notice naming the ground) and replace
    personal information outside them. Positions refer to the input text."""
    removed = _merge(np.spans(text, nonpublic))
    findings = [f for f in scan(text, recognizers) if not any(f.overlaps(r) for r in removed)]
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
