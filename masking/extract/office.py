"""Text of Word (DOCX) and Hangul (HWPX) documents: both are ZIP files of XML.

Paragraphs become lines, tabs and line breaks are kept. Tables are read as
tables (``blocks.TableRows``): one row per line, cells in their columns — an
HWPX cell at its ``cellAddr`` column, a DOCX cell widened by its
``gridSpan`` — so that masking can read them by what their columns mean. A
cell's paragraphs (and any table inside it) are one line of that cell.
Headers, footers and notes of a DOCX live in other parts of the file and are
not read, so they are never published either.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from typing import Iterator, Optional
from xml.etree import ElementTree as ET

from .blocks import Block, TableRows, cell_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
_MAX_XML_BYTES = 200 * 1024 * 1024  # a zip bomb stops here


@dataclass(frozen=True)
class _Tags:
    para: str
    text: str
    tab: str
    brk: str
    table: str
    row: str
    cell: str


_DOCX = _Tags(_W + "p", _W + "t", _W + "tab", _W + "br", _W + "tbl", _W + "tr", _W + "tc")
_HWPX = _Tags(_HP + "p", _HP + "t", _HP + "tab", _HP + "lineBreak", _HP + "tbl", _HP + "tr", _HP + "tc")


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    if archive.getinfo(name).file_size > _MAX_XML_BYTES:
        raise ValueError(f"{name} expands to more than {_MAX_XML_BYTES // 2**20} MB")
    return archive.read(name)


def _blocks(root: ET.Element, tags: _Tags) -> list[Block]:
    """Lines and tables in document order. A paragraph inside another (a text
    box in a run) gets its own line after its parent's; a table in a
    paragraph's run comes after that paragraph's line."""
    blocks: list[Block] = []
    lines: list[list[str]] = []  # the parts of each line, joined at the end

    def walk(el: ET.Element, line: list[str]) -> None:
        for child in el:
            if child.tag == tags.table:
                blocks.append(TableRows(_rows(child, tags)))
            elif child.tag == tags.para:
                own: list[str] = []
                lines.append(own)
                blocks.append(len(lines) - 1)  # type: ignore[arg-type]  # resolved below
                walk(child, own)
            elif child.tag == tags.text:
                line.append(child.text or "")
                walk(child, line)
            elif child.tag == tags.tab:
                line.append("\t")
            elif child.tag == tags.brk:
                line.append("\n")
            else:
                walk(child, line)
            if el.tag == tags.text and child.tail:  # HWPX: <hp:t>a<hp:tab/>b</hp:t>
                line.append(child.tail)

    walk(root, [])
    return ["".join(lines[b]) if isinstance(b, int) else b for b in blocks]


def _flat(blocks: list[Block]) -> str:
    """A cell's content as one line (a table inside it row after row)."""
    parts = [b if isinstance(b, str) else " ".join(" ".join(map(cell_text, row)) for row in b.rows)
             for b in blocks]
    return cell_text(" ".join(p for p in parts if p.strip()))


def _cells(row: ET.Element, tags: _Tags) -> Iterator[tuple[Optional[int], int, str]]:
    """(column or None, columns spanned, text) of each cell of a row."""
    for cell in row:
        if cell.tag != tags.cell:
            continue
        column, span = None, 1
        address = cell.find(_HP + "cellAddr")
        if address is not None and (address.get("colAddr") or "").isdigit():
            column = int(address.get("colAddr"))
        grid_span = cell.find(f"{_W}tcPr/{_W}gridSpan")
        if grid_span is not None and (grid_span.get(_W + "val") or "").isdigit():
            span = max(1, int(grid_span.get(_W + "val")))
        yield column, span, _flat(_blocks(cell, tags))


def _rows(table: ET.Element, tags: _Tags) -> list[list[str]]:
    rows = []
    for row in table:
        if row.tag != tags.row:
            continue
        cells: list[str] = []
        for column, span, text in _cells(row, tags):
            if column is not None and column > len(cells):  # cells merged from the left or above
                cells += [""] * (column - len(cells))
            cells.append(text)
            cells += [""] * (span - 1)
        rows.append(cells)
    return rows


def docx_blocks(archive: zipfile.ZipFile) -> list[Block]:
    return _blocks(ET.fromstring(_read(archive, "word/document.xml")), _DOCX)


def hwpx_blocks(archive: zipfile.ZipFile) -> list[Block]:
    sections = sorted((n for n in archive.namelist() if re.fullmatch(r"Contents/section\d+\.xml", n)),
                      key=lambda n: int(re.search(r"\d+", n).group()))
    if not sections:
        raise ValueError("HWPX without Contents/section*.xml")
    return [b for s in sections for b in _blocks(ET.fromstring(_read(archive, s)), _HWPX)]
