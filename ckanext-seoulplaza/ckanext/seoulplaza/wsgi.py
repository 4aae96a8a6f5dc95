"""The portal as a WSGI application, for a production WSGI server.

``bin/setup`` serves it with gunicorn (settings in ``config/gunicorn.conf.py``,
the ini named by ``CKAN_INI``)::

    CKAN_INI=config/ckan.ini gunicorn -c config/gunicorn.conf.py

Each worker process builds its own app (gunicorn does not preload it), so no
database or Redis connection is shared across a fork.
"""
from __future__ import annotations

import os
from logging.config import fileConfig
from typing import Any

from ckan.cli import CKANConfigLoader
from ckan.config.middleware import make_app


def make_application() -> Any:
    """CKAN's WSGI app built from the ini ``$CKAN_INI`` names, with its logging.

    :raises KeyError: ``CKAN_INI`` is not set
    """
    ini = os.environ["CKAN_INI"]
    # As ckan.cli.load_config, but keeping the server's own loggers (its access log).
    fileConfig(ini, disable_existing_loggers=False)
    return make_app(CKANConfigLoader(ini).get_config())
