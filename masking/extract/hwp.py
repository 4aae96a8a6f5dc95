"""HWP 5 (.hwp), the binary format most agencies still write.

Read with hwpforge (MIT/Apache-2.0, a maintained Rust library): it converts
the document to HWPX, which ``office.hwpx_blocks`` reads with its tables as
rows and cells. extract-hwp (BSD-3, pure Python) reads the same document on
its own as a check: a line extract-hwp found that hwpforge's reading lacks
is added after it, so no text is silently lost and tables stay tables.
Where hwpforge cannot read the file at all, extract-hwp's reading is used
(tables then as one cell per line, masked by pattern only).

A document whose FileHeader marks it protected is refused before either
reader runs: password-encrypted, 배포용 (distribution: what the body streams
hold is a placeholder, the content is encrypted in ViewText), DRM or
certificate-encrypted. None can be checked for personal information, so none
may be published, and a placeholder must not be published as content.
"""
from __future__ import annotations

import io
import struct
import zipfile

import hwpforge
import olefile
from extract_hwp import hwp5 as extract_hwp5

from .blocks import Block
from .office import hwpx_blocks

_PROTECTIONS = (  # FileHeader property bits (HWP 5.0 format, 3.2 파일 인식 정보)
    (extract_hwp5.HWP5_PASSWORD, "password-encrypted"),
    (extract_hwp5.HWP5_DISTRIBUTION, "a 배포용 (distribution-protected) document: its text is encrypted"),
    (extract_hwp5.HWP5_DRM, "DRM-protected"),
    (extract_hwp5.HWP5_CERTIFICATE_ENCRYPTED, "encrypted with a certificate"),
    (extract_hwp5.HWP5_CERTIFICATE_DRM, "DRM-protected with a certificate"),
)


class UnreadableHwp(ValueError):
    pass


def _check_header(data: bytes) -> None:
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))  # bytes under 1,536 would be taken for a path
    except (OSError, ValueError) as e:  # olefile raises OSError for a broken container
        raise UnreadableHwp(f"corrupt HWP file: {e}") from e
    try:
        if not ole.exists("FileHeader"):
            raise UnreadableHwp("not HWP 5 (an OLE file without the HWP FileHeader): a corrupt HWP, or a "
                                "legacy Office binary (.doc/.xls/.ppt) to export as DOCX, XLSX or PDF")
        header = ole.openstream("FileHeader").read(256)
    finally:
        ole.close()
    if not header.startswith(b"HWP Document File") or len(header) < 40:
        raise UnreadableHwp("corrupt HWP file: bad FileHeader")
    flags = struct.unpack_from("<I", header, 36)[0]
    for bit, reason in _PROTECTIONS:
        if flags & bit:
            raise UnreadableHwp(f"HWP document is {reason}; it cannot be read, so it cannot be checked "
                                "for personal information. Ask the department for an unprotected file")


def hwp_blocks(data: bytes) -> tuple[list[Block], str]:
    """(lines and tables, the extractors that read them: ``hwpforge``,
    ``hwpforge+extract-hwp`` or ``extract-hwp``).
    :raises UnreadableHwp: protected, corrupt or without text"""
    _check_header(data)
    try:
        reference = extract_hwp5.extract_text_from_hwp5(io.BytesIO(data))  # "" when it cannot read the file
    except extract_hwp5.HwpReadLimitError as e:
        raise UnreadableHwp(f"HWP file too large when expanded: {e}") from e
    try:
        converted = hwpforge.convert_hwp5(data).document.to_bytes()
        blocks = hwpx_blocks(zipfile.ZipFile(io.BytesIO(converted)))
    except (hwpforge.HwpForgeError, zipfile.BadZipFile, ValueError, SyntaxError) as e:
        if not reference.strip():
            raise UnreadableHwp(f"corrupt HWP file: {str(e).splitlines()[0]}") from e
        blocks = []
    read = _squeezed("".join(b if isinstance(b, str) else "".join(c for r in b.rows for c in r) for b in blocks))
    if not read:
        if reference.strip():
            return reference.splitlines(), "extract-hwp"
        raise UnreadableHwp("no text in the HWP document (only images?); it needs OCR before it can be "
                            "checked and published")
    missing = _missing_lines(read, reference)
    if missing:  # kept after hwpforge's reading, so its tables stay tables
        return blocks + [""] + missing, "hwpforge+extract-hwp"
    return blocks, "hwpforge"


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _missing_lines(read: str, reference: str) -> list[str]:
    """The lines of extract-hwp's reading that hwpforge's (``read``, without
    white space) does not hold; compared without white space, as a table
    cell's lines are one cell in hwpforge's reading."""
    if _squeezed(reference) in read:
        return []
    return [line for line in reference.splitlines() if _squeezed(line) and _squeezed(line) not in read]
