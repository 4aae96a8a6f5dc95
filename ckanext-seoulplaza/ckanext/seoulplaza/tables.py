"""Korean tables in the DataStore: meaningful column ids, Korean labels.

xloader romanises headers (측정일 → ceugjeongil) to keep column ids ASCII, and
upstream keeps it so on purpose (raw Unicode ids can hide text). The plaza
names columns itself (``table_load`` hands xloader a file whose header is
these ids): a header in ``data/column_glossary.yaml`` gets the id and type
the city's systems use (집행일시 → exec_dt, timestamp), any other header its
romanisation in snake_case. Both depend on the header alone, so a reload
finds the same ids and keeps the data dictionary. The Korean header becomes
the column's label, and ``datastore_search`` takes labels wherever it takes
column ids.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import ckan.plugins.toolkit as tk
import yaml
from unidecode import unidecode

GLOSSARY = Path(__file__).with_name("data") / "column_glossary.yaml"
MAX_ID_LENGTH = 63  # PostgreSQL's identifier limit, as xloader truncates


def header_text(header: Any) -> str:
    """A header as a reader sees it: NFKC (full-width → ASCII), spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", str(header)).split())


@lru_cache(maxsize=1)
def glossary() -> dict[str, tuple[str, str]]:
    """Header as a reader sees it → (column id, DataStore type)."""
    with GLOSSARY.open(encoding="utf-8") as f:
        return {header_text(h): (spec[0], spec[1]) for h, spec in yaml.safe_load(f).items()}


def romanised_id(header: str) -> str:
    """측정일 → ceugjeongil, 부서 1단계 → buseo_1dangye ('' when nothing is left)."""
    ident = re.sub(r"[^a-z0-9]+", "_", unidecode(header).lower()).strip("_")
    return f"c_{ident}" if ident[:1].isdigit() else ident


def column_ids(headers: Iterable[Any]) -> list[tuple[str, str]]:
    """(column id, Korean header) for each header, ids unique in the table."""
    taken: set[str] = set()
    columns = []
    for position, raw in enumerate(headers, 1):
        header = header_text(raw)
        known = glossary().get(header)
        base = (known[0] if known else romanised_id(header))[:MAX_ID_LENGTH - 4] or f"column_{position}"
        ident, n = base, 1
        while ident in taken:
            n += 1
            ident = f"{base}_{n}"
        taken.add(ident)
        columns.append((ident, header))
    return columns


def _names(value: Any) -> list[str]:
    """Column names given as "a, b" or ["a", "b"]; [] for any other shape,
    which datastore_search's own validation then names."""
    if isinstance(value, str):
        return [n.strip() for n in value.split(",")]
    return list(value) if isinstance(value, list) and all(isinstance(n, str) for n in value) else []


def with_column_ids(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """The search with column labels (부서명) replaced by column ids
    (dept_nm_full) in ``filters``, ``q`` given by column, ``fields`` and
    ``sort``; ids pass as they are."""
    filters = data_dict.get("filters") or {}
    if isinstance(filters, str):  # a GET request's query string holds it as JSON
        try:
            filters = json.loads(filters)
        except ValueError:
            return data_dict  # datastore_search names the problem
    if not isinstance(filters, dict):
        return data_dict
    by_column = data_dict["q"] if isinstance(data_dict.get("q"), dict) else {}
    named = list(filters) + list(by_column) + _names(data_dict.get("fields") or [])
    named += [part.split()[0] for part in _names(data_dict.get("sort") or []) if part.split()]
    if not named or not isinstance(data_dict.get("resource_id"), str) or all(n.isascii() for n in named):
        return data_dict
    ids = _label_ids(context, data_dict["resource_id"])

    def column(name: str) -> str:
        return ids.get(header_text(name), name)

    translated = dict(data_dict)
    if filters:
        translated["filters"] = {column(k): v for k, v in filters.items()}
    if by_column:
        translated["q"] = {column(k): v for k, v in by_column.items()}
    if _names(data_dict.get("fields") or []):
        translated["fields"] = [column(n) for n in _names(data_dict["fields"])]
    if _names(data_dict.get("sort") or []):
        translated["sort"] = ", ".join(" ".join([column(p.split()[0])] + p.split()[1:])
                                       for p in _names(data_dict["sort"]) if p.split())
    return translated


def _label_ids(context: dict[str, Any], resource_id: str) -> dict[str, str]:
    try:
        info = tk.get_action("datastore_info")(dict(context), {"id": resource_id})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return {}  # datastore_search gives its own answer
    return {header_text(f["info"]["label"]): f["id"] for f in info.get("fields", [])
            if (f.get("info") or {}).get("label") and f["id"] != "_id"}

