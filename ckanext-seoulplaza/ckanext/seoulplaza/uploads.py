"""Uploaded tables pass the disclosure masking before they are stored.

A steward's CSV or Excel file becomes a public download and, through xloader,
DataStore rows, dumps and search; personal information typed into a cell must
reach none of them. So the file is masked as it arrives (IResourceController,
before CKAN's uploader stores it), in its own encoding and format: by column
meaning (a ``성명`` or ``연락처`` column of private persons is masked whole,
``masking.columns``) and every other cell by pattern. Old .xls workbooks
cannot be written back and are refused with the way out (save as .xlsx or CSV).
"""
from __future__ import annotations

import csv
import io
import logging
from collections import Counter
from pathlib import Path
from typing import Any, Optional

import ckan.plugins.toolkit as tk
from werkzeug.datastructures import FileStorage

from masking import redact
from masking.columns import TableStream
from masking.encodings import NotKoreanText, decode_korean
from masking.recognizers import LABELS

log = logging.getLogger(__name__)


class UploadRefused(ValueError):
    """The file cannot be published as it is (the message says why, in Korean)."""


def mask_csv(data: bytes, delimiter: str = ",") -> tuple[bytes, Counter]:
    """The CSV masked by column meaning and pattern, in the encoding it came in."""
    try:
        text, encoding = decode_korean(data)
    except NotKoreanText:
        raise UploadRefused("표 파일이 UTF-8도 CP949(EUC-KR)도 아닙니다. UTF-8 CSV로 저장해 다시 올려 주세요.") from None
    stream = TableStream()
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n" if "\r\n" in text[:4096] else "\n")
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        writer.writerow(stream.mask(row))
    masked, found = out.getvalue(), stream.found
    try:
        return masked.encode(encoding), found
    except UnicodeEncodeError:  # a replacement CP949 cannot write: UTF-8, marked as such
        return masked.encode("utf-8-sig"), found


def mask_xlsx(data: bytes) -> tuple[bytes, Counter]:
    """A new workbook of the upload's sheets, every cell masked by column
    meaning and pattern; each formula as its last computed value.

    Only the cells' values are copied, into a workbook made afresh: a workbook
    hides text in places no cell shows — cell comments and their authors, the
    document's properties (author, title, keywords), headers and footers,
    defined names, hyperlinks, pivot caches (a copy of the source rows),
    external links' cached values, images — and none of it reaches the public
    (a steward's file kept a comment "민원인 홍길동 010-…" and its author).
    Sheet names are masked too (a sheet may be named after a person).

    :raises UploadRefused: the file is no workbook openpyxl can read
    """
    from openpyxl import Workbook, load_workbook

    try:
        book = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except Exception as e:  # openpyxl raises many kinds for a broken file
        raise UploadRefused(f"엑셀 파일을 읽을 수 없습니다 ({e.__class__.__name__}). "
                            "파일을 다시 저장해 올려 주세요.") from None
    found: Counter = Counter()
    published = Workbook()
    published.remove(published.active)
    for sheet in book.worksheets:
        out = published.create_sheet(_sheet_title(sheet.title, published.sheetnames, found))
        stream = TableStream()
        for row in sheet.iter_rows(values_only=True):
            out.append(stream.mask(list(row)))
        found.update(stream.found)
    book.close()
    buffer = io.BytesIO()
    published.save(buffer)
    return buffer.getvalue(), found


# Characters a sheet's name may not hold (Excel's rule), and its longest length.
SHEET_TITLE_FORBIDDEN = str.maketrans({"[": "(", "]": ")", ":": " ", "*": " ", "?": " ", "/": " ", "\\": " "})
SHEET_TITLE_MAX = 31


def _sheet_title(title: str, taken: list[str], found: Counter) -> str:
    """The sheet's name masked by pattern, made a valid and new sheet name."""
    redaction = redact(title)
    found.update(f.kind for f in redaction.findings)
    name = redaction.text.translate(SHEET_TITLE_FORBIDDEN).strip()[:SHEET_TITLE_MAX] or "Sheet"
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name[:SHEET_TITLE_MAX - len(str(n)) - 1]}_{n}"
    return candidate


def mask_upload(resource: dict[str, Any]) -> Optional[Counter]:
    """Replace the resource's uploaded table by its masked copy; the findings
    by kind, or None when the upload is not a table."""
    upload = resource.get("upload")
    if not isinstance(upload, FileStorage) or not upload.filename:
        return None
    kind = table_kind("", upload.filename)
    if kind is None:
        return None
    masked, found = mask_table(upload.stream.read(), "", upload.filename)
    resource["upload"] = FileStorage(io.BytesIO(masked), filename=upload.filename,
                                     content_type=upload.content_type, name=upload.name)
    return found


def table_kind(format: str, filename: str) -> Optional[str]:
    """``csv``, ``tsv`` or ``xlsx`` for a table the plaza can mask, from the
    resource's format or else the file name's suffix; None for other files.
    :raises UploadRefused: for an old .xls workbook (it cannot be written back)"""
    kind = (format or "").strip().lower().lstrip(".") or Path(filename.split("?")[0]).suffix.lower().lstrip(".")
    if kind == "xls":
        raise UploadRefused("옛 엑셀 형식(.xls)은 개인정보 가림 처리를 할 수 없습니다. .xlsx나 CSV로 저장해 올려 주세요.")
    return kind if kind in ("csv", "tsv", "xlsx") else None


def mask_table(data: bytes, format: str, filename: str) -> tuple[bytes, Counter]:
    """A table's bytes with every cell masked, in its own format and encoding,
    and the findings by kind. :raises UploadRefused: not a table the plaza can
    mask (the message says why, in Korean)"""
    kind = table_kind(format, filename)
    if kind == "xlsx":
        return mask_xlsx(data)
    if kind in ("csv", "tsv"):
        return mask_csv(data, "\t" if kind == "tsv" else ",")
    raise UploadRefused("개인정보 가림 처리를 할 수 있는 표 형식(CSV, TSV, XLSX)이 아닙니다.")


def report(found: Counter) -> str:
    """``휴대전화번호 3, 성명 1`` (or ``없음``): what was masked, by kind, for stewards."""
    return ", ".join(f"{LABELS.get(kind, kind)} {n}" for kind, n in sorted(found.items())) or "없음"


def mask_or_refuse(resource: dict[str, Any]) -> None:
    """IResourceController's step: mask, or a validation error naming the file.
    What was masked is logged and kept on the resource (``masking_report``, by
    kind) for the steward, as a harvest reports it."""
    name = getattr(resource.get("upload"), "filename", "") or resource.get("name") or ""
    try:
        found = mask_upload(resource)
    except UploadRefused as e:
        raise tk.ValidationError({"upload": [f"{name}: {e}"]}) from None
    if found is not None:
        resource["masking_report"] = f"가린 개인정보: {report(found)}"
        log.info("upload %s masked: %s", name, report(found))
