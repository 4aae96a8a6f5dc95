"""What the recognizers read: the text as a reader sees it, not as it is encoded.

People who want a number or an address past a filter write it so that a
person still reads it and a pattern does not: full-width, circled or Roman
digits (``０１０－１２３４－５６７８``, ``⓪①⓪``, ``010-ⅠⅡⅢⅣ-5678``), invisible
characters inside a value (zero-width space, soft hyphen, bidi controls), odd
separators or a line break (``010ㅡ1234ㅡ5678``, ``010~1234~5678``,
``0 1 0 1 2 3 4 …``, ``010-1234-⏎5678``), the digits regrouped
(``010-12-34-56-78``), letters for digits (``O1O-l234-S678``, ``ㅇ1ㅇ``),
digits spelled in Korean, hanja or English (``공일공 하나둘셋넷 오육칠팔``,
``〇一〇-一二三四``, ``공1공-1234-5678``), e-mail addresses spelled out
(``hong [at] gmail [dot] com``, ``hong 골뱅이 네이버 닷컴``) or with Cyrillic
look-alikes, text drawn right to left by a bidi override, Hangul decomposed
into jamo (as macOS writes it). ``normalize`` undoes these in passes, each
recording its edits, so that a span found in the normalised text maps back to
the characters of the original (``Normalized.original_span``): redaction
replaces what the author wrote and leaves the rest as written.

The passes only rewrite what can change recognition: Korean syllables and
ASCII stay as they are, separators are canonicalised only inside runs of nine
or more digits, spelled digits only in runs of nine or more of which three are
spelled (fewer only beside Arabic digits in a private number's shape),
look-alike letters only next to digits, and digits are regrouped only when
the group of them, as one number, has the shape of a mobile, registration or
card number. What a recognizer then accepts is still its own decision
(context, checksums, dates), so public facts stay public. Not read: digits
written as words between groups (``010 다음 1234``), place-value numbers
(``천이백삼십사``), HTML character references (comments and mail show text
as written, so ``&#48;`` never reads as 0).
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Optional

from .recognizers import WHOLE_NUMBER_PATTERNS, passport
from .recognizers.contact import MOBILE_DIGITS
from .recognizers.financial import is_account_layout, is_card_number
from .recognizers.identity import is_business_number, is_registration_number

# --- the edit record -------------------------------------------------------


@dataclass(frozen=True)
class _Edits:
    """One pass's replacements: source span → output span, in order."""
    src: list[tuple[int, int]]
    dst: list[tuple[int, int]]
    dst_starts: list[int]

    def first(self, i: int) -> int:
        """The source index of the first character output character ``i`` came from."""
        k = bisect_right(self.dst_starts, i) - 1
        if k < 0:
            return i
        (s_start, s_end), d_end = self.src[k], self.dst[k][1]
        return s_start if i < d_end else s_end + (i - d_end)

    def last(self, i: int) -> int:
        """The source index of the last character output character ``i`` came from."""
        k = bisect_right(self.dst_starts, i) - 1
        if k < 0:
            return i
        (s_start, s_end), d_end = self.src[k], self.dst[k][1]
        return s_end - 1 if i < d_end else s_end + (i - d_end)


Edit = tuple[int, int, str]  # replace text[start:end] by the string; a pass lists its edits in order


def _apply(text: str, edits: list[Edit]) -> tuple[str, Optional[_Edits]]:
    """The text with the edits made, and the record to map spans back (None: nothing changed)."""
    parts: list[str] = []
    src: list[tuple[int, int]] = []
    dst: list[tuple[int, int]] = []
    pos = length = 0
    for start, end, new in edits:
        if end <= start or text[start:end] == new:
            continue
        parts.append(text[pos:start])
        length += start - pos
        src.append((start, end))
        dst.append((length, length + len(new)))
        parts.append(new)
        length += len(new)
        pos = end
    if not src:
        return text, None
    parts.append(text[pos:])
    return "".join(parts), _Edits(src, dst, [d[0] for d in dst])


