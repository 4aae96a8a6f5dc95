"""Operators turn a finding into what the published text shows in its place.

``Replace`` (the default) writes a visible token naming the kind, e.g.
``[휴대전화번호]``; ``Mask`` keeps the length and separators and stars the rest,
e.g. ``***-****-****``, for readers who need to see the shape.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional

from .findings import Finding
from .recognizers import LABELS


@dataclass(frozen=True)
class Replace:
    template: str = "[{label}]"

    def apply(self, finding: Finding) -> str:
        return self.template.format(label=LABELS.get(finding.kind, "개인정보"))


@dataclass(frozen=True)
class Mask:
    char: str = "*"
    keep: str = "-. @"

    def apply(self, finding: Finding) -> str:
        return "".join(c if c in self.keep else self.char for c in finding.text)


DEFAULT_OPERATOR = Replace()


def replacement(finding: Finding, operators: Optional[Mapping[str, object]] = None) -> str:
    operator = (operators or {}).get(finding.kind, DEFAULT_OPERATOR)
    return operator.apply(finding)  # type: ignore[attr-defined]
