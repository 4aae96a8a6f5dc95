"""The disclosure pipeline for one document: extract → remove non-public parts
and personal information → draw the published PDF."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Optional, Union

from .anonymizer import redact
from .errors import DocumentError
from .extract import extract
from .findings import Finding
from .nonpublic import NonPublicPart, NonPublicPartNotFound, Withholding
from .render import text_to_pdf


@dataclass
class RedactionResult:
    """What is published (``pdf``, ``text``) and the report (``findings``,
    ``nonpublic``: kind and position in the extracted text, with the removed
    value for the steward's review — never publish the report's ``text``)."""
    pdf: bytes
    text: str
    findings: list[Finding] = field(default_factory=list)
    nonpublic: list[Finding] = field(default_factory=list)
    source_format: str = ""
    extractor: str = ""
    source_pages: int = 0
    pages: int = 0
    withheld: Optional[Withholding] = None


def _read(source: Union[str, Path, bytes], name: Optional[str]) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray)):
        return bytes(source), name or "document"
    path = Path(source)
    try:
        return path.read_bytes(), name or path.name
    except OSError as e:
        raise DocumentError(name or str(path), f"cannot read: {e.strerror or e}") from e


def redact_document(source: Union[str, Path, bytes],
                    nonpublic: Union[None, Withholding, Iterable[NonPublicPart]] = None, *,
                    name: Optional[str] = None, title: str = "",
                    operators: Optional[Mapping] = None) -> RedactionResult:
    """Publishable PDF and text of ``source`` (a path or the file's bytes).

    ``nonpublic`` is either the parts the source marks non-public, or a
    ``Withholding`` for a wholly non-public record: then the content is not
    even read and only the notice (ground, opening date) is published.
    Raises DocumentError naming the document for anything it cannot publish safely.
    """
    if isinstance(nonpublic, Withholding):
        notice = nonpublic.notice_text()
        pdf, pages = text_to_pdf(notice, title)
        return RedactionResult(pdf, notice, pages=pages, withheld=nonpublic)
    data, name = _read(source, name)
    extracted = extract(data, name)
    try:
        redaction = redact(extracted.text, nonpublic or (), operators)
    except NonPublicPartNotFound as e:
        raise DocumentError(name, str(e)) from e
    pdf, pages = text_to_pdf(redaction.text, title)
    return RedactionResult(pdf, redaction.text, redaction.findings, redaction.nonpublic,
                           extracted.format, extracted.extractor, extracted.pages, pages)
