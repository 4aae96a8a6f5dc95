"""DataStore reads bounded per request, and their failures told in words.

``datastore_search`` and ``datastore_search_sql`` run on the portal's web
workers, so no query may hold one for long, and read-only SQL stays open to
developers:

* every query gets a PostgreSQL statement timeout
  (``ckanext.seoulplaza.datastore.statement_timeout``, through CKAN's
  ``query_timeout`` context key; CKAN's own is 60 s);
* ``datastore_search_sql`` runs at most
  ``ckanext.seoulplaza.datastore.sql_concurrency`` queries at a time across
  every worker process: slots are Redis locks (redis-py's ``Lock``, which
  expires, so a slot of a killed worker comes back), and a query finding none
  free is refused at once rather than queued on a worker;
* what it may return and call are CKAN's own options, set in ``ckan.ini``:
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

from contextlib import contextmanager, suppress
from typing import Any, Iterator

import ckan.plugins as p
import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan.lib.redis import connect_to_redis
from redis.exceptions import LockError

# PostgreSQL's OFFSET and LIMIT are bigint: a larger number is a user's typo,
# not a page of the table.
BIGINT_MAX = 2**63 - 1
# A slot outlives its statement timeout by this much before Redis frees it on
# its own (only ever needed when the worker holding it was killed).
SLOT_MARGIN_SECONDS = 10
# SQLSTATE classes a query's own text or values cause: data exception,
# program limit exceeded, syntax error or access rule violation; and the
# cancellation a statement timeout ends in.
_QUERY_FAULTS = ("22", "42", "54")
_CANCELED = "57014"


def statement_timeout() -> int:
    """Milliseconds one DataStore query may run (``…statement_timeout``)."""
    return tk.config.get("ckanext.seoulplaza.datastore.statement_timeout")


def bounded_search(next_action: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """Run ``datastore_search`` (``next_action``) under the statement timeout
    with paging in PostgreSQL's range; :raises tk.ValidationError: (409) a
    parameter out of range or a query that cannot run, in words."""
    for name in ("offset", "limit"):
        _check_in_bigint(data_dict, name)
    context.setdefault("query_timeout", statement_timeout())
    with _in_words():
        return next_action(context, data_dict)


@tk.chained_action
@tk.side_effect_free
def datastore_search_sql(next_action: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    """CKAN's read-only SQL over public tables, bounded: the statement timeout,
    one of the shared slots, CKAN's row and function limits.

    :raises tk.ValidationError: (409) every slot is taken, the query ran past
        the timeout, or it cannot run (PostgreSQL's message, without the SQL)
    """
    context.setdefault("query_timeout", statement_timeout())
    with sql_slot(), _in_words():
        return next_action(context, data_dict)


def ACTIONS() -> dict[str, Any]:
    # datastore_search is the plugin's chain (Korean column labels), which
    # calls bounded_search.
    enabled = p.plugin_loaded("datastore") and tk.config.get("ckan.datastore.sqlsearch.enabled")
    return {"datastore_search_sql": datastore_search_sql} if enabled else {}


@contextmanager
def sql_slot() -> Iterator[None]:
    """Hold one of the ``sql_concurrency`` slots every worker process shares
    (Redis); :raises tk.ValidationError: (409) when all are taken."""
    capacity = tk.config.get("ckanext.seoulplaza.datastore.sql_concurrency")
    expiry = statement_timeout() / 1000 + SLOT_MARGIN_SECONDS
    redis = connect_to_redis()
    prefix = f"{tk.config.get('ckan.site_id')}:seoulplaza:datastore_search_sql:slot"
    for slot in range(capacity):
        lock = redis.lock(f"{prefix}{slot}", timeout=expiry)
        if lock.acquire(blocking=False):
            try:
                yield
            finally:
                with suppress(LockError):  # expired meanwhile: already free
                    lock.release()
            return
    raise tk.ValidationError({"query": [tk._(
        "{count} SQL queries are running, the most at one time. Try again in a few seconds."
    ).format(count=capacity)]})


def _check_in_bigint(data_dict: dict[str, Any], name: str) -> None:
    try:
        value = int(data_dict.get(name) or 0)
    except (TypeError, ValueError):
        return  # not a number: CKAN's validators say so
    if value > BIGINT_MAX:
        raise tk.ValidationError({name: [tk._("Must be a whole number from 0 to {maximum}").format(
            maximum=BIGINT_MAX)]})


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
