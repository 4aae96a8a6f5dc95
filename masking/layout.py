"""Private persons in the tables and lists written inside a text.

A document's text carries structure no pattern sees: a table pasted as CSV,
tab- or pipe-separated lines (Markdown tables, box-drawn grids), the
space-aligned columns of ``pdftotext -layout`` and word processors, a
signature list (연명부) under "아래와 같이 연명합니다", a numbered list of
persons. A name under a ``성명`` column has no role word before it and a home
phone under ``연락처`` no mobile prefix: the header says what they are.

``read(text)`` reads a table's header row with ``masking.columns`` — the
column meaning uploaded tables get, so a staff table (성명 beside 직위) keeps
its officials' names and office phones, and 담당자 columns are officials' —
and reports each cell under a private column as a finding of that column's
kind. Rows may be ragged, have blank or fewer cells (space-aligned cells are
placed by position under the header), an address with commas or spaces in
it, continue onto indented lines or break off mid-value (``020908-`` ⏎ the
rest of the row), and the header may repeat on every page. In a list of
persons — after a heading (``참석자 명단``, ``서명자 명단: …``, ``아래와 같이
연명합니다``; not a committee's or staff's list), a numbered item ``1. 김민수
(마포구 …)``, or rows numbered one after another whose second cell is a name
(a table without its header) — the name that opens each item is reported. A
name a table or list reveals is reported wherever else the text has it. Text
with no header row and no list is left to the recognizers.

A header row is a line of two or more cells that are all column labels (a
header ``masking.columns`` knows, a plain table word such as 연번, 비고, 서명,
or a ``…번호``/``…일자`` label): a form line (``성명  김민수  주소  …``) or a
sentence is never one. What a table says also corrects the recognizers
(``Structure.settle``): a header's cells are labels, an officials' name
column is public, and no value runs across a cell's edge.

The structure is read on the text as written (normalising joins the digits
of neighbouring cells); a cheap test of each line (separators, a header or
heading word) comes before any parsing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator, Optional

from .findings import Finding

if TYPE_CHECKING:
    from .columns import Column

# Headers naming persons that masking.columns does not read (yet): a participation
# list's people. Read as its 참석자 is: a name column, officials' only beside a rank column.
PERSON_HEADERS = ("참여자 수령자 봉사자 자원봉사자 서명자 서명인 연명자 연명인 참석자명 참가자명 참여자명 수령자명 봉사자명 "
                  "발언자 질문자 의견제출자 교육생 수료자 합격자 선정자").split()
# Labels of columns that say nothing personal, seen beside names in lists of persons.
TABLE_WORDS = frozenset("""연번 번호 순번 순 no 비고 서명 날인 서명날인 서명또는날인 사인 인 구분 일자 날짜 일시 금액 지급액
인감 인감날인 직인 도장 서명란 날인란
지급금액 수령액 지원금 지원금액 지원액 단위 수량 인원 시간 활동시간 봉사시간 활동내용 내용 사유 의견 성별 나이 연령 관계 소속
순서 직업 분야 역할 확인 요지 발언요지 주요내용 질의내용 답변 참석여부 수령확인 수령일 지급일 신청일 접수일 활동일 참석일 횟수 회차 사업명 행사명 교육명 과목 학교 학년
은행 은행명 입금은행 동 통 반 지역 결과 상태 비율 점수 순위 국적 세대원수 가구원수 합계 소계 총계 계 이하여백 여백""".split())
LABEL_ENDINGS = ("번호", "여부", "내용", "사항", "시간", "기간", "일자", "일시", "금액", "구분", "유형", "종류", "분야",
                 "명칭", "현황", "결과", "장소", "사유", "횟수", "단위", "비율", "확인")
TOTALS = frozenset("합계 소계 총계 계 누계 이하여백 여백".split())  # a totals row's first cells
SERIALS = frozenset("연번 번호 순번 순 순서 no".split())
MAX_LABEL = 20        # characters: a longer cell is not a column label
MAX_CELLS = 24
ALIGNMENT = 3         # characters a space-aligned cell may lie off its column's edge
MAX_BLANK_LINES = 2   # blank lines a table or list may hold between rows

# Where a list of persons starts without a header row.
LIST_HEADINGS = (r"연명(?:부|합니다|하여|인|자|서명)|서명(?:부|인|자)(?:\s*명단)?|아래와\s*같이\s*(?:서명|연명)"
                 r"|(?:{persons})\s*(?:명단|명부|목록|일람|현황|\(\s*\d+\s*명\s*\))"
                 r"|(?<![가-힣])(?<![가-힣][ \t])(?P<whose>[가-힣]*)[ \t]*(?:명단|명부)")
# Whose list is not private persons': officials and committee members are public.
OFFICIAL_LISTS = frozenset("위원 위원회 직원 공무원 담당자 담당 임원 간부 교직원 소속직원 참석위원 심사위원 자문위원".split())
_NAME = r"(?P<name>[가-힣]{2,4}|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,4})"
# A list item: an optional number or bullet, then the name, then a break.
_ITEM = re.compile(r"[ \t]*[|│┃｜]?[ \t]*(?:(?:\d{1,4}|[①-⑳])[ \t]*[.)]?[ \t\u3000]*[|│┃｜,\t]?[ \t]*"
                   r"|[-·•○◦▪*][ \t]*)?" + _NAME + r"(?=[ \t\u3000,|│┃｜(/]|$)")
_COLON = re.compile(r"[\]\)」』】>]*[ \t]*[:：][ \t]*")  # [연명부]: …
# Items on the heading's own line: 서명자 명단: 김민수 (서명), 이영희 (서명).
_INLINE_ITEM = re.compile(r"(?:^|[,;、·])[ \t]*" + _NAME + r"(?=[ \t,;、·(]|$)")
# A row of a table without a header: its number or time (a comment log's), then a name in the next cell.
_NUMBERED_ROW = re.compile(r"[ \t]*[|│┃｜]?[ \t]*(?:(?P<number>\d{1,4})[.)]?|\[?\d{4}[-./]\d{1,2}[-./]\d{1,2}\.?"
                           r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\]?)(?:[ \t\u3000]{2,}|[ \t]*[|│┃｜,\t][ \t]*)"
                           r"(?P<name>[가-힣]{2,4})(?=[ \t\u3000]{2,}|[ \t]*[|│┃｜,\t]|[ \t]*$)")
# A comment log's other lines, between its timed rows: [2025-02-07 20:28] …, └ 답글 ….
_LOG_LINE = re.compile(r"[ \t]*(?:\[?\d{4}[-./]\d{1,2}[-./]\d{1,2}|[└ㄴ↳]|(?:RE|Re|re)\s*:)")
_CELL_EDGE = re.compile(r"[\t|│┃｜]")
NOUN_ENDINGS = tuple("관 회 청 과 팀 국 실 단 부 장 계 소".split())  # 도서관, 설명회, 구청: not names
# A numbered person outside a list: 1. 김민수 (마포구 …), 2) 이영희(52세, 자영업).
_NUMBERED_PERSON = re.compile(r"[ \t]*(?:\d{1,3}|[①-⑳])[ \t]*[.)][ \t]*(?P<name>[가-힣]{2,4})[ \t]*"
                              r"\([ \t]*(?:\d{1,3}[ \t]*세|[가-힣]+(?:시|구|군|동|읍|면|리)(?![가-힣]))")
NOT_NAMES = frozenset("일동 이하 여백 이상 합계 소계 총계 주민 대표 외 등 없음 해당없음 생략 비공개".split())

_SEPARATORS = {"pipe": re.compile(r"[|│┃｜]"), "tab": re.compile(r"\t"), "space": re.compile(r"[ \t\u3000\xa0]{2,}|[\t\u3000]")}
# An amount written with thousands separators: its commas do not part CSV cells (1,500,000원).
_AMOUNT = re.compile(r"(?<![\d.\-/])\d{1,3}(?:,\d{3})+(?![\d\-)]|\.\d|[ \t]\d)")
_BROKEN = re.compile(r"[-‐－~(/,]$")  # a cell whose value goes on in the next line (020908-⏎1234567)
_RULE = re.compile(r"[ \t]*[|│┃｜+:=\-─━┼├┤┌┐└┘┬┴ \t]*[-─━=]{3,}[|│┃｜+:=\-─━┼├┤┌┐└┘┬┴ \t]*")
_PAGE_MARK = re.compile(r"[ \t\x0c]*(?:[-–—][ \t]*\d{1,4}[ \t]*[-–—]|\d{1,4}(?:[ \t]*/[ \t]*\d{1,4})?|(?i:page)[ \t]*\d+)[ \t]*")
# Cheap tests before any parsing: a header row has separators or starts with its
# serial column; a list of persons has a heading with one of these words.
_SEPARATOR_HINT = re.compile(r"[|│┃｜\t,]|\S[ \u3000\xa0]{2}")
_SERIAL_START = re.compile(r"[ \t]*(?:연번|번호|순번|순|(?i:no)\.?)[ \t]")
_HEADING_HINT = re.compile(r"명단|명부|목록|일람|연명|서명|현황|\d\s*명\s*\)")
_ASCII_WORD = re.compile(r"[A-Za-z]{4}")
_BRACKETED = re.compile(r"[(\[<（][^()\[\]<>]{0,12}[)\]>）]")
_STRIP = " \t\r\x0c\u3000\xa0"


@dataclass(frozen=True)
class _Vocabulary:
    """What the reader looks for, from masking.columns' words: ``korean`` and
    ``english`` (lower case) header words that can make a private or an officials' column,
    ``heading`` a list of persons' heading, ``person_keys`` PERSON_HEADERS."""
    korean: re.Pattern
    english: re.Pattern
    heading: re.Pattern
    person_keys: frozenset


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    """Built on first use (masking.columns imports the analyzer, which imports this)."""
    from . import columns
    persons = columns.PRIVATE_ROLES + columns.GENERIC_NAMES + PERSON_HEADERS
    words = persons + [w for _kind, ws, _always in columns.ATTRIBUTES for w in ws] + columns.OFFICIAL_NAMES \
        + columns.AUTHOR_NAMES + ["서명", "연명"]
    korean = sorted({w for w in words if not w.isascii()}, key=len, reverse=True)
    english = sorted({w.lower() for w in words if w.isascii() and len(w) >= 4}, key=len, reverse=True)
    return _Vocabulary(re.compile("|".join(korean)), re.compile(r"(?<![a-z])(?:" + "|".join(english) + ")"),
                       re.compile(LIST_HEADINGS.format(persons="|".join(w for w in korean if w in persons))),
                       frozenset(columns.header_key(w) for w in PERSON_HEADERS))


