"""Spreadsheets: XLSX workbooks (openpyxl) and CSV/TSV files, as tables.

Each sheet is a table (``blocks.TableRows``) of its cells' values as
displayed text: the value a formula last computed (what the workbook shows),
dates as ISO dates, whole numbers without ``.0``. Hidden sheets, rows and
columns are read like the others — what is hidden is still in the file.
Comments, document properties and defined names are not read: the plaza
publishes a new file written from the masked cells, never the original.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from typing import Any

from openpyxl import load_workbook

from .blocks import TableRows

MAX_CELLS = 5_000_000  # a sheet past this is refused, not read into memory


class UnreadableSheet(ValueError):
    pass


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
    """The rows of a CSV (or TSV) text. :raises UnreadableSheet: malformed"""
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as e:
        raise UnreadableSheet(f"malformed CSV: {e}") from e
    return TableRows(_trimmed(rows))


def _trimmed(rows: list[list[str]]) -> list[list[str]]:
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    width = max((i + 1 for row in rows for i, c in enumerate(row) if c.strip()), default=0)
    return [row[:width] + [""] * (width - len(row)) for row in rows]
