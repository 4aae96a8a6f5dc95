"""The disclosure step of a harvest: what of a source record may be published.

The record's disclosure class decides: 공개 → everything (personal
information masked), 부분공개 → the same without the sections the source marks
non-public, 비공개 → metadata with the legal ground and opening date only; the
content is not even downloaded. A record whose planned disclosure date has
passed is published as 공개. Only masked values leave this module.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from typing import Any, Callable

import requests

from masking import DocumentError, NonPublicPart, redact_document
from masking.columns import TableMasker, mask_fields
from masking.encodings import NotKoreanText, decode_korean
from masking.extract import SPREADSHEETS
from masking.spreadsheets import mask_spreadsheet

from ckanext.seoulplaza import document_pages

from . import staging

Getter = Callable[[str], requests.Response]
PUBLIC, PARTIAL, WITHHELD = "공개", "부분공개", "비공개"
MAX_TABLE_ROWS = 1_000_000


def today() -> dt.date:
    return dt.date.today()


class RecordError(Exception):
    """The record cannot be published as it is (the message names the part)."""


def _date(text: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def effective(disclosure: dict[str, Any]) -> dict[str, Any]:
    """The class to publish under today: a withheld part opens on its date.
    A planned date that is no date opens nothing; it is passed on as written
    for the schema to refuse (the record is published withheld, without it,
    and its stewards are warned: ``optional_fields``)."""
    klass = disclosure.get("class") or PUBLIC
    if klass not in (PUBLIC, PARTIAL, WITHHELD):
        raise RecordError(f"disclosure class {klass!r} is not 공개, 부분공개 or 비공개")
    opens_on = disclosure.get("opens_on")
    if klass != PUBLIC and _date(opens_on) and _date(opens_on) <= today():
        return {"class": PUBLIC, "ground": None, "opens_on": opens_on, "opened_from": klass, "nonpublic": []}
    return {"class": klass, "ground": disclosure.get("ground"), "opens_on": opens_on, "opened_from": None,
            "nonpublic": disclosure.get("nonpublic") or [] if klass == PARTIAL else []}


def _document(attachment: dict[str, Any], parts: list[NonPublicPart], title: str, get: Getter,
              found: Counter) -> dict[str, Any]:
    data = get(attachment["url"]).content
    try:
        result = redact_document(data, parts, name=attachment["id"], title=title)
    except DocumentError as e:
        raise RecordError(f"attachment {attachment['name']!r}: {e.problem}") from e
    found.update(f.kind for f in result.findings)
    document = {"name": attachment["name"], "source_format": result.source_format, "pages": result.pages,
                "pdf": staging.put(result.pdf, "pdf"), "text": staging.put(result.text.encode("utf-8"), "txt"),
                "nonpublic_removed": len(result.nonpublic),
                "page_report": document_pages.resource_fields(result)}  # pages withheld for review, how read
    if result.source_format in SPREADSHEETS:  # also as a table: the masked file and DataStore rows
        document.update(_spreadsheet(data, attachment, parts))
    return document


def _spreadsheet(data: bytes, attachment: dict[str, Any], parts: list[NonPublicPart]) -> dict[str, Any]:
    """A spreadsheet attachment's masked file and its sheets as DataStore tables
    (text columns named by the header row; the cells masked, and non-public
    parts removed, as in the PDF)."""
    try:
        masked = mask_spreadsheet(data, attachment["id"], parts)
    except DocumentError as e:
        raise RecordError(f"attachment {attachment['name']!r}: {e.problem}") from e
    content, suffix = masked.file()
    tables = []
    for sheet in masked.sheets:
        if not sheet.data:
            continue
        if len(sheet.data) > MAX_TABLE_ROWS:
            raise RecordError(f"attachment {attachment['name']!r}: sheet {sheet.name!r} has more than "
                              f"{MAX_TABLE_ROWS} rows")
        columns = datastore_columns(sheet.rows[sheet.header] if sheet.header is not None else [],
                                    max(map(len, sheet.data)))
        rows = [{c["id"]: (row[i] if i < len(row) and row[i] != "" else None) for i, c in enumerate(columns)}
                for row in sheet.data]
        tables.append({"name": sheet.name or attachment["name"], "columns": columns, "row_count": len(rows),
                       "rows": staging.put(json.dumps(rows, ensure_ascii=False).encode("utf-8"), "json")})
    return {"file": staging.put(content, suffix), "file_format": suffix.upper(), "tables": tables}


MAX_COLUMN_ID_BYTES = 63  # PostgreSQL's identifier length


def datastore_columns(header: list[str], width: int) -> list[dict[str, Any]]:
    """Text columns for a sheet: ids from the header as written (no leading
    ``_``, no ``"``, at most 63 bytes, unique; ``열N`` for an empty one), the
    header itself as the label."""
    columns, seen = [], set()
    for i in range(width):
        label = header[i].strip() if i < len(header) else ""
        base = label.replace('"', "").lstrip("_").strip() or f"열{i + 1}"
        base = base.encode("utf-8")[:MAX_COLUMN_ID_BYTES - 4].decode("utf-8", "ignore")
        column_id, n = base, 1
        while column_id in seen:
            n += 1
            column_id = f"{base}_{n}"
        seen.add(column_id)
        columns.append({"id": column_id, "type": "text", "label": label or column_id})
    return columns


def typed_value(kind: str, value: str) -> Any:
    """A CSV cell as the DataStore column type wants it (empty is NULL)."""
    value = value.strip()
    if value == "":
        return None
    if kind == "int":
        return int(value.replace(",", ""))
    if kind == "numeric":
        return float(value.replace(",", ""))
    if kind == "timestamp":
        return dt.datetime.fromisoformat(value.replace(" ", "T")).isoformat()
    return value


def _decode(data: bytes) -> str:
    try:
        return decode_korean(data)[0]
    except NotKoreanText:
        raise RecordError("table is neither UTF-8 nor CP949 text") from None


def _table(table: dict[str, Any], get: Getter, found: Counter) -> dict[str, Any]:
    columns = table["columns"]
    reader = csv.DictReader(io.StringIO(_decode(get(table["url"]).content)))
    missing = [c["id"] for c in columns if c["id"] not in (reader.fieldnames or [])]
    if missing:
        raise RecordError(f"table {table['name']!r} lacks the columns {', '.join(missing)}")
    masker = TableMasker.for_fields(columns)  # a private person's column is masked whole, the rest by pattern
    rows = []
    for line, row in enumerate(reader, 2):
        if len(rows) >= MAX_TABLE_ROWS:
            raise RecordError(f"table {table['name']!r} has more than {MAX_TABLE_ROWS} rows")
        typed = {}
        for index, column in enumerate(columns):
            raw = row[column["id"]] or ""
            try:
                typed[column["id"]] = typed_value(column["type"], raw)
            except ValueError:
                raise RecordError(f"table {table['name']!r} line {line}: {column['id']} {raw!r} "
                                  f"is not a {column['type']}") from None
            if column["type"] == "text" or masker.columns[index].private:
                typed[column["id"]] = masker.mask_cell(index, typed[column["id"]])
        rows.append(typed)
    found.update(masker.found)
    return {"name": table["name"], "columns": columns, "row_count": len(rows),
            "rows": staging.put(json.dumps(rows, ensure_ascii=False).encode("utf-8"), "json")}


def mask_record(record: dict[str, Any], get: Getter) -> dict[str, Any]:
    """The publishable form of a source record: masked fields, staged masked
    documents and table, the disclosure to publish under, findings by kind."""
    found: Counter = Counter()
    publish = effective(record.get("disclosure") or {})
    fields = mask_fields(record.get("fields") or {}, found)  # by what each field is: writer, exec_loc …
    documents, table = [], None
    if publish["class"] != WITHHELD:
        try:
            parts = [NonPublicPart(ground=int(part["ground"]), text=part["text"]) for part in publish["nonpublic"]]
        except (KeyError, TypeError, ValueError) as e:
            raise RecordError(f"a non-public part is malformed: {e}") from None
        title = fields.get("title") or ""
        documents = [_document(a, parts, title, get, found) for a in record.get("attachments") or []]
        if record.get("table"):
            table = _table(record["table"], get, found)
    published = {key: value for key, value in publish.items() if key != "nonpublic"}  # the parts' text stays out
    return {"record": {"kind": record.get("kind"), "fields": fields}, "disclosure": published,
            "documents": documents, "table": table, "findings": dict(found)}
