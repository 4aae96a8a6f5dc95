"""Publish a PDF as it is laid out, with what was masked removed (PyMuPDF's redaction).

A page read from its text layer keeps its own drawing — tables, approval
boxes, letterhead — and each masked span is covered by a black box whose
characters MuPDF removes from the content streams (``apply_redactions``:
text under the box deleted, image pixels under it blanked, vector art it
covers removed). A page read with OCR is replaced by its picture with the
masked words painted over (from OCR's character boxes); a withheld page by a
page of the same size with the notice "이미지 페이지 — 검토 후 공개". Nothing
of a replaced page's content is kept.

Then the document is scrubbed of what a viewer does not show: metadata (the
title given replaces it) and XMP, links, JavaScript, embedded files,
bookmarks, thumbnails, form fields (drawn into the pages when read), the
structure tree and hidden layers; fonts are subset to the glyphs still
drawn. ``leftovers`` re-reads the output, so a masked value that survives
stops the document instead of publishing it. Output is byte-for-byte the
same for the same input (``reproducible``).
"""
from __future__ import annotations

import io
from bisect import bisect_right
from collections import defaultdict
from functools import lru_cache
from typing import Iterable, Sequence

import pymupdf

from . import ocr
from .extract.pdf import OCR, WITHHELD, WITHHELD_NOTICE, Box, PdfPage, PdfReading, render
from .render import font_path

PUBLISH_DPI = 150       # an OCR page's published picture
JPEG_QUALITY = 80
PAD = 1                 # pixels around a painted-over OCR box
MIN_LABEL = 4           # points: a label that would be smaller is left out (the box stays)
PRODUCER = "Seoul Plaza disclosure masking"


Span = tuple[int, int, str]  # start, end, the label drawn over it ([성명], [비공개: …])


def _page_spans(pages: Sequence[PdfPage], spans: Iterable[Span]) -> dict[int, list[Span]]:
    """Spans of the whole text (pages joined, each ending in a newline) as spans of each page's text."""
    starts, pos = [], 0
    for page in pages:
        starts.append(pos)
        pos += len(page.text) + 1
    out: dict[int, list[Span]] = defaultdict(list)
    for start, end, label in spans:
        i = max(0, bisect_right(starts, start) - 1)
        while i < len(pages) and starts[i] < end:
            s, e = max(start, starts[i]) - starts[i], min(end, starts[i] + len(pages[i].text)) - starts[i]
            if s < e:
                out[i].append((s, e, label))
            i += 1
    return out


def _rects(boxes: Sequence[Box | None], spans: Iterable[Span]) -> list[tuple[pymupdf.Rect, str]]:
    """One rectangle per line of each span (the union of its characters'
    boxes), the span's label with its first."""
    rects: list[tuple[pymupdf.Rect, str]] = []
    for start, end, label in spans:
        current: list[float] = []
        first = len(rects)
        for box in boxes[start:end]:
            if box is None:
                continue
            x0, y0, x1, y1 = box
            if current and x0 >= current[0] - 1 and \
                    abs(y0 + y1 - current[1] - current[3]) <= max(y1 - y0, current[3] - current[1]):
                current = [min(current[0], x0), min(current[1], y0), max(current[2], x1), max(current[3], y1)]
                continue
            if current:
                rects.append((pymupdf.Rect(current), label if len(rects) == first else ""))
            current = [x0, y0, x1, y1]
        if current:
            rects.append((pymupdf.Rect(current), label if len(rects) == first else ""))
    return rects


@lru_cache(maxsize=1)
def _font() -> pymupdf.Font:
    return pymupdf.Font(fontfile=str(font_path()))


def _label_size(label: str, width: float, height: float) -> float:
    """The font size at which ``label`` fits the box (0: it does not fit readably)."""
    size = min(0.75 * height, 0.95 * width / max(_font().text_length(label, 1), 0.01))
    return size if size >= MIN_LABEL else 0.0


def _cover_text(page: pymupdf.Page, read: PdfPage, spans: list[Span]) -> None:
    rects = _rects(read.boxes, spans)
    if not rects:
        return
    for rect, _ in rects:
        page.add_redact_annot(rect, fill=(0, 0, 0))
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
                          graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED,
                          text=pymupdf.PDF_REDACT_TEXT_REMOVE)
    writer = pymupdf.TextWriter(page.rect)
    for rect, label in rects:
        size = _label_size(label, rect.width, rect.height) if label else 0
        if size:
            baseline = (rect.y0 + rect.y1) / 2 + 0.35 * size
            writer.append((rect.x0 + 0.02 * rect.width, baseline), label, font=_font(), fontsize=size)
    if writer.text_rect:
        writer.write_text(page, color=(1, 1, 1))


