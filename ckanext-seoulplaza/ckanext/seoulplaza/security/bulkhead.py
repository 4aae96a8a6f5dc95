"""Heavy requests take a bounded share of the web workers (a bulkhead), and no
statement of theirs outlives its request.

gunicorn's sync workers serve one request each, so a request that keeps
PostgreSQL busy for seconds holds a worker for as long. Two walls:

* **Slots.** A request whose cost its caller chooses — a search
  (``package_search``, the search page of every dataset type, organization and
  group pages, ckanext-dcat's ``/catalog.*`` and ``dcat_catalog_search``, the
  custom Atom feed) or a DataStore query (``datastore_search``,
  ``datastore_search_sql``, ``/datastore/dump``, the table preview's
  ``datatables`` calls) — takes slots before its view runs: one of
  ``ckanext.seoulplaza.heavy_requests.per_client`` for the client's address
  (IPv6 by its /64), one of the class's own cap where it has one
  (``datastore_search_sql``: ``ckanext.seoulplaza.datastore.sql_concurrency``)
  and one of ``ckanext.seoulplaza.heavy_requests.concurrency`` shared by every
  worker process. That cap is below gunicorn's worker count, so ordinary pages
  always find a free worker. Slots are Redis locks (redis-py's ``Lock``), held
  until the request ends and expiring on their own a little after the longest a
  request can live, so the slot of a killed worker comes back. A request that
  finds no free slot is turned away at once, not queued on a worker: HTTP 429
  with ``Retry-After`` and a Korean message (JSON for the API).
* **Statement timeouts per connection** (``bound_connections``): every new
  PostgreSQL connection gets a ``statement_timeout`` in libpq's start-up
  options, so it holds for every statement, also those CKAN runs before it sets
  a query's own timeout (the EXPLAIN of ``datastore_search_sql``), and may get
  ``client_connection_check_interval``, so PostgreSQL cancels the query of a
  client that went away (a worker gunicorn killed). Bounded connections do not
  JIT-compile (``jit = off``): PostgreSQL cannot cancel a statement while LLVM
  compiles it, and a query of a thousand OR'd clauses compiled for 36 s before
  its first row, past any timeout (with ``jit`` off it ran in 0.14 s). ``wsgi.py`` bounds every
  connection of the web processes a little below gunicorn's request timeout
  (``ckanext.seoulplaza.web.statement_timeout``); ``datastore_limits`` bounds
  the DataStore read role's. The CLI, harvest and jobs keep their long
  statements.
"""
from __future__ import annotations

import logging
import math
import re
from contextlib import suppress
from typing import Any, Callable, Optional

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan.lib.redis import connect_to_redis
from flask import g, request
from redis.exceptions import LockError
from redis.lock import Lock

from . import limiter
from .login_throttle import address_key

log = logging.getLogger(__name__)

# API actions and page endpoints whose cost the caller chooses (a query, filters, SQL).
HEAVY_ACTIONS = frozenset({"package_search", "datastore_search", "datastore_search_sql", "dcat_catalog_search"})
HEAVY_ENDPOINTS = frozenset({"organization.read", "group.read", "dcat.read_catalog", "datastore.dump",
                             "datatablesview.ajax", "datatablesview.filtered_download", "feeds.custom"})
# Classes with a cap of their own besides the shared one: the option that sets it.
CLASS_CAPS = {"datastore_search_sql": "ckanext.seoulplaza.datastore.sql_concurrency"}
CONCURRENCY = "ckanext.seoulplaza.heavy_requests.concurrency"
PER_CLIENT = "ckanext.seoulplaza.heavy_requests.per_client"
WEB_STATEMENT_TIMEOUT = "ckanext.seoulplaza.web.statement_timeout"
# The statement timeouts of the heavy classes: a turned-away caller may retry after the longest.
HEAVY_TIMEOUTS = ("ckanext.seoulplaza.search.statement_timeout", "ckanext.seoulplaza.datastore.statement_timeout")
# A slot outlives the longest statement of a web worker by this much before Redis frees it on
# its own (only needed when its worker was killed): past gunicorn's request timeout.
SLOT_MARGIN_SECONDS = 10


def heavy_class(endpoint: Optional[str], view_args: Optional[dict[str, Any]]) -> Optional[str]:
    """The heavy class of a request (the action's or the endpoint's name), or None for an
    ordinary one."""
    if endpoint == "api.action":
        action = (view_args or {}).get("logic_function")
        return action if action in HEAVY_ACTIONS else None
    if endpoint and (endpoint in HEAVY_ENDPOINTS or endpoint.endswith(".search")):
        return endpoint
    return None


def take_slot(name: str, capacity: int, seconds: float) -> Optional[Lock]:
    """One of ``capacity`` slots called ``name``, shared by every process through Redis and
    expiring after ``seconds``; None when all are taken. Give it back with ``give_back``."""
    redis = connect_to_redis()
    prefix = f"{tk.config.get('ckan.site_id')}:seoulplaza:slot:{name}:"
    for index in range(capacity):
        lock = redis.lock(f"{prefix}{index}", timeout=seconds)
        if lock.acquire(blocking=False):
            return lock
    return None


