"""Names of private persons: every name is found, the officials' are kept.

``names.py`` finds every person's name (after a role label, before 씨/님, with
an age in parentheses, as a speaker, in a list, or alone where the dictionary
reads it as a name); ``offices.py`` says which occurrences are an official
acting in office (a title beside it, an approval line, an agency's contact
block), public under 정보공개법 제9조 제1항 제6호 라목. Every other occurrence is
masked. A name found only weakly (alone, in a list or as a speaker) that the
text ties to an office anywhere is an official's and kept everywhere
(김철수 과장 … 김철수는 설명하였다); a name a role or honorific shows to be a
private person's is kept only beside an office (담당 김철수 주무관(동명이인)).
"""
from __future__ import annotations

from typing import Iterable

from ..findings import Finding
from .names import COMPOUND_SURNAMES, SURNAMES, find_names, occurrences
from .offices import OFFICIAL_TITLES, is_official

# The lexicons layout.py reads through this module.
__all__ = ["PersonNameRecognizer", "OFFICIAL_TITLES", "SURNAMES", "COMPOUND_SURNAMES"]


class PersonNameRecognizer:
    kind = "person_name"

    def find(self, text: str) -> Iterable[Finding]:
        for name, strong in find_names(text).items():
            spans = [(s, e, is_official(text, s, e)) for s, e in occurrences(text, name)]
            if not strong and any(official for _s, _e, official in spans):
                continue
            for start, end, official in spans:
                if not official:
                    yield Finding(start, end, self.kind, name)
