"""Korean full-text search in DataStore tables, as in the catalogue.

CKAN indexes a DataStore row as the words of PostgreSQL's parser
(``_full_text``, GIN-indexed): ``강남구에서`` is one word, so ``q=강남구`` missed
it and ``q=강남`` (part of a word) found nothing; and the table preview
(datatables view) replaces every non-ASCII character of what the visitor
types by ``_`` before it searches, so a Korean search found no row, and a
Korean search in one column found every row.

Here, as the catalogue does (``search/tokens.py``, Lucene's CJKBigramFilter),
every run of Hangul/Han characters of a row is also indexed as its
overlapping bigrams (강남구 → 강남·남구), added to ``_full_text`` by the
DataStore's own trigger function (``populate_full_text_trigger``, replaced
with one that adds them; rows written by ``datastore_create``/``upsert``) and
when xloader fills a table (its ``_populate_fulltext`` replaced: the same
SQL in one UPDATE).
A query's Korean runs lose a trailing particle and become phrases of their
bigrams (``'강남' <-> '남구'``): any part of a word of two syllables or more
finds its rows, through CKAN's index. Other words are matched as CKAN matches
them; in the preview also as prefixes (what CKAN's preview meant by ``:*``).
A search in one column (``q`` as ``{column: text}``) is CKAN's per-column
match, which reads whole words: there a Korean term matches words that begin
with it (``강남`` → 강남구), and the row must also hold it anywhere.

Chosen on evidence (``bench/datastore_bench.py --korean 40000``, 2 shared
cores): counting the hits, bigrams through CKAN's GIN index take 7 ms for a
rare place (청파로, 169 rows), 19 ms for a word's end (총괄과), 115–231 ms for
a common word or two syllables (~16,800 of the 40,000 rows); ``pg_trgm``'s GIN
index 1–10 ms, 63–191 ms; ILIKE without an index ~200 ms for any; prefixes
alone (``총괄과:*``) find nothing inside a word. pg_trgm is as fast or faster,
but needs an extension in the DataStore database (CKAN's own test clean-up
cannot drop its functions), an index per table on an expression of its text
columns, and a search path beside CKAN's (no rank, its own SQL); bigrams use
CKAN's ``q``, index, ranking and paging unchanged, and match as the
catalogue matches. The price: filling ``_full_text`` takes twice as long
(26 s against 13 s for 40,000 rows, with the column indexes), and
``datastore_search`` ranks every hit (~0.24–0.47 s for 16,800 hits).
"""
from __future__ import annotations

import json
import logging
from typing import Any, Optional

import sqlalchemy as sa

from .search.tokens import _CJK, bigrams, is_cjk, query_runs

log = logging.getLogger(__name__)

# The CJK bigrams of a text expression, as a tsvector in the order they occur.
_BIGRAMS = """(SELECT to_tsvector('simple', coalesce(string_agg(substr(r.m[1], s.i, 2), ' ' ORDER BY r.n, s.i), ''))
            FROM regexp_matches(lower(normalize({doc}, NFKC)), '[{cjk}]+', 'g') WITH ORDINALITY AS r(m, n),
                 generate_series(1, greatest(char_length(r.m[1]) - 1, 1)) AS s(i))"""
TRIGGER_BODY = """
    DECLARE doc text;
    BEGIN
        IF NEW._full_text IS NOT NULL THEN
            RETURN NEW;
        END IF;
        SELECT coalesce(string_agg(value, ' '), '') INTO doc
            FROM json_each_text(row_to_json(NEW.*)) WHERE key NOT LIKE '\\_%';
        -- seoulplaza: the words, as CKAN indexes them, and the bigrams of Korean runs
        NEW._full_text := to_tsvector(doc) || """ + _BIGRAMS.format(doc="doc", cjk=_CJK) + """;
        RETURN NEW;
    END;
"""
CHUNK_ROWS = 100_000  # rows per UPDATE when a loaded table's index is filled, as xloader chunks


def bigram_sql(doc: str) -> str:
    """SQL for the tsvector of the CJK bigrams of the text expression ``doc``."""
    return _BIGRAMS.format(doc=doc, cjk=_CJK)


def install() -> None:
    """Make the DataStore's trigger function add bigrams (once per database:
    compared first, replaced under an advisory lock) and xloader fill
    ``_full_text`` through it."""
    from ckanext.datastore.backend.postgres import get_write_engine
    try:
        with get_write_engine().begin() as conn:
            current = conn.execute(sa.text(
                "SELECT prosrc FROM pg_proc WHERE proname = 'populate_full_text_trigger'")).scalar()
            if current != TRIGGER_BODY:
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext('seoulplaza_full_text'))"))
                conn.execute(sa.text(
                    "CREATE OR REPLACE FUNCTION populate_full_text_trigger() RETURNS trigger "
                    f"AS $body${TRIGGER_BODY}$body$ LANGUAGE plpgsql"))
    except sa.exc.SQLAlchemyError as e:  # a read-only replica, a database not yet set up
        log.warning("DataStore full-text function not replaced (Korean partial-word search off): %s", e)
    try:
        from ckanext.xloader import loader
    except ImportError:
        return
    loader._populate_fulltext = populate_fulltext