def give_back(lock: Lock) -> None:
    with suppress(LockError):  # expired meanwhile: already free
        lock.release()


def slot_seconds() -> float:
    """How long a slot may be held: the longest statement of a web worker plus a margin."""
    return tk.config.get(WEB_STATEMENT_TIMEOUT) / 1000 + SLOT_MARGIN_SECONDS


def retry_after() -> int:
    """Seconds after which a turned-away request may find a slot: the longest a heavy
    statement may run."""
    timeouts = [tk.config.get(key) for key in HEAVY_TIMEOUTS]
    return max(1, math.ceil(max((t for t in timeouts if t), default=1000) / 1000))


def _walls(kind: str) -> list[tuple[str, int, Callable[[int], str]]]:
    """(slot name, capacity, refusal message for that capacity) in the order they are taken."""
    walls = [(f"client:{address_key(request.remote_addr)}", tk.config.get(PER_CLIENT), lambda count: tk._(
        "{count} searches or data queries from your address are already running, the most at one "
        "time. Try again in a few seconds.").format(count=count))]
    if kind in CLASS_CAPS:
        walls.append((kind, tk.config.get(CLASS_CAPS[kind]), lambda count: tk._(
            "{count} SQL queries are running, the most at one time. Try again in a few seconds."
        ).format(count=count)))
    walls.append(("all", tk.config.get(CONCURRENCY), lambda count: tk._(
        "The portal is answering as many searches and data queries as it can at one time "
        "({count}). Try again in a few seconds.").format(count=count)))
    return walls


def admit() -> Any:
    """before_request: take the slots of a heavy request, or turn it away (429)."""
    kind = heavy_class(request.endpoint, request.view_args)
    if kind is None:
        return None
    held: list[Lock] = []
    for name, capacity, refusal in _walls(kind):
        lock = take_slot(name, capacity, slot_seconds())
        if lock is None:
            for taken in held:
                give_back(taken)
            log.warning("%s from %s turned away: the %s slots (%s) are taken", kind, request.remote_addr,
                        name, capacity)
            return limiter.too_many_requests(refusal(capacity), retry_after(), tk._("Too many requests"))
        held.append(lock)
    g.seoulplaza_slots = held
    return None


def leave(_error: Optional[BaseException] = None) -> None:
    """teardown_request: give back the request's slots."""
    for lock in reversed(g.pop("seoulplaza_slots", [])):
        give_back(lock)


def install(app: Any) -> None:
    app.before_request(admit)
    app.teardown_request(leave)


# Statement timeouts per connection --------------------------------------------------------

# database URL (None: every connection) -> (a function giving the statement timeout in ms,
# the client check interval in ms or None)
_BOUNDS: dict[Optional[str], tuple[Callable[[], Optional[int]], Optional[int]]] = {}
_TIMEOUT_OPTION = re.compile(r"-c\s*statement_timeout=(\d+)")


def bound_connections(milliseconds: Callable[[], Optional[int]], database_url: Optional[str] = None,
                      check_client_every: Optional[int] = None) -> None:
    """Every PostgreSQL connection opened from now on in this process (to ``database_url``'s
    user, host, port and database only, if given) runs each statement for at most
    ``milliseconds()`` ms (the smallest bound that applies wins; None or 0: no bound from this
    call) without JIT compilation, and, with ``check_client_every`` (ms), has its query cancelled that soon after its
    client went away. Applied at connect (libpq ``options``), so connections already open keep
    their settings. Calling it again for the same ``database_url`` replaces the bound."""
    _BOUNDS[database_url] = (milliseconds, check_client_every)
    if not sa.event.contains(sa.engine.Engine, "do_connect", _bound):
        sa.event.listen(sa.engine.Engine, "do_connect", _bound)


def _same_database(cparams: dict[str, Any], url: str) -> bool:
    target = sa.engine.make_url(url)
    return (cparams.get("user"), cparams.get("dbname"), cparams.get("host"), int(cparams.get("port") or 5432)) \
        == (target.username, target.database, target.host, int(target.port or 5432))


def _bound(dialect: Any, _record: Any, _cargs: Any, cparams: dict[str, Any]) -> None:
    if dialect.name != "postgresql":
        return
    options = cparams.get("options", "")
    timeouts = [int(found) for found in _TIMEOUT_OPTION.findall(options)]
    checks: list[int] = []
    for url, (milliseconds, check_client_every) in _BOUNDS.items():
        if url is None or _same_database(cparams, url):
            timeouts.extend(t for t in [milliseconds()] if t)
            checks.extend(c for c in [check_client_every] if c)
    settings = ([f"-c statement_timeout={min(timeouts)} -c jit=off"] if timeouts else []) \
        + ([f"-c client_connection_check_interval={min(checks)}"] if checks else [])
    if settings:
        cparams["options"] = " ".join([_TIMEOUT_OPTION.sub("", options).strip(), *settings]).strip()
