"""Text from the formats originals arrive in: PDF, DOCX, HWPX, HTML, plain text."""
from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from ..errors import DocumentError
from .html import html_text
from .office import docx_text, hwpx_text
from .pdf import UnreadablePdf, pdf_pages
from .text import UndecodableText, decode

MAX_BYTES = 100 * 1024 * 1024


@dataclass
class Extracted:
    text: str
    format: str      # pdf, docx, hwpx, html, text
    extractor: str   # what read it (pdfminer, pdfminer+pdfium, xml, html/utf-8, cp949 …)
    pages: int       # source pages (1 for formats without pages)


def detect_format(data: bytes, name: str) -> str:
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    if name.lower().endswith((".html", ".htm")) or data[:512].lstrip().lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def extract(data: bytes, name: str) -> Extracted:
    """Read ``data`` (the file called ``name``); any problem is a DocumentError naming it."""
    if not data:
        raise DocumentError(name, "empty file")
    if len(data) > MAX_BYTES:
        raise DocumentError(name, f"too large ({len(data) / 2**20:.0f} MB; the limit is {MAX_BYTES // 2**20} MB)")
    kind = detect_format(data, name)
    try:
        if kind == "pdf":
            pages, extractor = pdf_pages(data)
            return Extracted("\n".join(p.rstrip("\n\x0c") for p in pages) + "\n", "pdf", extractor, len(pages))
        if kind == "zip":
            return _office(data, name)
        if kind == "ole":
            raise DocumentError(name, "HWP 5 / legacy Office binary format; export it as HWPX, DOCX or PDF")
        text, encoding = decode(data)
        if kind == "html":
            return Extracted(html_text(text), "html", f"html/{encoding}", 1)
        return Extracted(text, "text", encoding, 1)
    except (UnreadablePdf, UndecodableText) as e:
        raise DocumentError(name, str(e)) from e


def _office(data: bytes, name: str) -> Extracted:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "word/document.xml" in names:
            return Extracted(docx_text(archive), "docx", "xml", 1)
        if any(n.startswith("Contents/section") for n in names):
            return Extracted(hwpx_text(archive), "hwpx", "xml", 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, SyntaxError) as e:  # ParseError is a SyntaxError
        raise DocumentError(name, f"corrupt DOCX/HWPX: {e}") from e
    raise DocumentError(name, "a ZIP file that is neither DOCX nor HWPX")
