"""Uploaded tables pass the disclosure masking before they are stored.

A steward's CSV or Excel file becomes a public download and, through xloader,
DataStore rows, dumps and search; personal information typed into a cell must
reach none of them. So the file is masked cell by cell as it arrives
(IResourceController, before CKAN's uploader stores it), in its own encoding
and format. Old .xls workbooks cannot be written back and are refused with
the way out (save as .xlsx or CSV).
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
from masking.encodings import NotKoreanText, decode_korean
from masking.recognizers import LABELS

log = logging.getLogger(__name__)


class UploadRefused(ValueError):
    """The file cannot be published as it is (the message says why, in Korean)."""


def _mask_cell(value: str, found: Counter) -> str:
    if not value.strip():
        return value
    redaction = redact(value)
    found.update(f.kind for f in redaction.findings)
    return redaction.text


def mask_csv(data: bytes, delimiter: str = ",") -> tuple[bytes, Counter]:
    """The CSV with every cell masked, in the encoding it came in."""
    try:
        text, encoding = decode_korean(data)
    except NotKoreanText:
        raise UploadRefused("표 파일이 UTF-8도 CP949(EUC-KR)도 아닙니다. UTF-8 CSV로 저장해 다시 올려 주세요.") from None
    found: Counter = Counter()
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n" if "\r\n" in text[:4096] else "\n")
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        writer.writerow([_mask_cell(cell, found) for cell in row])
    masked = out.getvalue()
    try:
        return masked.encode(encoding), found
    except UnicodeEncodeError:  # a replacement CP949 cannot write: UTF-8, marked as such
        return masked.encode("utf-8-sig"), found


def mask_xlsx(data: bytes) -> tuple[bytes, Counter]:
    """The workbook with every text cell of every sheet masked."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data))
    except Exception as e:  # openpyxl raises many kinds for a broken file
        raise UploadRefused(f"엑셀 파일을 읽을 수 없습니다 ({e.__class__.__name__}). "
                            "파일을 다시 저장해 올려 주세요.") from None
    found: Counter = Counter()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.value = _mask_cell(cell.value, found)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), found


def mask_upload(resource: dict[str, Any]) -> Optional[Counter]:
    """Replace the resource's uploaded table by its masked copy; the findings
    by kind, or None when the upload is not a table."""
    upload = resource.get("upload")
    if not isinstance(upload, FileStorage) or not upload.filename:
        return None
    suffix = Path(upload.filename).suffix.lower()
    if suffix == ".xls":
        raise UploadRefused("옛 엑셀 형식(.xls)은 개인정보 가림 처리를 할 수 없습니다. .xlsx나 CSV로 저장해 올려 주세요.")
    if suffix not in (".csv", ".tsv", ".xlsx"):
        return None
    data = upload.stream.read()
    if suffix == ".xlsx":
        masked, found = mask_xlsx(data)
    else:
        masked, found = mask_csv(data, "\t" if suffix == ".tsv" else ",")
    resource["upload"] = FileStorage(io.BytesIO(masked), filename=upload.filename,
                                     content_type=upload.content_type, name=upload.name)
    return found


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
        report = ", ".join(f"{LABELS.get(kind, kind)} {n}" for kind, n in sorted(found.items())) or "없음"
        resource["masking_report"] = f"가린 개인정보: {report}"
        log.info("upload %s masked: %s", name, report)
