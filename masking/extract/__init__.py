"""Text from the formats originals arrive in: PDF, DOCX, HWPX, HWP 5, XLSX,
CSV/TSV, HTML, plain text. Tables come with the text (``Extracted.tables``:
each cell's span in it) when the format has them."""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Optional

from ..errors import DocumentError
from .blocks import Block, Table, assemble
from .html import html_text
from .hwp import UnreadableHwp, hwp_blocks
from .office import docx_blocks, hwpx_blocks
from .pdf import PdfReading, UnreadablePdf, read_pdf
from .sheets import UnreadableSheet, csv_table, is_xlsx, xlsx_tables
from .text import UndecodableText, decode

MAX_BYTES = 100 * 1024 * 1024
SPREADSHEETS = frozenset({"xlsx", "csv", "tsv"})

__all__ = ["Extracted", "Table", "extract", "detect_format", "MAX_BYTES", "SPREADSHEETS"]


@dataclass
class Extracted:
    text: str
    format: str      # pdf, docx, hwpx, hwp, xlsx, csv, tsv, html, text
    extractor: str   # what read it (pymupdf, pymupdf+tesseract, xml, hwpforge, openpyxl, html/utf-8, cp949 …)
    pages: int       # source pages (sheets of a workbook; 1 for formats without pages)
    tables: list[Table] = field(default_factory=list)  # the text's tables, cell by cell
    pdf: Optional[PdfReading] = None  # a PDF's pages: each character's box and how its text was obtained


# A text file whose words a browser or editor would show differently from its characters.
_MARKUP = re.compile(r"&#(?:\d{2,7}|[xX][0-9a-fA-F]{2,6});|<(?:html|head|body|meta|p|div|span|br|table|td|font)\b", re.I)


def detect_format(data: bytes, name: str) -> str:
    if b"%PDF-" in data:  # readers repair a PDF behind any junk (or find it after 1,024 bytes): so do we
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    lower = name.lower()
    if lower.endswith((".csv", ".tsv")):
        return lower.rsplit(".", 1)[1]
    if lower.endswith((".html", ".htm")) or data[:512].lstrip().lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def _extracted(blocks: list[Block], format: str, extractor: str, pages: int = 1) -> Extracted:
    text, tables = assemble(blocks)
    return Extracted(text, format, extractor, pages, tables)


def extract(data: bytes, name: str) -> Extracted:
    """Read ``data`` (the file called ``name``); any problem is a DocumentError naming it."""
    if not data:
        raise DocumentError(name, "empty file")
    if len(data) > MAX_BYTES:
        raise DocumentError(name, f"too large ({len(data) / 2**20:.0f} MB; the limit is {MAX_BYTES // 2**20} MB)")
    kind = detect_format(data, name)
    try:
        if kind == "pdf":
            reading = read_pdf(data)
            text = "".join(page.text + "\n" for page in reading.pages)
            return Extracted(text, "pdf", reading.extractor, len(reading.pages), pdf=reading)
        if kind == "zip":
            return _zip(data, name)
        if kind == "ole":
            blocks, extractor = hwp_blocks(data)
            return _extracted(blocks, "hwp", extractor)
        text, encoding = decode(data)
        if kind in ("csv", "tsv"):
            return _extracted([csv_table(text, "\t" if kind == "tsv" else ",")], kind, f"csv/{encoding}")
        if kind == "html" or _MARKUP.search(text):  # markup or character references (&#54861;) hide words from the text
            return Extracted(html_text(text), "html", f"html/{encoding}", 1)
        if text.lstrip().startswith("{\\rtf"):
            raise DocumentError(name, "RTF is not read (its escapes hide the text); save it as DOCX, HWPX or PDF")
        return Extracted(text, "text", encoding, 1)
    except (UnreadablePdf, UndecodableText, UnreadableHwp, UnreadableSheet) as e:
        raise DocumentError(name, str(e)) from e


def _zip(data: bytes, name: str) -> Extracted:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "word/document.xml" in names:
            return _extracted(docx_blocks(archive), "docx", "xml")
        if any(n.startswith("Contents/section") for n in names):
            return _extracted(hwpx_blocks(archive), "hwpx", "xml")
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, SyntaxError) as e:  # ParseError is a SyntaxError
        raise DocumentError(name, f"corrupt DOCX/HWPX/XLSX: {e}") from e
    if is_xlsx(archive):
        sheets = xlsx_tables(data)
        return _extracted([b for t in sheets for b in (f"시트: {t.name}", t)], "xlsx", "openpyxl", len(sheets))
    raise DocumentError(name, "a ZIP file that is neither DOCX, HWPX nor XLSX")
