"""DataStore load and query speed on this machine, beside PostgreSQL's own COPY.

Tables: the real 업무추진비 list (238 rows) and a generated table of the same
columns (default 1,000,000 rows, deterministic: the real rows with shifted
dates, departments and amounts). For each: rows/s for
  * PostgreSQL COPY of the CSV into a plain table (the reference, no CKAN);
  * the harvest path (datastore_create with typed fields and Korean labels,
    then datastore_upsert in chunks of 10,000 rows);
  * the steward upload path: the file masked as it arrives (uploads.mask_csv),
    then xloader's load_csv (COPY into typed columns named by tables.py) with
    its column indexes, as the jobs worker runs it (Korean headers);
then datastore_search latency (median of 20) for a department + month filter,
a full-text query and a plain page.

``--korean N`` instead measures Korean search on a table of N generated rows
(default 40,000) loaded by xloader: filling ``_full_text`` with CKAN's words
alone and with the plaza's bigrams, then per query (a common word, two
syllables, the end of a word, a rare place) the median latency and hits of
CKAN's word match, a prefix match, ILIKE without an index, pg_trgm's GIN
index (when the extension can be created) and ``datastore_search`` (bigrams).

Uses the *test* databases (test.ini, or $SEOULPLAZA_BENCH_INI), which it
empties: run it with the test suite idle.
    .venv/bin/python bench/datastore_bench.py [--rows N | --korean N]
"""
from __future__ import annotations

import argparse
import csv
import random
import statistics
import tempfile
import time
from pathlib import Path

from bench_site import ROOT, bench_site

PLUGINS = "seoulplaza_search seoulplaza scheming_datasets datastore xloader"
CHUNK = 10_000


def generated_rows(real: list[dict[str, str]], n: int):
    rng = random.Random("datastore-bench")
    departments = sorted({r["dept_nm_full"] for r in real})
    for i in range(n):
        row = dict(real[i % len(real)])
        month = 1 + i % 12
        row.update(nid=str(30_000_000 + i), exec_month=str(month),
                   dept_nm_full=departments[rng.randrange(len(departments))],
                   exec_dt=f"2020-{month:02d}-{1 + i % 28:02d} {rng.randrange(8, 22):02d}:{rng.randrange(60):02d}",
                   exec_amount=str(rng.randrange(10, 900) * 1000))
        yield row


def write_csv(rows, columns: list[str], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(c, "") for c in columns])
            count += 1
    return count


def xloader_path(source: Path, columns: list[str], labels: dict[str, str], n: int, copy_s: float, tmp: Path,
                 org: dict) -> str:
    """The steward's upload of the same table with Korean headers: masking, then
    xloader's load; returns the loaded resource's id."""
    import logging

    from ckan.tests import factories
    from ckanext.seoulplaza.uploads import mask_csv
    from ckanext.xloader import loader

    korean = tmp / "korean.csv"
    with source.open(encoding="utf-8", newline="") as f, korean.open("w", encoding="utf-8", newline="") as out:
        reader, writer = csv.reader(f), csv.writer(out)
        writer.writerow([labels[c] for c in next(reader)])
        writer.writerows(reader)
    start = time.perf_counter()
    masked, _found = mask_csv(korean.read_bytes())
    mask_s = time.perf_counter() - start
    korean.write_bytes(masked)
    print(f"  upload masking (mask_csv)        {n / mask_s:>10,.0f} rows/s  ({mask_s:.1f} s)")
    dataset = factories.Dataset(owner_org=org["id"])
    resource = factories.Resource(package_id=dataset["id"], url="http://bench/korean.csv", format="CSV")
    quiet = logging.getLogger("bench.xloader")
    quiet.setLevel(logging.WARNING)
    start = time.perf_counter()
    fields = loader.load_csv(str(korean), resource_id=resource["id"], mimetype="text/csv", logger=quiet)
    loader.create_column_indexes(fields=fields, resource_id=resource["id"], logger=quiet)
    load_s = time.perf_counter() - start
    print(f"  xloader load_csv + indexes       {n / load_s:>10,.0f} rows/s  ({load_s:.1f} s, "
          f"{copy_s / load_s:.0%} of COPY's speed)")
    korean.unlink()
    return resource["id"]


KOREAN_QUERIES = ("간담회", "간담", "총괄과", "청파로")


def median_ms(run, repeat: int = 15) -> tuple[float, int]:
    """(median milliseconds, the last run's answer) of ``run()``."""
    times, answer = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        answer = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, answer


