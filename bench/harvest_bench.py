"""Harvest throughput on this machine: records per second for metadata-only
records (내부행정시스템: 사전정보공표 + 정책연구자료) and for records with a
document to mask and convert to PDF (업무관리시스템: 결재문서).

Uses the *test* databases (test.ini), which it empties: run it with the test
suite idle.   .venv/bin/python bench/harvest_bench.py [--data-dir DIR]
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench_site import ROOT, bench_site

PLUGINS = ("seoulplaza_search seoulplaza scheming_datasets datastore activity harvest "
           "seoulplaza_edms seoulplaza_minutes seoulplaza_budget seoulplaza_admin")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared/data/seoul-opengov")
    args = parser.parse_args()

    with bench_site(PLUGINS):
        from ckan import model
        from ckan.tests.helpers import reset_db
        from ckan.cli.db import _run_migrations
        from ckanext.seoulplaza import demo, themes
        from ckanext.seoulplaza.agencies import SEOUL, Agency, AgencyRegister
        from harvesters import run
        from harvesters.standins import build, serve

        reset_db()
        for plugin in ("activity", "harvest"):
            _run_migrations(plugin)
        context = demo.site_context()
        themes.ensure_theme_groups(context)
        AgencyRegister(context).ensure(Agency(SEOUL, "서울특별시"))
        for system, harvester, what in (("admin", "seoulplaza_admin", "metadata-only"),
                                        ("edms", "seoulplaza_edms", "with a document (mask + PDF)")):
            store = build(system, args.data_dir)
            if system == "admin":  # the two real lists only: no documents
                store.records = {k: r for k, r in store.records.items() if not r.get("attachments")}
            served = serve(store)
            (source,) = run.ensure_sources({harvester: served.url})
            start = time.perf_counter()
            summary = run.run_source(source)
            elapsed = time.perf_counter() - start
            print(f"{what:30s} {summary.created:4d} records in {elapsed:6.1f} s = "
                  f"{summary.created / elapsed:6.1f} records/s  (errors {len(summary.errors)})")
            start = time.perf_counter()
            again = run.run_source(source)
            print(f"{'  re-harvest, nothing changed':30s} {again.unchanged:4d} records in "
                  f"{time.perf_counter() - start:6.2f} s")
            served.stop()
        model.Session.remove()


if __name__ == "__main__":
    main()
