"""Text analysis for the PostgreSQL search backend.

Korean has no spaces between a noun and its particle (청년수당을, 청년수당은), so
whole-word matching fails. Like Lucene's CJKBigramFilter we index every run of
Hangul/Han characters as overlapping bigrams: the bigrams of a query noun are a
subset of the bigrams of the noun with any particle attached. Other scripts are
split into lower-cased alphanumeric words. Query terms additionally lose a
trailing particle, so a query written with one (청년수당을) still matches text
that carries another (청년수당은) or none.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

_CJK = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN_RE = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+")
_CJK_RE = re.compile(rf"[{_CJK}]")

# Particles and endings that follow nouns; longest first so 에서 wins over 서.
PARTICLES = sorted(
    """에서는 으로는 에게서 으로써 까지 부터 에서 에게 으로 한테 처럼 보다 마다 이나
    이랑 에는 에도 과의 와의 이며 이고 에의 은 는 이 가 을 를 의 에 로 와 과 도 만 께 나""".split(),
    key=len,
    reverse=True,
)
_MIN_STEM = 2


def normalize(text: str) -> str:
    """NFKC folds full-width forms (？, Ａ) and compatibility jamo; then lower-case."""
    return unicodedata.normalize("NFKC", text).lower()


def is_cjk(run: str) -> bool:
    return bool(_CJK_RE.match(run))


def runs(text: str) -> list[str]:
    """Maximal runs of CJK characters or of other letters/digits."""
    return _RUN_RE.findall(normalize(text))


def bigrams(run: str) -> list[str]:
    if len(run) < 2:
        return [run]
    return [run[i:i + 2] for i in range(len(run) - 1)]


def index_tokens(text: str) -> list[str]:
    """Tokens of a stored text, in order (positions matter for phrases)."""
    out: list[str] = []
    for run in runs(text):
        out.extend(bigrams(run) if is_cjk(run) else [run])
    return out


def index_tokens_of(values: Iterable[object]) -> list[str]:
    out: list[str] = []
    for value in values:
        if value is not None:
            out.extend(index_tokens(str(value)))
    return out


def strip_particle(run: str) -> str:
    for particle in PARTICLES:
        if run.endswith(particle) and len(run) - len(particle) >= _MIN_STEM:
            return run[: -len(particle)]
    return run


def query_runs(text: str) -> list[str]:
    """Runs of a query term, CJK runs without a trailing particle."""
    return [strip_particle(r) if is_cjk(r) else r for r in runs(text)]
