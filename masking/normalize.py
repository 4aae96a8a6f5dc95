"""What the recognizers read: the text as a reader sees it, not as it is encoded.

People who want a number or an address past a filter write it so that a
person still reads it and a pattern does not: full-width or circled digits
(``０１０－１２３４－５６７８``, ``⓪①⓪``), invisible characters inside a value
(zero-width space, soft hyphen, bidi controls), odd separators
(``010ㅡ1234ㅡ5678``, ``010~1234~5678``, ``0 1 0 1 2 3 4 …``), letters for
digits (``O1O``, ``ㅇ1ㅇ``), digits spelled in Korean (``공일공 일이삼사 오육칠팔``),
e-mail addresses spelled out (``hong [at] gmail [dot] com``,
``hong 골뱅이 네이버 닷컴``) or with Cyrillic look-alikes, text drawn right to
left by a bidi override, Hangul decomposed into jamo (as macOS writes it). ``normalize`` undoes these in passes, each
recording its edits, so that a span found in the normalised text maps back to
the characters of the original (``Normalized.original_span``): redaction
replaces what the author wrote and leaves the rest as written.

The passes only rewrite what can change recognition: Korean syllables and
ASCII stay as they are, separators are canonicalised only inside runs of nine
or more digits, Korean digits only in runs of nine or more, and look-alike
letters only next to digits. What a recognizer then accepts is still its own
decision (context, checksums, dates), so public facts stay public.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Optional

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
_AT = (rf"(?:\s*{_OPEN}\s*{_AT_WORD}\s*{_CLOSE}\s*|\s+{_AT_WORD}\s+|\s*(?:골뱅이|앳)\s*|\s*@\s*)")
_DOT = (rf"(?:\s*{_OPEN}\s*{_DOT_WORD}\s*{_CLOSE}\s*|\s+{_DOT_WORD}\s+|\s*(?:닷|점|쩜)\s*"
        rf"|(?:\s+\.\s*|\s*\.\s+)(?=(?:{_TLDS})(?![A-Za-z0-9]))|\.)")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_SPELLED_MAIL = re.compile(
    rf"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*?(?P<at>{_AT})"
    rf"(?:(?P<provider>{'|'.join(_PROVIDERS)})(?P<suffix>\s*(?:닷컴|닷넷|\.com|\.net))?"
    rf"|(?P<domain>{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}[A-Za-z]{{2,}}))(?![A-Za-z0-9])")
# Only text with a spelled-out "at", a spaced @ or a spelled dot after an @ needs the pass.
_MAIL_HINT = re.compile(rf"\s@|@\s|\s(?i:at)\s|{_OPEN}\s*(?i:at)|골뱅이|앳|@[A-Za-z0-9.-]+(?:\s|{_OPEN}|닷|점|쩜)"
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


# --- pass 5: digits spelled in Korean ------------------------------------------

_KOREAN_DIGITS = {"공": "0", "영": "0", "빵": "0", "일": "1", "이": "2", "삼": "3", "사": "4", "오": "5",
                  "육": "6", "륙": "6", "칠": "7", "팔": "8", "구": "9"}
_KD = "".join(_KOREAN_DIGITS)
_KOREAN_DIGIT_RUN = re.compile(rf"(?:(?<![가-힣])|(?=[공영빵]일))[{_KD}0-9](?:[ \t\-.~ㅡ()]{{0,3}}[{_KD}0-9]){{8,}}")
# Any qualifying run has three Korean digits, so its first one starts a three-digit run:
# texts without one skip the pass (most do, though 이, 사, 일 are common syllables).
_KOREAN_DIGIT_HINT = re.compile(rf"[{_KD}][ \t\-.~ㅡ()]{{0,3}}[{_KD}0-9][ \t\-.~ㅡ()]{{0,3}}[{_KD}0-9]")
_FINAL_CONSONANT_DIGITS = set("공영빵일삼육륙칠팔")
_NUMBER_LENGTHS = {10, 11, 13, 16}  # mobile, resident registration, card


def _korean_digits(text: str, out: list[Edit]) -> None:
    """A run of nine or more digits of which three or more are Korean syllables.
    A last 이 after a syllable ending in a consonant may be the particle
    (…칠팔이 맞습니다): it is left out when the number then has a length that
    a mobile, registration or card number has and would not with it."""
    if not _KOREAN_DIGIT_HINT.search(text):
        return
    for m in _KOREAN_DIGIT_RUN.finditer(text):
        run = m.group()
        if sum(ch in _KOREAN_DIGITS for ch in run) < 3:
            continue
        digits = "".join(_KOREAN_DIGITS.get(ch, ch) for ch in run if ch in _KOREAN_DIGITS or ch.isdigit())
        lengths = _NUMBER_LENGTHS | ({12} if digits.startswith("82") else set())  # +82 10 …: twelve digits
        if run.endswith("이") and run[-2] in _FINAL_CONSONANT_DIGITS \
                and len(digits) - 1 in lengths and len(digits) not in lengths:
            run = run[:-1]
        for i, ch in enumerate(run):
            if ch in _KOREAN_DIGITS:
                out.append((m.start() + i, m.start() + i + 1, _KOREAN_DIGITS[ch]))


# --- pass 6: separators and look-alike letters inside numbers ---------------------

_LOOKALIKES = {"O": "0", "o": "0", "ㅇ": "0", "l": "1", "I": "1"}
_SEP_CHARS = r"\-.~_/\\|)ㅡᅳ―—–‒‑‐−ー·ㆍ•∙"
_TOKEN = r"[0-9OoIlㅇ]+"
_SEP = rf"(?:[ \t]{{0,2}}(?:[{_SEP_CHARS}][ \t]{{0,2}}){{1,3}}|[ \t]{{1,3}}|,)"
_NUMBER = re.compile(rf"(?<![A-Za-z0-9@ㅇ]){_TOKEN}(?:{_SEP}{_TOKEN})*(?![A-Za-z0-9@ㅇ])")
_PARTS = re.compile(rf"(?P<token>{_TOKEN})|(?P<sep>{_SEP})")
_PLAIN_NUMBER = re.compile(r"[0-9]{2,}(?:[- ][0-9]{2,})*")
MIN_NUMBER_DIGITS = 9  # the shortest private number the recognizers know: 10 digits (a mobile), one may be a look-alike


# Text with no digit near another digit or a look-alike has nothing for the pass.
_NUMBER_HINT = re.compile(r"[0-9][^0-9\n]{1,9}[0-9OoIlㅇ]|[OoIlㅇ][0-9]|[0-9][OoIlㅇ]")


def _numbers(text: str, out: list[Edit]) -> None:
    """Inside a run of nine or more digits: look-alike letters next to digits
    become digits, chains of three or more single digits separated alike lose
    their separators (``0 1 0 1 2 3 4``), any other separator with a
    non-space character becomes ``-`` and spaces become one space. A comma
    before three digits is a thousands separator and stays."""
    if not _NUMBER_HINT.search(text):
        return
    for m in _NUMBER.finditer(text):
        if _PLAIN_NUMBER.fullmatch(m.group()) or sum(ch.isdigit() for ch in m.group()) < MIN_NUMBER_DIGITS // 2:
            continue  # already as the recognizers read it, or too short to become a private number
        parts = [(p.start() + m.start(), p.end() + m.start(), p.group()) for p in _PARTS.finditer(m.group())]
        tokens = [value for _start, _end, value in parts[::2]]
        real = sum(ch.isdigit() for token in tokens for ch in token)
        alike = sum(map(len, tokens)) - real
        if real + alike < MIN_NUMBER_DIGITS or alike > real:
            continue
        joined = _single_chains([value for _start, _end, value in parts])
        for k, (start, end, value) in enumerate(parts):
            if k % 2 == 0:
                neighbours = [parts[j][2] for j in (k - 2, k, k + 2) if 0 <= j < len(parts)]
                if any(ch.isdigit() for n in neighbours for ch in n):
                    out.append((start, end, "".join(_LOOKALIKES.get(ch, ch) for ch in value)))
            elif k in joined:
                out.append((start, end, ""))
            elif value == "," and len(parts[k + 1][2]) == 3:
                continue
            elif value == ")" and text[parts[k - 1][0] - 1:parts[k - 1][0]] == "(":
                continue  # (010)1234-5678: the recognizers know the parenthesised prefix
            else:
                out.append((start, end, "-" if value.strip(" \t") else " "))


def _single_chains(parts: list[str]) -> set[int]:
    """The separators (odd indices of token, sep, token …) that join three or
    more one-character tokens with the same one-character separator."""
    joined: set[int] = set()
    k = 1
    while k < len(parts):
        j = k
        while j < len(parts) and parts[j] == parts[k] and len(parts[j]) == 1 \
                and len(parts[j - 1]) == 1 and len(parts[j + 1]) == 1:
            j += 2
        if j - k >= 4:  # two separators or more: three tokens or more
            joined.update(range(k, j, 2))
        k = max(j, k + 2)
    return joined


# --- the pipeline -------------------------------------------------------------------

PASSES: tuple[Callable[[str, list[Edit]], None], ...] = (
    _overrides, _characters, _homoglyphs, _spelled_mail, _korean_digits, _numbers)


# Whether any pass could change the text: most texts (ASCII and Hangul syllables,
# plain numbers) need none, and short table cells are most of what is masked.
_ANY_PASS = re.compile("|".join(["[^\x00-\x7f\uac00-\ud7a3]", _MAIL_HINT.pattern, _KOREAN_DIGIT_HINT.pattern,
                                 _NUMBER_HINT.pattern]))


def normalize(text: str, passes: Iterable[Callable[[str, list[Edit]], None]] = PASSES) -> Normalized:
    """The text the recognizers read, and how to map its spans back to ``text``."""
    if passes is PASSES and not _ANY_PASS.search(text):
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
