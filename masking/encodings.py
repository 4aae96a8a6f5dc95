"""Korean text files as the city's systems and stewards write them: UTF-8
(with or without a BOM), else CP949, the superset of EUC-KR that Excel and
older systems save."""
from __future__ import annotations

KOREAN_ENCODINGS = ("utf-8-sig", "cp949")


class NotKoreanText(ValueError):
    """The bytes are neither UTF-8 nor CP949 text."""


def decode_korean(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with (to write it back the same way)."""
    for encoding in KOREAN_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise NotKoreanText("neither UTF-8 nor CP949 text")
