"""Benchmark the document formats agencies write (issue 19): HWP 5, DOCX, XLSX, CSV, PDF.

Per format, generated originals (``masking.corpus`` text and a table of
private persons whose 성명/연락처/주소 only the column tells: no role word
stands before a name) go through ``redact_document`` end to end (read, mask,
draw the PDF). Reported: published and refused (with the reasons; a share of
the HWP files is made 배포용, password-protected or truncated, a share of the
workbooks truncated), source pages or sheets and published PDF pages per
second (one core), text recall (the share of the characters written that the
reading holds, before masking, and the same against an independent
extractor: extract-hwp for HWP, the raw XML text of DOCX and XLSX, the raw
file for CSV), the table cells' private values left in what is published
(text, and for XLSX/CSV the masked file's rows too), and for XLSX/CSV the
rows per second of the table path (masked file and DataStore rows).

PDFs (text pages, then a page with an approval box and a ruled table of
applicants) are also read by ``pdftotext -layout`` (poppler), the speed
reference, on the same files (its CPU time as a child process), and its text
is the independent extractor. PDFs whose pages are text drawn as outlines or
scans (one blurred past reading) are reported apart: OCR pages per second,
and how many pages were read with OCR or withheld. Tesseract runs on one
thread (``OMP_THREAD_LIMIT=1``), so every figure is per core.
Run: ``.venv/bin/python bench/documents_bench.py [DOCUMENTS_PER_FORMAT]``.
"""
from __future__ import annotations

import html
import io
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract on one core, like the rest

from extract_hwp.hwp5 import extract_text_from_hwp5  # noqa: E402

from masking import DocumentError, redact_document  # noqa: E402
from masking.corpus import Generator  # noqa: E402
from masking.extract import extract  # noqa: E402
from masking.spreadsheets import mask_spreadsheet  # noqa: E402
from tests.masking import documents, writers  # noqa: E402

ROWS = 40             # applicants per table
DOCUMENTS_PER_FILE = 4  # corpus documents joined into one original (a few pages)
SURNAMES, GIVEN = "김이박최정강조윤장임한오서신권황안송류홍", "민서준지현우영수호진하은성경미정태연"


def applicants(rng: random.Random) -> list[list[str]]:
    rows = [["성명", "연락처", "주소"]]
    for _ in range(ROWS):
        rows.append([rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                     f"010-{rng.randint(2000, 9999)}-{rng.randint(1000, 9999)}",
                     f"서울특별시 {rng.choice(['중구', '종로구', '마포구'])} {rng.choice(['세종대로', '사직로'])} "
                     f"{rng.randint(1, 200)}"])
    return rows


def hangul(text: str) -> Counter:
    return Counter(c for c in text if not c.isspace())


def recall(written: str, read: str) -> float:
    want, got = hangul(written), hangul(read)
    return sum(min(n, got[c]) for c, n in want.items()) / max(1, sum(want.values()))


def _xml_text(data: bytes, parts: str) -> str:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return "\n".join(html.unescape(m) for n in archive.namelist() if re.match(parts, n)
                     for m in re.findall(r"<(?:\w+:)?[tv](?: [^>]*)?>([^<]*)<", archive.read(n).decode()))