@lru_cache(maxsize=1)
def _title_after() -> re.Pattern:
    """An official title after a name, alone or ending a word (김철수 주무관, 김철수 도시계획과장)."""
    from .recognizers.person import OFFICIAL_TITLES
    return re.compile(r"[ \t,|(]*\S*?(?:" + "|".join(OFFICIAL_TITLES) + r")(?![가-힣])")


def _label_key(cell: str) -> str:
    from .columns import header_key
    return header_key(re.sub(r"\([^()]*\)", "", cell)) or header_key(cell)


@lru_cache(maxsize=4096)
def _is_label(cell: str) -> bool:
    """A cell that names a column (what a header row is made of): a header
    word, or a word ending as labels do (지급일자, 활동내용)."""
    key = _label_key(cell)
    return _is_header_word(cell) or (len(key) > 2 and key.endswith(LABEL_ENDINGS))


@lru_cache(maxsize=4096)
def _is_header_word(cell: str) -> bool:
    """A header word itself (성명, 연번, 합계, 수령자): in a row, it is a
    repeated header or a total, never a value (옥의일시 ends like 일시 and is a name)."""
    from .columns import read_header
    key = _label_key(cell)
    return read_header(cell).known or key in TABLE_WORDS or key in _vocabulary().person_keys


@dataclass
class _Table:
    """A header row read: its format, its columns, its cells' spans in the
    line, and which columns hold officials' names (public)."""
    fmt: str
    columns: list[Column]
    spans: list[tuple[int, int]]
    officials: frozenset[int]
    serial: bool  # the first column numbers the rows (연번, No)


