"""A PDF read page by page, each character with where it is drawn (PyMuPDF),
and what the page draws checked against what its text layer yields.

PyMuPDF (MuPDF; AGPL-3.0 like CKAN and this project) reads the text layer
with each character's box, so the published PDF can be the original with the
masked characters removed (``masking.redact_pdf``). Annotations and form
fields are first drawn into their pages (``Document.bake``), so what they show
is read and masked like the rest.

A page's text layer can miss what the page shows: text drawn as glyph
outlines (vector paths), or a scan (an image). ``_ocr_reason`` compares the
two from MuPDF's list of what the page paints (``get_bboxlog``): images
covering much of the page, or rows of small filled paths, text-sized, where
the text layer has no text. Such a page, and one whose text layer cannot be
read (a font without a Unicode map), is read with OCR (``masking.ocr``); when
OCR finds clearly more than the text layer, the OCR reading is the page's
text (``OCR``), unless its confidence is too low: then the page is withheld
(``WITHHELD``) and its text is the notice that is published in its place.

Each page's text lists its lines top to bottom; text runs on one baseline
join into one line, a wide gap as a tab, so a table's row or an approval
box's row of titles stays one line (as ``pdftotext -layout`` keeps it).
"""
from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Optional

import pymupdf

from .. import ocr

TEXT_LAYER, OCR, WITHHELD = "text layer", "OCR", "withheld"
WITHHELD_NOTICE = "[이미지 페이지 — 검토 후 공개]"
MIN_CONFIDENCE = 70.0    # OCR: a page's mean word confidence (0–100) below this is withheld
MAX_DOUBTFUL = 0.2       # OCR: … and so is a page with more of its characters in doubtful words
IMAGE_SHARE = 0.3        # images covering this share of a page: it may be a scan
OUTLINE_ROWS = 2         # rows of text-sized filled paths with no text over them: text drawn as outlines
MORE_BY_OCR = 1.1        # OCR must find this many times the text layer's characters (and 10 more) to replace it
TEXT_IMAGE_SHARE = 0.004  # a picture this share of a page or larger is read for words of its own (a pasted ID card, a signature)
IMAGE_WORDS = 4           # visible characters OCR finds in a page's pictures that make the whole page read by OCR
TAB_GAP = 1.5            # a gap wider than this many font sizes between runs on one line is a tab
_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_PRESERVE_LIGATURES

Box = tuple[float, float, float, float]


class UnreadablePdf(ValueError):
    pass


@dataclass(frozen=True)
class PageSource:
    """How a page's text was obtained, for the masking report and the stewards."""
    number: int
    source: str                          # TEXT_LAYER, OCR or WITHHELD
    confidence: Optional[float] = None   # OCR's mean word confidence (0–100) where OCR read the page
    reason: str = ""                     # why OCR was tried

    def __str__(self) -> str:
        confidence = f", confidence {self.confidence:.0f}" if self.confidence is not None else ""
        why = f" ({self.reason}{confidence})" if self.reason else ""
        return f"page {self.number}: {self.source}{why}"


@dataclass
class PdfPage:
    """One page: ``text`` (what is masked and published of it), ``boxes`` (for
    each character of ``text`` its box — PDF points in page space for the text
    layer, pixels at ``ocr.DPI`` for OCR —, None for inserted spaces, tabs and
    line breaks), ``source`` (TEXT_LAYER, OCR or WITHHELD), OCR's mean word
    confidence (0–100) where OCR read it, and why OCR was tried."""
    number: int
    text: str
    boxes: list[Optional[Box]]
    source: str = TEXT_LAYER
    confidence: Optional[float] = None
    reason: str = ""

    @property
    def report(self) -> PageSource:
        return PageSource(self.number, self.source, self.confidence, self.reason)


@dataclass
class PdfReading:
    """Every page of the document, and the opened document itself (its
    annotations and form fields drawn into the pages) for the redaction."""
    pages: list[PdfPage]
    document: pymupdf.Document = field(repr=False)

    @property
    def extractor(self) -> str:
        return "pymupdf+tesseract" if any(p.source == OCR for p in self.pages) else "pymupdf"