def populate_fulltext(connection: Any, resource_id: str, fields: Any, logger: Any) -> None:
    """In place of xloader's: fill a loaded table's ``_full_text`` with the
    words and bigrams of its columns (what the trigger writes, in one UPDATE
    per ``CHUNK_ROWS`` rows: half the trigger's time), with progress."""
    table = '"' + resource_id.replace('"', '""') + '"'
    doc = " || ' ' || ".join(f"coalesce({sa.column(f['id'])}::text, '')"
                             for f in fields if not f["id"].startswith("_")) or "''"
    last = connection.execute(sa.text(f"SELECT coalesce(max(_id), 0) FROM {table}")).scalar()
    for start in range(0, last, CHUNK_ROWS):
        connection.execute(sa.text(f"UPDATE {table} SET _full_text = to_tsvector({doc}) || {bigram_sql(doc)} "
                                   "WHERE _id > :a AND _id <= :b"), {"a": start, "b": start + CHUNK_ROWS})
        logger.info("Indexed rows %s to %s of %s", start + 1, min(start + CHUNK_ROWS, last), last)


def _quoted(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery(text: str, prefixes: bool = False, words_only: bool = False) -> Optional[str]:
    """``text`` as a to_tsquery expression: every term required; a Korean
    run (its trailing particle dropped) the phrase of its bigrams, or with
    ``words_only`` a prefix of a word (for per-column search, which reads
    words); other words as words, or prefixes with ``prefixes``. None when
    nothing searchable is left."""
    terms = []
    for run in query_runs(text):
        if is_cjk(run) and not words_only and len(run) > 1:
            terms.append("(" + " <-> ".join(_quoted(g) for g in bigrams(run)) + ")")
        else:
            prefix = is_cjk(run) or prefixes
            terms.append(_quoted(run) + (":*" if prefix else ""))
    return " & ".join(terms) or None


def korean_search(data_dict: dict[str, Any], typed: Optional[Any] = None, prefixes: bool = False) -> dict[str, Any]:
    """``datastore_search``'s parameters with ``q`` (or ``typed``: what a
    visitor typed, when CKAN's preview spoilt ``q``) made the plaza's query.
    A caller's own tsquery syntax (``plain`` false) is left alone."""
    if not data_dict.get("q"):
        return data_dict  # (the preview also counts the whole table, without q)
    q = typed if typed is not None else data_dict["q"]
    if isinstance(q, str) and q.lstrip().startswith("{"):  # {column: text} in a query string, as CKAN reads it
        try:
            q = json.loads(q)
        except ValueError:
            pass
    if not q or (typed is None and data_dict.get("plain") is False) or data_dict.get("full_text"):
        return data_dict
    if isinstance(q, str):
        query = tsquery(q, prefixes)
        if query is None:
            return data_dict if typed is None else {**data_dict, "q": ""}
        rewritten = {**data_dict, "q": query}
    elif isinstance(q, dict) and all(isinstance(v, str) for v in q.values()):
        columns = {k: tsquery(v, prefixes, words_only=True) for k, v in q.items()}
        columns = {k: v for k, v in columns.items() if v}
        anywhere = " & ".join(f"({t})" for t in (tsquery(v, prefixes) for v in q.values()) if t)
        if not columns:
            return data_dict if typed is None else {**data_dict, "q": ""}
        rewritten = {**data_dict, "q": columns, "full_text": anywhere}
    else:
        return data_dict  # CKAN's validation names the shape
    rewritten["plain"] = False
    if typed is not None or not data_dict.get("language"):
        rewritten.pop("language", None)  # CKAN's default language, in which the words were indexed
    return rewritten


def typed_in_preview() -> Optional[Any]:
    """What the visitor typed into the table preview's search (a string, or
    {column id: text} for searches in columns), read from the preview's own
    request, when this ``datastore_search`` serves one; else None."""
    import ckan.plugins.toolkit as tk
    try:
        endpoint, form = tk.request.endpoint, tk.request.form
    except (RuntimeError, AttributeError):  # no request (a job, the CLI)
        return None
    if endpoint == "datatablesview.ajax":
        columns, i = {}, 0
        while f"columns[{i}][search][value]" in form:
            if form[f"columns[{i}][search][value]"]:
                columns[form[f"columns[{i}][name]"]] = form[f"columns[{i}][search][value]"]
            i += 1
        return columns or form.get("search[value]", "")
    if endpoint == "datatablesview.filtered_download":
        try:
            params = json.loads(form["params"])
            columns = {c["name"]: c["search"]["value"] for c in params.get("columns", []) if c["search"]["value"]}
            return columns or params["search"]["value"]
        except (KeyError, TypeError, ValueError):
            return None
    return None


def reindex(progress: Any = print) -> tuple[int, int]:
    """Fill ``_full_text`` anew (words and bigrams, by the trigger) in every
    DataStore table: for tables written before the plaza's function was in
    place. (tables, rows); ``progress`` gets a line per table."""
    from ckanext.datastore.backend.postgres import get_write_engine
    engine = get_write_engine()
    with engine.connect() as conn:
        names = [r[0] for r in conn.execute(sa.text(
            "SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
            "WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace AND a.attname = '_full_text' "
            "ORDER BY c.relname"))]
    tables = rows = 0
    for name in names:
        with engine.begin() as conn:
            conn.execute(sa.text(f'ALTER TABLE "{name}" ENABLE TRIGGER zfulltext'))
            done = conn.execute(sa.text(f'UPDATE "{name}" SET _full_text = NULL')).rowcount
        tables, rows = tables + 1, rows + done
        progress(f"{name}: {done:,} rows ({tables}/{len(names)})")
    return tables, rows
