"""Spreadsheets: XLSX workbooks (openpyxl) and CSV/TSV files, as tables.

Each sheet is a table (``blocks.TableRows``) of its cells' values as
displayed text: the value a formula last computed (what the workbook shows),
dates as ISO dates, whole numbers without ``.0``. Hidden sheets, rows and
columns are read like the others — what is hidden is still in the file.
Comments, document properties and defined names are not read: the plaza
publishes a new file written from the masked cells, never the original.

CSV and TSV files are read record by record with the csv module
(``csv_records``), each record with its text as written, so a masked file can
be written back changing only the records masking changed (``rewritten``):
a file in which nothing was masked stays byte for byte as it came. The
dialect is the csv module's: the delimiter sniffed as xloader's reader
(tabulator) sniffs it, quotes read strictly, so a quote left open is an error
naming the row where it opened instead of a value swallowing the rest of the
file. A cell may be as long as the file (the csv module's default limit of
131,072 characters made one long cell a server error), but a row may have at
most ``MAX_COLUMNS`` cells.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence

from openpyxl import load_workbook

from .blocks import TableRows, cell_text
from .text import UndecodableText, decode

MAX_CELLS = 5_000_000  # a sheet past this is refused, not read into memory
# The most cells a CSV row may have: PostgreSQL's columns per table, so any
# table the DataStore can hold (masking a row costs ~0.1 ms a cell: a
# 1,000,000-cell header would hold a web worker for minutes).
MAX_COLUMNS = 1600
# What xloader's reader (tabulator) sniffs a CSV's delimiter among, and how many lines it reads to.
SNIFFED_DELIMITERS = ",\t;|"
SNIFF_LINES = 1000
# How many Hangul syllables read as UTF-8 before a byte that is not make a
# file UTF-8 with a stray byte, not CP949 (CP949 bytes read as UTF-8 make at
# most one syllable by chance).
UTF8_EVIDENCE = 2
_HANGUL = re.compile("[\uac00-\ud7a3]")


class UnreadableSheet(ValueError):
    pass


class MalformedTable(UnreadableSheet):
    """A table file the plaza cannot read as it is: ``row`` (1-based, as a
    spreadsheet numbers its rows) and ``line`` (of the text file) where the
    problem is, and the problem in Korean (``problem``)."""

    def __init__(self, row: int, line: int, problem: str):
        self.row, self.line, self.problem = row, line, problem
        where = f"{row:,}행" + (f"(파일의 {line:,}번째 줄)" if line != row else "")
        super().__init__(f"{where}: {problem}")


@dataclass
class CsvRecord:
    """One record of a CSV file: its cells, its row number (1-based, as a
    spreadsheet numbers it), the line it starts on and its text as written,
    line ending included (a quoted cell may hold line breaks)."""
    cells: list[str]
    row: int
    line: int
    raw: str

    @property
    def ending(self) -> str:
        """The record's line ending as written (\\r\\n, \\n, \\r, or none at the file's end)."""
        return self.raw[len(self.raw.rstrip("\r\n")):]


def is_xlsx(archive: zipfile.ZipFile) -> bool:
    return "xl/workbook.xml" in archive.namelist()


def display(value: Any) -> str:
    """A cell value as the sheet shows it, as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def xlsx_tables(data: bytes) -> list[TableRows]:
    """One table per sheet, in the workbook's order; trailing empty rows and
    columns are dropped. :raises UnreadableSheet: corrupt or too large"""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a broken file
        raise UnreadableSheet(f"corrupt XLSX: {e or type(e).__name__}") from e
    tables, cells = [], 0
    try:
        for sheet in book.worksheets:
            rows = []
            for row in sheet.iter_rows(values_only=True):
                cells += len(row)
                if cells > MAX_CELLS:
                    raise UnreadableSheet(f"more than {MAX_CELLS:,} cells")
                rows.append([display(v) for v in row])
            tables.append(TableRows(_trimmed(rows), sheet.title))
    except UnreadableSheet:
        raise
    except Exception as e:
        raise UnreadableSheet(f"corrupt XLSX: {e or type(e).__name__}") from e
    finally:
        book.close()
    return tables


