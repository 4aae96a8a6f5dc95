"""Korean OCR of a page image: Tesseract (Debian ``tesseract-ocr-kor``) through tesserocr.

tesserocr (MIT; a maintained Cython binding of Tesseract's C++ API, wheels
with the library inside) was chosen over pytesseract, which runs the
``tesseract`` program once per image: the binding loads the Korean model once
per process (~0.06 s) and hands back every character's box and every word's
confidence from the same recognition, which the masking needs (a finding
inside a word, e.g. 김철수 in 김철수의, is covered by its own characters' boxes).

The page is read as one block of text (``PSM.SINGLE_BLOCK``): Tesseract's
automatic layout analysis dropped whole lines of Korean on test pages while
still reporting a high confidence; read as one block every line came back.
The language data comes from ``TESSDATA_PREFIX`` or Debian's folder.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

LANGUAGES = "kor+eng"
TESSDATA = (Path("/usr/share/tesseract-ocr/5/tessdata"), Path("/usr/share/tesseract-ocr/4.00/tessdata"))
DPI = 300           # pixels per inch the page is read at: 10-point Hangul is ~40 pixels high
LOW_WORD = 60       # a word below this confidence (0–100) is doubtful


class OcrUnavailable(RuntimeError):
    """Tesseract or its Korean data is not installed (bin/setup installs tesseract-ocr-kor)."""


Box = tuple[int, int, int, int]  # left, top, right, bottom in pixels of the image read


@dataclass
class OcrText:
    """What OCR read: ``text`` (words separated by spaces, lines by newlines),
    ``boxes`` (each character's box in pixels; None for the spaces and
    newlines it inserted), and per word its confidence (0–100) and length."""
    text: str = ""
    boxes: list[Optional[Box]] = field(default_factory=list)
    words: list[tuple[float, int]] = field(default_factory=list)

    @property
    def confidence(self) -> Optional[float]:
        """The characters' mean word confidence (0–100); None when nothing was read."""
        chars = sum(n for _, n in self.words)
        return sum(c * n for c, n in self.words) / chars if chars else None

    @property
    def doubtful_share(self) -> float:
        """The share of the characters read in words below ``LOW_WORD`` confidence."""
        chars = sum(n for _, n in self.words)
        return sum(n for c, n in self.words if c < LOW_WORD) / chars if chars else 0.0


def _tessdata() -> str:
    candidates = [Path(os.environ["TESSDATA_PREFIX"])] if os.environ.get("TESSDATA_PREFIX") else []
    for folder in candidates + list(TESSDATA):
        if all((folder / f"{lang}.traineddata").exists() for lang in LANGUAGES.split("+")):
            return str(folder) + "/"
    raise OcrUnavailable("Tesseract's Korean data (kor.traineddata) is not installed: "
                         "install Debian tesseract-ocr-kor (bin/setup does)")


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _engine():
    try:
        import tesserocr
    except ImportError as e:  # the wheel carries the library; only a broken install lacks it
        raise OcrUnavailable(f"tesserocr cannot be loaded: {e}") from e
    return tesserocr, tesserocr.PyTessBaseAPI(path=_tessdata(), lang=LANGUAGES, psm=tesserocr.PSM.SINGLE_BLOCK)


def available() -> bool:
    """Whether pages can be read with OCR here."""
    try:
        _engine()
        return True
    except OcrUnavailable:
        return False


def _text(symbol, level) -> str:
    """The symbol's or word's text; "" where Tesseract found a box but no text
    (tesserocr raises RuntimeError "No text returned" for it, e.g. on a blurred scan)."""
    try:
        return symbol.GetUTF8Text(level) or ""
    except RuntimeError:
        return ""


def read_image(image) -> OcrText:
    """Read a PIL image (greyscale or RGB). Raises OcrUnavailable."""
    tesserocr, api = _engine()
    ril = tesserocr.RIL
    out = OcrText()
    parts: list[str] = []
    with _lock:
        api.SetImage(image)
        api.Recognize()
        iterator = api.GetIterator()
        if iterator is None:
            return out
        first = True
        for symbol in tesserocr.iterate_level(iterator, ril.SYMBOL):
            char = _text(symbol, ril.SYMBOL)
            if not char:
                continue
            if symbol.IsAtBeginningOf(ril.WORD):
                if not first:  # Tesseract's own spacing: a syllable-word of Hangul joins its neighbour
                    separator = "\n" if symbol.IsAtBeginningOf(ril.TEXTLINE) else " " * bool(symbol.BlanksBeforeWord())
                    parts.append(separator)
                    out.boxes.extend([None] * len(separator))
                word = _text(symbol, ril.WORD)
                out.words.append((symbol.Confidence(ril.WORD), len(word.strip()) or 1))
            first = False
            box = symbol.BoundingBox(ril.SYMBOL)
            for c in char:
                parts.append(c)
                out.boxes.append(box)
        api.Clear()
    out.text = "".join(parts)
    return out
