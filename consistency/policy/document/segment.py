"""Blocks to the normalised document text, its sections and its sentences.

This is the one place where ``Document.text`` is written, so every offset
handed to later stages is computed here, after normalisation, and
``text[s.start:s.end] == s.text`` holds by construction.

The text is laid out so that reading it again as a plain-text policy gives
the same text (``read_document(doc.text.encode()).text == doc.text``):

* every unit is one line: headings and paragraphs as they are, list items as
  ``marker text`` ("• ...", "1. ...", "(a) ..."), table rows as
  ``| cell | cell |``;
* every two units are separated by a blank line, so no reader ever joins two
  units into one, and the layout does not depend on how a unit was classified.

A list item's sentences exclude its marker (a list item of several sentences,
common in translated policies, is split like a paragraph, each piece keeping
the kind ``list_item``); a table row gives one unit per cell (cut only when
longer than the run-on limit); a heading is one sentence and opens a section (the heading path of a
sentence is its ``section``, outermost first, the heading itself included).
"""

from __future__ import annotations

from collections.abc import Iterable

from ...errors import PolicyReadError
from ...models import Sentence, SentenceKind
from .blocks import BULLET, Block
from .limits import PolicyLimits
from .normalize import normalize_unit
from .plaintext import join_marker, pipe_cells, split_marker
from .repair import repair_unit, unit_repair_config
from .sentences import split_long, split_sentences

_CELL_SEPARATOR = " | "
_SEPARATOR = "\n\n"
"""Between every two units, whatever their kinds: the layout of the text then
depends on the units alone, so a reader that classifies a line differently on a
second reading (a numbered heading read back as a list item) still lays out the
same text."""


def segment(
    blocks: Iterable[Block], limits: PolicyLimits = PolicyLimits(), warnings: list[str] | None = None
) -> tuple[str, tuple[Sentence, ...]]:
    """The document text and its sentences; what had to be repaired late is added to ``warnings``."""
    parts: list[str] = []
    sentences: list[Sentence] = []
    offset = 0
    line = 1
    sections: list[tuple[int, str]] = []
    max_chars = limits.max_sentence_chars
    late_repairs = _LateRepairs()
    for block in blocks:
        unit, kind, spans = _layout(block, max_chars, late_repairs)
        if not unit:
            continue
        if parts:
            parts.append(_SEPARATOR)
            offset += len(_SEPARATOR)
            line += len(_SEPARATOR)
        if kind == "heading":
            while sections and sections[-1][0] >= block.level:
                sections.pop()
            sections.append((block.level, unit))
        section = tuple(title for _, title in sections)
        sentence_kind: SentenceKind = {"table_row": "table_cell", "paragraph": "sentence"}.get(kind, kind)  # type: ignore[assignment]
        for start, end in spans:
            sentences.append(
                Sentence(
                    unit[start:end],
                    offset + start,
                    offset + end,
                    section=section,
                    kind=sentence_kind,
                    line=line,
                )
            )
        if len(sentences) > limits.max_sentences:
            raise PolicyReadError(
                f"too many sentences (more than {limits.max_sentences}): not a privacy policy?"
            )
        parts.append(unit)
        offset += len(unit)
    if late_repairs.count and warnings is not None:
        warnings.append(f"repaired mojibake in {late_repairs.count} unit(s) after normalisation")
    return "".join(parts), tuple(sentences)


def _layout(
    block: Block, max_chars: int, late_repairs: _LateRepairs
) -> tuple[str, str, list[tuple[int, int]]]:
    """The unit's line in the document, its kind, and its sentence spans within that line."""

    def final(text: str) -> str:
        return _final_unit(text, late_repairs)

    kind = block.kind
    cells = block.cells
    text = ""
    if kind != "table_row":
        text = final(block.text)
        if not text:
            return "", kind, []
        if kind in ("paragraph", "heading"):
            found_cells = pipe_cells(text)
            if found_cells is not None:
                kind, cells = "table_row", found_cells  # reads back as a row, so it is one
    if kind == "table_row":
        cells = tuple(c for c in (final(c).replace("|", "\u00a6") for c in cells) if c)
        if not cells:
            return "", "table_row", []
        spans: list[tuple[int, int]] = []
        position = 2
        for cell in cells:
            spans.extend((position + s, position + e) for s, e in split_long(cell, 0, len(cell), max_chars))
            position += len(cell) + len(_CELL_SEPARATOR)
        return "| " + _CELL_SEPARATOR.join(cells) + " |", "table_row", spans
    marker = final(block.marker) if kind == "list_item" else ""
    if kind in ("paragraph", "heading"):
        found = split_marker(text)
        if found is not None:
            if kind == "paragraph":
                kind, marker, text = "list_item", found.marker, found.rest
            else:
                text = join_marker(found.marker, found.rest)
    if kind == "list_item":
        line = join_marker(marker or BULLET, text)
        prefix = len(line) - len(text)
        return line, kind, [(prefix + s, prefix + e) for s, e in split_sentences(text, max_chars)]
    if kind == "heading":
        return text, kind, split_long(text, 0, len(text), max_chars)
    return text, kind, split_sentences(text, max_chars)


class _LateRepairs:
    """Units repaired after normalisation (counted for a warning), and the repair's
    settings, built once per document on its first non-ASCII unit rather than once per
    unit."""

    def __init__(self) -> None:
        self.count = 0
        self._config: object | None = None

    def repair(self, unit: str) -> str:
        if self._config is None:
            self._config = unit_repair_config()
        return repair_unit(unit, self._config)


def _final_unit(text: str, late_repairs: _LateRepairs) -> str:
    """Normalise a unit, then make sure it is a fixed point of mojibake repair too."""
    unit = normalize_unit(text)
    if unit.isascii():
        return unit
    for _ in range(3):
        fixed = normalize_unit(late_repairs.repair(unit))
        if fixed == unit:
            break
        unit = fixed
        late_repairs.count += 1
    return unit
