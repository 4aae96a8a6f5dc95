"""What xloader loads: the steward's table read by the plaza, typed by the
plaza, handed to xloader's COPY as a plain UTF-8 CSV.

xloader reads a file with tabulator, which turns a header ``01`` into the
number 1, and loads it by COPY into columns PostgreSQL parses: a column the
glossary types ``numeric`` failed at ``1,234,000`` or ``-``, a ``timestamp``
one at ``2021년 3월 5일``, and the fallback it then tried (tabulator's type
guessing) typed code columns such as ``00123`` as numbers. Here, before
xloader reads anything (``loader.load_csv`` wrapped), the plaza:

* reads the (already masked) file itself — CSV/TSV with ``masking.extract.sheets``
  (its encoding, dialect and row-naming errors), XLSX's first sheet with
  openpyxl — and finds the header row as xloader does (``headers_guess``);
* names the columns from the header as written (``tables.column_ids``), so
  ``01`` stays ``01``;
* types each column: a type the steward set in the data dictionary is kept
  (a cell that does not read as it is loaded empty, with a warning naming
  the row); the glossary's type is taken when every value reads in a Korean
  notation (``notations``), else the column stays text (with a warning); any
  other column is text, so codes keep their zeros;
* writes the rows with typed cells in PostgreSQL's notation, and refuses a
  row with values beyond the header (naming it) before any table is touched.

xloader's type-guessing fallback (``loader.load_table``) is not used: the
prepared file loads by COPY or fails with COPY's reason.
"""
from __future__ import annotations

import csv
import os
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from masking.extract.sheets import MalformedTable, UnreadableSheet, csv_dialect, csv_records, table_text, xlsx_tables

from . import notations
from .tables import column_ids, glossary

# How many values xloader's header guess looks at, and how many faulty cells a warning lists.
SAMPLE_ROWS = 1000
WARNING_EXAMPLES = 3
_prepared = threading.local()  # the table this worker thread is loading


@dataclass
class PreparedTable:
    """A table ready for COPY: ``path`` of its UTF-8 CSV (header: the column
    ids), ``labels`` (id → header as written), ``types`` (id → text, numeric
    or timestamp) and the warnings for the steward, in Korean."""
    path: str
    labels: dict[str, str]
    types: dict[str, str]
    warnings: list[str] = field(default_factory=list)


def loading() -> Optional[PreparedTable]:
    """The table this thread is loading (None outside a load)."""
    return getattr(_prepared, "table", None)


def table_rows(path: str, mimetype: str) -> list[tuple[int, list[str]]]:
    """(row number as a spreadsheet shows it, cells) of the file's first
    table, blank rows left out. :raises LoaderError: unreadable, naming the row"""
    from ckanext.xloader.job_exceptions import LoaderError
    kind = _kind(path, mimetype)
    data = Path(path).read_bytes()
    try:
        if kind == "xlsx":
            sheets = xlsx_tables(data)
            rows = list(enumerate(sheets[0].rows if sheets else [], 1))
        else:
            text = table_text(data).text
            records = csv_records(text, csv_dialect(text, "\t" if kind == "tsv" else ","))
            rows = [(r.row, r.cells) for r in records]
    except MalformedTable as e:
        raise LoaderError(str(e)) from None
    except UnreadableSheet as e:
        raise LoaderError(f"표를 읽을 수 없습니다: {e}") from None
    return [(n, [c or "" for c in cells]) for n, cells in rows if any((c or "").strip() for c in cells)]


def prepare(path: str, mimetype: str, existing_info: dict[str, dict[str, Any]]) -> PreparedTable:
    """The table at ``path`` (``mimetype``: the resource's format) read,
    named and typed, as a CSV for COPY. ``existing_info`` is the current
    table's data dictionary (id → info), whose ``type_override`` rules.

    :raises LoaderError: (Korean, naming the row) unreadable, no header, or
        a row with values beyond the header
    """
    from ckanext.xloader.job_exceptions import LoaderError
    from ckanext.xloader.utils import headers_guess
    rows = table_rows(path, mimetype)
    offset, header = headers_guess([cells for _n, cells in rows[:SAMPLE_ROWS]])
    if not rows or not any(h.strip() for h in header):
        raise LoaderError("표에 머리행(열 이름)이 없습니다. 첫 행에 열 이름을 적어 주세요.")
    width = max(i + 1 for i, h in enumerate(header) if h.strip())
    columns = column_ids(header[:width])
    data = rows[offset + 1:]
    for number, cells in data:
        extra = [c for c in cells[width:] if c.strip()]
        if extra:
            raise LoaderError(f"{number:,}행: 머리행의 {width}개 열보다 값이 많습니다 (넘친 값 '{extra[0][:40]}'). "
                              "값 안의 쉼표는 큰따옴표로 감싸야 합니다.")
    types, warnings, values = {}, [], []
    for position, (ident, label) in enumerate(columns):
        column = [(number, cells[position] if position < len(cells) else "") for number, cells in data]
        kind, typed, warning = _typed_column(label, column, (existing_info.get(ident) or {}).get("type_override"))
        types[ident] = kind
        values.append(typed)
        if warning:
            warnings.append(warning)
    out = tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="utf-8-sig", newline="", delete=False)
    with out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL)
        writer.writerow([ident for ident, _label in columns])
        writer.writerows(zip(*values) if values and data else [])
    return PreparedTable(out.name, dict(columns), types, warnings)


