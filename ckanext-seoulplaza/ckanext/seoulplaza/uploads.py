"""Uploaded files pass the disclosure masking before they are stored.

A steward's CSV or Excel file becomes a public download and, through xloader,
DataStore rows, dumps and search; personal information typed into a cell must
reach none of them. So the file is masked as it arrives (IResourceController,
before CKAN's uploader stores it), in its own encoding and format: by column
meaning (a ``성명`` or ``연락처`` column of private persons is masked whole,
``masking.columns``) and every other cell by pattern. A CSV/TSV in which
nothing was masked is stored byte for byte as it came (encoding, byte-order
mark, line endings, quoting); in a masked one only the masked rows are
written anew. A file that cannot be read as a table (a quote left open, a
stray byte, a NUL, a row of more than 1,600 cells) is refused with a message
naming the row. Old .xls workbooks cannot be written back and are refused
with the way out (save as .xlsx or CSV).

Every other file is a document, read and masked as a harvested one is
(``masking.redact_document``): a PDF is published as laid out, masked spans
removed from every layer and its metadata scrubbed; a plain text file in
which nothing was masked is published byte for byte, otherwise as its masked
text (UTF-8); a DOCX, HWPX, HWP or HTML file is published as the PDF of its
masked reading (``이름.pdf``), since what such a file hides — comments,
tracked changes, properties, markup — cannot be shown to be free of private
data. A file no reader can open (an image, an archive, an encrypted or
배포용 HWP) is refused with the reason, never published unread.
"""
from __future__ import annotations

import io
import logging
from collections import Counter
from pathlib import Path
from typing import Any, Optional

import ckan.plugins.toolkit as tk
from werkzeug.datastructures import FileStorage

from masking import DocumentError, redact, redact_document
from masking.columns import TableStream
from masking.extract.sheets import (MAX_COLUMNS, MalformedTable, csv_dialect, csv_records, rewritten, table_text,
                                    unchanged_unless_different)
from masking.recognizers import LABELS

from . import document_pages

log = logging.getLogger(__name__)


class UploadRefused(ValueError):
    """The file cannot be published as it is (the message says why, in Korean)."""


def mask_csv(data: bytes, delimiter: str = ",") -> tuple[bytes, Counter]:
    """The CSV masked by column meaning and pattern: ``data`` itself when
    nothing was masked, else the file with the masked records written anew
    in its own dialect, encoding and line endings.

    :raises UploadRefused: the file cannot be read as a table (naming the row)
    """
    try:
        source = table_text(data)
        dialect = csv_dialect(source.text, delimiter)
        stream = TableStream()
        text, changed = rewritten(csv_records(source.text, dialect),
                                  lambda record: unchanged_unless_different(record.cells, stream.mask(record.cells)),
                                  dialect)
    except MalformedTable as e:
        raise UploadRefused(str(e)) from None
    if not changed:
        return data, stream.found
    try:
        return source.encoded(text), stream.found
    except UnicodeEncodeError:  # a replacement CP949 cannot write: UTF-8, marked as such
        return text.encode("utf-8-sig"), stream.found


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
        for number, row in enumerate(sheet.iter_rows(values_only=True), 1):
            if len(row) > MAX_COLUMNS:
                raise UploadRefused(f"{sheet.title} 시트 {number:,}행: 칸이 {len(row):,}개입니다. "
                                    f"한 행은 {MAX_COLUMNS:,}칸까지 올릴 수 있습니다.")
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
    """Replace the resource's uploaded file by its masked copy (a table by
    ``mask_table``, any other file by ``mask_document``); the findings by
    kind, or None when nothing was uploaded.
    :raises UploadRefused: a file the plaza cannot mask (the reason, in Korean)"""
    upload = resource.get("upload")
    if not isinstance(upload, FileStorage) or not upload.filename:
        return None
    data = upload.stream.read()
    filename, content_type = upload.filename, upload.content_type
    for key in document_pages.FIELDS:  # a new file: the old file's page report goes with it
        resource.pop(key, None)
    if table_kind("", upload.filename) is not None:
        masked, found = mask_table(data, "", upload.filename)
    else:
        masked, found, filename, pages = mask_document(data, upload.filename)
        resource.update(pages)
        if filename != upload.filename:
            content_type = "application/pdf"
            resource["format"] = "PDF"  # CKAN's uploader names the resource's url after the new file
    resource["upload"] = FileStorage(io.BytesIO(masked), filename=filename,
                                     content_type=content_type, name=upload.name)
    return found


def mask_document(data: bytes, filename: str) -> tuple[bytes, Counter, str, dict[str, Any]]:
    """A document's publishable bytes, the findings by kind, the name it is
    published under (``보고서.hwp`` → ``보고서.pdf``; see the module's rules)
    and its page report as resource fields (``document_pages.resource_fields``:
    pages, pages withheld for review, how they were read).

    :raises UploadRefused: no reader can open it (the reason, in Korean and the reader's words)
    """
    try:
        result = redact_document(data, name=filename, title=Path(filename).stem)
    except DocumentError as e:
        raise UploadRefused(f"개인정보 가림 처리를 위해 파일을 읽을 수 없어 올릴 수 없습니다 ({e.problem}).") from None
    found, pages = Counter(f.kind for f in result.findings), document_pages.resource_fields(result)
    if result.source_format == "pdf":
        return result.pdf, found, filename, pages
    if result.source_format == "text":
        return (data if not result.findings else result.text.encode("utf-8")), found, filename, {}
    return result.pdf, found, f"{Path(filename).stem}.pdf", pages


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


def mask_or_refuse(resource: dict[str, Any], current: Optional[dict[str, Any]] = None) -> None:
    """IResourceController's step: mask, or a validation error naming the file.
    What was masked is logged and kept on the resource (``masking_report``, by
    kind) for the steward, as a harvest reports it, and so is a document's page
    report (``document_pages``); an edit without a new file keeps the
    ``current`` resource's page report (the form does not carry it)."""
    name = getattr(resource.get("upload"), "filename", "") or resource.get("name") or ""
    try:
        found = mask_upload(resource)
    except UploadRefused as e:
        raise tk.ValidationError({"upload": [f"{name}: {e}"]}) from None
    if found is None and current:
        document_pages.keep_report(current, resource)
    if found is not None:
        resource["masking_report"] = f"가린 개인정보: {report(found)}"
        log.info("upload %s masked: %s", name, report(found))
