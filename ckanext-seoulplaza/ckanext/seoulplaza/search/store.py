"""The search table: one row per indexed dataset, written in CKAN's transaction.

``doc`` keeps the Solr document exactly as CKAN built it (for results and
sorting); ``terms`` maps each field to its match keys (exact values, or tokens
for analysed fields) under a ``jsonb_path_ops`` GIN index; ``tsv`` holds the
weighted CJK-bigram tokens of the full-text fields under a GIN index.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any, Iterable

import sqlalchemy as sa

from . import fields, tokens

TABLE = "seoulplaza_search_doc"
_LOCK_KEY = 0x5E0B1A2A  # advisory lock: one process creates the table

DDL = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    index_id text PRIMARY KEY,
    id text NOT NULL,
    site_id text NOT NULL,
    doc jsonb NOT NULL,
    terms jsonb NOT NULL,
    tsv tsvector NOT NULL,
    indexed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS {TABLE}_id_idx ON {TABLE} (id);
CREATE INDEX IF NOT EXISTS {TABLE}_terms_idx ON {TABLE} USING gin (terms jsonb_path_ops);
CREATE INDEX IF NOT EXISTS {TABLE}_tsv_idx ON {TABLE} USING gin (tsv);
"""

_MAX_POSITION = 16383  # PostgreSQL's limit for tsvector positions


def ensure_table(session: Any) -> None:
    """Create the table if it is missing (first use, or after ``ckan db clean``)."""
    if session.execute(sa.text("SELECT to_regclass(:t)"), {"t": TABLE}).scalar() is None:
        session.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
        for statement in DDL.split(";"):
            if statement.strip():
                session.execute(sa.text(statement))


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


def match_terms(doc: dict[str, Any]) -> dict[str, list[str]]:
    """Field -> match keys: analysed tokens for text fields, exact strings otherwise."""
    terms: dict[str, list[str]] = {}
    for name, value in doc.items():
        if name in fields.UNINDEXED_FIELDS:
            continue
        values = _values(value)
        if not values:
            continue
        if fields.is_text(name):
            keys = list(dict.fromkeys(tokens.index_tokens_of(values)))
        else:
            keys = [_as_string(v) for v in values]
        if keys:
            terms[name] = keys
    return terms


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


def upsert(session: Any, doc: dict[str, Any]) -> None:
    doc = solr_document(doc)
    session.execute(
        sa.text(f"""
            INSERT INTO {TABLE} (index_id, id, site_id, doc, terms, tsv)
            VALUES (:index_id, :id, :site_id, CAST(:doc AS jsonb), CAST(:terms AS jsonb),
                    CAST(:tsv AS tsvector))
            ON CONFLICT (index_id) DO UPDATE SET
                id = EXCLUDED.id, site_id = EXCLUDED.site_id, doc = EXCLUDED.doc,
                terms = EXCLUDED.terms, tsv = EXCLUDED.tsv, indexed_at = now()
        """),
        {
            "index_id": doc["index_id"],
            "id": doc["id"],
            "site_id": doc.get("site_id") or "",
            "doc": json.dumps(doc, default=_as_string).replace("\\u0000", ""),
            "terms": json.dumps(match_terms(doc)),
            "tsv": tsvector_literal(doc),
        },
    )
