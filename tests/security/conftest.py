"""Shared fixtures of the security tests: each test replays an attack against
the real stack (CKAN app, PostgreSQL, Redis, the jobs worker)."""
from __future__ import annotations

import configparser
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
from ckan.tests import factories, helpers
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from ckanext.seoulplaza import demo

# The small harvested plaza and the participation fixtures, for attacks on them.
from tests.plaza.conftest import (complaints, mailbox, participation_db, people, plaza,  # noqa: F401
                                  private_record)

# An address outside every private, loopback and reserved range, put on this
# machine's loopback interface for the test: to the outbound policy it is the
# public internet, and nothing leaves the machine.
PUBLIC_ADDRESS = "203.0.114.2"


@dataclass
class Served:
    """A real HTTP server: ``routes`` maps a path to (status, headers, body);
    every request's path is recorded in ``hits``."""
    url: str
    routes: dict[str, tuple[int, dict, bytes]] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)
    stop: Callable[[], None] = lambda: None


def _serve(host: str) -> Served:
    served = Served(url="")

    @Request.application
    def app(request: Request) -> Response:
        served.hits.append(request.full_path.rstrip("?"))
        status, headers, body = served.routes.get(request.path, (404, {}, b"not here"))
        return Response(body, status=status, headers=headers)

    server = make_server(host, 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    served.url = f"http://{host}:{server.server_port}"
    served.stop = server.shutdown
    return served


@pytest.fixture
def internal_server():
    """An internal service on loopback holding a secret at every path it knows."""
    served = _serve("127.0.0.1")
    yield served
    served.stop()


@pytest.fixture
def public_server():
    """A server the outbound policy sees as public (see PUBLIC_ADDRESS)."""
    subprocess.run(["ip", "addr", "add", f"{PUBLIC_ADDRESS}/32", "dev", "lo"], check=False,
                   capture_output=True)  # may be there from an earlier interrupted run
    served = _serve(PUBLIC_ADDRESS)
    yield served
    served.stop()
    subprocess.run(["ip", "addr", "del", f"{PUBLIC_ADDRESS}/32", "dev", "lo"], check=False, capture_output=True)


# The DataStore limits config/ckan.ini.tmpl gives the portal, and a public table to attack.
def portal_datastore_limits() -> dict[str, str]:
    """The DataStore options the portal's config/ckan.ini.tmpl sets (@ROOT@ filled)."""
    root = Path(__file__).resolve().parents[2]
    template = configparser.ConfigParser(interpolation=None)
    template.optionxform = str
    template.read(root / "config" / "ckan.ini.tmpl", encoding="utf-8")
    wanted = ("ckanext.seoulplaza.datastore.", "ckan.datastore.search.rows_max", "ckan.datastore.sqlsearch.")
    return {key: value.replace("@ROOT@", str(root)) for key, value in template["app:main"].items()
            if key.startswith(wanted)}


TABLE_ROWS = 3000


@pytest.fixture
def public_table(app, harvest_db):
    """A public record with a DataStore table of a few thousand rows (n, label)."""
    org = factories.Organization()
    dataset = factories.Dataset(type="opendata", owner_org=org["id"], title="공개 측정표",
                                department="자료과", production_date="2024-01-01", disclosure_class="공개",
                                source_system="예산관리시스템", source_id="LIMITS-1")
    resource = factories.Resource(package_id=dataset["id"], url="", url_type="datastore", format="CSV")
    helpers.call_action("datastore_create", context=demo.site_context(), resource_id=resource["id"], force=True,
                        fields=[{"id": "n", "type": "int"}, {"id": "label", "type": "text"}],
                        records=[{"n": i, "label": f"행 {i}"} for i in range(TABLE_ROWS)])
    return dataset, resource
