"""A pysolr.Solr look-alike that keeps CKAN's search index in PostgreSQL.

CKAN builds Solr documents and Solr queries itself (``ckan.lib.search``); we
keep all of that and answer the few calls it makes on its connection:
``add``, ``delete``, ``search`` and ``commit``. Writes go through CKAN's own
SQLAlchemy session, so a dataset and its index row commit or roll back
together.
"""
from __future__ import annotations

import json
import logging
import threading
import unicodedata
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Optional, Union

import ckan.plugins.toolkit as tk
import psycopg2.extensions
import sqlalchemy as sa
from ckan import model
from ckan.lib.search.common import SearchError, SearchIndexError, SearchQueryError, solr_datetime_decoder

from . import fields, lucene, store
from .sql import Compiler, sort_expression, sort_keys

log = logging.getLogger(__name__)

STATEMENT_TIMEOUT = "ckanext.seoulplaza.search.statement_timeout"
_CANCELED = "57014"  # SQLSTATE query_canceled: the statement timeout

_state = threading.local()


def _session_committing(session: Any) -> None:
    _state.committing = True


def _transaction_ended(session: Any, transaction: Any) -> None:
    if transaction.parent is None:
        _state.committing = False


def watch_commits() -> None:
    """Know when CKAN indexes from inside a commit (the usual path) and when
    it indexes afterwards (``search.rebuild`` after ``member_create``), where
    only our own commit makes the change visible, as a Solr commit would."""
    if not sa.event.contains(model.Session, "before_commit", _session_committing):
        sa.event.listen(model.Session, "before_commit", _session_committing, insert=True)
        sa.event.listen(model.Session, "after_transaction_end", _transaction_ended)


def unwatch_commits() -> None:
    if sa.event.contains(model.Session, "before_commit", _session_committing):
        sa.event.remove(model.Session, "before_commit", _session_committing)
        sa.event.remove(model.Session, "after_transaction_end", _transaction_ended)


def in_step_with_the_database(session: Any) -> None:
    """An extension that ends the transaction in its own SQL — ckanext-harvest's
    ``harvest_source_clear`` runs ``BEGIN; … COMMIT;`` and then reindexes —
    leaves the driver believing a transaction is open when none is, and our
    next SAVEPOINT fails ("can only be used in transaction blocks"). That
    COMMIT committed everything, so ending the session's transaction brings
    the session, the driver and the database back in step."""
    dbapi = session.connection().connection.dbapi_connection
    if (dbapi.status == psycopg2.extensions.STATUS_IN_TRANSACTION
            and dbapi.info.transaction_status == psycopg2.extensions.TRANSACTION_STATUS_IDLE):
        session.rollback()


class Results:
    """The parts of ``pysolr.Results`` that CKAN reads."""

    def __init__(self, docs: list[dict[str, Any]], hits: int, facets: dict[str, list[Any]]):
        self.docs = docs
        self.hits = hits
        self.facets = {"facet_fields": facets}

    def __len__(self) -> int:
        return len(self.docs)

    def __iter__(self):
        return iter(self.docs)


