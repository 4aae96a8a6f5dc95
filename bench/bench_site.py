"""The benchmarks' CKAN: the test configuration (test.ini, whose databases a
benchmark may empty) with the given plugins, inside a request context."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]


@contextlib.contextmanager
def bench_site(plugins: str) -> Iterator[None]:
    from ckan.cli import load_config
    from ckan.config.middleware import make_app
    config = load_config(os.environ.get("SEOULPLAZA_BENCH_INI") or str(ROOT / "test.ini"))  # a helper's own test.ini
    config["ckan.plugins"] = plugins
    app = make_app(config)
    with app._wsgi_app.test_request_context():
        yield
