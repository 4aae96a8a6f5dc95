"""Build the test originals: the hand-assembled CID-font PDFs pdfminer fails
on here; PDFs as scanners and converters write them (text drawn as glyph
outlines with reportlab and fontTools, pages that are one picture, blurred
scans), a form with ruled tables and an approval box; ordinary PDFs,
encrypted PDFs, DOCX and HWPX come from the stand-ins' file builders
(re-exported so tests have one place to look)."""
from __future__ import annotations

import io
import zlib
from typing import Sequence

from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont as FontFile
from pdfminer.cmapdb import CMapDB
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile
from reportlab.pdfgen import canvas

from harvesters.standins.files import NANUM, docx, hwpx, reportlab_pdf

__all__ = ["docx", "hwpx", "reportlab_pdf", "embedded_cmap_pdf", "no_unicode_map_pdf", "outline_pdf", "scan_pdf",
           "form_pdf", "joined", "LEADING"]
LEADING = 18  # points between lines on the generated pages


class _CanvasPen(BasePen):
    """A glyph's outline (fontTools) drawn into a reportlab path at (x, y), scaled."""
    def __init__(self, glyphs, path, x: float, y: float, scale: float):
        super().__init__(glyphs)
        self.path, self.x, self.y, self.scale = path, x, y, scale

    def _point(self, point):
        return self.x + point[0] * self.scale, self.y + point[1] * self.scale

    def _moveTo(self, point):
        self.path.moveTo(*self._point(point))

    def _lineTo(self, point):
        self.path.lineTo(*self._point(point))

    def _curveToOne(self, a, b, c):
        self.path.curveTo(*self._point(a), *self._point(b), *self._point(c))

    def _closePath(self):
        self.path.close()


