"""Non-public parts and wholly withheld records, with their legal ground.

정보공개법 제9조 제1항 lists eight grounds (1호–8호) for withholding. Every
removal names its ground in the published text, e.g. ``[비공개: 제9조 제1항 제6호]``,
and a wholly withheld record publishes only the ground and the opening date.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Optional

from .findings import Finding

GROUNDS = range(1, 9)


def citation(ground: int) -> str:
    if ground not in GROUNDS:
        raise ValueError(f"legal ground must be 정보공개법 제9조 제1항 1–8호, got {ground!r}")
    return f"제9조 제1항 제{ground}호"


def notice(ground: int) -> str:
    return f"[비공개: {citation(ground)}]"


@dataclass(frozen=True)
class NonPublicPart:
    """A part of a record the source marks non-public: a span of the text
    (``start``/``end``) or every occurrence of ``text``."""
    ground: int
    text: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None

    def __post_init__(self) -> None:
        citation(self.ground)
        if (self.text is None) == (self.start is None or self.end is None):
            raise ValueError("a non-public part gives either text or start and end")


@dataclass(frozen=True)
class Withholding:
    """A record that is wholly non-public: only this notice is published."""
    ground: int
    opens_on: Optional[dt.date] = None

    def __post_init__(self) -> None:
        citation(self.ground)

    def notice_text(self) -> str:
        opening = f"공개 예정일: {self.opens_on.isoformat()}" if self.opens_on else "공개 예정일: 미정"
        return (f"이 문서는 「공공기관의 정보공개에 관한 법률」 {citation(self.ground)}에 따라 "
                f"비공개입니다.\n{opening}\n")


class NonPublicPartNotFound(ValueError):
    """A marked part is not in the text: publishing could leave it in, so stop."""


def spans(text: str, parts: Iterable[NonPublicPart]) -> list[Finding]:
    found = []
    for part in parts:
        if part.text is None:
            if not 0 <= part.start < part.end <= len(text):
                raise NonPublicPartNotFound(f"non-public span {part.start}–{part.end} is outside the text")
            found.append(Finding(part.start, part.end, f"nonpublic:{part.ground}", text[part.start:part.end]))
            continue
        start = text.find(part.text) if part.text else -1
        if start < 0:
            raise NonPublicPartNotFound(f"non-public part {part.text[:30]!r} (ground {part.ground}) "
                                        "is not in the document's text")
        while start >= 0:
            found.append(Finding(start, start + len(part.text), f"nonpublic:{part.ground}", part.text))
            start = text.find(part.text, start + len(part.text))
    return found
