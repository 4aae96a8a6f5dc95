import datetime as dt
import shutil
import tempfile
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from ckanext.seoulplaza import demo, themes
from ckanext.seoulplaza.agencies import SEOUL, Agency, AgencyRegister
from harvesters import run
from harvesters.standins import build, serve

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data" / "seoul-opengov"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"


SEARCH_BACKENDS = ("postgres", "solr")


def pytest_addoption(parser):
    parser.addoption("--search-backend", choices=SEARCH_BACKENDS,
                     help="run on this search backend instead of the --ckan-ini's (solr: bin/solr start)")
    parser.addoption("--solr-url", default="http://127.0.0.1:8983/solr/ckan",
                     help="the Solr core or collection of --search-backend=solr")


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session):
    """With --search-backend, CKAN's pytest plugin loads a small ini that uses
    the --ckan-ini and sets the backend (and solr_url) over it."""
    options = session.config.option
    if options.search_backend and options.ckan_ini:
        base = Path(options.ckan_ini).resolve()
        logging_sections = base.read_text(encoding="utf-8").partition("\n[loggers]")[2]
        folder = tempfile.mkdtemp(prefix="seoulplaza-search-")
        session.config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
        ini = Path(folder) / f"test-{options.search_backend}.ini"
        ini.write_text("[app:main]\n"
                       f"use = config:{base}\n"
                       f"ckanext.seoulplaza.search_backend = {options.search_backend}\n"
                       + (f"solr_url = {options.solr_url}\n" if options.search_backend == "solr" else "")
                       + (f"\n[loggers]{logging_sections}" if logging_sections else ""),
                       encoding="utf-8")
        options.ckan_ini = str(ini)


def pytest_configure(config):
    config.addinivalue_line("markers", "search_backend(*names): runs only on these search backends")


def pytest_collection_modifyitems(config, items):
    """Tests marked ``search_backend("postgres")`` test one backend's internals:
    skipped when the run is on another."""
    from ckan.common import config as ckan_config
    running = ckan_config.get("ckanext.seoulplaza.search_backend")
    for item in items:
        mark = item.get_closest_marker("search_backend")
        if mark and running not in mark.args:
            item.add_marker(pytest.mark.skip(reason=f"about the {'/'.join(mark.args)} search backend; running on {running}"))


@pytest.fixture(scope="session")
def seoul_data() -> Path:
    """The real Seoul open-government lists (../shared/data/seoul-opengov)."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"shared data missing: {SHARED_DATA}")
    return SHARED_DATA


# The portal's plugins with the harvesters; tests that harvest from the stand-ins run with these.
PLUGINS = ("seoulplaza_search seoulplaza scheming_datasets datastore datatables_view activity harvest "
           "seoulplaza_edms seoulplaza_minutes seoulplaza_budget seoulplaza_admin")
HARVESTER = {"edms": "seoulplaza_edms", "minutes": "seoulplaza_minutes",
             "budget": "seoulplaza_budget", "admin": "seoulplaza_admin"}


@pytest.fixture
def harvest_db(clean_db, clean_index, clean_datastore, migrate_db_for, with_plugins):
    migrate_db_for("activity")
    migrate_db_for("harvest")
    context = demo.site_context()
    themes.ensure_theme_groups(context)
    AgencyRegister(context).ensure(Agency(SEOUL, "서울특별시"))


@pytest.fixture
def standin(seoul_data, harvest_db, ckan_config, monkeypatch):
    """standin(system, keep=n or ids): a stand-in serving part of its seeded
    records, configured as its system's source (``source_urls``), and its
    harvest source; stopped after the test."""
    running = []

    def start(system, keep=None, today=None):
        store = build(system, seoul_data, today or dt.date.today())
        if keep is not None:
            ids = list(store.records)[:keep] if isinstance(keep, int) else list(keep)
            store.records = {i: store.records[i] for i in ids}
        served = serve(store)
        running.append(served)
        configured = ckan_config.get("ckanext.seoulplaza.source_urls") or ""
        monkeypatch.setitem(ckan_config, "ckanext.seoulplaza.source_urls",
                            f"{configured} {HARVESTER[system]}={served.url}".strip())
        (name,) = run.ensure_sources({HARVESTER[system]: served.url})
        served.source = name
        return served

    yield start
    for served in running:
        served.stop()


@pytest.fixture
def live_server(app):
    """The test app (with its middleware: /en/ URLs) served on a free port, for
    clients outside the process: a browser, ckanapi."""
    server = make_server("127.0.0.1", 0, app.app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def browser():
    """Debian's chromium, driven by Playwright (no browser download)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is missing: bin/test installs it (Debian package chromium)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def csp_violations(page) -> list[str]:
    """The Content-Security-Policy refusals the page reports from now on (the
    portal's policy must not break its own pages)."""
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    return refused


def screenshot(page, name: str) -> None:
    """A full-page screenshot in test-artifacts/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


# CKAN's DataStore fixture (it lives in ckanext/datastore's test conftest, not in the pytest plugin).
from ckanext.datastore.tests.conftest import clean_datastore  # noqa: E402,F401
