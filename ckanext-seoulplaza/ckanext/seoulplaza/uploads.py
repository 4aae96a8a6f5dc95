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
    """The workbook with every sheet masked by column meaning and pattern."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data))
    except Exception as e:  # openpyxl raises many kinds for a broken file
        raise UploadRefused(f"엑셀 파일을 읽을 수 없습니다 ({e.__class__.__name__}). "
                            "파일을 다시 저장해 올려 주세요.") from None
    found: Counter = Counter()
    for sheet in book.worksheets:
        stream = TableStream()
        for row in sheet.iter_rows():
            for cell, value in zip(row, stream.mask([cell.value for cell in row])):
                if value is not cell.value:
                    cell.value = value
        found.update(stream.found)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), found


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