def korean_search(args, real, columns, labels, org) -> None:
    """Korean search over ``args.korean`` generated rows (see the module)."""
    import logging

    import ckan.plugins.toolkit as tk
    import sqlalchemy as sa
    from ckan.tests import factories
    from ckanext.datastore.backend.postgres import get_write_engine
    from ckanext.seoulplaza.datastore_fulltext import bigram_sql, tsquery
    from ckanext.xloader import loader

    tmp = Path(tempfile.mkdtemp(prefix="datastore-bench-"))
    source = tmp / "korean.csv"
    with source.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([labels[c] for c in columns])
        n = sum(1 for row in generated_rows(real, args.korean) if writer.writerow([row.get(c, "") for c in columns]))
    dataset = factories.Dataset(owner_org=org["id"])
    resource = factories.Resource(package_id=dataset["id"], url="http://bench/korean.csv", format="CSV")
    quiet = logging.getLogger("bench.xloader")
    quiet.setLevel(logging.WARNING)
    fields = loader.load_csv(str(source), resource_id=resource["id"], mimetype="text/csv", logger=quiet)
    loader.create_column_indexes(fields=fields, resource_id=resource["id"], logger=quiet)
    table = f'"{resource["id"]}"'
    text = " || ' ' || ".join(f"coalesce({sa.column(f['id'])}::text, '')" for f in fields)
    korean = " || ' ' || ".join(f"coalesce({sa.column(f['id'])}, '')" for f in fields if f["type"] == "text")
    engine = get_write_engine()
    print(f"== Korean search: {n:,} rows")
    with engine.begin() as conn:
        conn.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN words tsvector"))
        start = time.perf_counter()
        conn.execute(sa.text(f"UPDATE {table} SET words = to_tsvector({text})"))
        print(f"  fill: CKAN's words                 {time.perf_counter() - start:6.1f} s")
        conn.execute(sa.text(f"CREATE INDEX ON {table} USING gin (words)"))
        start = time.perf_counter()
        conn.execute(sa.text(f"UPDATE {table} SET words = to_tsvector({text}) || {bigram_sql(text)}"))
        print(f"  fill: words + bigrams, one UPDATE  {time.perf_counter() - start:6.1f} s")
        conn.execute(sa.text(f"ALTER TABLE {table} ENABLE TRIGGER zfulltext"))
        start = time.perf_counter()
        conn.execute(sa.text(f"UPDATE {table} SET _full_text = NULL"))
        print(f"  fill: words + bigrams, by trigger  {time.perf_counter() - start:6.1f} s")
        conn.execute(sa.text(f"UPDATE {table} SET words = to_tsvector({text})"))
    trigrams = True
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            start = time.perf_counter()
            conn.execute(sa.text(f"CREATE INDEX bench_trgm ON {table} USING gin (({korean}) gin_trgm_ops)"))
            print(f"  pg_trgm GIN index                  {time.perf_counter() - start:6.1f} s")
    except sa.exc.DBAPIError as e:
        trigrams = False
        print(f"  pg_trgm not measured: {e.orig}".splitlines()[0])
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text(f"VACUUM ANALYZE {table}"))  # the fills' dead rows and GIN pending lists, as after a load

        def count(where, **params):
            return lambda: conn.execute(sa.text(f"SELECT count(*) FROM {table} WHERE {where}"), params).scalar()
        for q in KOREAN_QUERIES:
            ways = {
                "CKAN words (plainto_tsquery)": count("words @@ plainto_tsquery(:q)", q=q),
                "prefix (to_tsquery 'q:*')": count("words @@ to_tsquery(:q)", q=tsquery(q, words_only=True)),
                "ILIKE, no index": count(f"({text}) ILIKE :q", q=f"%{q}%"),
            }
            if trigrams:
                ways["pg_trgm GIN, ILIKE"] = count(f"({korean}) ILIKE :q", q=f"%{q}%")
            ways["bigrams GIN (_full_text)"] = count("_full_text @@ to_tsquery(:q)", q=tsquery(q))
            ways["datastore_search (bigrams)"] = lambda: tk.get_action("datastore_search")(
                {}, {"resource_id": resource["id"], "q": q, "limit": 20})["total"]
            for way, run in ways.items():
                ms, hits = median_ms(run)
                print(f"  {q:6s} {way:30s} {ms:7.1f} ms  {hits:>7,} rows")
    with engine.begin() as conn:
        conn.execute(sa.text("DROP EXTENSION IF EXISTS pg_trgm CASCADE"))  # CKAN's test clean-up cannot drop its functions
    source.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--korean", type=int, default=0, help="only Korean search, on a table of this many rows")
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared/data/seoul-opengov")
    args = parser.parse_args()

    with bench_site(PLUGINS):
        import ckan.plugins.toolkit as tk
        import sqlalchemy as sa
        from ckan.tests import factories
        from ckan.tests.helpers import reset_db
        from ckanext.datastore.backend.postgres import get_write_engine

        from ckanext.seoulplaza import demo
        from harvesters.disclosure import typed_value
        from harvesters.standins.seed import EXPENSE_COLUMNS, LISTS

        reset_db()
        engine = get_write_engine()
        with engine.begin() as conn:  # an empty DataStore
            for (name,) in conn.execute(sa.text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")):
                conn.execute(sa.text(f'DROP TABLE IF EXISTS "{name}" CASCADE'))
        context = demo.site_context()
        org = factories.Organization()
        columns = [c for c, _t, _l in EXPENSE_COLUMNS]
        labels = {c: label for c, _t, label in EXPENSE_COLUMNS}
        fields = [{"id": c, "type": t, "info": {"label": label}} for c, t, label in EXPENSE_COLUMNS]
        with (args.data_dir / LISTS["expense"]).open(encoding="utf-8", newline="") as f:
            real = list(csv.DictReader(f))

        if args.korean:
            return korean_search(args, real, columns, labels, org)

        def typed(row):
            return {c: typed_value(t, row.get(c, "")) for c, t, _l in EXPENSE_COLUMNS}

        tmp = Path(tempfile.mkdtemp(prefix="datastore-bench-"))
        for label, rows in (("real 업무추진비 list", real), (f"generated {args.rows:,} rows", None)):
            source = tmp / "table.csv"
            n = write_csv(rows if rows is not None else generated_rows(real, args.rows), columns, source)
            print(f"== {label}: {n:,} rows, {source.stat().st_size / 1e6:.1f} MB CSV")

            ddl = ", ".join(f'"{c}" {t}' for c, t, _l in EXPENSE_COLUMNS)
            raw = engine.raw_connection()
            try:
                cur = raw.cursor()
                cur.execute(f"DROP TABLE IF EXISTS bench_copy; CREATE TABLE bench_copy ({ddl})")
                start = time.perf_counter()
                with source.open(encoding="utf-8") as f:
                    cur.copy_expert("COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true, NULL '')", f)
                raw.commit()
                copy_s = time.perf_counter() - start
            finally:
                raw.close()
            print(f"  PostgreSQL COPY (reference)      {n / copy_s:>10,.0f} rows/s  ({copy_s:.1f} s)")

            dataset = factories.Dataset(owner_org=org["id"])
            resource = factories.Resource(package_id=dataset["id"], url="", url_type="datastore")
            start = time.perf_counter()
            tk.get_action("datastore_create")(dict(context), {"resource_id": resource["id"], "force": True,
                                                              "fields": fields, "primary_key": []})
            batch = []
            with source.open(encoding="utf-8", newline="") as f:
                for row in csv.DictReader(f):
                    batch.append(typed(row))
                    if len(batch) == CHUNK:
                        tk.get_action("datastore_upsert")(dict(context), {
                            "resource_id": resource["id"], "force": True, "method": "insert", "records": batch})
                        batch = []
            if batch:
                tk.get_action("datastore_upsert")(dict(context), {
                    "resource_id": resource["id"], "force": True, "method": "insert", "records": batch})
            load_s = time.perf_counter() - start
            print(f"  DataStore (harvest path)         {n / load_s:>10,.0f} rows/s  ({load_s:.1f} s, "
                  f"{copy_s / load_s:.0%} of COPY's speed)")

            xloaded = xloader_path(source, columns, labels, n, copy_s, tmp, org)
            department = real[0]["dept_nm_full"]
            queries = {
                "filter: department + month": {"filters": {"dept_nm_full": department, "exec_month": 12}, "limit": 100},
                "full text: 간담회": {"q": "간담회", "limit": 20},
                "page 10 of 100 rows": {"limit": 100, "offset": 900},
            }
            for what, params in queries.items():
                times, total = [], 0
                for _ in range(20):
                    start = time.perf_counter()
                    found = tk.get_action("datastore_search")({}, dict(params, resource_id=xloaded))
                    times.append(time.perf_counter() - start)
                    total = found.get("total", 0)
                print(f"  datastore_search {what:28s} {statistics.median(times) * 1000:7.1f} ms "
                      f"(median of 20; total {total:,})")
            source.unlink()


if __name__ == "__main__":
    main()
