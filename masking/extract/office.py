"""Text of Word (DOCX) and Hangul (HWPX) documents: both are ZIP files of XML.

Paragraphs become lines, tabs and line breaks are kept; tables are read row by
row in document order. Headers, footers and notes are not read, so they are
never published either.
"""
from __future__ import annotations

import re
import zipfile
from xml.etree import ElementTree as ET

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
_MAX_XML_BYTES = 200 * 1024 * 1024  # a zip bomb stops here


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    if archive.getinfo(name).file_size > _MAX_XML_BYTES:
        raise ValueError(f"{name} expands to more than {_MAX_XML_BYTES // 2**20} MB")
    return archive.read(name)


def _paragraphs(root: ET.Element, para: str, text: str, tab: str, brk: str) -> str:
    """One line per paragraph, in document order. A paragraph inside another
    (a table cell or text box in a run) gets its own line, after its parent's."""
    lines: list[list[str]] = []

    def walk(el: ET.Element, line: list[str]) -> None:
        for child in el:
            if child.tag == para:
                own: list[str] = []
                lines.append(own)
                walk(child, own)
            elif child.tag == text:
                line.append(child.text or "")
                walk(child, line)
            elif child.tag == tab:
                line.append("\t")
            elif child.tag == brk:
                line.append("\n")
            else:
                walk(child, line)
            if el.tag == text and child.tail:  # HWPX: <hp:t>a<hp:tab/>b</hp:t>
                line.append(child.tail)

    walk(root, [])
    return "\n".join("".join(line) for line in lines) + "\n"


def docx_text(archive: zipfile.ZipFile) -> str:
    root = ET.fromstring(_read(archive, "word/document.xml"))
    return _paragraphs(root, _W + "p", _W + "t", _W + "tab", _W + "br")


def hwpx_text(archive: zipfile.ZipFile) -> str:
    sections = sorted((n for n in archive.namelist() if re.fullmatch(r"Contents/section\d+\.xml", n)),
                      key=lambda n: int(re.search(r"\d+", n).group()))
    if not sections:
        raise ValueError("HWPX without Contents/section*.xml")
    return "".join(_paragraphs(ET.fromstring(_read(archive, s)), _HP + "p", _HP + "t", _HP + "tab",
                               _HP + "lineBreak") for s in sections)
