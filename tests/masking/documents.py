"""Build the test originals: the hand-assembled CID-font PDFs pdfminer fails
on here; ordinary PDFs, encrypted PDFs, DOCX and HWPX come from the stand-ins'
file builders (re-exported so tests have one place to look)."""
from __future__ import annotations

import zlib

from pdfminer.cmapdb import CMapDB
from reportlab.pdfbase.ttfonts import TTFontFile

from harvesters.standins.files import NANUM, docx, hwpx, reportlab_pdf

__all__ = ["docx", "hwpx", "reportlab_pdf", "embedded_cmap_pdf", "no_unicode_map_pdf"]


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
