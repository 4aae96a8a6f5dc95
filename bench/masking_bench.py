"""Benchmark masking/: per-kind recall, over-masking and end-to-end PDF throughput.

Recall and over-masking are measured on the labelled generated corpus
(``masking.corpus``), as generated and with every private number and e-mail
address disguised as people write them to slip past a filter
(``corpus.disguised``: full-width, circled, hanja or Roman digits, invisible
characters, odd separators, a line break, regrouped digits, Korean digits and
words, look-alike letters, ``[at]``/``골뱅이``); over-masking also on public
text made to look like those readings (``Generator.lookalikes``: date ranges,
budget codes, counting lists, amounts, Roman and hanja numerals, 하나 둘 셋,
asset codes), and on the city's real lists (../shared/data/seoul-opengov: the
cells where reading the text normalised finds anything else than reading it as
written, which should be none). Text masking speed is given in wall-clock and
CPU time (the machine may be shared). Throughput: generated originals of several pages are
read (pdfminer, checked against pdfium), masked and drawn as the published
PDF; ``pdftotext`` (poppler) reads the same files as the speed reference.

The field corpus (``masking.field_corpus``: payment lists with tables in the
text, minutes, petitions with 연명부, comment logs, 120 transcripts, case
notes, foreign residents' 민원, decision notices, tender results, volunteer
payment drafts, 안전신문고 reports, blank forms) is scored per private kind
(recall) and per public kind (over-masked), with documents per CPU second,
beside peer libraries run on the same texts from their own virtualenv
(``bench/peer_masking.py``; ``PEER_PYTHON``, default /tmp/peer-venv/bin/python;
a peer that is not there is reported "not installed").
The real lists are also masked as the plaza publishes them (each row as a
harvested record's fields, each list as a table) and every change is printed:
each should be a private person's name (``tests/masking/test_real_lists.py``).
Run: ``.venv/bin/python bench/masking_bench.py [DOCUMENTS] [FIELD_DOCUMENTS]``,
or ``… bench/masking_bench.py real-lists`` for the real lists' changes alone.
"""
from __future__ import annotations

import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from masking import redact_document, redact_text, scan
from masking.corpus import Generator, Score, disguised, score
from masking.field_corpus import PRIVATE_KINDS, PUBLIC_KINDS, FieldGenerator, real_list_changes
from masking.findings import resolve_overlaps
from masking.recognizers import DEFAULT_RECOGNIZERS
from masking.render import text_to_pdf

PAGES_PER_FILE = 5
SEOUL_LISTS = Path(__file__).resolve().parents[2] / "shared" / "data" / "seoul-opengov"
PEER_PYTHON = os.environ.get("PEER_PYTHON", "/tmp/peer-venv/bin/python")
PEERS = ("ko-pii", "ko-pii-paranoid", "presidio")


def quality(n: int, disguise: bool = False) -> None:
    docs = list(Generator(seed=1).documents(n))
    if disguise:
        rng = random.Random(1)
        docs = [disguised(d, rng) for d in docs]
    started, cpu = time.perf_counter(), time.process_time()
    outputs = [redact_text(d.text) for d in docs]
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    result = score(docs, outputs)
    print(f"{n} labelled documents{', values disguised' if disguise else ''}, "
          f"{sum(result.planted.values())} private values, {result.public} public facts")
    print(f"{'kind':32s} {'planted':>8s} {'leaked':>7s} {'recall':>8s}")
    for kind in sorted(result.planted):
        print(f"{kind:32s} {result.planted[kind]:8d} {result.leaked.get(kind, 0):7d} {result.recall(kind):8.2%}")
    print(f"over-masked public facts: {sum(result.over_masked.values())} / {result.public} "
          f"({result.over_masking_rate:.2%}) {result.over_masked or ''}")
    print(f"text masking: {n / elapsed:,.0f} documents/s ({sum(len(d.text) for d in docs) / elapsed / 1e6:.2f} MB/s), "
          f"{n / cpu:,.0f} documents per CPU second")


def lookalikes(n: int) -> None:
    generator = Generator(seed=3)
    docs = [generator.lookalikes() for _ in range(n)]
    result = score(docs, [redact_text(d.text) for d in docs])
    print(f"{n} documents of public look-alikes: {sum(result.over_masked.values())} of {result.public} "
          f"over-masked {result.over_masked or ''}")


def real_lists() -> None:
    """Every change masking makes to a text cell of the real lists, as the plaza
    publishes them (record fields and tables): each should be a private value."""
    cells, changes = real_list_changes(SEOUL_LISTS)
    print(f"real Seoul lists: {len(changes)} changes to {len({(c.source, c.column, c.value) for c in changes})} "
          f"of {cells} distinct text cells (record fields and tables):")
    for c in changes:
        print(f"  {c.path:6s} {c.source}.{c.column}: {c.value!r} -> {c.published!r}")