def _cells(text: str, start: int, end: int, fmt: str) -> list[tuple[int, int]]:
    """The cells of ``text[start:end]`` in ``fmt`` as stripped spans of ``text``
    (empty cells kept, except in space-aligned lines where gaps merge)."""
    line = text[start:end]
    if fmt == "csv":
        raw = _csv_spans(line)
    elif fmt == "words":
        raw = [m.span() for m in re.finditer(r"\S+", line)]
    else:
        raw, pos = [], 0
        for m in _SEPARATORS[fmt].finditer(line):
            raw.append((pos, m.start()))
            pos = m.end()
        raw.append((pos, len(line)))
        if fmt == "pipe":
            if not line[:raw[0][1]].strip(_STRIP):
                raw = raw[1:]   # the border before the first cell
            if raw and not line[raw[-1][0]:].strip(_STRIP):
                raw = raw[:-1]  # the border after the last
    strip = _STRIP + '"' if fmt == "csv" else _STRIP
    cells = []
    for s, e in raw:
        while s < e and line[s] in strip:
            s += 1
        while e > s and line[e - 1] in strip:
            e -= 1
        if s < e or fmt != "space":
            cells.append((start + s, start + e))
    return cells


def _csv_spans(line: str) -> list[tuple[int, int]]:
    """The fields of a CSV line: commas inside quotes or inside an amount do not part them."""
    amounts = {m.start() + k for m in _AMOUNT.finditer(line) for k, ch in enumerate(m.group()) if ch == ","}
    spans, start, quoted = [], 0, False
    for k, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted  # an escaped "" turns it twice
        elif ch == "," and not quoted and k not in amounts:
            spans.append((start, k))
            start = k + 1
    spans.append((start, len(line)))
    return spans


