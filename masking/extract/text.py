"""Plain text in the encodings Korean source systems write: UTF-8, UTF-16, CP949/EUC-KR."""
from __future__ import annotations

import codecs


class UndecodableText(ValueError):
    pass


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding). BOMs decide; then strict UTF-8; then CP949, the
    superset of EUC-KR that older Korean systems export."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding), encoding
    if b"\x00" in data:
        raise UndecodableText("binary data, not text (NUL bytes and no UTF-16 byte-order mark)")
    for encoding in ("utf-8", "cp949"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UndecodableText("not UTF-8, UTF-16 or CP949/EUC-KR text")
