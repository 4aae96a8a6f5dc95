"""gunicorn's settings for the portal bin/setup runs (docker runs uWSGI with
the same shape: docker/ckan/entrypoint.sh).

Sync workers, one request each at a time: gunicorn kills and replaces a sync
worker whose request runs past ``timeout`` (for its threaded and async
workers the timeout only watches the process, not a request). A sync worker
reading a slow client is held by it, so gunicorn listens only on a unix socket
behind nginx (config/nginx.conf.tmpl), which reads each request whole first.
Heavy requests (searches, DataStore queries) take at most
``ckanext.seoulplaza.heavy_requests.concurrency`` workers (4), fewer than
``workers``, so ordinary pages always find a free one, and every statement
of a worker ends before ``timeout`` (security/bulkhead.py).
"""
import os

wsgi_app = "ckanext.seoulplaza.wsgi:make_application()"
bind = "unix:.local/run/ckan.sock"                     # bin/setup passes --bind with the full path
umask = 0o077  # the socket is its owner's alone: no other local user may bypass the proxy
# ~125 MB each (RSS, measured after the flood tests): 8 take ~1 GB of the 24 GB machine
workers = int(os.environ.get("WEB_CONCURRENCY", 8))   # gunicorn's own variable for it
worker_class = "sync"
timeout = 30            # seconds one request may hold a worker (statements end by 25 s: wsgi.py)
graceful_timeout = 5    # on TERM (bin/stop), then the workers are killed
limit_request_line = 8190   # a long GET query string (8 KiB, as common proxies), not gunicorn's 4 KiB
accesslog = "-"         # stdout, with CKAN's log on stderr: .local/log/ckan.log
