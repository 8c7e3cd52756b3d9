"""The structure every reader produces: a flat sequence of blocks.

Readers (plain text, Markdown, HTML, PDF) differ in how they find structure,
but they all end with the same four kinds of block, and one function
(:func:`consistency.policy.document.segment.segment`) turns blocks into the normalised
text and its sentences. That is what makes offsets and the canonical text
identical whatever the input format was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item", "table_row"]

BULLET = "\u2022"
"""The marker written for unordered list items whose source marker is not text
(HTML ``<ul>``, repaired Word bullets)."""

PSEUDO_HEADING_STEP = 1
"""How much deeper than the current heading a bold-only line (``<p><b>Location</b></p>``,
``**Location**``) is placed."""


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str = ""
    """Raw text of the unit (normalised later, once, by ``segment``); unused for table rows."""
    level: int = 1
    """Headings: depth in the outline, 1 outermost. A heading closes every open
    section at its level or deeper."""
    marker: str = ""
    """List items: the bullet or number as the source wrote it ("-", "•", "1.", "(a)")."""
    cells: tuple[str, ...] = ()
    """Table rows: the cells, in column order."""
