"""The search table: one row per indexed dataset, written in CKAN's transaction.

``doc`` keeps the Solr document exactly as CKAN built it (for results and
sorting); everything else derives from it: ``terms`` maps each keyword field
to its exact values and ``text_terms`` each text field to its tokens (both
under ``jsonb_path_ops`` GIN indexes); ``tsv`` holds the weighted CJK-bigram
tokens of the full-text fields under a GIN index; the filter columns
(``fields.FILTER_COLUMNS``) give the planner statistics.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any, Iterable

import sqlalchemy as sa

from . import fields, tokens

TABLE = "seoulplaza_search_doc"
_LOCK_KEY = 0x5E0B1A2A  # advisory lock: one process creates the table

_FILTER_COLUMNS = {k: v for k, v in fields.FILTER_COLUMNS.items() if k != "site_id"}
_SHAPE = "seoulplaza search table v2"  # change when the derived columns change

DDL = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    index_id text PRIMARY KEY,
    id text NOT NULL,
    site_id text NOT NULL,
    doc jsonb NOT NULL,
    indexed_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE {TABLE}
    ADD COLUMN IF NOT EXISTS terms jsonb NOT NULL DEFAULT '{{}}',
    ADD COLUMN IF NOT EXISTS text_terms jsonb NOT NULL DEFAULT '{{}}',
    ADD COLUMN IF NOT EXISTS tsv tsvector NOT NULL DEFAULT '',
    {", ".join(f"ADD COLUMN IF NOT EXISTS {k} {v} NOT NULL DEFAULT '{'{}' if v.endswith('[]') else ''}'"
               for k, v in _FILTER_COLUMNS.items())};
CREATE INDEX IF NOT EXISTS {TABLE}_id_idx ON {TABLE} (id);
CREATE INDEX IF NOT EXISTS {TABLE}_terms_idx ON {TABLE} USING gin (terms jsonb_path_ops);
CREATE INDEX IF NOT EXISTS {TABLE}_text_terms_idx ON {TABLE} USING gin (text_terms jsonb_path_ops);
CREATE INDEX IF NOT EXISTS {TABLE}_tsv_idx ON {TABLE} USING gin (tsv);
COMMENT ON TABLE {TABLE} IS '{_SHAPE}'
"""

_MAX_POSITION = 16383  # PostgreSQL's limit for tsvector positions


def ensure_table(session: Any) -> None:
    """Create the table if it is missing (first use, or after ``ckan db clean``),
    or bring one of an older shape up to date, re-deriving every row from the
    Solr document it keeps, so an upgrade needs no ``search-index rebuild``."""
    shape = session.execute(sa.text("SELECT obj_description(to_regclass(:t), 'pg_class')"), {"t": TABLE}).scalar()
    if shape == _SHAPE:
        return
    session.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
    for statement in DDL.split(";"):
        if statement.strip():
            session.execute(sa.text(statement))
    for (doc,) in session.execute(sa.text(f"SELECT doc FROM {TABLE}")).all():
        upsert(session, doc)


def _values(value: Any) -> list[Any]:
    if value is None:
        return []
    return [v for v in value if v is not None] if isinstance(value, (list, tuple)) else [value]


def _as_string(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def solr_date_string(value: Any) -> Any:
    """Dates as Solr returns them: UTC, millisecond precision, trailing Z."""
    try:
        parsed = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return value
    if parsed.tzinfo:
        parsed = parsed.astimezone(dt.timezone.utc)
    millis = parsed.microsecond // 1000
    return parsed.strftime("%Y-%m-%dT%H:%M:%S") + (f".{millis:03d}" if millis else "") + "Z"


def solr_document(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: solr_date_string(v) if fields.is_date(k) and v else v for k, v in doc.items()}


def match_terms(doc: dict[str, Any]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Field -> match keys, split in two: exact strings of the keyword fields
    (small; also read for facets) and analysed tokens of the text fields."""
    exact: dict[str, list[str]] = {}
    text: dict[str, list[str]] = {}
    for name, value in doc.items():
        if name in fields.UNINDEXED_FIELDS:
            continue
        values = _values(value)
        if fields.is_text(name):
            keys = list(dict.fromkeys(tokens.index_tokens_of(values)))
            if keys:
                text[name] = keys
        elif values:
            exact[name] = [_as_string(v) for v in values]
    return exact, text


def _fulltext_sources(doc: dict[str, Any]) -> Iterable[tuple[str, list[Any]]]:
    for weight, names in fields.FULLTEXT_SOURCES.items():
        for name in names:
            yield weight, _values(doc.get(name))
    for name, value in doc.items():
        if name.startswith(fields.FULLTEXT_SOURCE_PREFIXES):
            yield "C", _values(value)


def tsvector_literal(doc: dict[str, Any]) -> str:
    """A tsvector in PostgreSQL's literal syntax, built here so no parser or
    locale of the server changes how Korean is split."""
    positions: dict[str, list[str]] = {}
    pos = 0
    for weight, values in _fulltext_sources(doc):
        for value in values:
            for token in tokens.index_tokens(str(value)):
                pos = min(pos + 1, _MAX_POSITION)
                positions.setdefault(token, []).append(f"{pos}{weight}")
            pos += 1  # no phrase spans two values
    return " ".join(
        "'" + tok.replace("\\", "\\\\").replace("'", "''") + "':" + ",".join(ps[:256])
        for tok, ps in positions.items()
    )


_DERIVED = ["terms", "text_terms", "tsv", *_FILTER_COLUMNS]
_DERIVED_VALUES = ", ".join(f"CAST(:{k} AS {t})" for k, t in
                            {"terms": "jsonb", "text_terms": "jsonb", "tsv": "tsvector", **_FILTER_COLUMNS}.items())


def filter_values(doc: dict[str, Any]) -> dict[str, Any]:
    """The filter columns' values: text columns take the first value, or ''."""
    return {k: [_as_string(v) for v in _values(doc.get(k))] if kind.endswith("[]")
            else next((_as_string(v) for v in _values(doc.get(k))), "")
            for k, kind in _FILTER_COLUMNS.items()}


def upsert(session: Any, doc: dict[str, Any]) -> None:
    doc = solr_document(doc)
    exact, text = match_terms(doc)
    session.execute(
        sa.text(f"""
            INSERT INTO {TABLE} (index_id, id, site_id, doc, {", ".join(_DERIVED)})
            VALUES (:index_id, :id, :site_id, CAST(:doc AS jsonb), {_DERIVED_VALUES})
            ON CONFLICT (index_id) DO UPDATE SET
                id = EXCLUDED.id, site_id = EXCLUDED.site_id, doc = EXCLUDED.doc,
                {", ".join(f"{k} = EXCLUDED.{k}" for k in _DERIVED)}, indexed_at = now()
        """),
        {
            "index_id": doc["index_id"],
            "id": doc["id"],
            "site_id": doc.get("site_id") or "",
            "doc": json.dumps(doc, default=_as_string).replace("\\u0000", ""),
            "terms": json.dumps(exact),
            "text_terms": json.dumps(text),
            "tsv": tsvector_literal(doc),
            **filter_values(doc),
        },
    )
