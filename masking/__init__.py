"""Disclosure masking: personal-information detection, non-public removal and PDF conversion.

Plain Python (no CKAN imports); the harvesters call it. Recognizers find spans
(``recognizers/``), operators say what replaces them (``operators.py``), as in
Microsoft Presidio.

    scan(text) -> list[Finding]                 what is personal, where
    redact_text(text) -> str                    the text with it replaced
    redact_document(path_or_bytes, nonpublic=…) the publishable PDF, text and report
    columns.TableMasker / TableStream           tables masked by column meaning and pattern

Every entry point reads the text normalised (``normalize.py``: NFKC,
invisible characters, obfuscated digits and e-mail addresses) and reports
and replaces the characters of the text as given.
"""
from .analyzer import scan
from .anonymizer import Redaction, redact, redact_text
from .columns import TableMasker, TableStream
from .document import RedactionResult, redact_document
from .errors import DocumentError
from .findings import Finding
from .nonpublic import NonPublicPart, Withholding
from .operators import Mask, Replace

__all__ = ["scan", "redact", "redact_text", "redact_document", "Redaction", "RedactionResult",
           "DocumentError", "Finding", "NonPublicPart", "Withholding", "Mask", "Replace", "TableMasker", "TableStream"]
