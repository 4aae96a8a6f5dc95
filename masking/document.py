"""The disclosure pipeline for one document: extract → remove non-public parts
and personal information → draw the published PDF."""
from __future__ import annotations

from bisect import bisect_right, insort
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Optional, Union

from .analyzer import scan
from .anonymizer import redact
from .columns import RECOGNIZERS, Column, TableStream, read_header
from .errors import DocumentError
from .extract import Table, extract
from .extract.pdf import WITHHELD, PageSource
from .findings import Finding
from .nonpublic import NonPublicPart, NonPublicPartNotFound, Withholding, notice
from .operators import replacement
from .redact_pdf import leftovers, redact_pdf
from .render import text_to_pdf

MIN_CHECKED = 3  # characters: shorter masked values are not looked for again in the published PDF


@dataclass
class RedactionResult:
    """What is published (``pdf``, ``text``) and the report (``findings``,
    ``nonpublic``: kind and position in the extracted text, with the removed
    value for the steward's review — never publish the report's ``text``;
    for a PDF, ``page_sources``: how each page's text was obtained — text
    layer, OCR or withheld for a steward's review)."""
    pdf: bytes
    text: str
    findings: list[Finding] = field(default_factory=list)
    nonpublic: list[Finding] = field(default_factory=list)
    source_format: str = ""
    extractor: str = ""
    source_pages: int = 0
    pages: int = 0
    withheld: Optional[Withholding] = None
    page_sources: list[PageSource] = field(default_factory=list)

    @property
    def withheld_pages(self) -> list[int]:
        """Pages (1-based) published as the notice "이미지 페이지 — 검토 후 공개", for a steward."""
        return [p.number for p in self.page_sources if p.source == WITHHELD]


def _read(source: Union[str, Path, bytes], name: Optional[str]) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray)):
        return bytes(source), name or "document"
    path = Path(source)
    try:
        return path.read_bytes(), name or path.name
    except OSError as e:
        raise DocumentError(name or str(path), f"cannot read: {e.strerror or e}") from e


@dataclass
class TableReading:
    """What ``read_tables`` found: ``findings`` (positions in the text), the
    ``rows`` it read (their spans: the recognizers do not run across them),
    and for each table the row index of its last header row (None: no row
    names a known column) and what its columns mean."""
    findings: list[Finding] = field(default_factory=list)
    rows: list[tuple[int, int]] = field(default_factory=list)
    headers: list[Optional[int]] = field(default_factory=list)
    columns: list[list[Column]] = field(default_factory=list)


def read_tables(text: str, tables: Iterable[Table]) -> TableReading:
    """What ``text``'s tables hold of personal information, read as a table
    is (``masking.columns``): a cell of a private person's column (성명,
    연락처, 주소 …) whole, as a finding of the column's kind; any other cell of
    a data row by pattern, read on its own and within its row (a label cell
    before it: 민원인 | 김철수), never across a cell's edge; a name a column
    reveals, wherever else the text has it. In a header row only the cells
    that are column labels are kept as written (a form's first row — 민원인 |
    김철수 | 연락처 | … — reads as a header, and its values are still masked)."""
    reading = TableReading()
    found = reading.findings
    for table in tables:
        stream, last_header = TableStream(), None
        for index, spans in enumerate(table.cells):
            if not spans:
                continue
            row = (spans[0][0], spans[-1][1])
            reading.rows.append(row)
            values = [text[start:end] for start, end in spans]
            headers = len(stream.header_rows)
            masked = stream.mask(values)
            header = len(stream.header_rows) > headers  # kept as written by the stream; we check it still
            last_header = index if header else last_header
            in_row = [Finding(row[0] + f.start, row[0] + f.end, f.kind, f.text) for f in scan(text[row[0]:row[1]])]
            columns = stream.columns
            for i, ((start, end), before, after) in enumerate(zip(spans, values, masked)):
                column = columns[i] if i < len(columns) else None  # a row wider than its header
                if header and read_header(before).known:
                    continue  # a column's label: 성명(한자) is no name
                if not header and column is not None and column.private and column.kind and after != before:
                    found.append(Finding(start, end, column.kind, before))
                    continue
                recognizers = RECOGNIZERS.get(column.context) if column is not None else None
                own = [Finding(start + f.start, start + f.end, f.kind, f.text) for f in scan(before, recognizers)]
                found += _union(text, own + [f for f in in_row if start <= f.start and f.end <= end
                                             and not (recognizers and f.kind == "person_name"
                                                      and column.context == "official")])
        reading.headers.append(last_header)
        reading.columns.append(stream.columns)
    found += _elsewhere(text, found)
    found.sort()
    return reading


