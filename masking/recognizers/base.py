"""Shared shape of a recognizer: a pattern, an optional validity check and context.

Korean text glues particles to values (``hong@naver.com의``, ``010-1234-5678로``),
and Hangul counts as a word character, so patterns bound values with explicit
look-arounds on digits or ASCII letters instead of ``\\b``.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable, Optional

from ..findings import Finding

NOT_DIGIT_BEFORE = r"(?<![0-9])"
NOT_DIGIT_AFTER = r"(?![0-9])"
NOT_ALNUM_BEFORE = r"(?<![0-9A-Za-z])"
NOT_ALNUM_AFTER = r"(?![0-9A-Za-z])"


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def window_before(text: str, start: int, size: int) -> str:
    """The text before ``start`` on the same line, at most ``size`` characters."""
    line_start = text.rfind("\n", 0, start) + 1
    return text[max(line_start, start - size):start]


# A UUID or a long hexadecimal token (a resource id in a URL, a file hash): its digit runs
# are no card, account or phone number, even where look-alike letters read as digits.
_IDENTIFIER = re.compile(r"[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}|(?<![0-9A-Za-z])(?=[0-9a-f]*[a-f])"
                         r"(?=[0-9a-f]*[0-9])[0-9a-f]{32,}(?![0-9A-Za-z])")


def inside_identifier(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies within a UUID or a hex token of 32+ characters."""
    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    for m in _IDENTIFIER.finditer(text, max(line_start, start - 40), end + 40 if line_end < 0 else min(line_end, end + 40)):
        if m.start() <= start and end <= m.end():
            return True
    return False


class PatternRecognizer:
    """Finds ``pattern`` matches (group ``value`` if the pattern has one) that
    pass ``validate`` and, when ``context`` is given, have one of those words
    in the ``context_window`` characters before them on the same line."""

    def __init__(self, kind: str, pattern: str, validate: Optional[Callable[[re.Match], bool]] = None,
                 context: Optional[str] = None, context_window: int = 30, flags: int = 0):
        self.kind = kind
        self.pattern = re.compile(pattern, flags)
        self.validate = validate
        self.context = re.compile(context) if context else None
        self.context_window = context_window

    def find(self, text: str) -> Iterable[Finding]:
        for m in self.pattern.finditer(text):
            group = "value" if "value" in self.pattern.groupindex else 0
            start, end = m.span(group)
            if self.validate and not self.validate(m) or inside_identifier(text, start, end):
                continue
            if self.context and not self.context.search(window_before(text, start, self.context_window)):
                continue
            yield Finding(start, end, self.kind, m.group(group))
