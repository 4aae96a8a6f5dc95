"""``python -m masking scan FILE [--json]`` and ``python -m masking redact --out-dir DIR FILE...``.

``scan`` lists what ``redact`` masks, table columns by their meaning included.
``redact`` writes, for a text input, its masked text to DIR/<same name>; for a
document (PDF, DOCX, HWPX, HWP, XLSX, CSV, HTML), its masked text to DIR/<stem>.txt and the
masked PDF to DIR/<stem>.pdf, and for a PDF how each page's text was obtained
where it was not its text layer (OCR, or withheld for a steward's review). A
file that fails is reported and skipped; the exit status is 1 if any did, 2
for bad usage.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Optional, Sequence

from .anonymizer import redact
from .document import read_tables, redact_document
from .errors import DocumentError
from .extract import extract


def _scan(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        extracted = extract(path.read_bytes(), path.name)
    except OSError as e:
        print(f"{path}: cannot read: {e.strerror or e}", file=sys.stderr)
        return 1
    except DocumentError as e:
        print(e, file=sys.stderr)
        return 1
    tables = read_tables(extracted.text, extracted.tables)
    findings = redact(extracted.text, known=tables.findings, read=tables.rows).findings
    if args.json:
        json.dump([f.as_dict() for f in findings], sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for f in findings:
            print(f"{f.start:>7}-{f.end:<7} {f.kind:30} {f.text}")
        print(f"{len(findings)} findings in {path}", file=sys.stderr)
    return 0


def _redact(args: argparse.Namespace) -> int:
    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    failed = written = findings = 0
    withheld = 0
    for number, name in enumerate(args.files, 1):
        path = Path(name)
        try:
            result = redact_document(path)
        except DocumentError as e:
            failed += 1
            print(f"[{number}/{len(args.files)}] skipped {e}", file=sys.stderr)
            continue
        if result.source_format == "text":
            (out_dir / path.name).write_text(result.text, encoding="utf-8")
        else:
            (out_dir / f"{path.stem}.txt").write_text(result.text, encoding="utf-8")
            (out_dir / f"{path.stem}.pdf").write_bytes(result.pdf)
        written += 1
        findings += len(result.findings)
        print(f"[{number}/{len(args.files)}] {path.name}: {len(result.findings)} masked, "
              f"{len(result.nonpublic)} non-public parts ({result.source_format}, {result.extractor})",
              file=sys.stderr)
        for page in result.page_sources:  # how each PDF page's text was obtained, where not its text layer
            if page.reason:
                print(f"    {page}", file=sys.stderr)
        withheld += len(result.withheld_pages)
    print(f"Summary: {written} written, {failed} skipped, {findings} values masked, "
          f"{withheld} pages withheld for review", file=sys.stderr)
    return 1 if failed else 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m masking", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    scan_cmd = commands.add_parser("scan", help="list the personal information found in FILE")
    scan_cmd.add_argument("file")
    scan_cmd.add_argument("--json", action="store_true", help="a JSON list of {kind, start, end, text}")
    scan_cmd.set_defaults(run=_scan)
    redact_cmd = commands.add_parser("redact", help="write masked text (and PDFs) of FILEs to DIR")
    redact_cmd.add_argument("--out-dir", required=True)
    redact_cmd.add_argument("files", nargs="+")
    redact_cmd.set_defaults(run=_redact)
    args = parser.parse_args(argv)
    return args.run(args)
