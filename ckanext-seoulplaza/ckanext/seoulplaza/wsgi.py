"""The portal as a WSGI application, for a production WSGI server.

``bin/setup`` serves it with gunicorn (settings in ``config/gunicorn.conf.py``,
the ini named by ``CKAN_INI``)::

    CKAN_INI=config/ckan.ini gunicorn -c config/gunicorn.conf.py

Each worker process builds its own app (gunicorn does not preload it), so no
database or Redis connection is shared across a fork.

gunicorn listens on a unix socket behind nginx (``config/nginx.conf.tmpl``),
which replaces ``X-Forwarded-For`` with the client's address: werkzeug's
``ProxyFix`` trusts that one hop, so per-address limits count clients, not
the proxy. Every PostgreSQL connection of a web process runs each statement
for at most ``ckanext.seoulplaza.web.statement_timeout`` (below gunicorn's
``timeout``) and is cancelled when its worker goes away
(``security/bulkhead.py``): no query outlives the request it serves.
"""
from __future__ import annotations

import os
from logging.config import fileConfig
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.cli import CKANConfigLoader
from ckan.config.middleware import make_app
from werkzeug.middleware.proxy_fix import ProxyFix

from ckanext.seoulplaza.security.bulkhead import WEB_STATEMENT_TIMEOUT, bound_connections

# Milliseconds after which PostgreSQL checks that a running query's client is still there.
CLIENT_CHECK_INTERVAL = 1000


def make_application() -> Any:
    """CKAN's WSGI app built from the ini ``$CKAN_INI`` names, with its logging,
    behind one trusted proxy, its statements bounded.

    :raises KeyError: ``CKAN_INI`` is not set
    """
    ini = os.environ["CKAN_INI"]
    # As ckan.cli.load_config, but keeping the server's own loggers (its access log).
    fileConfig(ini, disable_existing_loggers=False)
    # Before the app opens its first connection; the option is read when one opens.
    bound_connections(lambda: tk.config.get(WEB_STATEMENT_TIMEOUT), check_client_every=CLIENT_CHECK_INTERVAL)
    return ProxyFix(make_app(CKANConfigLoader(ini).get_config()), x_for=1, x_proto=1)
