"""The one place where CKAN's search is routed to PostgreSQL.

CKAN has no interface for a search backend; ``ckan.lib.search`` builds Solr
documents and queries and hands them to ``make_connection()``. We replace that
function (in every module that imported it) with one returning
``PostgresSolrConnection``, and the start-up Solr schema check with a no-op.
Everything else – document building, ``before_dataset_index``, permission
labels, query validation – stays CKAN's own. ``tests/search/test_seam_contract.py``
fails loudly if an upgrade moves any of these names.
"""
from __future__ import annotations

import importlib
import logging
from typing import Any, Callable

from . import connection

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


def make_connection(decode_dates: bool = True) -> connection.PostgresSolrConnection:
    return connection.PostgresSolrConnection(decode_dates)


def check_schema_version(schema_file: Any = None) -> bool:
    """No Solr to ask at start-up; a given schema file is still checked by CKAN."""
    if schema_file:
        return _originals[SCHEMA_CHECK_SITE](schema_file)
    return False


def _replacements() -> dict[tuple[str, str], Callable[..., Any]]:
    sites: dict[tuple[str, str], Callable[..., Any]] = {site: make_connection for site in CONNECTION_SITES}
    sites[SCHEMA_CHECK_SITE] = check_schema_version
    return sites


def install() -> None:
    if _originals:
        return
    for (module_name, attr), replacement in _replacements().items():
        module = importlib.import_module(module_name)
        _originals[(module_name, attr)] = getattr(module, attr)
        setattr(module, attr, replacement)
    connection.watch_commits()
    log.info("CKAN search routed to PostgreSQL")


def uninstall() -> None:
    for (module_name, attr), original in _originals.items():
        setattr(importlib.import_module(module_name), attr, original)
    _originals.clear()
    connection.unwatch_commits()


def installed() -> bool:
    return bool(_originals)