def _formats(line: str) -> list[str]:
    found = [fmt for fmt, test in (("pipe", bool(_SEPARATORS["pipe"].search(line))), ("tab", "\t" in line),
                                   ("csv", "," in line), ("space", "  " in line.strip(_STRIP))) if test]
    return found + ["words"]


def _header(text: str, start: int, end: int, fmt: Optional[str] = None) -> Optional[_Table]:
    """The header row at ``text[start:end]`` (in ``fmt``, else in the first
    format it splits into labels in), with or without a private column; None
    when the line is not a row of labels."""
    from .columns import Header, classify, read_header
    line = text[start:end]
    if _RULE.fullmatch(line):
        return None
    for fmt in [fmt] if fmt else _formats(line):
        spans = _cells(text, start, end, fmt)
        if fmt == "space":
            spans = [part for span in spans for part in _labels_run_together(text, span)]
        labels = [text[s:e] for s, e in spans]
        filled = [c for c in labels if c]
        if not 2 <= len(filled) <= MAX_CELLS or (fmt == "words" and len(filled) < 3) \
                or any(len(c) > MAX_LABEL or not _is_label(c) for c in filled):
            continue
        if fmt == "words" and _label_key(labels[0]) not in SERIALS:
            continue  # single spaces read as columns only where each row starts with its number
        person_keys = _vocabulary().person_keys
        read = [Header("person_name", "person") if _label_key(c) in person_keys and not read_header(c).known
                else read_header(c) if c else Header() for c in labels]
        columns = classify(labels, read)
        officials = frozenset(k for k, (c, h) in enumerate(zip(columns, read))
                              if (c.kind == "person_name" and not c.private) or h.context == "official")
        return _Table(fmt, columns, [(s - start, e - start) for s, e in spans], officials,
                      _label_key(labels[0]) in SERIALS)
    return None