def _picture(page: pymupdf.Page, read: PdfPage, spans: list[Span]) -> bytes:
    from PIL import ImageDraw, ImageFont
    image = render(page, PUBLISH_DPI)
    draw = ImageDraw.Draw(image)
    scale = PUBLISH_DPI / ocr.DPI
    for rect, label in _rects(read.boxes, spans):
        box = pymupdf.Rect(rect.x0 * scale - PAD, rect.y0 * scale - PAD, rect.x1 * scale + PAD, rect.y1 * scale + PAD)
        draw.rectangle(tuple(box), fill=(0, 0, 0))
        size = _label_size(label, box.width, box.height) if label else 0
        if size >= MIN_LABEL * PUBLISH_DPI / 72:
            font = ImageFont.truetype(str(font_path()), int(size))
            draw.text((box.x0 + 0.02 * box.width, (box.y0 + box.y1) / 2), label, font=font, fill=(255, 255, 255),
                      anchor="lm")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY)
    return out.getvalue()


def _replace(document: pymupdf.Document, number: int, picture: bytes | None) -> None:
    """Page ``number`` (0-based) replaced by a new page of its size (as shown)
    holding only ``picture``, or the withheld-page notice when it is None."""
    rect = document[number].rect
    page = document.new_page(number, width=rect.width, height=rect.height)
    if picture is not None:
        page.insert_image(page.rect, stream=picture)
    else:
        box = pymupdf.Rect(40, rect.height / 2 - 40, rect.width - 40, rect.height / 2 + 40)
        page.draw_rect(box, color=(0.4, 0.4, 0.4), width=1)
        page.insert_textbox(box + (0, 22, 0, 0), WITHHELD_NOTICE.strip("[]"), fontname="nanum",
                            fontfile=str(font_path()), fontsize=18, align=pymupdf.TEXT_ALIGN_CENTER)
    document.delete_page(number + 1)


def _scrub(document: pymupdf.Document, title: str) -> None:
    document.scrub(redactions=False)
    document.set_toc([])
    catalog = document.pdf_catalog()
    for key in ("AcroForm", "OpenAction", "AA", "PageLabels", "Names", "Outlines", "OCProperties",
                "StructTreeRoot", "MarkInfo", "PieceInfo", "Metadata", "Perms", "Threads", "SpiderInfo"):
        document.xref_set_key(catalog, key, "null")
    for page in document:
        for key in ("PieceInfo", "Thumb", "AA", "StructParents", "Metadata", "Annots"):
            document.xref_set_key(page.xref, key, "null")
    document.set_metadata({"title": title, "producer": PRODUCER, "author": "", "creator": "", "subject": "",
                           "keywords": "", "creationDate": "", "modDate": ""})
    document.del_xml_metadata()
    document.subset_fonts()


def redact_pdf(reading: PdfReading, spans: Iterable[Span], title: str = "") -> bytes:
    """The published PDF of ``reading`` (``masking.extract.pdf.read_pdf``)
    with the ``spans`` of its text (the pages' texts joined, each ending in a
    newline) covered, each by a black box with its label in white where it
    fits. ``title`` goes in the metadata: pass a public one. The page count
    is the original's. Consumes ``reading.document``. Raises FontMissing
    without NanumGothic."""
    document, pages = reading.document, reading.pages
    by_page = _page_spans(pages, spans)
    replaced: list[tuple[int, bytes | None]] = []
    for i, read in enumerate(pages):
        if read.source == WITHHELD:
            replaced.append((i, None))
        elif read.source == OCR:
            replaced.append((i, _picture(document[i], read, by_page[i])))
        else:
            _cover_text(document[i], read, by_page[i])
    for i, picture in replaced:
        _replace(document, i, picture)
    _scrub(document, title)
    return document.tobytes(garbage=4, deflate=True, clean=True, encryption=pymupdf.PDF_ENCRYPT_NONE,
                            no_new_id=True, reproducible=True)


def leftovers(pdf: bytes, values: Iterable[str]) -> list[str]:
    """The ``values`` the text of ``pdf`` still holds (spaces and line breaks ignored)."""
    with pymupdf.open(stream=pdf, filetype="pdf") as document:
        text = "".join("".join(page.get_text().split()) for page in document)
    return sorted({v for v in values if "".join(v.split()) in text})