def outline_pdf(lines: Sequence[str], size: float = 11, text_layer: str = "") -> bytes:
    """One page whose text is drawn as glyph outlines, one filled path per
    glyph, as "text as curves" exports write it; ``text_layer``: real text
    the page also carries (e.g. only its digits)."""
    font = FontFile(NANUM)
    cmap, glyphs, scale = font.getBestCmap(), font.getGlyphSet(), size / font["head"].unitsPerEm
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    for i, line in enumerate(lines):
        x, y = 50.0, 780 - LEADING * i
        for ch in line:
            name = cmap.get(ord(ch))
            if name is None:
                continue
            path = pdf.beginPath()
            glyphs[name].draw(_CanvasPen(glyphs, path, x, y, scale))
            pdf.drawPath(path, stroke=0, fill=1)
            x += glyphs[name].width * scale
    if text_layer:
        pdfmetrics.registerFont(TTFont("TestNanum", NANUM))
        pdf.setFont("TestNanum", size)
        pdf.drawString(50, 780 - LEADING * (len(lines) + 1), text_layer)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def scan_pdf(lines: Sequence[str], dpi: int = 200, blur: float = 0) -> bytes:
    """One page that is only a picture of ``lines`` (a scan); ``blur``: a
    Gaussian blur radius in pixels that makes it unreadable."""
    width, height = int(A4[0] / 72 * dpi), int(A4[1] / 72 * dpi)
    image = Image.new("L", (width, height), 255)
    draw, font = ImageDraw.Draw(image), ImageFont.truetype(NANUM, int(11 * dpi / 72))
    for i, line in enumerate(lines):
        draw.text((50 * dpi / 72, (62 + LEADING * i) * dpi / 72), line, font=font, fill=0)
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    png = io.BytesIO()
    image.save(png, "PNG")
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.drawImage(ImageReader(io.BytesIO(png.getvalue())), 0, 0, *A4)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def form_pdf(title: str, approval: Sequence[Sequence[str]], table: Sequence[Sequence[str]],
             after: Sequence[str] = ()) -> bytes:
    """A page as approval documents are laid out: the title, an approval box
    (a row of titles over a row of who signed) and a ruled table, both drawn
    as grids of lines, then the ``after`` lines."""
    pdfmetrics.registerFont(TTFont("TestNanum", NANUM))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.setFont("TestNanum", 16)
    pdf.drawString(50, 780, title)
    pdf.setFont("TestNanum", 10)
    y = 740.0
    for rows, left, width in ((approval, 300, 60), (table, 50, 120)):
        top = y
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                pdf.drawString(left + c * width + 6, y - 15, cell)
            y -= 22
        for r in range(len(rows) + 1):
            pdf.line(left, top - 22 * r, left + width * len(rows[0]), top - 22 * r)
        for c in range(len(rows[0]) + 1):
            pdf.line(left + width * c, top, left + width * c, y)
        y -= 30
    for line in after:
        pdf.drawString(50, y, line)
        y -= LEADING
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _assemble(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _page_objects(content: bytes, font: bytes, descendant: bytes, descriptor: bytes) -> list[bytes]:
    return [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>"
            b" /Contents 4 0 R >>", _stream(b"", content), font, descendant, descriptor]


def embedded_cmap_pdf(text: str) -> bytes:
    """A Korean (Adobe-Korea1) CID font whose encoding is an embedded CMap
    stream: pdfminer reads no text from it (it looks CMaps up by name only)."""
    ucs2 = CMapDB.get_cmap("UniKS-UCS2-H")
    cids = {ord(c): next(iter(ucs2.decode(ord(c).to_bytes(2, "big")))) for c in set(text)}
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Korea1) /Supplement 1 >> def\n"
            b"/CMapName /SeoulPlazaTest-UCS2-H def /CMapType 1 def\n"
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            + b"%d begincidchar\n" % len(cids) + b"".join(b"<%04X> %d\n" % kv for kv in sorted(cids.items()))
            + b"endcidchar endcmap CMapName currentdict /CMap defineresource pop end end\n")
    system = b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Korea1) /Supplement 1 >>"
    content = b"BT /F1 14 Tf 50 750 Td <" + "".join(f"{ord(c):04X}" for c in text).encode() + b"> Tj ET"
    return _assemble(_page_objects(
        content,
        b"<< /Type /Font /Subtype /Type0 /BaseFont /HYSMyeongJo-Medium /Encoding 8 0 R /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HYSMyeongJo-Medium " + system
        + b" /FontDescriptor 7 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /HYSMyeongJo-Medium /Flags 6 /FontBBox [0 -148 1001 880]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
        + [_stream(b"/Type /CMap /CMapName /SeoulPlazaTest-UCS2-H " + system, cmap)])


def no_unicode_map_pdf(text: str) -> bytes:
    """An embedded TrueType CID font (Identity-H) with no ToUnicode map: no
    reader can tell which characters the glyphs are (pdfminer prints (cid:N))."""
    glyphs = TTFontFile(NANUM).charToGlyph
    font = open(NANUM, "rb").read()
    content = b"BT /F1 14 Tf 50 750 Td <" + "".join(f"{glyphs[ord(c)]:04X}" for c in text).encode() + b"> Tj ET"
    return _assemble(_page_objects(
        content,
        b"<< /Type /Font /Subtype /Type0 /BaseFont /NanumGothic /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NanumGothic /CIDSystemInfo << /Registry (Adobe)"
        b" /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /CIDToGIDMap /Identity /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /NanumGothic /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0"
        b" /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 8 0 R >>")
        + [_stream(b"/Filter /FlateDecode /Length1 %d" % len(font), zlib.compress(font))])


def joined(*pdfs: bytes) -> bytes:
    """One PDF of the pages of ``pdfs``, in order."""
    import pymupdf
    out = pymupdf.open()
    for pdf in pdfs:
        out.insert_pdf(pymupdf.open(stream=pdf, filetype="pdf"))
    return out.tobytes(garbage=3, deflate=True)
