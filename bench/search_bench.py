"""Benchmark the PostgreSQL search backend: indexing rate and query latency.

Documents are generated from the real approval-document titles (shared data) with
random departments, years, classes and ~500-character bodies, written through
``PostgresSolrConnection`` under a separate ``site_id`` in the test database and
removed afterwards. Run: ``.venv/bin/python bench/search_bench.py [N]``.
"""
from __future__ import annotations

import csv
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE = "bench"
QUERIES = {"selective (noun+particle)": "노숙인의", "medium": "제설대책", "broad": "서울",
           "two nouns": "수도계량기 교체"}


def documents(n: int, titles: list[str]):
    rng = random.Random(42)
    depts = [f"부서{i:03d}" for i in range(300)]
    words = " ".join(titles).split()
    for i in range(n):
        title = rng.choice(titles)
        yield {
            "id": str(uuid.UUID(int=rng.getrandbits(128))), "index_id": f"bench-{i}", "site_id": SITE,
            "name": f"bench-{i}", "title": title, "title_string": title, "entity_type": "package",
            "dataset_type": "sanction", "state": "active", "capacity": "public",
            "permission_labels": ["public"], "organization": rng.choice(depts),
            "notes": " ".join(rng.choice(words) for _ in range(60)),
            "metadata_created": f"{rng.randint(2010, 2022)}-01-01T00:00:00Z",
            "metadata_modified": f"{rng.randint(2010, 2022)}-06-01T00:00:00Z",
            "tags": [rng.choice(["공개", "부분공개", "비공개"])], "validated_data_dict": "{}",
        }


def main(n: int) -> None:
    from ckan.cli import load_config
    from ckan.config.middleware import make_app
    make_app(load_config(str(ROOT / "test.ini")))
    from ckan import model
    import sqlalchemy as sa
    from ckanext.seoulplaza.search import store
    from ckanext.seoulplaza.search.connection import PostgresSolrConnection

    with (ROOT.parent / "shared/data/seoul-opengov/info_list2021/20210104_20210110_info_list2.csv").open() as f:
        titles = [r["title"] for r in csv.DictReader(f)]
    conn = PostgresSolrConnection()
    conn.delete(q=f'site_id:"{SITE}"')
    started = time.perf_counter()
    batch = []
    for doc in documents(n, titles):
        batch.append(doc)
        if len(batch) == 1000:
            conn.add(batch, commit=True)
            batch = []
    if batch:
        conn.add(batch, commit=True)
    elapsed = time.perf_counter() - started
    print(f"indexed {n} documents in {elapsed:.1f} s: {n / elapsed:.0f} documents/s")
    model.Session.commit()
    with model.meta.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as db:
        db.execute(sa.text(f"VACUUM ANALYZE {store.TABLE}"))  # as autovacuum would after a bulk load
    params = {"fq": [f'+site_id:"{SITE}"', "+capacity:public", '+permission_labels:("public")'],
              "defType": "dismax", "mm": "2<-1 5<80%", "rows": 20, "sort": "score desc, metadata_modified desc",
              "facet.field": ["organization", "tags", "dataset_type"], "facet.limit": 50, "fl": "id name"}
    for label, q in QUERIES.items():
        times, hits = [], 0
        for _ in range(15):
            t = time.perf_counter()
            hits = conn.search(q, **params).hits
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        print(f"{label:28s} q={q!r:16s} hits={hits:6d}  p50={statistics.median(times):7.1f} ms"
              f"  p95={times[int(len(times) * 0.95) - 1]:7.1f} ms  (top 20 + count + 3 facets)")
    if "--keep" not in sys.argv:  # keep the documents to EXPLAIN queries by hand
        conn.delete(q=f'site_id:"{SITE}"')


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
