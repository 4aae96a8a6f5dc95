"""The one place where CKAN's search is routed to PostgreSQL (or its Solr connection wrapped).

CKAN has no interface for a search backend; ``ckan.lib.search`` builds Solr
documents and queries and hands them to ``make_connection()``. We replace that
function (in every module that imported it) with one returning
``PostgresSolrConnection``, and the start-up Solr schema check with a no-op.
On Solr, ``make_connection()`` returns CKAN's own pysolr connection wrapped so
that a query Solr refuses is a Search Query Error in words (``solr.py``).
Everything else – document building, ``before_dataset_index``, permission
labels, query validation – stays CKAN's own. ``tests/search/test_seam_contract.py``
fails loudly if an upgrade moves any of these names.
"""
from __future__ import annotations

import importlib
import logging
from typing import Any, Callable

from . import connection, solr

log = logging.getLogger(__name__)

# (module, attribute) pairs replaced while the PostgreSQL backend is active.
CONNECTION_SITES = (
    ("ckan.lib.search.common", "make_connection"),
    ("ckan.lib.search.index", "make_connection"),
    ("ckan.lib.search.query", "make_connection"),
    ("ckan.lib.search", "make_connection"),
)
SCHEMA_CHECK_SITE = ("ckan.lib.search", "check_solr_schema_version")

_originals: dict[tuple[str, str], Any] = {}
_installed: list[str] = []  # the backend routed to, while one is


def make_connection(decode_dates: bool = True) -> connection.PostgresSolrConnection:
    return connection.PostgresSolrConnection(decode_dates)


def check_schema_version(schema_file: Any = None) -> bool:
    """No Solr to ask at start-up; a given schema file is still checked by CKAN."""
    if schema_file:
        return _originals[SCHEMA_CHECK_SITE](schema_file)
    return False


def _replacements(backend: str) -> dict[tuple[str, str], Callable[..., Any]]:
    if backend == "solr":
        return {site: solr.make_connection for site in CONNECTION_SITES}
    sites: dict[tuple[str, str], Callable[..., Any]] = {site: make_connection for site in CONNECTION_SITES}
    sites[SCHEMA_CHECK_SITE] = check_schema_version
    return sites


def install(backend: str = "postgres") -> None:
    """Route CKAN's search to ``backend`` ("postgres" or "solr"); again is a no-op."""
    if _installed == [backend]:
        return
    uninstall()
    for (module_name, attr), replacement in _replacements(backend).items():
        module = importlib.import_module(module_name)
        _originals[(module_name, attr)] = getattr(module, attr)
        setattr(module, attr, replacement)
    _installed[:] = [backend]
    if backend == "postgres":
        connection.watch_commits()
    log.info("CKAN search routed to %s", backend)


def uninstall() -> None:
    for (module_name, attr), original in _originals.items():
        setattr(importlib.import_module(module_name), attr, original)
    _originals.clear()
    if _installed == ["postgres"]:
        connection.unwatch_commits()
    _installed.clear()


def installed() -> bool:
    """Whether CKAN's search goes to PostgreSQL."""
    return _installed == ["postgres"]