def _visible(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


def _is_readable(text: str) -> bool:
    """Mostly letters, digits and punctuation of the scripts a Seoul record uses;
    a font without a Unicode map yields U+FFFD, control and stray-script characters."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return True
    expected = sum(1 for c in chars if c.isascii() and c.isprintable()
                   or "\uac00" <= c <= "\ud7a3" or "\u3130" <= c <= "\u318f" or "\u4e00" <= c <= "\u9fff"
                   or (unicodedata.category(c)[0] in "PS" and c != "\ufffd") or "\uff00" <= c <= "\uffef")
    return expected >= 0.95 * len(chars)


@dataclass
class _Run:
    chars: list[tuple[str, Box]]
    bbox: Box
    size: float


def _runs(page: pymupdf.Page) -> list[_Run]:
    runs = []
    for block in page.get_text("rawdict", flags=_FLAGS)["blocks"]:
        for line in block.get("lines", ()):
            chars = [(ch["c"], tuple(ch["bbox"])) for span in line["spans"] for ch in span["chars"]]
            if chars:
                size = max(span["size"] for span in line["spans"]) or 1.0
                runs.append(_Run(chars, tuple(line["bbox"]), size))
    return runs


def _rows(runs: list[_Run]) -> list[list[_Run]]:
    """Runs on one baseline band (their vertical centres within half a line) as one row, left to right."""
    rows: list[list[_Run]] = []
    for run in sorted(runs, key=lambda r: ((r.bbox[1] + r.bbox[3]) / 2, r.bbox[0])):
        middle = (run.bbox[1] + run.bbox[3]) / 2
        if rows:
            last = rows[-1][-1]
            if abs(middle - (last.bbox[1] + last.bbox[3]) / 2) <= 0.5 * min(run.size, last.size):
                rows[-1].append(run)
                continue
        rows.append([run])
    return [sorted(row, key=lambda r: r.bbox[0]) for row in rows]


def _text_layer(runs: list[_Run]) -> tuple[str, list[Optional[Box]]]:
    parts: list[str] = []
    boxes: list[Optional[Box]] = []
    for row in _rows(runs):
        if parts:
            parts.append("\n")
            boxes.append(None)
        for i, run in enumerate(row):
            if i:
                gap = run.bbox[0] - row[i - 1].bbox[2]
                separator = "\t" if gap > TAB_GAP * run.size else (" " if gap > 0.15 * run.size else "")
                if separator and not parts[-1].isspace() and not run.chars[0][0].isspace():
                    parts.append(separator)
                    boxes.append(None)
            for c, box in run.chars:
                parts.append(c)
                boxes.append(box)
    return "".join(parts), boxes


def _ocr_reason(page: pymupdf.Page, runs: list[_Run], text: str) -> str:
    """Why the page must be compared with OCR ('' when its text layer shows all it draws)."""
    if not _is_readable(text):
        return "the text layer cannot be read (a font without a Unicode map)"
    area = abs(page.rect) or 1.0
    log = page.get_bboxlog()
    images = sum(abs(pymupdf.Rect(r) & page.rect) for kind, r in log if kind in ("fill-image", "fill-imgmask"))
    if images >= IMAGE_SHARE * area:
        return "an image covers the page"
    if not _visible(text) and (images or any(kind.startswith(("fill-path", "stroke-text", "fill-text"))
                                             for kind, _ in log)):
        return "no text layer"
    paths = defaultdict(float)  # band (6 pt) → width of text-sized filled paths in it
    for kind, r in log:
        if kind == "fill-path":
            x0, y0, x1, y1 = r
            if 2 <= y1 - y0 <= 40 and (x1 - x0) * (y1 - y0) < 0.05 * area:
                paths[round((y0 + y1) / 12)] += x1 - x0
    if sum(1 for width in paths.values() if width >= 100) < OUTLINE_ROWS:
        return ""
    texts = defaultdict(float)
    for run in runs:
        texts[round((run.bbox[1] + run.bbox[3]) / 12)] += sum(1 for c, _ in run.chars if not c.isspace()) * run.size
    rows = sum(1 for band, width in paths.items() if width >= 100 and texts[band] < 0.5 * width)
    return "text drawn as outlines" if rows >= OUTLINE_ROWS else ""


def _text_in_pictures(page: pymupdf.Page) -> str:
    """Why a page whose text layer is read must be read by OCR all the same ('' when not):
    a picture on it — a scanned ID card or letter pasted into a report, a signature —
    holds words of its own, which the text layer does not have (each picture of
    ``TEXT_IMAGE_SHARE`` of the page or more is read by OCR on its own)."""
    area = abs(page.rect) or 1.0
    found = 0
    for kind, r in page.get_bboxlog():
        clip = pymupdf.Rect(r) & page.rect
        if kind not in ("fill-image", "fill-imgmask") or abs(clip) < TEXT_IMAGE_SHARE * area:
            continue
        found += _visible(ocr.read_image(render(page, ocr.DPI, grey=True, clip=clip)).text)
        if found >= IMAGE_WORDS:
            return "a picture on the page holds words"
    return ""


def render(page: pymupdf.Page, dpi: int, grey: bool = False, clip: Optional[pymupdf.Rect] = None):
    """The page (or the ``clip`` of it, in points) as drawn, its rotation applied, as a PIL image."""
    from PIL import Image
    pixmap = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY if grey else pymupdf.csRGB, alpha=False,
                             clip=clip)
    return Image.frombytes("L" if grey else "RGB", (pixmap.width, pixmap.height), pixmap.samples)


def _read_page(page: pymupdf.Page) -> PdfPage:
    runs = _runs(page)
    text, boxes = _text_layer(runs)
    reason = _ocr_reason(page, runs, text)
    number = page.number + 1
    pictured = ""
    try:
        if not reason:
            reason = pictured = _text_in_pictures(page)
        if not reason:
            return PdfPage(number, text, boxes)
        read = ocr.read_image(render(page, ocr.DPI, grey=True))
    except ocr.OcrUnavailable as e:
        return PdfPage(number, WITHHELD_NOTICE, [None] * len(WITHHELD_NOTICE), WITHHELD, None, f"{reason}; {e}")
    if not pictured and _is_readable(text) and _visible(read.text) <= MORE_BY_OCR * _visible(text) + 10:
        return PdfPage(number, text, boxes, TEXT_LAYER, read.confidence, reason)
    confidence = read.confidence
    if confidence is None and not _visible(text):
        return PdfPage(number, "", [], TEXT_LAYER, None, reason + " (a picture: no text in it)")
    if confidence is None or confidence < MIN_CONFIDENCE or read.doubtful_share > MAX_DOUBTFUL:
        return PdfPage(number, WITHHELD_NOTICE, [None] * len(WITHHELD_NOTICE), WITHHELD, confidence, reason)
    return PdfPage(number, read.text, list(read.boxes), OCR, confidence, reason)


def read_pdf(data: bytes) -> PdfReading:
    """Every page's text and boxes. Raises UnreadablePdf (encrypted, corrupt)."""
    try:
        document = pymupdf.open(stream=data, filetype="pdf")
    except (pymupdf.FileDataError, RuntimeError, ValueError) as e:
        raise UnreadablePdf(f"corrupt PDF: {e}") from e
    if document.needs_pass:
        raise UnreadablePdf("encrypted PDF: it needs a password")
    if document.page_count == 0:
        raise UnreadablePdf("corrupt PDF: no page can be read")
    try:
        catalog = document.pdf_catalog()
        for key in ("OCProperties", "StructTreeRoot", "MarkInfo"):  # hidden layers shown, so they are read too
            document.xref_set_key(catalog, key, "null")
        document.bake(annots=True, widgets=True)
        for page in document:  # what is drawn outside the crop box is in the file too: read it all
            if page.cropbox != page.mediabox:
                page.set_cropbox(page.mediabox)
        return PdfReading([_read_page(page) for page in document], document)
    except (RuntimeError, ValueError) as e:  # MuPDF's errors on a broken page
        raise UnreadablePdf(f"corrupt PDF: {e}") from e
