"""Draw the masked text as a new PDF (A4, NanumGothic) for preview and download.

The published PDF is drawn from the masked text only: nothing of the original
file (text layer, hidden objects, metadata, attachments) is copied, so a
masked value cannot survive anywhere in it. The cost is the original layout.
Output is byte-for-byte deterministic for the same text (``invariant``), so a
re-harvest can tell an unchanged document.
"""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_NAME = "NanumGothic"
FONT_PATHS = (Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf"),)  # Debian fonts-nanum
FONT_SIZE = 10
LEADING = 15
MARGIN = 56


class FontMissing(RuntimeError):
    pass


def font_path() -> Path:
    """NanumGothic's file. Raises FontMissing."""
    for path in FONT_PATHS:
        if path.exists():
            return path
    raise FontMissing("Korean font NanumGothic not found: install Debian fonts-nanum (bin/setup does)")


@lru_cache(maxsize=None)
def _register_font() -> str:
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(font_path())))
    return FONT_NAME


def _wrap(line: str, width: float, font: str) -> Iterator[str]:
    """Break at spaces where possible, inside words only when one is too long."""
    current = ""
    for word in line.split(" "):
        candidate = f"{current} {word}" if current else word
        if pdfmetrics.stringWidth(candidate, font, FONT_SIZE) <= width:
            current = candidate
            continue
        if current:
            yield current
        current = ""
        for ch in word:
            if pdfmetrics.stringWidth(current + ch, font, FONT_SIZE) > width and current:
                yield current
                current = ""
            current += ch
    yield current


def text_to_pdf(text: str, title: str = "") -> tuple[bytes, int]:
    """(PDF bytes, page count). ``title`` goes in the PDF's metadata: pass a
    public one (never the original file name, which may carry a name)."""
    font = _register_font()
    buffer = io.BytesIO()
    page_width, page_height = A4
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True, pageCompression=1)
    pdf.setTitle(title)
    pdf.setAuthor("")
    pdf.setProducer("Seoul Plaza disclosure masking")
    width = page_width - 2 * MARGIN
    lines = [w for raw in text.expandtabs(4).splitlines() for w in _wrap(raw, width, font)] or [""]
    per_page = int((page_height - 2 * MARGIN) // LEADING)
    pages = [lines[i:i + per_page] for i in range(0, len(lines), per_page)]
    for number, page in enumerate(pages, 1):
        pdf.setFont(font, FONT_SIZE)
        y = page_height - MARGIN
        for line in page:
            pdf.drawString(MARGIN, y, line)
            y -= LEADING
        pdf.setFont(font, 8)
        pdf.drawCentredString(page_width / 2, MARGIN / 2, f"{number} / {len(pages)}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue(), len(pages)
