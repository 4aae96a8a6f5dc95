"""Originals in the formats agencies write, generated here (no third-party
document is committed): HWP 5 written by hwp-converter-ai (from Markdown, on
Hancom's own template), its protected variants (the FileHeader's flags set as
Hangul sets them), and XLSX workbooks written by openpyxl."""
from __future__ import annotations

import io
import struct
import tempfile
from pathlib import Path
from typing import Optional, Sequence

import olefile
from openpyxl import Workbook

PASSWORD, DISTRIBUTION, DRM = 1 << 1, 1 << 2, 1 << 4  # HWP 5.0 FileHeader property bits


def _markdown_cell(value: str) -> str:
    return value.replace("|", "\\|") or " "


def hwp(paragraphs: Sequence[str], table: Sequence[Sequence[str]] = ()) -> bytes:
    """A real HWP 5 file: the paragraphs, then the table (first row its header)."""
    from hwp_converter_ai import HwpWriter

    markdown = "\n\n".join(paragraphs)
    if table:
        rows = [table[0], ["---"] * len(table[0]), *table[1:]]
        markdown += "\n\n" + "\n".join("| " + " | ".join(map(_markdown_cell, r)) + " |" for r in rows) + "\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.hwp"
        HwpWriter().from_markdown(markdown, path)
        return path.read_bytes()


def protected(data: bytes, flags: int) -> bytes:
    """The HWP file with FileHeader property ``flags`` set (password, 배포용, DRM)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.hwp"
        path.write_bytes(data)
        ole = olefile.OleFileIO(str(path), write_mode=True)
        header = bytearray(ole.openstream("FileHeader").read())
        struct.pack_into("<I", header, 36, struct.unpack_from("<I", header, 36)[0] | flags)
        ole.write_stream("FileHeader", bytes(header))
        ole.close()
        return path.read_bytes()


def xlsx(sheets: dict[str, Sequence[Sequence[object]]], author: Optional[str] = None,
         comment: Optional[tuple[str, str]] = None) -> bytes:
    """A workbook with one sheet per entry (rows of values); ``author`` in its
    properties and ``comment`` (cell, text) on the first sheet, to show that
    neither reaches what is published."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    if author:
        book.properties.creator = author
    if comment:
        from openpyxl.comments import Comment
        book.worksheets[0][comment[0]].comment = Comment(comment[1], "author")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


__all__ = ["hwp", "protected", "xlsx", "PASSWORD", "DISTRIBUTION", "DRM"]