def _as_list(value: Union[None, str, Iterable[str]]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    return [v for v in value if v and str(v).strip()]


def parse(query: str, dismax: bool = False, mm: Optional[str] = None, person: bool = False) -> lucene.Node:
    """``query`` (NFC-normalised, as stored text is) as a tree; ``person``: it is
    what someone typed (``q``), whose colons after unknown names are text.

    :raises lucene.QuerySyntaxError: naming the query and the problem
    """
    query = unicodedata.normalize("NFC", query)
    try:
        if dismax and not query.lstrip().startswith("{!"):
            return lucene.parse_dismax(query, mm)
        return lucene.parse_lucene(query, is_field=fields.is_field_name if person else None)
    except lucene.QuerySyntaxError as e:
        shown = query if len(query) <= 80 else query[:80] + "…"
        raise lucene.QuerySyntaxError(f"{shown!r}: {e}") from e


# Solr takes its paging and facet counts as 32-bit integers and refuses others.
_INT_MAX = 2**31 - 1


def whole_number(params: dict[str, Any], name: str, default: int, low: int = 0) -> int:
    """``params[name]`` as an int from ``low`` to 2³¹−1 (Solr's range), or
    ``default`` when absent; raises ``QuerySyntaxError`` naming the parameter."""
    value = params.get(name, default)
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = None
    if number is None or not low <= number <= _INT_MAX:
        raise lucene.QuerySyntaxError(
            f"'{name}' must be a whole number from {low} to {_INT_MAX}, not {str(value)[:40]!r}")
    return number


class PostgresSolrConnection:
    url = "postgresql://ckan.search"

    def __init__(self, decode_dates: bool = True):
        self.session = model.Session
        self.decode_dates = decode_dates

    # writing ---------------------------------------------------------------

    def add(self, docs: list[dict[str, Any]], commit: bool = True, **kwargs: Any) -> None:
        try:
            store.ensure_table(self.session)
            for doc in docs:
                store.upsert(self.session, doc)
        except sa.exc.SQLAlchemyError as e:
            raise SearchIndexError(f"Could not index dataset {docs[0].get('id') if docs else ''}: {e}") from e
        if commit:
            self.commit()

    def delete(self, id: Optional[str] = None, q: Optional[str] = None,
               commit: bool = True, **kwargs: Any) -> None:
        params: dict[str, Any] = {}
        if id is not None:
            where = "index_id = :id"
            params["id"] = id
        elif q is not None:
            try:
                where = Compiler(params, "d").compile(parse(q))
            except lucene.QuerySyntaxError as e:
                raise SearchIndexError(f"Invalid delete query {q!r}: {e}") from e
        else:
            raise SearchIndexError("delete needs an id or a query")
        store.ensure_table(self.session)
        self.session.execute(sa.text(f"DELETE FROM {store.TABLE} WHERE {where}"), params)
        if commit:
            self.commit()

    def commit(self, *args: Any, **kwargs: Any) -> None:
        if not getattr(_state, "committing", False):
            self.session.commit()

    # reading ---------------------------------------------------------------

    def search(self, q: str = "*:*", **kwargs: Any) -> Results:
        in_step_with_the_database(self.session)
        params: dict[str, Any] = {}
        compiler = Compiler(params, "p")
        dismax = kwargs.get("defType") in ("dismax", "edismax") and ":" not in q
        try:
            conditions = [compiler.compile(parse(q or "*:*", dismax, kwargs.get("mm"), person=True))]
            for fq in _as_list(kwargs.get("fq")):
                conditions.append(compiler.compile(parse(fq)))
            keys = sort_keys(kwargs.get("sort") or "") or [("score", "desc")]
            rows = whole_number(kwargs, "rows", 10)
            start = whole_number(kwargs, "start", 0)
            limit = whole_number(kwargs, "facet.limit", 50, low=-_INT_MAX - 1)  # negative: every value, as in Solr
            mincount = whole_number(kwargs, "facet.mincount", 1)
        except lucene.QuerySyntaxError as e:
            raise SearchQueryError(str(e)) from e
        rank = compiler.rank()
        order = ", ".join(f"s{i} {direction} NULLS LAST" for i, (_f, direction) in enumerate(keys))
        sort_columns = "".join(
            f", {sort_expression(name, compiler.bind, rank)} AS s{i}" for i, (name, _d) in enumerate(keys))
        facet_fields = _as_list(kwargs.get("facet.field")) if str(kwargs.get("facet", "true")).lower() == "true" else []
        facet_columns = "".join(f", terms -> {compiler.bind(f)} AS f{i}" for i, f in enumerate(facet_fields))

        facet_queries = "".join(
            f""" UNION ALL (SELECT 'f{i}', e, count(*), NULL::jsonb, NULL::float8
                FROM hits, jsonb_array_elements_text(hits.f{i}) AS e GROUP BY e
                HAVING count(*) >= :mincount ORDER BY count(*) DESC, e COLLATE "C" LIMIT :flimit)"""
            for i in range(len(facet_fields)))
        statement = f"""
            WITH hits AS MATERIALIZED (
                SELECT index_id, {rank} AS score {sort_columns} {facet_columns}
                FROM {store.TABLE} WHERE {' AND '.join(conditions)}
            ),
            page AS (
                SELECT index_id, score, row_number() OVER (ORDER BY {order}, index_id) AS rn
                FROM hits ORDER BY rn LIMIT :rows OFFSET :start
            )
            SELECT 'count' AS kind, NULL AS key, count(*) AS n, NULL::jsonb AS doc, NULL::float8 AS score
            FROM hits
            UNION ALL
            SELECT 'doc', NULL, page.rn, d.doc, page.score
            FROM page JOIN {store.TABLE} AS d USING (index_id)
            {facet_queries}
        """
        params.update(rows=rows, start=start, mincount=mincount, flimit=None if limit < 0 else limit)
        store.ensure_table(self.session)
        try:
            with self.session.begin_nested(), self._bounded():
                result = self.session.execute(sa.text(statement), params).fetchall()
        except sa.exc.DataError as e:  # PostgreSQL's first line names the value, the rest quotes our SQL
            raise SearchQueryError(f"Invalid value in search query: {e.orig.diag.message_primary}") from e
        except sa.exc.OperationalError as e:
            if getattr(e.orig, "pgcode", None) != _CANCELED:
                raise SearchError("The search index could not answer") from e
            seconds = tk.config.get(STATEMENT_TIMEOUT) / 1000
            log.info("search cancelled after %g s: q=%.200r fq=%.200r", seconds, q, kwargs.get("fq"))
            raise SearchQueryError(tk._(
                "The search took longer than {seconds:g} seconds, the most one search may take. "
                "Use fewer terms or narrower conditions.").format(seconds=seconds)) from e
        except sa.exc.DBAPIError as e:
            log.error("search query failed: %s", e)
            raise SearchError("The search index could not answer") from e
        return self._results(result, kwargs.get("fl"), facet_fields)

    @contextmanager
    def _bounded(self) -> Iterator[None]:
        """Inside the search's savepoint: its statements run for at most the
        search timeout and without JIT compilation (which PostgreSQL cannot
        cancel: a 1,000-term query compiled for 36 s); the transaction's own
        settings come back after them (a failed savepoint takes them back itself)."""
        timeout, jit = self.session.execute(sa.text(
            "SELECT timeout, jit, set_config('statement_timeout', :ms, true), set_config('jit', 'off', true) "
            "FROM (SELECT current_setting('statement_timeout') AS timeout, current_setting('jit') AS jit "
            "OFFSET 0) AS before"), {"ms": str(tk.config.get(STATEMENT_TIMEOUT))}).one()[:2]
        yield
        self.session.execute(sa.text("SELECT set_config('statement_timeout', :timeout, true), "
                                     "set_config('jit', :jit, true)"), {"timeout": timeout, "jit": jit})

    def _results(self, rows: list[Any], fl: Any, facet_fields: list[str]) -> Results:
        wanted = set()
        for item in _as_list(fl) or ["*", "score"]:
            wanted.update(item.replace(",", " ").split())
        hits = 0
        docs: list[tuple[int, dict[str, Any]]] = []
        facets: dict[str, list[Any]] = {f: [] for f in facet_fields}
        for kind, key, n, doc, score in rows:
            if kind == "count":
                hits = n
            elif kind == "doc":
                docs.append((n, self._project(doc, score, wanted)))
            else:
                facets[facet_fields[int(kind[1:])]].extend([key, n])
        ordered = [d for _n, d in sorted(docs, key=lambda p: p[0])]
        if self.decode_dates:
            ordered = [solr_datetime_decoder(d) for d in ordered]
        return Results(ordered, hits, facets)

    @staticmethod
    def _project(doc: Any, score: float, wanted: set[str]) -> dict[str, Any]:
        doc = doc if isinstance(doc, dict) else json.loads(doc)
        if "*" in wanted:
            out = {k: v for k, v in doc.items() if k not in fields.UNSTORED_FIELDS}
        else:
            out = {k: doc[k] for k in doc if k in wanted and k not in fields.UNSTORED_FIELDS}
        if "score" in wanted:
            out["score"] = score
        return out
