"""The document as the list readers see it: one unit per line of the normalised
text (a heading, a paragraph, a list item or a table row), with its cells, and
the label/value pairs of lines such as "SDK名称：高德定位SDK；使用目的：定位".

``segment`` writes every unit of a policy as one line, so a line is a unit and
its offsets are offsets into ``Document.text``; table rows are written
``| cell | cell |`` with any ``|`` inside a cell replaced. Nothing here knows
what an SDK or a permission is: the list readers (``sdk_list``,
``permission_list``) classify labels and cells through the tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...models import Document, SentenceKind
from ..extract.frozen_init import direct_init

_CELL_SEPARATOR = " | "
_ENUMERATION = re.compile(
    r"\s*(?:[(（]?\d{1,2}[)）.、]|[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|[•\-–·*])\s*"
)
"""A leading item number or bullet before a label ("1.SDK名称：", "（2）权限名称：")."""
_COLON = re.compile(r"[:：]")
_LABEL_START = re.compile(r"[；;。，,|]")
"""What always ends the value before a label inside a line: a clause or field separator."""
URL = re.compile(r"https?://[^\s，。；、）)\]\"'<>|]+")


@direct_init  # thousands per reading: see frozen_init
@dataclass(frozen=True)
class Span:
    """A piece of the document text with its offsets."""

    text: str
    start: int
    end: int


@direct_init  # thousands per reading: see frozen_init
@dataclass(frozen=True)
class Unit:
    """One line of the document."""

    text: str
    start: int
    end: int
    line: int
    kind: SentenceKind | str
    """``heading``, ``sentence``, ``list_item`` or ``table_row``."""
    section: tuple[str, ...]
    cells: tuple[Span, ...] = ()
    """For table rows: the cells with their offsets."""

    @property
    def span(self) -> Span:
        return Span(self.text, self.start, self.end)


@direct_init  # thousands per reading: see frozen_init
@dataclass(frozen=True)
class Labelled:
    """A ``label：value`` pair found in a line."""

    label: str
    value: Span


def document_units(document: Document) -> list[Unit]:
    """Every line of the document as a unit, with the kind and section of its first sentence."""
    first: dict[int, tuple[str, tuple[str, ...]]] = {}
    for sentence in document.sentences:
        first.setdefault(sentence.line, (sentence.kind, sentence.section))
    units: list[Unit] = []
    offset = 0
    for number, line in enumerate(document.text.split("\n"), start=1):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip() or number not in first:
            continue
        kind, section = first[number]
        if kind == "table_cell" and line.startswith("| ") and line.endswith(" |"):
            units.append(Unit(line, start, end, number, "table_row", section, _cells(line, start)))
        else:
            units.append(Unit(line, start, end, number, kind, section))
    return units


def _cells(line: str, start: int) -> tuple[Span, ...]:
    cells = []
    position = 2
    for cell in line[2:-2].split(_CELL_SEPARATOR):
        cells.append(Span(cell, start + position, start + position + len(cell)))
        position += len(cell) + len(_CELL_SEPARATOR)
    return tuple(cells)


def labelled_pairs(unit: Unit, is_label, max_label_chars: int) -> list[Labelled]:
    """The ``label：value`` pairs of a line, in order; empty unless the line starts
    with a label. ``is_label(text)`` says whether a text is a label of a list.

    A line may hold several pairs ("SDK名称：友盟；使用目的：统计"): a colon
    starts a new pair when the words between it and the previous separator are a
    label; the value of a pair runs to the start of the next label."""
    text = unit.text
    lead = _ENUMERATION.match(text)
    begin = lead.end() if lead else 0
    found: list[tuple[int, int, str]] = []  # (label start, value start, label)
    for colon in _COLON.finditer(text, begin):
        if not found:
            label = text[begin : colon.start()].strip()
            if not is_label(label):
                return []
            found.append((begin, colon.end(), label))
            continue
        window_start = max(found[-1][1], colon.start() - max_label_chars - 1)
        window = text[window_start : colon.start()]
        cut = max((m.end() for m in _LABEL_START.finditer(window)), default=0)
        # the label may be glued to the value before it ("…使用记录隐私政策链接：", "…route
        # planning Information collected:"): it starts at the first position from which
        # the rest is a label, then loses the words that do not change what it names
        start = next((p for p in range(cut, len(window)) if is_label(window[p:].strip())), None)
        if start is None:
            continue
        label = window[start:].strip()
        while len(label) > 1 and is_label(label[1:].strip()) == is_label(label):
            label = label[1:].strip()
        found.append((colon.start() - len(label), colon.end(), label))
    pairs = []
    for index, (_, value_start, label) in enumerate(found):
        value_end = found[index + 1][0] if index + 1 < len(found) else len(text)
        raw = text[value_start:value_end]
        stripped = raw.strip().rstrip("；;，,")
        lead_spaces = len(raw) - len(raw.lstrip())
        s = unit.start + value_start + lead_spaces
        pairs.append(Labelled(label, Span(stripped, s, s + len(stripped))))
    return pairs


def label_of(unit: Unit, max_label_chars: int) -> tuple[str, Span] | None:
    """For a line "X：rest" with a short X: the label X and the rest; else None."""
    lead = _ENUMERATION.match(unit.text)
    begin = lead.end() if lead else 0
    colon = _COLON.search(unit.text, begin)
    if colon is None or colon.start() - begin > max_label_chars * 2:
        return None
    rest = unit.text[colon.end() :]
    stripped = rest.strip()
    s = unit.start + colon.end() + (len(rest) - len(rest.lstrip()))
    return unit.text[begin : colon.start()].strip(), Span(stripped, s, s + len(stripped))