def _labels_run_together(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """A space-aligned header's cell, or its words where each is a label and
    the cell is not (pdftotext closes narrow gaps to one space: ``연번 성명``)."""
    cell = text[span[0]:span[1]]
    if " " not in cell or _is_label(cell):
        return [span]
    words = [(span[0] + m.start(), span[0] + m.end()) for m in re.finditer(r"\S+", cell)]
    return words if all(_is_label(text[s:e]) for s, e in words) else [span]


def _persons_header(text: str, start: int, end: int) -> Optional[_Table]:
    """The header row at ``text[start:end]`` if it has a private column or an
    officials' name column."""
    line = text[start:end]
    if not (_SEPARATOR_HINT.search(line) or _SERIAL_START.match(line)):
        return None
    words = _vocabulary()
    if not (words.korean.search(line) or (line.isascii() or _ASCII_WORD.search(line))
            and words.english.search(line.lower())):
        return None
    table = _header(text, start, end)
    return table if table is not None and (table.officials or any(c.private for c in table.columns)) else None


def _is_serial(cell: str) -> bool:
    """A row's number: 12, 12., 12), ⑫."""
    return cell.rstrip(".)").isdigit()


def _aligned(table: _Table, cell: tuple[int, int]) -> bool:
    return any(abs(cell[0] - s) <= ALIGNMENT or abs(cell[1] - e) <= ALIGNMENT for s, e in table.spans)


def _by_position(table: _Table, cell: tuple[int, int]) -> int:
    """The column a space-aligned cell lies under: the one its span overlaps
    most, a column reaching from its header's start to the next one's."""
    starts = [s for s, _e in table.spans]
    bounds = [(-10**9 if i == 0 else starts[i], starts[i + 1] if i + 1 < len(starts) else 10**9)
              for i in range(len(starts))]
    overlaps = [min(cell[1], hi) - max(cell[0], lo) for lo, hi in bounds]
    return max(range(len(bounds)), key=lambda i: (overlaps[i], -i))


def _by_index(table: _Table, count: int) -> list[int]:
    """Each cell's column when a row is split as its header is. A row with more
    cells than columns (commas or spaces inside an address) gives the extra
    cells to its first address column, else to its last column."""
    width = len(table.columns)
    extra = count - width
    if extra <= 0:
        return list(range(count))
    wide = next((i for i, c in enumerate(table.columns) if c.kind == "address"), width - 1)
    return list(range(wide)) + [wide] * (extra + 1) + list(range(wide + 1, width))


class _Reader:
    """Walks a text's lines once, reading tables and lists of persons."""

    def __init__(self, text: str):
        self.text = text
        self.lines: list[tuple[int, int]] = []
        pos = 0
        for line in text.split("\n"):
            self.lines.append((pos, pos + len(line)))
            pos += len(line) + 1
        self.findings: list[Finding] = []
        self.officials: list[tuple[int, int]] = []  # cells of officials' names
        self.labels: list[tuple[int, int]] = []     # header rows' cells
        self.gaps: list[tuple[int, int]] = []       # between the cells of a row
        self.lists = bool(_HEADING_HINT.search(text))
        self.numbered = bool(re.search(r"\d", text))  # numbered persons or rows may be there

    def blank(self, i: int) -> bool:
        s, e = self.lines[i]
        return not self.text[s:e].strip(_STRIP)

    def skipped(self, i: int) -> bool:
        """A line a table runs through: a rule, a page number."""
        s, e = self.lines[i]
        line = self.text[s:e]
        return bool(_RULE.fullmatch(line) or _PAGE_MARK.fullmatch(line))

    def cell(self, start: int, end: int, table: _Table, k: int, data: bool = False) -> None:
        """Reports the cell ``text[start:end]`` of column ``k``; ``data``: its
        row holds values (a cell neither a label nor the row's number), where a header word
        under a name column is a name (서명, 구분 are names too), not a label."""
        from .columns import masked_whole
        value, column = self.text[start:end], table.columns[k]
        if start == end or _is_header_word(value) and not (
                data and column.kind == "person_name" and _label_key(value) not in TOTALS):
            return
        if masked_whole(column, value):
            self.findings.append(Finding(start, end, column.kind or "", value))
        elif k in table.officials:
            self.officials.append((start, end))

    def read(self) -> Structure:
        i = 0
        while i < len(self.lines):
            table = _persons_header(self.text, *self.lines[i])
            if table is not None:
                start = self.lines[i][0]
                self.labels += [(start + s, start + e) for s, e in table.spans if s < e]
                i = self.table(table, i + 1)
            elif self.lists and self.heading(i):
                i = self.person_list(i + 1)
            elif self.numbered and _NUMBERED_ROW.match(self.text, *self.lines[i]):
                i = self.numbered_rows(i)
            else:
                if self.numbered:
                    self.numbered_person(i)
                i += 1
        return Structure(self.findings + list(_elsewhere(self.text, self.findings)), self.officials, self.labels,
                         self.gaps)

    # --- tables -------------------------------------------------------------

    def row_cells(self, table: _Table, i: int) -> Optional[list[tuple[int, int]]]:
        """The cells of line ``i`` if it is a row of ``table``."""
        start, end = self.lines[i]
        cells = _cells(self.text, start, end, table.fmt)
        filled = [c for c in cells if c[0] < c[1]]
        if table.fmt == "words":
            return cells if len(cells) >= 2 and _is_serial(self.text[cells[0][0]:cells[0][1]]) else None
        if len(filled) < 2:
            return None
        first = self.text[filled[0][0]:filled[0][1]]
        if table.serial and cells[0] == filled[0] and not (_is_serial(first) or _is_label(first)):
            return None  # the rows of a numbered table start with their number: this line is not one
        if table.fmt == "space" and len(cells) != len(table.columns):
            local = [(s - start, e - start) for s, e in cells]
            if sum(_aligned(table, c) for c in local) < 2:
                return None
        return cells

    def block(self, i: int) -> Iterator[tuple[int, bool]]:
        """The lines from ``i`` a table or list may run through, with whether
        a blank line comes right before: rules and page numbers are passed
        over, and more than MAX_BLANK_LINES blank lines in a row end it."""
        blanks = 0
        for i in range(i, len(self.lines)):
            if self.blank(i):
                blanks += 1
                if blanks > MAX_BLANK_LINES:
                    return
            elif not self.skipped(i):
                yield i, blanks > 0
                blanks = 0

    def table(self, table: _Table, i: int) -> int:
        """Reads the rows under a header from line ``i``; returns the first line after them."""
        last: Optional[list[tuple[int, int, int]]] = None  # the previous row's cells and columns
        after = first = i
        for i, after_blank in self.block(i):
            last = None if after_blank else last
            if _header(self.text, *self.lines[i], table.fmt) is not None:
                return i  # a header again (the next page's, or another table's): read anew
            if after == first and self.header_goes_on(table, i):
                after = first = i + 1
                continue
            cells = self.row_cells(table, i)
            if cells is not None:
                last = self.row(table, i, cells, last)
            elif last is not None and self.continues(table, i):
                last = self.continuation(table, i, last)
            else:
                return i
            after = i + 1
        return after

    def header_goes_on(self, table: _Table, i: int) -> bool:
        """Whether line ``i``, right under the header, carries on its labels
        (a wrapped ``생년월일`` ⏎ ``(성별)``): every cell a label or bracketed."""
        cells = _cells(self.text, *self.lines[i], table.fmt)
        texts = [self.text[s:e] for s, e in cells if s < e]
        if texts and all(_is_label(t) or _BRACKETED.fullmatch(t) for t in texts):
            self.labels += [c for c in cells if c[0] < c[1]]
            return True
        return False

    def row(self, table: _Table, i: int, cells: list[tuple[int, int]],
            last: Optional[list[tuple[int, int, int]]]) -> list[tuple[int, int, int]]:
        """Reads one row's cells (``last``: the row above's, if it is right
        above); returns them as (start, end, column). A short row whose last
        cell breaks off (020908-) goes on in this line, from that column."""
        start = self.lines[i][0]
        width = len(table.columns)
        if last and table.fmt != "words" and last[-1][2] + len(cells) <= width \
                and _BROKEN.search(self.text[last[-1][0]:last[-1][1]]):
            indices = list(range(last[-1][2], last[-1][2] + len(cells)))
        elif table.fmt == "space" and len(cells) != width:
            indices = [_by_position(table, (s - start, e - start)) for s, e in cells]
        else:
            indices = _by_index(table, len(cells))
        placed = [(s, e, k) for (s, e), k in zip(cells, indices) if k < len(table.columns)]
        # cells that share a column (spaces or commas inside an address) are one value
        merged: list[tuple[int, int, int]] = []
        for s, e, k in placed:
            if merged and merged[-1][2] == k and table.fmt in ("words", "csv"):
                merged[-1] = (merged[-1][0], e, k)
            else:
                merged.append((s, e, k))
        data = any(s < e and not (_is_label(self.text[s:e]) or _is_serial(self.text[s:e])) for s, e, _k in merged)
        for s, e, k in merged:
            self.cell(s, e, table, k, data)
        if table.fmt != "words":  # single spaces also part the words of a cell
            self.gaps += [(a[1], b[0]) for a, b in zip(merged, merged[1:]) if a[1] < b[0]]
        return merged

    def continues(self, table: _Table, i: int) -> bool:
        """Whether line ``i`` carries on the row above: in a space-aligned
        table an indented line whose cells lie under columns; in a delimited
        one a line without separators before another row."""
        start, end = self.lines[i]
        line = self.text[start:end]
        if table.fmt == "space":
            cells = [(s - start, e - start) for s, e in _cells(self.text, start, end, "space")]
            return line[:1] in (" ", "\t") and all(_aligned(table, c) or c[0] > table.spans[0][0] for c in cells)
        return i + 1 < len(self.lines) and self.row_cells(table, i + 1) is not None

    def continuation(self, table: _Table, i: int, last: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        start, end = self.lines[i]
        if table.fmt == "space":
            cells = _cells(self.text, start, end, "space")
            placed = [(s, e, _by_position(table, (s - start, e - start))) for s, e in cells]
        else:
            s, e = _cells(self.text, start, end, "tab")[0]
            placed = [(s, e, last[-1][2])]
        for s, e, k in placed:
            self.cell(s, e, table, k)
        return last

    # --- lists of persons -----------------------------------------------------

    def name_at(self, i: int, pattern: re.Pattern) -> Optional[tuple[int, int]]:
        start, end = self.lines[i]
        m = pattern.match(self.text, start, end)
        if not m:
            return None
        if not _person_name(m.group("name")):
            return None
        if _title_after().match(self.text, m.end("name"), end):
            return None  # an official with a title: public, as in running text
        return m.span("name")

    def heading_at(self, i: int) -> Optional[re.Match]:
        """Line ``i``'s heading of a list of private persons."""
        start, end = self.lines[i]
        m = _vocabulary().heading.search(self.text, start, end)
        while m and m.group("whose") is not None and m.group("whose") in OFFICIAL_LISTS:
            m = _vocabulary().heading.search(self.text, m.end(), end)
        return m

    def heading(self, i: int) -> bool:
        """Whether line ``i`` heads a list of private persons; names on the
        line after a colon are its first items."""
        m = self.heading_at(i)
        if not m:
            return False
        end = self.lines[i][1]
        colon = _COLON.match(self.text, m.end(), end)
        if colon:
            for item in _INLINE_ITEM.finditer(self.text[colon.end():end]):
                name, offset = item.group("name"), colon.end()
                if _person_name(name) and not _title_after().match(self.text, offset + item.end("name"), end):
                    self.findings.append(Finding(offset + item.start("name"), offset + item.end("name"),
                                                 "person_name", name))
        return True

    def numbered_rows(self, i: int) -> int:
        """A run of rows numbered one after another (or each starting with a
        time, as a comment log) whose second cell is a name: a table of
        persons without its header. A name starts with a surname and has two
        to four syllables, and most of the run's have three (or a compound
        surname): 공원 and 정비사업 are words. A cell ending as a body's name
        does (도서관, 설명회) counts for nothing, but is a name among names
        (백치소 between 선우율철 and 봉충란). A comment log's timed rows may have
        its other lines between them (``[time] text``, replies), and one timed
        row whose cell a tab or a bar parts off is enough when its name is no
        dictionary word. Returns the first line after the run."""
        from . import morph
        from .recognizers.person import COMPOUND_SURNAMES, SURNAMES
        run: list[tuple[re.Match, bool]] = []  # each row, and whether its cell ends as a body's name
        after = i
        while i < len(self.lines):
            m = _NUMBERED_ROW.match(self.text, *self.lines[i])
            if not m and run and run[-1][0]["number"] is None and (self.blank(i) or _LOG_LINE.match(
                    self.text, *self.lines[i])):
                i += 1  # the log's other lines
                continue
            if not m or (run and (m["number"] is None) != (run[-1][0]["number"] is None)) \
                    or (run and m["number"] and int(m["number"]) != int(run[-1][0]["number"]) + 1):
                break
            name = m["name"]
            if not (_person_name(name) and (name[0] in SURNAMES or name[:2] in COMPOUND_SURNAMES)) \
                    or _title_after().match(self.text, m.end("name"), self.lines[i][1]):
                break  # not a name, or an official's with a title
            run.append((m, name.endswith(NOUN_ENDINGS)))
            i += 1
            after = i
        names = [m for m, body in run if not body]
        typical = sum(len(m["name"]) == 3 or m["name"][:2] in COMPOUND_SURNAMES for m in names)
        alone = len(run) == len(names) == typical == 1 and names[0]["number"] is None \
            and bool(_CELL_EDGE.search(names[0].group())) and not morph.is_common_word(names[0]["name"])
        if len(names) >= 2 and 2 * typical >= len(names) or alone:
            self.findings += [Finding(*m.span("name"), "person_name", m["name"]) for m, _body in run]
        return after if run else i + 1

    def person_list(self, i: int) -> int:
        """Reads the items after a list heading from line ``i``; returns the first line after them."""
        after = i
        for i, _after_blank in self.block(i):
            span = self.name_at(i, _ITEM)
            if span is None or self.heading_at(i):
                return i  # the list ends, or another begins
            self.findings.append(Finding(*span, "person_name", self.text[span[0]:span[1]]))
            after = i + 1
        return after

    def numbered_person(self, i: int) -> None:
        from .recognizers.person import COMPOUND_SURNAMES, SURNAMES
        span = self.name_at(i, _NUMBERED_PERSON)
        if span is not None:
            name = self.text[span[0]:span[1]]
            surname = name[:2] in COMPOUND_SURNAMES if len(name) == 4 else name[0] in SURNAMES
            if surname:
                self.findings.append(Finding(*span, "person_name", name))


def _person_name(word: str) -> bool:
    """Whether a list's first word can be a name: not a label or a list's word."""
    return word not in NOT_NAMES and not _is_header_word(word)


_WHOLE_NAME = re.compile(r"[가-힣]{2,5}|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,4}|[A-Za-z][A-Za-z .'-]{2,40}")


def _elsewhere(text: str, findings: list[Finding]) -> Iterator[Finding]:
    """Every other place a name found in a table or list stands as a word
    (``recognizers.names.occurrences``: 김민수가, not 김민수정): a name
    revealed once is revealed everywhere."""
    from .recognizers.names import occurrences
    seen = {(f.start, f.end) for f in findings}
    for name in {f.text for f in findings if f.kind == "person_name" and _WHOLE_NAME.fullmatch(f.text)}:
        for span in occurrences(text, name):
            if span not in seen:
                yield Finding(*span, "person_name", name)


@dataclass
class Structure:
    """What the tables and lists of a text say: ``findings``, the private
    persons' values (cells of private columns, the names of lists, and those
    names elsewhere in the text); ``officials``, the cells of officials' name
    columns (a staff table's 성명, a 담당자 column); ``labels``, the cells of
    header rows; ``gaps``, the separators between the cells of a row. Spans
    are (start, end) in the text."""
    findings: list[Finding]
    officials: list[tuple[int, int]]
    labels: list[tuple[int, int]]
    gaps: list[tuple[int, int]]

    def settle(self, found: list[Finding]) -> list[Finding]:
        """The recognizers' ``found`` read with the structure, and its
        findings added: a name in an officials' column is public, as beside a
        title; a header row's cells are labels, never data; a value does not run across a cell's edge (normalising joins
        the digits of neighbouring cells): a finding that does keeps its
        longest piece."""
        if not (self.officials or self.labels or self.gaps):
            return found + self.findings
        kept = []
        for f in found:
            if any(s <= f.start and f.end <= e for s, e in self.labels) or \
                    f.kind == "person_name" and any(s <= f.start and f.end <= e for s, e in self.officials):
                continue
            cuts = [g for g in self.gaps if f.start < g[1] and g[0] < f.end]
            if cuts:
                bounds = [f.start] + [x for g in cuts for x in g] + [f.end]
                pieces = [(max(a, f.start), min(b, f.end)) for a, b in zip(bounds[::2], bounds[1::2])]
                a, b = max(pieces, key=lambda p: p[1] - p[0])
                if b <= a:
                    continue
                f = Finding(a, b, f.kind, f.text[a - f.start:b - f.start])
            kept.append(f)
        return kept + self.findings


def read(text: str) -> Structure:
    """The tables and lists of persons in ``text`` (the text as written), and
    what they say; nothing when it has no header row or list of persons."""
    words = _vocabulary()
    if not (words.korean.search(text) or _ASCII_WORD.search(text) and words.english.search(text.lower())
            or _NUMBERED_PERSON.search(text) or _NUMBERED_ROW.search(text)):
        return Structure([], [], [], [])
    return _Reader(text).read()
