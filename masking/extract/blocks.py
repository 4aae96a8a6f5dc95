"""The extracted text as lines and tables, and where each table cell lies in it.

A reader yields blocks: a line of text, or a table (a name and its rows of
cell texts). ``assemble`` writes them out as one text — a table as one line
per row, cells separated by tabs, a cell's own line breaks and tabs read as
spaces — and returns each table's cell spans in that text, so masking can
read a table by what its columns mean (``masking.columns``) and replace
exactly those characters.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence, Union


@dataclass
class Table:
    """A table of a document: ``cells[r][c]`` is the (start, end) span of row
    r, column c in ``Extracted.text``; ``name`` is a sheet's name ('' in a document)."""
    cells: list[list[tuple[int, int]]] = field(default_factory=list)
    name: str = ""

    def rows(self, text: str) -> list[list[str]]:
        """The cell texts, row by row."""
        return [[text[start:end] for start, end in row] for row in self.cells]


@dataclass
class TableRows:
    """A reader's table before assembly: rows of cell texts."""
    rows: Sequence[Sequence[str]]
    name: str = ""


Block = Union[str, TableRows]


def cell_text(value: object) -> str:
    """A cell as one line: None is empty; line breaks and tabs inside it are spaces."""
    if value is None:
        return ""
    return " ".join(str(value).replace("\t", " ").split())


def assemble(blocks: Iterable[Block]) -> tuple[str, list[Table]]:
    """(text, tables): every line ends with a newline; a table's rows follow in order."""
    out: list[str] = []
    tables: list[Table] = []
    pos = 0
    for block in blocks:
        if isinstance(block, str):
            out.append(block + "\n")
            pos += len(block) + 1
            continue
        table = Table(name=block.name)
        for row in block.rows:
            spans = []
            for i, value in enumerate(row):
                if i:
                    out.append("\t")
                    pos += 1
                cell = cell_text(value)
                out.append(cell)
                spans.append((pos, pos + len(cell)))
                pos += len(cell)
            out.append("\n")
            pos += 1
            table.cells.append(spans)
        tables.append(table)
    return "".join(out), tables
