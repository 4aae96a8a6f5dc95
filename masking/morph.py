"""What a Korean word is, read by mecab-ko-dic (python-mecab-ko): names of persons.

mecab-ko-dic marks proper nouns by meaning (인명 person, 지명 place, …); the
name recognizer asks it about single words (어절) only, and each word's
reading is cached, so text masking pays for a word once per process. Chosen
over kiwipiepy on ``bench/person_names_bench.py``: kiwipiepy's NNP mixes
persons with places and bodies (정릉동, 마포구, 서울교통공사), mecab's 인명 is
rarely a public word, and mecab is ~4x faster with no load time.
"""
from __future__ import annotations

from functools import lru_cache

import mecab

_tagger = mecab.MeCab()
COMMON_TAGS = ("NNG", "NNB", "MAG", "MM", "VV", "VA", "XR", "NP", "NR")


@lru_cache(maxsize=200_000)
def morphemes(word: str) -> tuple[tuple[int, int, str, str], ...]:
    """``(start, end, pos, semantic)`` of each morpheme of ``word``
    (``semantic`` is ``"인명"`` for a person's name, ``""`` when none)."""
    return tuple((m.span.start, m.span.end, m.feature.pos, m.feature.semantic or "") for m in _tagger.parse(word))


def person_prefix(word: str) -> int:
    """How many leading characters of ``word`` the dictionary reads as a
    person's name (adjacent 인명 morphemes joined: 남궁 + 민수); 0 if none."""
    end = 0
    for start, stop, _pos, semantic in morphemes(word):
        if start != end or semantic != "인명":
            break
        end = stop
    return end


def cuts_a_word(run: str, length: int) -> bool:
    """True when the first ``length`` characters of ``run`` end inside one of
    its morphemes (주민등|록번호, 정보주|체): that prefix is not a word of its own."""
    return any(start < length < stop for start, stop, _pos, _sem in morphemes(run))


def is_common_word(word: str) -> bool:
    """True when the dictionary reads ``word`` (2+ characters) as one word
    that is not a person's name: a common word (정리, 인감, 고객, 진행자) or a
    place's or body's proper name (양평, 정릉동)."""
    parts = morphemes(word)
    if len(word) < 2 or not parts or parts[0][0] != 0 or parts[0][1] != len(word):
        return False
    pos, semantic = parts[0][2].split("+")[0], parts[0][3]
    return pos in COMMON_TAGS or (pos == "NNP" and semantic not in ("", "인명"))
