"""What a recognizer reports: a span of the text and the kind of data in it."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Iterable


@dataclass(frozen=True, order=True)
class Finding:
    start: int
    end: int
    kind: str
    text: str

    def as_dict(self) -> dict:
        return {"kind": self.kind, "start": self.start, "end": self.end, "text": self.text}

    def overlaps(self, other: "Finding") -> bool:
        return self.start < other.end and other.start < self.end


def resolve_overlaps(findings: Iterable[Finding]) -> list[Finding]:
    """Keep one finding per region: the longest wins (a card number over the
    account digits inside it), then the earliest. Masking the union would be
    as safe, but one finding per span keeps the report and the tokens clean."""
    chosen: list[Finding] = []
    for f in sorted(findings, key=lambda f: (-(f.end - f.start), f.start)):
        if not any(f.overlaps(c) for c in chosen):
            chosen.append(f)
    return sorted(chosen)