def _typed_column(label: str, column: list[tuple[int, str]], override: Optional[str]
                  ) -> tuple[str, list[str], Optional[str]]:
    """(type, cells as written for COPY, warning or None) of one column."""
    known = glossary().get(label)
    kind = override or (known[1] if known else "text")
    if kind not in ("numeric", "timestamp"):
        return "text", [value for _n, value in column], None
    typed = [notations.as_typed_text(kind, value) for _n, value in column]
    faults = [(n, value) for (n, value), t in zip(column, typed) if t is None]
    if not faults:
        return kind, typed, None
    examples = ", ".join(f"{n:,}행 '{value[:30]}'" for n, value in faults[:WARNING_EXAMPLES])
    what = "숫자" if kind == "numeric" else "날짜"
    if override:  # the steward's choice: the type stays, those cells are loaded empty
        return kind, [t or "" for t in typed], (
            f"{label}: {len(faults):,}개 값을 {what}로 읽을 수 없어 빈 칸으로 불러왔습니다 ({examples}).")
    return "text", [value for _n, value in column], (
        f"{label}: {len(faults):,}개 값을 {what}로 읽을 수 없어 이 열을 글자로 불러왔습니다 ({examples}).")


def _kind(path: str, mimetype: str) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in ("csv", "tsv", "xlsx"):
        return suffix
    fmt = (mimetype or "").lower()
    return "xlsx" if "sheet" in fmt or fmt == "xlsx" else "tsv" if "tab-separated" in fmt or fmt == "tsv" else "csv"


def load_csv_prepared(load_csv: Any) -> Any:
    """xloader's ``load_csv`` given the plaza's prepared file (see the module)."""
    def load_prepared(csv_filepath: str, resource_id: str, mimetype: str = "text/csv",
                      allow_type_guessing: bool = False, logger: Any = None) -> Any:
        from ckanext.xloader import loader
        _prepared.error = None
        try:
            _existing, existing_info, _fields, _by_id = loader._read_existing_fields(resource_id)
            _prepared.table = table = prepare(csv_filepath, mimetype, existing_info or {})
        except Exception as e:
            _prepared.error = e
            raise
        for warning in table.warnings:
            (logger.warning if logger else print)(warning)
        try:
            # no type guessing: a changed structure makes a new table of the prepared types
            return load_csv(table.path, resource_id, mimetype="text/csv", allow_type_guessing=False, logger=logger)
        except Exception as e:
            _prepared.error = e
            raise
        finally:
            _prepared.table = None
            os.unlink(table.path)
    load_prepared.__wrapped__ = load_csv  # type: ignore[attr-defined]
    load_prepared.seoulplaza = True  # type: ignore[attr-defined]
    return load_prepared


def no_type_guessing(*_args: Any, **_kwargs: Any) -> Any:
    """In place of xloader's ``load_table`` (its fallback after a failed
    COPY, which re-guesses every column's type): the COPY's own failure."""
    from ckanext.xloader.job_exceptions import LoaderError
    error = getattr(_prepared, "error", None)
    _prepared.error = None
    raise error if isinstance(error, LoaderError) else LoaderError(str(error or "표를 불러오지 못했습니다."))


def label_columns(new_headers: list[dict[str, Any]]) -> None:
    """(``IXloader.datastore_before_update``) Give each column of the table
    being loaded its header as written as its label and the type ``prepare``
    chose; a type other than text is kept as xloader's type override, so a
    reload starts from it."""
    table = loading()
    if table is None:
        return
    for column in new_headers:
        if column["id"] not in table.labels:
            continue
        info = column.setdefault("info", {})
        info.setdefault("label", table.labels[column["id"]] or column["id"])
        column["type"] = table.types[column["id"]]
        if column["type"] != "text" and not info.get("type_override"):
            info["type_override"] = column["type"]


def install() -> None:
    """Put the plaza's reading and typing in front of xloader's COPY, and
    keep the previous table when a load fails (``table_reload``);
    idempotent (plugins are configured again on each app start)."""
    from ckanext.xloader import loader

    from . import table_reload
    if not getattr(loader.load_csv, "seoulplaza", False):
        loader.load_csv = load_csv_prepared(loader.load_csv)
    loader.load_table = no_type_guessing
    table_reload.install()
