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

import re
from dataclasses import dataclass, field

from .cues import Classifier
from .units import URL, Span, Unit, labelled_pairs

_COLON = re.compile(r"[:：]")
MAX_NAME_CHARS = 40
"""A name cell longer than this (brackets aside) is a sentence, not the name of an SDK or permission."""
_NOT_A_NAME = re.compile(r"^[\d\s.、)）]*$|[。;；,，]$")
"""A bare item number, or text that ends like a clause."""
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")


def plausible_name(text: str) -> bool:
    """Whether a cell can be a list entry's name (a misread layout gives sentences and numbers)."""
    text = text.strip()
    bare = _BRACKETED.sub("", text)  # "Location (ACCESS_FINE_LOCATION / ACCESS_COARSE_LOCATION)"
    return bool(text) and len(bare) <= MAX_NAME_CHARS and not _NOT_A_NAME.search(text)


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


def classify(label: str, mine: Classifier, other: Classifier) -> str | None:
    """The field of ``mine`` a label names, unless ``other`` names it more specifically."""
    got = mine.match(label)
    if got is None:
        return None
    rival = other.match(label)
    if rival is not None and len(rival[1]) > len(got[1]):
        return None
    return got[0]


def table_records(units: list[Unit], mine: Classifier, other: Classifier) -> list[Record]:
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
            if "name" in record.fields and plausible_name(record.fields["name"].text):
                records.append(record)
    return records


def block_records(
    units: list[Unit], mine: Classifier, other: Classifier, max_label_chars: int
) -> list[Record]:
    """Records made of labelled lines; a new record starts at a name label once the
    current one has a name, and a line with no label closes the current one."""
    records: list[Record] = []
    current: Record | None = None

    def is_label(text: str) -> tuple[str, str] | None:
        """What a label names, of either kind of list: (field, phrase), or None."""
        got, rival = mine.match(text), other.match(text)
        if got is not None and (rival is None or len(got[1]) >= len(rival[1])):
            return got
        return ("other:" + rival[0], rival[1]) if rival else None

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
    return [r for r in records if "name" in r.fields and plausible_name(r.fields["name"].text)]


def _flat_row(units: list[Unit], columns: list[str]) -> list[Span] | None:
    """The cells of one flattened row. The text reader may join two short lines into
    one unit; a link column that ends the row is then found at the end of the cell
    before it ("设备标识符、使用时长 https://…"), and the row ends there."""
    if not units:
        return None
    cells: list[Span] = []
    for unit in units:
        # the text reader takes many short cells for headings: a heading kind ends
        # nothing here, a real table row or a long paragraph does
        if unit.kind == "table_row" or len(unit.text) > MAX_FLAT_CELL:
            return None
        link = URL.search(unit.text)
        if columns[-1] == "link" and link and len(cells) < len(columns) - 1 and link.start() > 0:
            head = unit.text[: link.start()].rstrip()
            cells.append(Span(head, unit.start, unit.start + len(head)))
            cells += [Span("", unit.end, unit.end)] * (len(columns) - 1 - len(cells))
            cells.append(Span(link.group(), unit.start + link.start(), unit.start + link.end()))
            return cells
        cells.append(unit.span)
    return cells if len(cells) == len(columns) else None


def flat_table_records(units: list[Unit], mine: Classifier, other: Classifier) -> list[Record]:
    """Tables flattened to one cell per line: a run of header lines (each a field
    label, a name among them), then the rows, each as many lines as there are
    header lines."""
    records: list[Record] = []
    index = 0
    while index < len(units):
        columns: list[str] = []
        run = index
        while run < len(units) and units[run].kind != "table_row":
            # a header cell is a bare label; "SDK名称：高德定位SDK" is a labelled block line
            name = None if _COLON.search(units[run].text) else classify(units[run].text, mine, other)
            if name is None or name in columns:
                break
            columns.append(name)
            run += 1
        if len(columns) < MIN_FLAT_HEADER or "name" not in columns:
            index += 1
            continue
        index = run
        width = len(columns)
        while index < len(units):
            cells = _flat_row(units[index : index + width], columns)
            if cells is None:
                break
            first = cells[0]
            if mine.is_title(first.text) or other.is_title(first.text) or classify(first.text, mine, other):
                break
            if not plausible_name(first.text):
                break
            record = Record(start=first.start, end=cells[-1].end, line=units[index].line)
            for column, cell in zip(columns, cells, strict=False):
                if cell.text:
                    record.fields.setdefault(column, cell)
            records.append(record)
            index += max(1, sum(1 for u in units[index : index + width] if u.start < cells[-1].end))
    return records