def csv_table(text: str, delimiter: str = ",") -> TableRows:
    """The rows of a CSV (or TSV: ``delimiter`` tab) text.
    :raises MalformedTable: naming the row (``csv_records``)"""
    return TableRows(_trimmed([r.cells for r in csv_records(text, csv_dialect(text, delimiter))]))


def csv_dialect(text: str, delimiter: str = ",") -> type[csv.Dialect]:
    """The dialect a CSV text is read and written back in: for a TSV
    (``delimiter`` tab) tabs; otherwise the delimiter csv.Sniffer finds among
    ``SNIFFED_DELIMITERS`` in the first ``SNIFF_LINES`` lines, as xloader's
    reader sniffs it, when the first line holds it (else ``delimiter``).
    Quotes are read strictly and doubled inside quoted cells."""
    base: type[csv.Dialect] = csv.excel_tab if delimiter == "\t" else csv.excel
    if delimiter != "\t":
        sample = "".join(line for _, line in zip(range(SNIFF_LINES), io.StringIO(text, newline="")))
        try:
            sniffed = csv.Sniffer().sniff(sample, SNIFFED_DELIMITERS)
            if sniffed.delimiter in sample.lstrip("\r\n").split("\n", 1)[0]:
                base = type("sniffed", (csv.excel,), {"delimiter": sniffed.delimiter, "quotechar": sniffed.quotechar,
                                                      "skipinitialspace": sniffed.skipinitialspace})
        except csv.Error:
            pass  # one column, or no consistent delimiter: the default
    return type("table", (base,), {"strict": True, "doublequote": True})


def csv_records(text: str, dialect: type[csv.Dialect]) -> Iterator[CsvRecord]:
    """The records of a CSV text, each with its text as written.

    :raises MalformedTable: a quote left open or a character after a closing
        quote (naming the row where the record starts), a NUL character
        (which no PostgreSQL text holds), a row of more than ``MAX_COLUMNS`` cells
    """
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))  # a cell may be as long as the file
    lines = _Lines(text)
    reader = csv.reader(lines, dialect)
    row = 0
    while True:
        start, first_line = lines.offset, lines.count + 1
        row += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise MalformedTable(row, first_line, _csv_problem(str(e), dialect)) from None
        raw = text[start:lines.offset]
        if "\x00" in raw:
            raise MalformedTable(row, first_line, "NUL 문자(0x00)가 있습니다. 파일이 손상되었는지 확인해 주세요.")
        if len(cells) > MAX_COLUMNS:
            raise MalformedTable(row, first_line, f"칸이 {len(cells):,}개입니다. 한 행은 {MAX_COLUMNS:,}칸까지 "
                                                  "올릴 수 있습니다 (DataStore 표의 열 한도).")
        yield CsvRecord(cells, row, first_line, raw)


class _Lines:
    """The lines of a text as ``open(newline="")`` gives them (the csv
    module's input), counting them and the characters read."""

    def __init__(self, text: str):
        self._lines = iter(io.StringIO(text, newline=""))
        self.offset = self.count = 0

    def __iter__(self) -> "_Lines":
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.offset += len(line)
        self.count += 1
        return line


def _csv_problem(error: str, dialect: type[csv.Dialect]) -> str:
    if "unexpected end of data" in error:
        return f"따옴표({dialect.quotechar})로 시작한 값이 파일 끝까지 닫히지 않았습니다. 값 끝에 따옴표를 넣어 주세요."
    if "expected after" in error:
        return (f"따옴표로 닫힌 값 뒤에 구분자({dialect.delimiter!r}) 아닌 글자가 있습니다. 값 안의 따옴표는 두 번(\"\") "
                "써야 합니다. 앞 행에서 따옴표가 닫히지 않았을 수도 있습니다.")
    return f"CSV 형식 오류 ({error})"