def seoul_lists() -> None:
    cells = changed = 0
    for path in sorted(SEOUL_LISTS.glob("*/*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                for cell in row:
                    cells += 1
                    as_written = resolve_overlaps(found for r in DEFAULT_RECOGNIZERS for found in r.find(cell))
                    changed += scan(cell) != as_written
    print(f"real Seoul lists: normalisation changed what is found in {changed} of {cells} cells")


def _peer(library: str, texts: list[str]) -> tuple[list[str], float] | str:
    """The peer's outputs and CPU seconds, or why it could not run."""
    if not Path(PEER_PYTHON).exists():
        return "not installed"
    done = subprocess.run([PEER_PYTHON, str(Path(__file__).with_name("peer_masking.py")), library],
                          input=json.dumps(texts), capture_output=True, text=True)
    if done.returncode == 3:
        return "not installed"
    if done.returncode:
        return f"failed: {done.stderr.strip().splitlines()[-1]}"
    answer = json.loads(done.stdout)
    return answer["outputs"], answer["cpu_seconds"]


def field(n: int) -> None:
    """Recall per private kind, over-masking per public kind and speed on the
    field corpus: masking/ beside each peer library, side by side."""
    docs = list(FieldGenerator(seed=7).documents(n))
    texts = [d.text for d in docs]
    cpu = time.process_time()
    outputs = [redact_text(t) for t in texts]
    ours = score(docs, outputs)
    columns: dict[str, tuple[Score, float] | str] = {"masking/": (ours, n / (time.process_time() - cpu))}
    for library in PEERS:
        peer = _peer(library, texts)
        columns[library] = peer if isinstance(peer, str) else (score(docs, peer[0]), n / peer[1])
    print(f"field corpus: {n} documents of {len(set(d.kind for d in docs))} genres, "
          f"{sum(ours.planted.values())} private values, {ours.public} public look-alikes")
    for name, column in columns.items():
        if isinstance(column, str):
            print(f"  {name}: {column}")
    ran = {name: c for name, c in columns.items() if not isinstance(c, str)}
    head = "".join(f"{name:>20s}" for name in ran)
    print(f"{'private kind (leaked/planted, recall)':44s}{head}")
    for kind in PRIVATE_KINDS:
        cells = "".join(f"{f'{s.leaked.get(kind, 0)}/{s.planted[kind]} {s.recall(kind):.0%}':>20s}"
                        for s, _ in ran.values())
        print(f"{kind:44s}{cells}")
    total = "".join(f"{f'{sum(s.leaked.values())}/{sum(s.planted.values())}':>20s}" for s, _ in ran.values())
    print(f"{'all private values leaked':44s}{total}")
    print(f"{'public kind (over-masked/planted)':44s}{head}")
    for kind in PUBLIC_KINDS:
        cells = "".join(f"{f'{s.over_masked.get(kind, 0)}/{s.public_planted[kind]} {s.over_masking(kind):.0%}':>20s}"
                        for s, _ in ran.values())
        print(f"{kind:44s}{cells}")
    total = "".join(f"{f'{sum(s.over_masked.values())}/{s.public} {s.over_masking_rate:.1%}':>20s}"
                    for s, _ in ran.values())
    print(f"{'all public facts over-masked':44s}{total}")
    speed = "".join(f"{f'{rate:,.0f}':>20s}" for _s, rate in ran.values())
    print(f"{'documents per CPU second':44s}{speed}")
    by_genre = dict.fromkeys(sorted({d.kind for d in docs}), 0)
    for doc, out in zip(docs, outputs):
        for _kind, value in doc.private:
            by_genre[doc.kind] += value in out
    print("masking/ leaks by genre: " + ", ".join(f"{g} {k}" for g, k in sorted(by_genre.items(), key=lambda i: -i[1])))


def throughput(files: int) -> None:
    generator = Generator(seed=2)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(files):
            text = ""
            while text.count("\n") < PAGES_PER_FILE * 49:  # ~49 lines a page in the output layout
                text += generator.document().text + "\n"
            path = Path(tmp) / f"original-{i}.pdf"
            path.write_bytes(text_to_pdf(text)[0])
            paths.append(path)
        started = time.perf_counter()
        pages = sum(redact_document(p).source_pages for p in paths)
        ours = time.perf_counter() - started
        print(f"end to end (extract + mask + PDF): {pages} pages in {ours:.2f} s = {pages / ours:.1f} pages/s"
              " on one core")
        if shutil.which("pdftotext"):
            started = time.perf_counter()
            for p in paths:
                subprocess.run(["pdftotext", str(p), "-"], check=True, capture_output=True)
            reference = time.perf_counter() - started
            print(f"pdftotext alone (reference, text only): {pages / reference:.1f} pages/s")


if __name__ == "__main__":
    if sys.argv[1:] == ["real-lists"]:
        real_lists()
        sys.exit()
    quality(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)
    quality(int(sys.argv[1]) if len(sys.argv) > 1 else 3000, disguise=True)
    lookalikes(int(sys.argv[1]) // 3 if len(sys.argv) > 1 else 1000)
    seoul_lists()
    real_lists()
    field(int(sys.argv[2]) if len(sys.argv) > 2 else 600)
    throughput(40)
