"""gunicorn's settings for the portal bin/setup runs (docker runs uWSGI with
the same shape: docker/ckan/entrypoint.sh).

Sync workers, one request each at a time: gunicorn kills and replaces a sync
worker whose request runs past ``timeout`` (for its threaded and async
workers the timeout only watches the process, not a request). Heavy DataStore
queries are bounded below that, per query (security/datastore_limits.py), and
take at most ``ckanext.seoulplaza.datastore.sql_concurrency`` workers, fewer
than ``workers``, so ordinary pages always find a free one.
"""
import os

wsgi_app = "ckanext.seoulplaza.wsgi:make_application()"
bind = "127.0.0.1:5000"                                # bin/setup passes --bind with $SEOULPLAZA_PORT
workers = int(os.environ.get("WEB_CONCURRENCY", 4))   # gunicorn's own variable for it
worker_class = "sync"
timeout = 30            # seconds one request may hold a worker
graceful_timeout = 5    # on TERM (bin/stop), then the workers are killed
limit_request_line = 8190   # a long GET query string (8 KiB, as common proxies), not gunicorn's 4 KiB
accesslog = "-"         # stdout, with CKAN's log on stderr: .local/log/ckan.log