def rewritten(records: Iterable[CsvRecord], masked: Callable[[CsvRecord], Optional[Sequence[str]]],
              dialect: type[csv.Dialect]) -> tuple[str, bool]:
    """The CSV text again with each record for which ``masked`` gives new
    cells written anew (in the dialect, with the record's own line ending)
    and every other record as written; and whether any record changed."""
    out, changed = [], False
    for record in records:
        cells = masked(record)
        if cells is None:
            out.append(record.raw)
            continue
        buffer = io.StringIO(newline="")
        csv.writer(buffer, dialect, lineterminator=record.ending).writerow(cells)
        out.append(buffer.getvalue())
        changed = True
    return "".join(out), changed


def unchanged_unless_different(cells: Sequence[str], masked: Sequence[Any]) -> Optional[list[str]]:
    """``masked`` (as text, padded with the record's further cells) when it
    differs from the record's ``cells`` read as a document reads a cell
    (``blocks.cell_text``); None when masking changed nothing."""
    masked = ["" if m is None else str(m) for m in masked]
    if all(cell_text(c) == m or c == m for c, m in zip(cells, masked)):
        return None
    return masked + list(cells[len(masked):])


@dataclass
class TableText:
    """A table file's text and how to write it back as it came: ``encoding``
    (a Python codec) after ``bom`` (the byte-order mark it started with)."""
    text: str
    encoding: str
    bom: bytes

    def encoded(self, text: str) -> bytes:
        """``text`` in the file's own encoding, after its byte-order mark.
        :raises UnicodeEncodeError: a character the encoding has no code for"""
        return self.bom + text.encode(self.encoding)


def table_text(data: bytes) -> TableText:
    """A CSV/TSV file's text (UTF-8 with or without BOM, UTF-16 with BOM, or
    CP949), kept with its encoding to write it back byte for byte.

    :raises MalformedTable: bytes no encoding reads, naming the row (a stray
        byte in a UTF-8 file is not taken as CP949: read so, its Korean would
        be nonsense that masking cannot read)
    """
    boms = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
    bom, encoding = next(((b, e) for b, e in boms if data.startswith(b)), (b"", ""))
    if bom:
        try:
            return TableText(data[len(bom):].decode(encoding), encoding, bom)
        except UnicodeDecodeError as e:
            raise _undecodable(data, len(bom) + e.start, encoding) from None
    if b"\x00" in data:
        raise _undecodable(data, data.index(b"\x00"), "")
    try:
        text, encoding = decode(data)
    except UndecodableText:
        text, encoding = "", ""
    if encoding == "utf-8":
        return TableText(text, "utf-8", b"")
    utf8_fault = _decode_error(data, "utf-8")
    if utf8_fault is not None and len(_HANGUL.findall(data[:utf8_fault].decode("utf-8"))) >= UTF8_EVIDENCE:
        raise _undecodable(data, utf8_fault, "UTF-8")
    if encoding == "cp949":
        return TableText(text, "cp949", b"")
    cp949_fault = _decode_error(data, "cp949") or 0
    raise _undecodable(data, max(utf8_fault or 0, cp949_fault), "UTF-8" if (utf8_fault or 0) >= cp949_fault else "CP949")


def _decode_error(data: bytes, encoding: str) -> Optional[int]:
    try:
        data.decode(encoding)
    except UnicodeDecodeError as e:
        return e.start
    return None


def _undecodable(data: bytes, position: int, encoding: str) -> MalformedTable:
    line = data.count(b"\n", 0, position) + 1
    byte = data[position:position + 1].hex().upper()
    if byte == "00":
        problem = "NUL 바이트(0x00)가 있습니다. 파일이 손상되었거나 BOM 없는 UTF-16입니다. UTF-8 CSV로 저장해 주세요."
    else:
        problem = (f"{encoding or 'UTF-8·CP949'}(으)로 읽을 수 없는 바이트(0x{byte})가 있습니다. "
                   "파일 하나에 인코딩이 섞였을 수 있습니다. UTF-8 CSV로 다시 저장해 주세요.")
    return MalformedTable(line, line, problem)


def _trimmed(rows: list[list[str]]) -> list[list[str]]:
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    width = max((i + 1 for row in rows for i, c in enumerate(row) if c.strip()), default=0)
    return [row[:width] + [""] * (width - len(row)) for row in rows]
