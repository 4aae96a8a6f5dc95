"""Source-system files as the city's systems write them: PDF (reportlab with a
real Korean font), DOCX, HWPX and HTML, built in memory. The stand-ins serve
them; the masking tests build their originals with them too."""
from __future__ import annotations

import html
import io
import zipfile

from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

NANUM = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
LINES_PER_PAGE = 40


def reportlab_pdf(lines: list[str], password: str | None = None, compress: bool = True) -> bytes:
    pdfmetrics.registerFont(TTFont("TestNanum", NANUM))
    buffer = io.BytesIO()
    encrypt = StandardEncryption(password, canPrint=1) if password else None
    pdf = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt, pageCompression=int(compress))
    for first in range(0, max(len(lines), 1), LINES_PER_PAGE):
        pdf.setFont("TestNanum", 11)
        for i, line in enumerate(lines[first:first + LINES_PER_PAGE]):
            pdf.drawString(50, 780 - 18 * i, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def docx(paragraphs: list[str], table: list[list[str]] = ()) -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    para = "".join(f"<w:p><w:r><w:t>{html.escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    rows = "".join("<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{html.escape(c)}</w:t></w:r></w:p></w:tc>" for c in row)
                   + "</w:tr>" for row in table)
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body>{para}' \
               f'{"<w:tbl>" + rows + "</w:tbl>" if rows else ""}</w:body></w:document>'
    return _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": document})


def hwpx(paragraphs: list[str], cell: str = "") -> bytes:
    hp = "http://www.hancom.co.kr/hwpml/2011/paragraph"
    body = "".join(f"<hp:p><hp:run><hp:t>{html.escape(p)}</hp:t></hp:run></hp:p>" for p in paragraphs)
    if cell:  # a table inside a paragraph's run, as Hangul writes it
        body += (f"<hp:p><hp:run><hp:tbl><hp:tr><hp:tc><hp:subList><hp:p><hp:run><hp:t>{html.escape(cell)}</hp:t></hp:run>"
                 f"</hp:p></hp:subList></hp:tc></hp:tr></hp:tbl></hp:run></hp:p>")
    section = f'<?xml version="1.0" encoding="UTF-8"?><hs:sec xmlns:hs="urn:hs" xmlns:hp="{hp}">{body}</hs:sec>'
    return _zip({"mimetype": "application/hwp+zip", "Contents/section0.xml": section})


def html_page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f'<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"</head><body><h1>{html.escape(title)}</h1>{body}</body></html>").encode()


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()
