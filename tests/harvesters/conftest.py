import datetime as dt

import pytest

from ckanext.seoulplaza import demo, themes
from ckanext.seoulplaza.agencies import SEOUL, Agency, AgencyRegister
from harvesters import run
from harvesters.standins import build, serve

PLUGINS = ("seoulplaza_search seoulplaza scheming_datasets datastore activity harvest "
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
def standin(seoul_data, harvest_db):
    """standin(system, keep=n or ids): a stand-in serving part of its seeded
    records, and its harvest source; stopped after the test."""
    running = []

    def start(system, keep=None, today=None):
        store = build(system, seoul_data, today or dt.date.today())
        if keep is not None:
            ids = list(store.records)[:keep] if isinstance(keep, int) else list(keep)
            store.records = {i: store.records[i] for i in ids}
        served = serve(store)
        running.append(served)
        (name,) = run.ensure_sources({HARVESTER[system]: served.url})
        served.source = name
        return served

    yield start
    for served in running:
        served.stop()
