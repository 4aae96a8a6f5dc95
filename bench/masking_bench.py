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
Run: ``.venv/bin/python bench/masking_bench.py [DOCUMENTS]``.
"""
from __future__ import annotations

import csv
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from masking import redact_document, redact_text, scan
from masking.corpus import Generator, disguised, score
from masking.findings import resolve_overlaps
from masking.recognizers import DEFAULT_RECOGNIZERS
from masking.render import text_to_pdf

PAGES_PER_FILE = 5
SEOUL_LISTS = Path(__file__).resolve().parents[2] / "shared" / "data" / "seoul-opengov"


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
    quality(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)
    quality(int(sys.argv[1]) if len(sys.argv) > 1 else 3000, disguise=True)
    lookalikes(int(sys.argv[1]) // 3 if len(sys.argv) > 1 else 1000)
    seoul_lists()
    throughput(40)