class Normalized:
    """The normalised ``text`` of ``original``, with the passes' edits to map spans back."""
    __slots__ = ("original", "text", "passes")

    def __init__(self, original: str, text: str, passes: tuple[_Edits, ...] = ()):
        self.original, self.text, self.passes = original, text, passes

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``original`` that ``text[start:end]`` (non-empty) was made from."""
        first, last = start, end - 1
        for edits in reversed(self.passes):
            first, last = edits.first(first), edits.last(last)
        return first, last + 1


# --- pass 1: right-to-left overrides ------------------------------------------

# Between U+202E and U+202C (or the line's end) every character is drawn right to
# left: 8765-4321-010 reads as 010-1234-5678. The pass puts it in reading order.
_RIGHT_TO_LEFT_OVERRIDE = re.compile("\u202e([^\u202a-\u202e\u2066-\u2069\n]*)[\u202c\u2069]?")


def _overrides(text: str, out: list[Edit]) -> None:
    if "\u202e" not in text:
        return
    for m in _RIGHT_TO_LEFT_OVERRIDE.finditer(text):
        out.append((m.start(), m.end(), m.group(1)[::-1]))


# --- pass 2: characters ----------------------------------------------------

_INVISIBLE_CATEGORIES = ("Cf", "Cc", "Mn", "Me")  # format (ZWSP, bidi, BOM, soft hyphen), controls, combining marks
_BLANKS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}  # Hangul fillers, braille blank: drawn as a space
_LINE_BREAKS = {"\u2028", "\u2029", "\x85"}
_SPECIAL = {"ⓐ": "@", "。": ".", "｡": "."}  # ⓐ is written for @ in Korean; the ideographic full stop for a dot
# Candidates: a decomposed Hangul syllable (jamo, as macOS writes file names), a
# syllable with a separate final, or any single character that is neither ASCII
# nor a precomposed syllable. Everything else is stable under NFKC.
_CHAR_CANDIDATES = re.compile(r"[\u1100-\u1112][\u1161-\u1175][\u11a8-\u11c2]?|[\uac00-\ud7a3][\u11a8-\u11c2]"
                              r"|[^\x00-\x7f\uac00-\ud7a3]")


@lru_cache(maxsize=4096)
def _char_form(chars: str) -> str:
    """What a reader takes ``chars`` (one character or a jamo cluster) for."""
    if len(chars) > 1:
        return unicodedata.normalize("NFC", chars)
    if chars in _SPECIAL:
        return _SPECIAL[chars]
    if chars in _BLANKS:
        return " "
    if chars in _LINE_BREAKS:
        return "\n"
    if unicodedata.category(chars) in _INVISIBLE_CATEGORIES:
        return ""
    digit = unicodedata.digit(chars, None)  # full-width, Arabic-Indic, superscript, circled, ⑴, ⒈, ❶ …
    if digit is not None:
        return str(digit)
    number = unicodedata.numeric(chars, None)
    if number is not None and unicodedata.category(chars) == "No" and number == int(number) and 10 <= number <= 50:
        return str(int(number))  # ⑩ ⑽ ⒑ ㉑ → 10, 10, 10, 21
    if number is not None and unicodedata.category(chars) == "Nl" and number == int(number) and 1 <= number <= 12:
        return str(int(number))  # Roman numerals as numbers (Ⅳ → 4, not NFKC's IV); 〇 is left to pass 5
    if "\u3130" <= chars <= "\u318f":
        return chars  # Hangul compatibility jamo (ㅋ, ㅡ, ㅇ) stay: NFKC would make them conjoining jamo
    form = unicodedata.normalize("NFKC", chars)
    return "".join(c for c in form if unicodedata.category(c) not in _INVISIBLE_CATEGORIES)


def _characters(text: str, out: list[Edit]) -> None:
    if text.isascii():
        return
    for m in _CHAR_CANDIDATES.finditer(text):
        out.append((m.start(), m.end(), _char_form(m.group())))


# --- pass 3: Latin look-alikes from Greek and Cyrillic ------------------------

_HOMOGLYPHS = str.maketrans({
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "һ": "h", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ɡ": "g",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "Ԁ": "D",
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "τ": "t", "χ": "x", "υ": "u",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
})
_MIXED_SCRIPT = re.compile(r"[A-Za-z0-9@._%+\-\u0261\u0370-\u03ff\u0400-\u052f]+")
_GREEK_CYRILLIC = re.compile(r"[\u0261\u0370-\u03ff\u0400-\u052f]")


def _homoglyphs(text: str, out: list[Edit]) -> None:
    """Greek and Cyrillic letters that look Latin, only inside words that also
    hold ASCII letters or digits (a Russian sentence is left alone)."""
    if not _GREEK_CYRILLIC.search(text):
        return
    for m in _MIXED_SCRIPT.finditer(text):
        word = m.group()
        if _GREEK_CYRILLIC.search(word) and re.search(r"[A-Za-z0-9]", word):
            for i, ch in enumerate(word):
                out.append((m.start() + i, m.start() + i + 1, ch.translate(_HOMOGLYPHS)))


# --- pass 4: e-mail addresses spelled out ---------------------------------------

_PROVIDERS = {"네이버": "naver.com", "지메일": "gmail.com", "구글": "gmail.com", "한메일": "hanmail.net",
              "다음": "daum.net", "네이트": "nate.com", "카카오": "kakao.com", "핫메일": "hotmail.com"}
_TLDS = "com|net|org|kr|co|ac|or|go|re|ne|pe|io|me|info|biz|edu|gov|jp|cn|us|uk"
_AT_WORD = r"(?:(?i:at)|골뱅이|앳)"
_DOT_WORD = r"(?:(?i:dot)|닷|점|쩜)"
_OPEN, _CLOSE = r"[\[\(\{<]", r"[\]\)\}>]"
_AT = (rf"(?:\s*{_OPEN}\s*(?:{_AT_WORD}|@)\s*{_CLOSE}\s*|\s+{_AT_WORD}\s+|\s*(?:골뱅이|앳)\s*|\s*@\s*)")
_DOT = (rf"(?:\s*{_OPEN}\s*(?:{_DOT_WORD}|\.)\s*{_CLOSE}\s*|\s+{_DOT_WORD}\s+|\s*(?:닷|점|쩜)\s*"
        rf"|(?:\s+\.\s*|\s*\.\s+)(?=(?:{_TLDS})(?![A-Za-z0-9]))|\.)")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_SPELLED_MAIL = re.compile(
    rf"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*?(?P<at>{_AT})"
    rf"(?:(?P<provider>{'|'.join(_PROVIDERS)})(?P<suffix>\s*(?:닷컴|닷넷|\.com|\.net))?"
    rf"|(?P<domain>{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}[A-Za-z]{{2,}}))(?![A-Za-z0-9])")
# Only text with a spelled-out "at", a spaced @ or a spelled dot after an @ needs the pass.
_MAIL_HINT = re.compile(rf"\s@|@\s|\s(?i:at)\s|{_OPEN}\s*(?:(?i:at)|@)|골뱅이|앳|@[A-Za-z0-9.-]+(?:\s|{_OPEN}|닷|점|쩜)"
                        rf"|@(?:{'|'.join(_PROVIDERS)})")
_DOMAIN_PARTS = re.compile(rf"(?P<label>{_LABEL})|(?P<dot>{_DOT})")


def _spelled_mail(text: str, out: list[Edit]) -> None:
    if not _MAIL_HINT.search(text):
        return
    for m in _SPELLED_MAIL.finditer(text):
        out.append((m.start("at"), m.end("at"), "@"))
        if m.group("provider"):
            end = m.end("suffix") if m.group("suffix") else m.end("provider")
            out.append((m.start("provider"), end, _PROVIDERS[m.group("provider")]))
            continue
        offset = m.start("domain")
        for part in _DOMAIN_PARTS.finditer(m.group("domain")):
            if part.group("dot") is not None:
                out.append((offset + part.start(), offset + part.end(), "."))


# --- numbers whose digits alone say what they are ---------------------------------

PRIVATE_NUMBER_LENGTHS = frozenset({10, 11, 12, 13, 15, 16})  # mobile, +82 mobile, registration, card


def is_private_number(digits: str) -> bool:
    """Whether ``digits`` (a string of digits), read as one number, have the
    shape of a mobile number (+82 or not), a registration number (valid
    date and sex digit) or a card number (Luhn): what the recognizers mask
    however the digits are grouped."""
    return bool(MOBILE_DIGITS.fullmatch(digits)) or is_registration_number(digits) or is_card_number(digits)


# --- pass 5: digits spelled in Korean, hanja or English -----------------------------

# What a digit is read as: Sino-Korean syllables (공일공), native Korean words
# (하나 둘 셋), hanja, including the forms written on cheques (壹貳參), and English words.
_SPELLED_DIGITS = {
    **dict.fromkeys("공영빵〇零", "0"), **dict.fromkeys("일一壹弌", "1"), **dict.fromkeys("이二貳貮弍", "2"),
    **dict.fromkeys("삼三參叁弎", "3"), **dict.fromkeys("사四肆", "4"), **dict.fromkeys("오五伍", "5"),
    **dict.fromkeys("육륙六陸", "6"), **dict.fromkeys("칠七柒", "7"), **dict.fromkeys("팔八捌", "8"),
    **dict.fromkeys("구九玖", "9"),
    "하나": "1", "둘": "2", "셋": "3", "넷": "4", "다섯": "5", "여섯": "6", "일곱": "7", "여덟": "8", "아홉": "9",
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9",
}
_WORDS = sorted((w for w in _SPELLED_DIGITS if len(w) > 1), key=len, reverse=True)
_CHARS = "".join(w for w in _SPELLED_DIGITS if len(w) == 1)
_ENGLISH = [form for w in _WORDS if w.isascii() for form in (w, w.capitalize(), w.upper())]
_SPELLED = rf"(?:{'|'.join(w for w in _WORDS if not w.isascii())}|{'|'.join(_ENGLISH)}|[{_CHARS}])"
_DIGIT = rf"(?:{_SPELLED}|[0-9])"
_SPELLED_GAP = r"[ \t\-.~ㅡ()]{0,3}"
# Read aloud, a number's hyphen is 에 (공일공에 일이삼사에 오육칠팔): between spelled digits only.
_SPOKEN_HYPHEN = rf"(?<=[{_CHARS}])\s?에\s?(?=[{_CHARS}])"
_SPELLED_RUN = re.compile(rf"(?:(?<![가-힣A-Za-z])|(?=[공영빵]일)){_DIGIT}(?:(?:{_SPELLED_GAP}|{_SPOKEN_HYPHEN}){_DIGIT}){{8,}}")
_SPELLED_TOKEN = re.compile(rf"(?P<spelled>{_SPELLED})|[0-9]")
# A qualifying run has three spelled digits in a row, a word for a digit or a spelled
# digit beside an Arabic one: texts without any skip the pass (most do, though 이, 사,
# 일 are common syllables). Separate searches of character classes and literals are
# much faster than one alternation of them all.
_SPELLED_HINTS = (
    re.compile(rf"[{_CHARS}]{_SPELLED_GAP}[{_CHARS}0-9]{_SPELLED_GAP}[{_CHARS}0-9]"),
    re.compile(rf"[0-9][{_CHARS}]|[{_CHARS}][0-9]"),
    re.compile("|".join(w for w in _WORDS if not w.isascii())),
    re.compile("|".join(_ENGLISH)),
)
MIN_SPELLED = 3
# Digits whose reading ends in a consonant, after which the particle is 이 (…칠팔이 맞습니다)
_BEFORE_PARTICLE_I = frozenset("공영빵일삼육륙칠팔〇零一壹三參六陸七柒八捌013678") | {"둘", "셋", "넷", "다섯", "여섯",
                                                                                "일곱", "여덟", "아홉"}


def _spelled_digits(text: str, out: list[Edit]) -> None:
    """A run of nine or more digits of which three or more are spelled (공, 하나,
    一, one), or one or two spelled beside an Arabic digit (공1공-1234-5678)
    when the run's digits have a private number's shape. A last 이 after a
    digit read with a final consonant, or before 요, may be the particle (…칠팔이 맞습니다, …사이요):
    it is left out when the number is a private one without it and not with it; after a
    number written in Arabic digits it is the particle (+82 10-2053-9919이요, which with it
    would read as a registration number).
    A 에 between spelled groups is a hyphen read aloud, inside a private number.
    A run that crosses a table cell's edge is read cell by cell (``_cells``:
    ``050821⇥공일공에 삼이이삼에 사팔삼삼⇥14,100,000``), and the 일 of a date's day is no
    digit (``1975년 5월 13일⇥공일공-…``, ``2005년 5월 9일 010-6516-7316``)."""
    if not any(hint.search(text) for hint in _SPELLED_HINTS):
        return
    for m in _SPELLED_RUN.finditer(text):
        start = m.start()
        day = _DAY_OF_MONTH.match(text, start)
        if day:
            start = day.end()  # 5월 9일 010-…: the 일 counts the days of the month
        for offset, piece in _cells(start, text[start:m.end()]):
            for run in _SPELLED_RUN.finditer(piece):
                out.extend(_spelled_run(text, run, offset) or ())


_DAY_OF_MONTH = re.compile(r"(?<=월)\d{1,2}일|(?<=월 )\d{1,2}일")
_CELL_GAP = re.compile(r"\t|[ ]{2,}")


def _digits_of(run: str) -> str:
    """The digits a run of Arabic and spelled digits reads as (공1공 → 010)."""
    return "".join(_SPELLED_DIGITS.get(t.group().lower(), t.group()) for t in _SPELLED_TOKEN.finditer(run))


def _cells(start: int, run: str) -> list[tuple[int, str]]:
    """A run of digits at ``start`` as the pieces to read, each with its start: the
    run whole, or cell by cell where it crosses a table cell's edge (a tab, two
    blanks or more) and a cell alone holds a private number or the run whole does not."""
    if not _CELL_GAP.search(run):
        return [(start, run)]
    cells = list(zip([start] + [start + gap.end() for gap in _CELL_GAP.finditer(run)], _CELL_GAP.split(run)))
    if any(is_private_number(_digits_of(cell)) for _offset, cell in cells) or not is_private_number(_digits_of(run)):
        return cells
    return [(start, run)]


def _spelled_run(text: str, m: re.Match, offset: int = 0) -> Optional[list[Edit]]:
    """The edits that read one spelled run (``m`` matched at ``offset`` in ``text``) as
    digits, or None when it is no number to read."""
    tokens = list(_SPELLED_TOKEN.finditer(m.group()))
    digits = _digits_of(m.group())
    start, end = offset + m.start(), offset + m.end()
    if tokens[-1].group() == "이" and is_private_number(digits[:-1]) and (
            not is_private_number(digits) and (tokens[-2].group().lower() in _BEFORE_PARTICLE_I
                                               or text.startswith(("요", "에요"), end))
            or all(t.group().isdigit() for t in tokens[:-1])):
        tokens, digits = tokens[:-1], digits[:-1]
    tokens, digits = _without_words_beside(m.group(), tokens, digits)
    spelled = [t for t in tokens if t.group("spelled")]
    if len(spelled) < MIN_SPELLED and not (spelled and _beside_arabic(spelled, m.group())
                                           and is_private_number(digits)):
        return None
    spoken = [(a.end(), b.start()) for a, b in zip(tokens, tokens[1:]) if "에" in m.group()[a.end():b.start()]]
    if spoken and not is_private_number(digits):
        return None  # 에 is read as a hyphen only inside a private number
    edits = [(t.start(), t.end(), _SPELLED_DIGITS[t.group().lower()]) for t in spelled]
    edits += [(gap_start, gap_end, "-") for gap_start, gap_end in spoken]
    return [(start + s, start + e, new) for s, e, new in sorted(edits)]


def _without_words_beside(run: str, tokens: list[re.Match], digits: str) -> tuple[list[re.Match], str]:
    """The run without a word at either end that only looks like digits: a
    name of digit syllables before or after a number (이일 (공일공에 …),
    … 일팔일공 (육빈재)). An end group of spelled Hangul digits, set off by a
    gap, is left out when the digits are a private number without it and
    either not with it or a bracket parts it from the number."""
    while len(tokens) > 2:
        gaps = [k for k in range(1, len(tokens)) if tokens[k].start() > tokens[k - 1].end()]
        if not gaps:
            break
        trimmed = False
        for keep in (slice(gaps[0], None), slice(None, gaps[-1])):
            group = tokens[:gaps[0]] if keep.start else tokens[gaps[-1]:]
            rest = digits[gaps[0]:] if keep.start else digits[:gaps[-1]]
            gap = run[tokens[gaps[0] - 1].end():tokens[gaps[0]].start()] if keep.start else \
                run[tokens[gaps[-1] - 1].end():tokens[gaps[-1]].start()]
            if all("가" <= t.group()[0] <= "힣" for t in group) and is_private_number(rest) \
                    and ("(" in gap or ")" in gap or not is_private_number(digits)):
                tokens, digits, trimmed = tokens[keep], rest, True
                break
        if not trimmed:
            break
    return tokens, digits


def _beside_arabic(tokens: list[re.Match], run: str) -> bool:
    """Whether a spelled digit touches an Arabic digit (공1공, 567팔)."""
    return any(run[t.start() - 1:t.start()].isdigit() or run[t.end():t.end() + 1].isdigit() for t in tokens)


# --- pass 6: separators, look-alike letters and regrouped digits inside numbers ----------

# Letters and jamo drawn like digits: O o ㅇ 0, l I ㅣ 1, Z z 2, S s 5, b G 6, B 8, g q 9.
_LOOKALIKES = {**dict.fromkeys("Ooㅇ", "0"), **dict.fromkeys("lIㅣ", "1"), **dict.fromkeys("Zz", "2"),
               **dict.fromkeys("Ss", "5"), **dict.fromkeys("bG", "6"), "B": "8", **dict.fromkeys("gq", "9")}
_ALIKE = "".join(_LOOKALIKES)
_MARKS = r"\-~_ㅡᅳ―—–‒‑‐−ー./\\|·ㆍ•∙"
_TOKEN = rf"[0-9{_ALIKE}]+"
_BREAK = r"[ \t]{0,2}(?:\r?\n[ \t]{0,2})?"  # spaces, and at most one line break
_SEP = (rf"(?:{_BREAK}(?:[{_MARKS}]{_BREAK}){{1,3}}"           # marks, also at a line's end or start
        rf"|[ \t]{{0,2}}(?:[{_MARKS})][ \t]{{0,2}}){{1,3}}"     # and a closing bracket, within a line
        rf"|[ \t]{{1,3}}|[ \t]{{0,2}}\r?\n[ \t]{{0,2}}|[(\[\]]|,)")  # blanks, a line break, 010(1234)5678, 1,234
_NUMBER = re.compile(rf"(?<![A-Za-z0-9@{_ALIKE}]){_TOKEN}(?:{_SEP}{_TOKEN})*(?![A-Za-z0-9@{_ALIKE}])")
_TOKENS = re.compile(_TOKEN)
_PLAIN_NUMBER = re.compile(r"[0-9]{2,}(?:[- ][0-9]{2,})*")
_PLAIN_SEPARATOR = re.compile("[- ]")
MIN_NUMBER_DIGITS = 9  # the shortest private number the recognizers know: 10 digits (a mobile), one may be a look-alike
_THOUSANDS = {",", "."}  # an amount's separators: 1,101,234,567,890원 is not regrouped


# Text with no digit near another digit or a look-alike has nothing for the pass.
_NUMBER_HINT = re.compile(rf"[0-9][^0-9]{{1,9}}[0-9{_ALIKE}]|[{_ALIKE}][0-9]|[0-9][{_ALIKE}]")


def _numbers(text: str, out: list[Edit]) -> None:
    """Inside a run of nine or more digits: look-alike letters next to digits
    become digits; the separators go where the digits, regrouped
    (``010-12-34-56-78``, ``0 1 0 1 2 3 4 …``), make a private number
    (``is_private_number``); any other separator with a non-space character
    becomes ``-``, spaces one space, a line break one line break. A comma
    before three digits is a thousands separator and stays, and so do two blanks
    or more between cells (``_cell_gaps``). A mobile's prefix in look-alike letters
    in brackets is read (``(Olb)7183-9385``)."""
    if not _NUMBER_HINT.search(text):
        return
    for m in _NUMBER.finditer(text):
        run = m.group()
        if len(run) < MIN_NUMBER_DIGITS:
            continue
        real = sum(ch.isdigit() for ch in run)
        alike = sum(ch in _LOOKALIKES for ch in run)
        if real + alike < MIN_NUMBER_DIGITS or alike > real:
            continue  # too short to become a private number, or a word with a digit in it
        plain = _PLAIN_NUMBER.fullmatch(run)  # as the recognizers read it, unless regrouped
        if plain and (real not in PRIVATE_NUMBER_LENGTHS or not _regrouped(*_plain_groups(run))):
            continue
        parts = _parts(run, m.start())
        tokens = [value for _start, _end, value in parts[::2]]
        separators = [value for _start, _end, value in parts[1::2]]
        read = [_read_token(tokens, separators, i) for i in range(len(tokens))]
        if separators and separators[0] == ")" and text[m.start() - 1:m.start()] == "(":
            prefix = "".join(_LOOKALIKES.get(ch, ch) for ch in tokens[0])
            if _MOBILE_PREFIX.fullmatch(prefix):
                read[0] = prefix  # (Olb)7183-9385: a mobile's prefix in brackets, not a speaker's tag
        if sum(ch.isdigit() for token in read for ch in token) < MIN_NUMBER_DIGITS:
            continue  # the look-alikes were letters after all (a speaker's tag: B) 1973.07.19)
        joined = _single_chains([value for _start, _end, value in parts]) | _regrouped(read, separators)
        commas = _commas_in_values(read, separators)
        gaps = _cell_gaps(read, separators)
        for k, (start, end, value) in enumerate(parts):
            if k % 2 == 0:
                out.append((start, end, read[k // 2]))
            elif k in joined:
                out.append((start, end, ""))
            elif plain or (value == "," and len(parts[k + 1][2]) == 3) or is_cell_edge(value) \
                    or value.strip() == "," and k not in commas or k in gaps:
                continue  # as written: a plain number, thousands, a table cell's edge (CSV's, two blanks too)
            elif k == 1 and value == ")" and text[parts[0][0] - 1:parts[0][0]] == "(":
                continue  # (010)1234-5678: the recognizers know the parenthesised prefix
            elif value.strip(" \t\r\n"):
                out.append((start, end, "-"))
            else:
                out.append((start, end, "\n" if "\n" in value else " "))


_MOBILE_PREFIX = re.compile(r"01[016789]")


def _parts(run: str, offset: int) -> list[tuple[int, int, str]]:
    """The run's tokens and the separators between them, alternately, as
    (start, end, text) in the text: a separator is whatever lies between two
    tokens (no separator character is a token's)."""
    parts: list[tuple[int, int, str]] = []
    previous_end = None
    for token in _TOKENS.finditer(run):
        if previous_end is not None:
            parts.append((offset + previous_end, offset + token.start(), run[previous_end:token.start()]))
        parts.append((offset + token.start(), offset + token.end(), token.group()))
        previous_end = token.end()
    return parts


def _plain_groups(run: str) -> tuple[list[str], list[str]]:
    """A plain number's digit groups and the separators between them."""
    return _PLAIN_SEPARATOR.split(run), _PLAIN_SEPARATOR.findall(run)


def _read_token(tokens: list[str], separators: list[str], i: int) -> str:
    """Token ``i`` as digits where it holds a digit (O1O → 010), or where a
    neighbour does and no bracket or colon parts them (OlO-l234 → 010-1234;
    So, Oil alone stay, and so does a speaker's tag: ``B) 1973.07.19``),
    unless it is a passport number (S12345678)."""
    token = tokens[i]
    if passport.pattern.fullmatch(token):
        return token
    if any(ch.isdigit() for ch in token) or any(
            0 <= j < len(tokens) and any(ch.isdigit() for ch in tokens[j])
            and not re.search(r"[()\[\]:]", separators[min(i, j)]) for j in (i - 1, i + 1)):
        return "".join(_LOOKALIKES.get(ch, ch) for ch in token)
    return token


def _single_chains(parts: list[str]) -> set[int]:
    """The separators (odd indices of token, sep, token …) that join three or
    more one-character tokens with the same one-character separator on one
    line (a column of one-digit figures, one a line, is not a number)."""
    joined: set[int] = set()
    k = 1
    while k < len(parts):
        j = k
        while j < len(parts) and parts[j] == parts[k] and len(parts[j]) == 1 and parts[j] != "\n" \
                and len(parts[j - 1]) == 1 and len(parts[j + 1]) == 1:
            j += 2
        if j - k >= 4:  # two separators or more: three tokens or more
            joined.update(range(k, j, 2))
        k = max(j, k + 2)
    return joined


def is_cell_edge(separator: str) -> bool:
    """Whether a separator is the edge between two table cells: a tab, or a bar
    with a blank beside it (``| 010-1234-5678 | 123456-01-123456 |``); a bar
    inside a value (``010|1234|5678``) is not."""
    return "\t" in separator or "|" in separator and separator != separator.strip()


def _separator_kind(separator: str) -> str:
    """What a separator is, spacing aside: ``-`` for `` - `` and ``-⏎``; a
    line break alone and blanks alone are kinds of their own; a cell's edge is one too."""
    if is_cell_edge(separator):
        return "cell"
    return "".join(separator.split()) or ("\n" if "\n" in separator else " ")


def _commas_in_values(read: list[str], separators: list[str]) -> set[int]:
    """The commas (as indices of token, sep, token …) of each stretch of groups
    joined by commas that, read with hyphens, is a private number as written
    (``010,1234,5678``: in its shape and valid as a whole) or an account in a bank's
    layout; other commas between digits are a CSV row's cell edges
    (``1998.02.21,7603-42-3659660``, ``051 8536 6137,4091777864235``: a phone and an
    account, not one card number)."""
    commas: set[int] = set()
    first = 0
    while first < len(separators):
        if separators[first].strip() != ",":
            first += 1
            continue
        last = first
        while last + 1 < len(separators) and separators[last + 1].strip() == ",":
            last += 1
        groups = read[first:last + 2]
        if _shown_as_written(groups, "-") and is_private_number("".join(groups)) or is_account_layout(groups):
            commas.update(2 * i + 1 for i in range(first, last + 1))
        first = last + 1
    return commas


def _cell_gaps(read: list[str], separators: list[str]) -> set[int]:
    """The separators (as indices of token, sep, token …) of two blanks or more on
    one line that part table cells, not a number's groups: neither the run's digits
    nor those of the stretch of blank-separated groups around one make a private
    number (``주곡리 471-5␣␣590112``: a lot number, then a date of birth in its cell;
    ``010␣␣1234␣␣5678`` is one number)."""
    if is_private_number("".join(read)):
        return set()
    gaps: set[int] = set()
    first = 0
    while first < len(separators):
        last = first
        while last < len(separators) and separators[last].strip(" \t") == "" and "\n" not in separators[last]:
            last += 1
        if last > first and not is_private_number("".join(read[first:last + 1])):
            gaps.update(2 * i + 1 for i in range(first, last) if len(separators[i]) >= 2)
        first = last + 1
    return gaps


def _regrouped(read: list[str], separators: list[str]) -> set[int]:
    """The separators (as indices of token, sep, token …) of each stretch of
    groups joined by one kind of separator whose digits, together, make a
    private number that the groups as written do not show: 010-12-34-56-78,
    0101-234-5678, 9001-01-12-34-567. A stretch that counts (01 02 03 04 05)
    or groups thousands (1,101,234,567,890), a 사업자등록번호 with its
    check digit (011-19-41930) and an account number in a bank's layout
    (NH농협 301-1234-5678-91) are left as they are."""
    joined: set[int] = set()
    kinds = [_separator_kind(separator) for separator in separators]
    first = 0
    while first < len(kinds):
        last = first
        while last + 1 < len(kinds) and kinds[last + 1] == kinds[first]:
            last += 1
        groups, kind = read[first:last + 2], kinds[first]
        digits = "".join(groups)
        if kind != "cell" and len(digits) in PRIVATE_NUMBER_LENGTHS and digits.isdigit() and is_private_number(digits) \
                and not _shown_as_written(groups, kind) and not _counts(groups) \
                and not _thousands(groups, kind) and not is_business_number(groups) \
                and not (kind == "-" and is_account_layout(groups)):
            joined.update(2 * i + 1 for i in range(first, last + 1))
        first = last + 1
    return joined


def _shown_as_written(groups: list[str], kind: str) -> bool:
    """Whether the recognizers read the groups as one value as they stand (010-1234-5678)."""
    text = ("-" if kind != " " else " ").join(groups)
    return any(pattern.fullmatch(text) for pattern in WHOLE_NUMBER_PATTERNS)


def _thousands(groups: list[str], kind: str) -> bool:
    """Whether the groups are an amount's: 1,101,234,567,890 or 1.101.234."""
    return kind in _THOUSANDS and 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _counts(groups: list[str]) -> bool:
    """Whether the groups count up by one (01 02 03 04 05): a list, not a number."""
    return len(groups) > 2 and all(int(b) == int(a) + 1 for a, b in zip(groups, groups[1:]))


# --- the pipeline -------------------------------------------------------------------

PASSES: tuple[Callable[[str, list[Edit]], None], ...] = (
    _overrides, _characters, _homoglyphs, _spelled_mail, _spelled_digits, _numbers)


# Whether any pass could change the text: most texts (ASCII and Hangul syllables,
# plain numbers) need none, and short table cells are most of what is masked.
_ANY_PASS = (re.compile("[^\x00-\x7f\uac00-\ud7a3]"), _MAIL_HINT, *_SPELLED_HINTS, _NUMBER_HINT)


def normalize(text: str, passes: Iterable[Callable[[str, list[Edit]], None]] = PASSES) -> Normalized:
    """The text the recognizers read, and how to map its spans back to ``text``."""
    if passes is PASSES and not any(hint.search(text) for hint in _ANY_PASS):
        return Normalized(text, text)
    current, applied = text, []
    for run_pass in passes:
        edits: list[Edit] = []
        run_pass(current, edits)
        if edits:
            current, made = _apply(current, edits)
            if made is not None:
                applied.append(made)
    return Normalized(text, current, tuple(applied))
