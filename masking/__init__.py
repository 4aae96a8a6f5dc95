"""Disclosure masking: personal-information detection, non-public removal and PDF conversion.

Plain Python (no CKAN imports); the harvesters call it. Recognizers find spans
(``recognizers/``), operators say what replaces them (``operators.py``), as in
Microsoft Presidio.

    scan(text) -> list[Finding]                 what is personal, where
    redact_text(text) -> str                    the text with it replaced
    redact_document(path_or_bytes, nonpublic=…) the publishable PDF, text and report
"""
from .analyzer import scan
from .anonymizer import Redaction, redact, redact_text
from .document import RedactionResult, redact_document
from .errors import DocumentError
from .findings import Finding
from .nonpublic import NonPublicPart, Withholding
from .operators import Mask, Replace

__all__ = ["scan", "redact", "redact_text", "redact_document", "Redaction", "RedactionResult",
           "DocumentError", "Finding", "NonPublicPart", "Withholding", "Mask", "Replace"]
