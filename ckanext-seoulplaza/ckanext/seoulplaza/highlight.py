"""Search-result snippets: the passage of a record's masked text that best
matches the query, with the matching words marked.

Backend-neutral on purpose (the PostgreSQL index and Solr alike): it reads the
same masked text the index was built from, so a snippet can show nothing the
index could not, and it matches the way the index does (particles stripped,
case and width folded), so a hit always has something to mark.
"""
from __future__ import annotations

import re
from typing import Iterable

from markupsafe import Markup, escape

from .search.tokens import normalize, query_runs

# Solr/Lucene syntax in a query is not text to look for, nor are excluded words.
_SYNTAX = re.compile(r"(?:^|(?<=\s))[-!]\S+|\bNOT\s+\S+|\b(?:AND|OR)\b|[\w.]+:(?:\"[^\"]*\"|\S+)"
                     r"|[+(){}\[\]^\"~*?\\/]")
WIDTH = 160


def query_terms(q: str) -> list[str]:
    """The words of a free-text query, as the index matches them, longest first."""
    terms = {t for t in query_runs(_SYNTAX.sub(" ", q or "")) if t and (len(t) > 1 or not t.isascii())}
    return sorted(terms, key=lambda t: (-len(t), t))


def _matches(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    pattern = re.compile("|".join(re.escape(t) for t in terms))
    return [m.span() for m in pattern.finditer(text)]


def snippet(text: str, q: str, width: int = WIDTH) -> Markup:
    """The ``width``-character window of ``text`` holding the most distinct
    query terms, HTML-escaped, with each match in ``<mark>``; empty if the
    text does not contain any term."""
    terms = query_terms(q)
    if not text or not terms:
        return Markup("")
    folded = normalize(text)
    if len(folded) != len(text):  # NFKC changed lengths (rare ligatures): match on the original
        folded = text.lower()
    spans = _matches(folded, terms)
    if not spans:
        return Markup("")
    best_start, best_score = spans[0][0], 0
    for start, _ in spans:
        window = {folded[s:e] for s, e in spans if start <= s and e <= start + width}
        if len(window) > best_score:
            best_start, best_score = start, len(window)
    begin = max(0, min(best_start - width // 4, len(text) - width))
    end = min(len(text), begin + width)
    out = [Markup("…") if begin else Markup("")]
    cursor = begin
    for s, e in spans:
        if s < begin or e > end:
            continue
        out += [escape(text[cursor:s]), Markup("<mark>"), escape(text[s:e]), Markup("</mark>")]
        cursor = e
    out += [escape(text[cursor:end]), Markup("…") if end < len(text) else Markup("")]
    return Markup(" ".join(Markup("").join(out).split()))