def pdftotext(data: bytes) -> tuple[str, float]:
    """(``pdftotext -layout``'s text of ``data``, its CPU seconds)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        text = subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True, check=True).stdout
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return text.decode("utf-8"), (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def independent(fmt: str, data: bytes) -> str:
    if fmt == "pdf":
        return pdftotext(data)[0]
    if fmt == "hwp":
        return extract_text_from_hwp5(io.BytesIO(data))
    if fmt == "docx":
        return _xml_text(data, r"word/document\.xml$")
    if fmt == "xlsx":
        return _xml_text(data, r"xl/(sharedStrings|worksheets/sheet\d+)\.xml$")
    return data.decode("utf-8-sig").replace(",", " ")


def build(fmt: str, k: int) -> tuple[bytes, str, list[str], str]:
    """(file, name, table values that must not be published, the text written)."""
    rng = random.Random(k)
    lines = [line for doc in Generator(k).documents(DOCUMENTS_PER_FILE) for line in doc.text.splitlines()
             if line.strip()]
    table = applicants(rng)
    private = [v for row in table[1:] for v in row[:2]]
    written = "\n".join(lines + ["\t".join(r) for r in table])
    if fmt == "hwp":
        lines = [line.replace("*", "○") for line in lines]  # the writer takes * for Markdown emphasis
        written = "\n".join(lines + ["\t".join(r) for r in table])
        data = writers.hwp(lines, table)
        if k % 10 == 3:
            data = writers.protected(data, writers.DISTRIBUTION)
        elif k % 20 == 7:
            data = writers.protected(data, writers.PASSWORD)
        elif k % 20 == 11:
            data = data[: len(data) // 2]
    elif fmt == "docx":
        data = documents.docx(lines, table)
    elif fmt == "xlsx":
        data = writers.xlsx({"명단": [[line] for line in lines[:2]] + table, "본문": [[line] for line in lines[2:]]})
        if k % 10 == 3:
            data = data[: len(data) // 2]
    elif fmt == "pdf":
        approval = [["주무관", "팀장", "과장"], ["홍길동", "김영희", "이철수"]]
        form = documents.form_pdf("지원금 지급 명단", approval, table[:16])
        data = documents.joined(documents.reportlab_pdf(lines), form)
        written = "\n".join(lines + ["\t".join(r) for r in approval + table[:16]])
        private = [v for row in table[1:16] for v in row[:2]]
    else:
        data = "\n".join(",".join(r) for r in table).encode("utf-8")
        written = "\n".join("\t".join(r) for r in table)
    return data, f"document-{k}.{fmt}", private, written


def bench(fmt: str, n: int) -> None:
    published, refused, pages, sheets, seconds = 0, Counter(), 0, 0, 0.0
    recalls, against, leaked, cells = [], [], 0, 0
    table_seconds, table_rows, reference_seconds = 0.0, 0, 0.0
    for k in range(n):
        data, name, private, written = build(fmt, k)
        start = time.process_time()
        try:
            result = redact_document(data, name=name)
        except DocumentError as e:
            seconds += time.process_time() - start
            refused[re.sub(r"[:;(].*", "", e.problem).strip()] += 1
            continue
        seconds += time.process_time() - start
        published += 1
        pages += result.pages
        sheets += result.source_pages
        read = extract(data, name).text
        recalls.append(recall(written, read))
        reference = independent(fmt, data)
        if fmt == "pdf":
            reference_seconds += pdftotext(data)[1]
        against.append(recall(reference, read) if reference.strip() else 1.0)
        cells += len(private)
        leaked += sum(value in result.text for value in private)
        if fmt in ("xlsx", "csv"):  # the harvest also publishes the masked file and the DataStore rows
            start = time.process_time()
            masked = mask_spreadsheet(data, name)
            masked.file()
            table_seconds += time.process_time() - start
            table_rows += sum(len(sheet.rows) for sheet in masked.sheets)
            leaked += sum(value in str(sheet.rows) for sheet in masked.sheets for value in private)
    mean = (lambda xs: sum(xs) / len(xs) if xs else float("nan"))
    why = "; ".join(f"{reason} ×{count}" for reason, count in refused.most_common()) or "-"
    print(f"{fmt:5} {n:4} docs  published {published:4}  refused {sum(refused.values()):3} ({why})")
    print(f"{'':5} source {'sheets' if fmt == 'xlsx' else 'pages '} {sheets:4}  published PDF pages {pages:4}  "
          f"{seconds:6.2f} CPU-s  {pages / seconds if seconds else 0:6.1f} PDF pages/s  "
          f"{published / seconds if seconds else 0:6.1f} documents/s")
    print(f"{'':5} text recall vs written {mean(recalls):.4f}, vs independent extractor {mean(against):.4f}; "
          f"table private values left {leaked} of {cells}")
    if table_rows:
        print(f"{'':5} as a table (masked file and DataStore rows): {table_rows / table_seconds:6.0f} rows/s")
    if reference_seconds:
        print(f"{'':5} pdftotext -layout on the same files: {sheets / reference_seconds:6.1f} pages/s "
              f"(masking end to end is {reference_seconds / seconds * 100:.0f}% of its speed)")


def bench_ocr(n: int) -> None:
    """PDFs of three pages: text as outlines, a scan, a blurred scan (withheld)."""
    pages, seconds, by_source = 0, 0.0, Counter()
    leaked = 0
    for k in range(n):
        rng = random.Random(k)
        name, phone = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN), \
            f"010-{rng.randint(2000, 9999)}-{rng.randint(1000, 9999)}"
        lines = [line for doc in Generator(k).documents(2) for line in doc.text.splitlines() if line.strip()][:30]
        lines += [f"민원인 {name} 연락처 {phone}"]
        data = documents.joined(documents.outline_pdf(lines), documents.scan_pdf(lines),
                                documents.scan_pdf(lines, blur=6))
        start = time.process_time()
        result = redact_document(data, name=f"scan-{k}.pdf")
        seconds += time.process_time() - start
        pages += result.source_pages
        by_source.update(p.source for p in result.page_sources)
        leaked += sum(value in result.text for value in (name, phone))
    print(f"pdf/OCR {n:2} docs  {pages} pages ({', '.join(f'{s} {c}' for s, c in by_source.most_common())})  "
          f"{seconds:6.2f} CPU-s  {pages / seconds:5.2f} pages/s; private values left {leaked} of {2 * n}")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    formats: dict[str, Callable] = {"pdf": bench, "hwp": bench, "docx": bench, "xlsx": bench, "csv": bench}
    for fmt, run in formats.items():
        run(fmt, n)
    bench_ocr(max(2, n // 10))


if __name__ == "__main__":
    main()