def _union(text: str, findings: list[Finding]) -> list[Finding]:
    """Overlapping findings of one cell as one (the kind of the first)."""
    merged: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.start, f.start - f.end)):
        if merged and f.start < merged[-1].end:
            last = merged[-1]
            if f.end > last.end:
                merged[-1] = Finding(last.start, f.end, last.kind, text[last.start:f.end])
        else:
            merged.append(f)
    return merged


def _elsewhere(text: str, found: list[Finding]) -> list[Finding]:
    """A name a table's column reveals, wherever else the text has it (as a
    name after a role word is masked everywhere), where nothing else is found
    (longer names first: 김철수 before 김철)."""
    taken = sorted((f.start, f.end) for f in found)  # cells: not overlapping, so the ends rise with the starts
    more = []
    names = {f.text for f in found if f.kind == "person_name" and len(f.text.strip()) >= 2}
    for name in sorted(names, key=lambda n: (-len(n), n)):
        at = text.find(name)
        while at >= 0:
            i = bisect_right(taken, (at + len(name) - 1, len(text) + 1))
            if not (i and taken[i - 1][1] > at):  # the last one starting inside it does not reach it
                more.append(Finding(at, at + len(name), "person_name", name))
                insort(taken, (at, at + len(name)))
            at = text.find(name, at + len(name))
    return more


def redact_document(source: Union[str, Path, bytes],
                    nonpublic: Union[None, Withholding, Iterable[NonPublicPart]] = None, *,
                    name: Optional[str] = None, title: str = "",
                    operators: Optional[Mapping] = None) -> RedactionResult:
    """Publishable PDF and text of ``source`` (a path or the file's bytes).

    ``nonpublic`` is either the parts the source marks non-public, or a
    ``Withholding`` for a wholly non-public record: then the content is not
    even read and only the notice (ground, opening date) is published.
    Table cells (HWP, HWPX, DOCX tables; XLSX sheets; CSV) are also masked by
    what their column means. Raises DocumentError naming the document for
    anything it cannot publish safely.
    """
    if isinstance(nonpublic, Withholding):
        text = nonpublic.notice_text()
        pdf, pages = text_to_pdf(text, title)
        return RedactionResult(pdf, text, pages=pages, withheld=nonpublic)
    data, name = _read(source, name)
    extracted = extract(data, name)
    try:
        tables = read_tables(extracted.text, extracted.tables)
        redaction = redact(extracted.text, nonpublic or (), operators, known=tables.findings, read=tables.rows)
    except NonPublicPartNotFound as e:
        raise DocumentError(name, str(e)) from e
    if extracted.pdf is None:
        pdf, pages = text_to_pdf(redaction.text, title)
        return RedactionResult(pdf, redaction.text, redaction.findings, redaction.nonpublic,
                               extracted.format, extracted.extractor, extracted.pages, pages)
    reading = extracted.pdf
    covered = [(f.start, f.end, replacement(f, operators)) for f in redaction.findings]
    covered += [(p.start, p.end, notice(int(p.kind.split(":")[1]))) for p in redaction.nonpublic]
    pdf = redact_pdf(reading, covered, title)
    masked = "".join(redaction.text.split())
    left = leftovers(pdf, {f.text for f in redaction.findings + redaction.nonpublic
                           if len("".join(f.text.split())) >= MIN_CHECKED and "".join(f.text.split()) not in masked})
    if left:  # never expected: the redaction missed a drawn copy of a masked value
        raise DocumentError(name, f"{len(left)} masked values are still in the redacted PDF; not published")
    return RedactionResult(pdf, redaction.text, redaction.findings, redaction.nonpublic, extracted.format,
                           extracted.extractor, extracted.pages, len(reading.pages),
                           page_sources=[p.report for p in reading.pages])
