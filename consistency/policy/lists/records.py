"""Rows of a structured list, whatever its layout: a table (HTML, Markdown or
pipe text), blocks of labelled lines ("SDK名称：… 第三方主体：… 使用目的：…",
one per line or several in one line), or a table flattened to one cell per
line (as copied from a web page: the header cells, then each row's cells).

A *record* maps field names (``name``, ``purpose``, ... from ``lists.yaml``) to
the text spans that fill them. Which kind of list a table or block is decided
by its name column or label: of the two classifiers (SDK list, permission
list) the one whose phrase for it is the more specific wins ("权限名称" is a
permission's name, although it contains "名称").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .cues import FieldClassifier
from .units import Span, Unit, labelled_pairs

MIN_FLAT_HEADER = 3
"""A flattened table needs at least this many header lines in a row, a name among them."""
MAX_FLAT_CELL = 400
"""A line longer than this is prose: it ends a flattened table."""


@dataclass
class Record:
    """One row or block of a list."""

    fields: dict[str, Span] = field(default_factory=dict)
    start: int = 0
    end: int = 0
    line: int = 0


def classify(label: str, mine: FieldClassifier, other: FieldClassifier) -> str | None:
    """The field of ``mine`` a label names, unless ``other`` names it more specifically."""
    got = mine.match(label)
    if got is None:
        return None
    rival = other.match(label)
    if rival is not None and len(rival[1]) > len(got[1]):
        return None
    return got[0]


def table_records(units: list[Unit], mine: FieldClassifier, other: FieldClassifier) -> list[Record]:
    """Rows of every table whose header row has a name column of this kind of list."""
    records: list[Record] = []
    index = 0
    while index < len(units):
        if units[index].kind != "table_row":
            index += 1
            continue
        header = units[index]
        columns = [classify(c.text, mine, other) for c in header.cells]
        index += 1
        rows = []
        while index < len(units) and units[index].kind == "table_row":
            rows.append(units[index])
            index += 1
        if "name" not in columns:
            continue
        for row in rows:
            record = Record(start=row.start, end=row.end, line=row.line)
            for column, cell in zip(columns, row.cells, strict=False):
                if column and column not in record.fields and cell.text.strip():
                    record.fields[column] = cell
            if "name" in record.fields:
                records.append(record)
    return records


def block_records(
    units: list[Unit], mine: FieldClassifier, other: FieldClassifier, max_label_chars: int
) -> list[Record]:
    """Records made of labelled lines; a new record starts at a name label once the
    current one has a name, and a line with no label closes the current one."""
    records: list[Record] = []
    current: Record | None = None

    def is_label(text: str) -> str | None:
        """The field a label names (of either kind of list), or None."""
        found = classify(text, mine, other)
        if found is not None:
            return found
        rival = other.match(text)
        return "other:" + rival[0] if rival else None

    for unit in units:
        pairs = [] if unit.kind == "table_row" else labelled_pairs(unit, is_label, max_label_chars)
        if not pairs:
            current = None
            continue
        for pair in pairs:
            name = classify(pair.label, mine, other)
            if name is None:
                current = None  # a label of the other kind of list: this block is over
                continue
            if name == "name" and (current is None or "name" in current.fields):
                current = Record(start=unit.start, line=unit.line)
                records.append(current)
            if current is None or name in current.fields:
                continue
            if pair.value.text:
                current.fields[name] = pair.value
            current.end = max(current.end, unit.end)
    return [r for r in records if "name" in r.fields]


def flat_table_records(units: list[Unit], mine: FieldClassifier, other: FieldClassifier) -> list[Record]:
    """Tables flattened to one cell per line: a run of header lines (each a field
    label, a name among them), then the rows, each as many lines as there are
    header lines."""
    records: list[Record] = []
    index = 0
    while index < len(units):
        columns: list[str] = []
        run = index
        while run < len(units) and units[run].kind != "table_row":
            name = classify(units[run].text, mine, other)
            if name is None or name in columns:
                break
            columns.append(name)
            run += 1
        if len(columns) < MIN_FLAT_HEADER or "name" not in columns:
            index += 1
            continue
        index = run
        width = len(columns)
        while index + width <= len(units):
            cells = units[index : index + width]
            # the text reader takes many short cells for headings: a heading kind ends
            # nothing here, a real table row or a long paragraph does
            if any(c.kind == "table_row" or len(c.text) > MAX_FLAT_CELL for c in cells):
                break
            if mine.is_title(cells[0].text) or other.is_title(cells[0].text):
                break
            if classify(cells[0].text, mine, other) is not None:
                break
            record = Record(start=cells[0].start, end=cells[-1].end, line=cells[0].line)
            for column, cell in zip(columns, cells, strict=True):
                record.fields.setdefault(column, cell.span)
            records.append(record)
            index += width
    return records
