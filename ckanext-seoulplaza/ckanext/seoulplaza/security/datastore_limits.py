"""DataStore reads bounded per request, and their failures told in words.

``datastore_search`` and ``datastore_search_sql`` run on the portal's web
workers, so no query may hold one for long, and read-only SQL stays open to
developers:

* every connection of the DataStore's read role runs each statement for at
  most ``ckanext.seoulplaza.datastore.statement_timeout`` (set when it
  connects, ``bulkhead.bound_connections``), so the bound holds for the whole
  query — planning, and the EXPLAIN CKAN runs to find its tables, included —
  and each query also gets it through CKAN's ``query_timeout`` context key
  (CKAN's own is 60 s);
* a ``datastore_search`` request is refused before it runs when its shape is
  out of proportion: more than ``MAX_FILTER_VALUES`` filter values, a ``q`` of
  more than ``MAX_QUERY_CHARS`` characters, more than ``MAX_COLUMNS`` fields or
  sort keys, paging past PostgreSQL's bigint;
* how many may run at once is the bulkhead's (``bulkhead.py``): at most
  ``ckanext.seoulplaza.datastore.sql_concurrency`` ``datastore_search_sql``
  requests across every worker, within the heavy requests' shared cap;
* what SQL may return and call are CKAN's own options, set in ``ckan.ini``:
  ``ckan.datastore.search.rows_max`` and
  ``ckan.datastore.sqlsearch.allowed_functions_file`` (the plaza's list,
  ``sql_functions.txt`` beside this module).

CKAN answers a failing query with the SQL it ran, its parameters and
PostgreSQL's message pointing into that SQL (``info.statement``), and a data
error in ``datastore_search_sql`` (``1/0``, ``'x'::int``) with a 500. Here each
is a ``ValidationError`` (HTTP 409) under ``query`` naming the problem with
PostgreSQL's primary message (``invalid input syntax for type integer:
"abc"``), never the statement; failures that are the server's (a lost
connection) stay errors of the server.
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from typing import Any, Iterator

import ckan.plugins as p
import ckan.plugins.toolkit as tk
import sqlalchemy as sa

from .bulkhead import bound_connections

# PostgreSQL's OFFSET and LIMIT are bigint: a larger number is a user's typo,
# not a page of the table.
BIGINT_MAX = 2**63 - 1
# The largest datastore_search request worth running: filter values in all,
# characters of q in all, and entries of fields or sort (PostgreSQL's limit of
# columns in a table).
MAX_FILTER_VALUES = 1000
MAX_QUERY_CHARS = 1000
MAX_COLUMNS = 1600
# SQLSTATE classes a query's own text or values cause: data exception,
# program limit exceeded, syntax error or access rule violation; and the
# cancellation a statement timeout ends in.
_QUERY_FAULTS = ("22", "42", "54")
_CANCELED = "57014"


def statement_timeout() -> int:
    """Milliseconds one DataStore query may run (``…statement_timeout``)."""
    return tk.config.get("ckanext.seoulplaza.datastore.statement_timeout")


def configure() -> None:
    """Bound every connection of the DataStore's read role (every process)."""
    read_url = tk.config.get("ckan.datastore.read_url")
    if p.plugin_loaded("datastore") and read_url:
        from ckanext.datastore.backend.postgres import get_read_engine
        bound_connections(statement_timeout, database_url=read_url)
        get_read_engine().dispose()  # a connection the datastore plugin opened first is not reused


