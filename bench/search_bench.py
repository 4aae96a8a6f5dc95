"""Benchmark both search backends in one run: indexing rate and query latency.

The same documents — generated from the real approval-document titles (shared
data) with random departments, years, classes and ~60-word bodies — are written
to PostgreSQL (``PostgresSolrConnection``, the test database) and to Solr
(``pysolr`` on ``--solr-url``, a node of ``bin/solr start``) under a separate
``site_id``; the same queries, with the parameters CKAN sends (dismax, ``mm``,
the visibility filters, top 20, three facets) are timed on both, and the
ratio is printed. The documents are removed afterwards (``--keep`` keeps them).

Run: ``bin/solr start; .venv/bin/python bench/search_bench.py [N] [--ckan-ini test.ini]
[--solr-url http://127.0.0.1:8983/solr/ckan] [--keep]``.
"""
from __future__ import annotations

import argparse
import csv
import random
import statistics
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE = "bench"
QUERIES = {"selective (noun+particle)": "노숙인의", "medium": "제설대책", "broad": "서울",
           "two nouns": "수도계량기 교체"}
BATCH = 1000
REPEAT = 15


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


def index(conn, docs: list[dict]) -> float:
    """Seconds to add every document, committing each batch of 1,000 (searchable at the end)."""
    started = time.perf_counter()
    for i in range(0, len(docs), BATCH):
        conn.add(docs[i:i + BATCH], commit=True)
    return time.perf_counter() - started


def query_times(conn) -> dict[str, tuple[int, float, float]]:
    """Per query: (hits, p50 ms, p95 ms) over REPEAT runs, CKAN's parameters."""
    params = {"fq": [f'+site_id:"{SITE}"', "+capacity:public", '+permission_labels:("public")'],
              "defType": "dismax", "qf": "name^4 title^4 tags^2 groups^2 text", "q.op": "AND",
              "mm": "2<-1 5<80%", "tie": "0.1", "rows": 20, "sort": "score desc, metadata_modified desc",
              "facet": "true", "facet.field": ["organization", "tags", "dataset_type"], "facet.limit": 50,
              "facet.mincount": 1, "fl": "id name", "wt": "json"}
    out = {}
    for label, q in QUERIES.items():
        times, hits = [], 0
        for _ in range(REPEAT):
            t = time.perf_counter()
            hits = conn.search(q, **params).hits
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        out[label] = (hits, statistics.median(times), times[int(len(times) * 0.95) - 1])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=50_000)
    parser.add_argument("--ckan-ini", default=str(ROOT / "test.ini"))
    parser.add_argument("--solr-url", default="http://127.0.0.1:8983/solr/ckan")
    parser.add_argument("--keep", action="store_true", help="keep the documents (to EXPLAIN by hand)")
    args = parser.parse_args()

    from ckan.cli import load_config
    from ckan.config.middleware import make_app
    make_app(load_config(args.ckan_ini))
    import pysolr
    import sqlalchemy as sa
    from ckan import model
    from ckanext.seoulplaza.search import store
    from ckanext.seoulplaza.search.connection import PostgresSolrConnection

    with (ROOT.parent / "shared/data/seoul-opengov/info_list2021/20210104_20210110_info_list2.csv").open() as f:
        titles = [r["title"] for r in csv.DictReader(f)]
    docs = list(documents(args.n, titles))
    backends = {"PostgreSQL": PostgresSolrConnection(), "Solr": pysolr.Solr(args.solr_url, timeout=600)}
    results = {}
    for name, conn in backends.items():
        conn.delete(q=f'site_id:"{SITE}"', commit=True)
        seconds = index(conn, docs)
        if name == "PostgreSQL":
            model.Session.commit()
            with model.meta.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as db:
                db.execute(sa.text(f"VACUUM ANALYZE {store.TABLE}"))  # as autovacuum would after a bulk load
        results[name] = (args.n / seconds, query_times(conn))
        print(f"{name}: indexed {args.n} documents in {seconds:.1f} s: {args.n / seconds:.0f} documents/s")
        for label, (hits, p50, p95) in results[name][1].items():
            print(f"  {label:28s} q={QUERIES[label]!r:16s} hits={hits:6d}  p50={p50:7.1f} ms  p95={p95:7.1f} ms"
                  "  (top 20 + count + 3 facets)")
    (pg_rate, pg_q), (solr_rate, solr_q) = results["PostgreSQL"], results["Solr"]
    print("Solr / PostgreSQL, same documents and queries:")
    print(f"  indexing rate            x{solr_rate / pg_rate:.2f}")
    for label in QUERIES:
        print(f"  {label:24s} p50 time x{solr_q[label][1] / pg_q[label][1]:.2f}"
              f"   hits {solr_q[label][0]} vs {pg_q[label][0]}")
    if not args.keep:
        for conn in backends.values():
            conn.delete(q=f'site_id:"{SITE}"', commit=True)


if __name__ == "__main__":
    main()
