"""A spreadsheet attachment (XLSX, CSV, TSV) masked cell by cell, as tables.

Each sheet is read as a document's tables are (``document.read_tables``, on
``columns.TableStream``, the masker of uploads, DataStore writes and harvested
tables): the header is found (title rows above it are masked by pattern), a
private person's column (성명, 연락처, 주소 …) is masked whole, every other
cell by pattern — so the DataStore rows, the file, the text and the PDF
publish the same cells.
The result gives each sheet's header and data rows (for the DataStore) and
the file to publish (``file``): a workbook is written anew from the masked
cells only (``to_xlsx``): nothing of the original — comments, document
properties, defined names, cached formulas — is copied, as the published PDF
copies nothing of a document. A CSV/TSV holds nothing but its cells, so it is
published as it came when nothing in it was masked, and otherwise with only
the masked records written anew (``extract.sheets.rewritten``), in its own
encoding, byte-order mark and line endings.
"""
from __future__ import annotations

import csv
import io
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Optional

from openpyxl import Workbook

from .anonymizer import redact, redact_text
from .columns import Column
from .document import read_tables
from .extract import extract
from .extract.sheets import MalformedTable, csv_dialect, csv_records, rewritten, table_text, unchanged_unless_different
from .errors import DocumentError
from .nonpublic import NonPublicPart, NonPublicPartNotFound, notice
from .operators import replacement


@dataclass
class MaskedSheet:
    """One sheet, masked: ``rows`` every row as published (title and header
    rows included); ``header`` the index of the row naming the columns (the
    last when several header rows are stacked; None when no row names a
    known column: then every row is data); ``columns`` what each column means."""
    name: str
    rows: list[list[str]]
    header: Optional[int]
    columns: list[Column] = field(default_factory=list)

    @property
    def data(self) -> list[list[str]]:
        """The rows under the header (all rows without one)."""
        return self.rows[(self.header + 1) if self.header is not None else 0:]


@dataclass
class MaskedSpreadsheet:
    format: str                      # xlsx, csv or tsv
    sheets: list[MaskedSheet]
    found: Counter = field(default_factory=Counter)   # what was masked, by kind
    source: bytes = b""              # the file as it came

    def to_xlsx(self) -> bytes:
        book = Workbook()
        book.remove(book.active)
        for sheet in self.sheets:
            out = book.create_sheet(sheet.name or "Sheet1")
            for row in sheet.rows:
                out.append(row)
        book.properties.creator = ""
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    def to_csv(self, delimiter: str = ",") -> bytes:
        """The CSV/TSV as it came, with the records masking changed written
        anew (``source`` read again: it is the file's own text, encoding
        and line endings). :raises UnicodeEncodeError: a masked record its
        encoding cannot write (then ``file`` writes UTF-8)"""
        source = table_text(self.source)
        dialect = csv_dialect(source.text, delimiter)
        rows = self.sheets[0].rows
        text, changed = rewritten(
            csv_records(source.text, dialect),
            lambda record: unchanged_unless_different(record.cells, rows[record.row - 1])
            if record.row <= len(rows) else None, dialect)
        return source.encoded(text) if changed else self.source

    def file(self) -> tuple[bytes, str]:
        """(the published file, its suffix): a workbook stays a workbook, a
        CSV/TSV keeps its bytes but for the masked records."""
        if self.format == "xlsx":
            return self.to_xlsx(), "xlsx"
        try:
            return self.to_csv("\t" if self.format == "tsv" else ","), self.format
        except UnicodeEncodeError:
            buffer = io.StringIO(newline="")
            csv.writer(buffer, delimiter="\t" if self.format == "tsv" else ",",
                       lineterminator="\r\n").writerows(self.sheets[0].rows)
            return buffer.getvalue().encode("utf-8-sig"), self.format


def mask_spreadsheet(data: bytes, name: str, nonpublic: Iterable[NonPublicPart] = ()) -> MaskedSpreadsheet:
    """Every sheet of the spreadsheet ``data`` (the file ``name``) masked, and
    the ``nonpublic`` parts replaced by their notice, as its published text
    and PDF are (``document.read_tables`` and ``redact``: one decision for
    every form it is published in). :raises DocumentError: unreadable, or a
    non-public part not in it (naming the file and the problem)"""
    extracted = extract(data, name)
    if extracted.format in ("csv", "tsv"):
        try:
            table_text(data)  # the bytes it is published in must read back as the text masked
        except MalformedTable as e:
            raise DocumentError(name, str(e)) from e
    text = extracted.text
    reading = read_tables(text, extracted.tables)
    try:
        redaction = redact(text, nonpublic, known=reading.findings, read=reading.rows)
    except NonPublicPartNotFound as e:
        raise DocumentError(name, str(e)) from e
    edits = sorted([(f.start, f.end, replacement(f)) for f in redaction.findings]
                   + [(r.start, r.end, notice(int(r.kind.split(":")[1]))) for r in redaction.nonpublic])
    sheets = []
    for table, header, columns in zip(extracted.tables, reading.headers, reading.columns):
        rows = [[_edited(text, start, end, edits) for start, end in spans] for spans in table.cells]
        sheets.append(MaskedSheet(_sheet_title(table.name), rows, header, columns))
    return MaskedSpreadsheet(extracted.format, sheets, Counter(f.kind for f in redaction.findings), data)


def _edited(text: str, start: int, end: int, edits: list[tuple[int, int, str]]) -> str:
    """The cell text[start:end] with the edits (sorted, not overlapping:
    start, end, replacement) that touch it applied; one that runs over the
    cell's edge (a non-public passage over several cells) is applied to the
    part inside it."""
    out, pos = [], start
    for edit_start, edit_end, replacement_text in edits[max(0, bisect_right(edits, (start, start, "")) - 1):]:
        if edit_start >= end:
            break
        if edit_end <= start:
            continue
        out += [text[pos:max(edit_start, start)], replacement_text]
        pos = min(edit_end, end)
    return "".join(out) + text[pos:end]


_NOT_IN_SHEET_TITLES = re.compile(r"[\\/*?:\[\]]")


def _sheet_title(title: str) -> str:
    """A sheet's name masked like any text (a sheet may be named after a
    person), in the characters Excel allows in one."""
    return _NOT_IN_SHEET_TITLES.sub(lambda m: "()"["[]".index(m[0])] if m[0] in "[]" else "_",
                                    redact_text(title))[:31] if title else ""