def bounded_search(next_action: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Run ``datastore_search`` (``next_action``) under the statement timeout
    with paging in PostgreSQL's range and a shape in proportion (filters, q,
    fields, sort); :raises tk.ValidationError: (409) a parameter out of range
    or a query that cannot run, in words."""
    for name in ("offset", "limit"):
        _check_in_bigint(data_dict, name)
    _check_shape(data_dict)
    context.setdefault("query_timeout", statement_timeout())
    with _in_words():
        return next_action(context, data_dict)


@tk.chained_action
@tk.side_effect_free
def datastore_search_sql(next_action: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """CKAN's read-only SQL over public tables, bounded: the statement timeout,
    CKAN's row and function limits (and, per request, the bulkhead's slots).

    :raises tk.ValidationError: (409) the query ran past the timeout, or it
        cannot run (PostgreSQL's message, without the SQL)
    """
    context.setdefault("query_timeout", statement_timeout())
    with _in_words():
        return next_action(context, data_dict)


def ACTIONS() -> dict[str, Any]:
    # datastore_search is the plugin's chain (Korean column labels), which
    # calls bounded_search.
    enabled = p.plugin_loaded("datastore") and tk.config.get("ckan.datastore.sqlsearch.enabled")
    return {"datastore_search_sql": datastore_search_sql} if enabled else {}


def _check_in_bigint(data_dict: dict[str, Any], name: str) -> None:
    try:
        value = int(data_dict.get(name) or 0)
    except (TypeError, ValueError):
        return  # not a number: CKAN's validators say so
    if value > BIGINT_MAX:
        raise tk.ValidationError({name: [tk._("Must be a whole number from 0 to {maximum}").format(
            maximum=BIGINT_MAX)]})


def _check_shape(data_dict: dict[str, Any]) -> None:
    """Refuse a request whose filters, q, fields or sort are out of proportion
    (before CKAN builds SQL of them)."""
    filters = data_dict.get("filters")
    if isinstance(filters, str):  # a query string's JSON
        try:
            filters = json.loads(filters)
        except ValueError:
            filters = []  # not JSON at all
    if filters is not None and not isinstance(filters, dict):
        raise tk.ValidationError({"filters": [tk._(
            "Filters must be an object of column names and values, such as {example}").format(
            example='{"구": "강남구"}')]})
    if isinstance(filters, dict):
        count = sum(len(v) if isinstance(v, (list, tuple)) else 1 for v in filters.values())
        if count > MAX_FILTER_VALUES:
            raise tk.ValidationError({"filters": [tk._(
                "Filters may hold at most {maximum} values in all; these hold {count}.").format(
                maximum=MAX_FILTER_VALUES, count=count)]})
    q = data_dict.get("q")
    length = sum(len(str(k)) + len(str(v)) for k, v in q.items()) if isinstance(q, dict) else len(str(q or ""))
    if length > MAX_QUERY_CHARS:
        raise tk.ValidationError({"q": [tk._(
            "A full-text query may be at most {maximum} characters long; this one has {count}.").format(
            maximum=MAX_QUERY_CHARS, count=length)]})
    for name in ("fields", "sort"):
        value = data_dict.get(name)
        count = len(value) if isinstance(value, (list, tuple)) else str(value or "").count(",") + 1
        if value and count > MAX_COLUMNS:
            raise tk.ValidationError({name: [tk._(
                "At most {maximum} entries, one for each column a table may have; this has {count}.").format(
                maximum=MAX_COLUMNS, count=count)]})


@contextmanager
def _in_words() -> Iterator[None]:
    """Turn PostgreSQL's failures of a query into a ValidationError naming the
    problem; CKAN's own ValidationError for one (raised while handling the
    database's error, its ``__context__``) is reworded the same way."""
    try:
        yield
    except tk.ValidationError as e:
        cause = e.__context__
        if isinstance(cause, sa.exc.DBAPIError) and _query_fault(cause):
            raise tk.ValidationError({"query": [_message(cause)]}) from None
        e.error_dict.pop("info", None)  # never the statement, whatever CKAN put there
        raise
    except sa.exc.DBAPIError as e:
        if not _query_fault(e):
            raise
        raise tk.ValidationError({"query": [_message(e)]}) from None


def _query_fault(error: sa.exc.DBAPIError) -> bool:
    code = getattr(error.orig, "pgcode", None) or ""
    return code == _CANCELED or code[:2] in _QUERY_FAULTS


def _message(error: sa.exc.DBAPIError) -> str:
    if error.orig.pgcode == _CANCELED:
        return tk._("The query took longer than {seconds:g} seconds, the most one query may take. "
                    "Narrow it down: filters, a LIMIT, fewer joins.").format(seconds=statement_timeout() / 1000)
    diag = getattr(error.orig, "diag", None)
    primary = getattr(diag, "message_primary", None) or str(error.orig).splitlines()[0]
    return tk._("The query could not run: {problem}").format(problem=primary)
