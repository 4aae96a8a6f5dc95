"""Text of a PDF, page by page: pdfminer.six, checked against pdfium.

pdfminer drops or garbles Korean in some CID-font PDFs (``(cid:N)`` output;
no text at all when the font's encoding is an embedded CMap stream, which it
does not read). Each page is checked against pdfium's character count and
read with pdfium when pdfminer lost text. A page neither can read (fonts with
no Unicode mapping) is an error: text we cannot read, we cannot check for
personal information, so it must not be published.
"""
from __future__ import annotations

import io
import re
import unicodedata

import pypdfium2 as pdfium
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTTextContainer
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

_CID = re.compile(r"\(cid:\d+\)")
_LOST_SHARE = 0.9  # pdfminer must find this share of pdfium's characters


class UnreadablePdf(ValueError):
    pass


def _visible(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


def _is_readable(text: str) -> bool:
    """Mostly letters, digits and punctuation of the scripts a Seoul record uses;
    a font without a Unicode map yields control and stray-script characters."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return True
    expected = sum(1 for c in chars if c.isascii() and c.isprintable()
                   or "\uac00" <= c <= "\ud7a3" or "\u3130" <= c <= "\u318f" or "\u4e00" <= c <= "\u9fff"
                   or unicodedata.category(c)[0] in "PS" or "\uff00" <= c <= "\uffef")
    return expected >= 0.95 * len(chars)


def _pdfminer_pages(data: bytes) -> list[str]:
    pages = []
    for layout in extract_pages(io.BytesIO(data), laparams=LAParams()):
        pages.append("".join(el.get_text() for el in layout if isinstance(el, LTTextContainer)))
    return pages


def _pdfium_pages(data: bytes) -> list[str]:
    document = pdfium.PdfDocument(data)
    try:
        return [document[i].get_textpage().get_text_bounded().replace("\r\n", "\n") for i in range(len(document))]
    finally:
        document.close()


def pdf_pages(data: bytes) -> tuple[list[str], str]:
    """(text of each page, the extractor that read them: ``pdfminer`` or ``pdfminer+pdfium``)."""
    try:
        mined = _pdfminer_pages(data)
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise UnreadablePdf(f"encrypted PDF: it needs a password ({type(e).__name__})") from e
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as e:
        raise UnreadablePdf(f"corrupt PDF: {e or type(e).__name__}") from e
    try:
        reference = _pdfium_pages(data)
    except pdfium.PdfiumError as e:
        raise UnreadablePdf(f"corrupt PDF: {e}") from e
    if len(reference) != len(mined):
        raise UnreadablePdf(f"corrupt PDF: page count differs between readers ({len(mined)} vs {len(reference)})")
    pages, extractor = [], "pdfminer"
    for number, (mine, theirs) in enumerate(zip(mined, reference), 1):
        if _CID.search(mine) or not _is_readable(mine) or _visible(mine) < _LOST_SHARE * _visible(theirs):
            mine, extractor = theirs, "pdfminer+pdfium"
        if not _is_readable(mine):
            raise UnreadablePdf(f"page {number}: the text layer cannot be read (a font without a Unicode "
                                "mapping); it needs OCR or a new export from the source system")
        pages.append(mine)
    if not any(p.strip() for p in pages):
        raise UnreadablePdf("no text layer (a scan?); it needs OCR before it can be checked and published")
    return pages, extractor
