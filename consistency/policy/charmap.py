"""A ``str.translate`` table that is applied only to text holding one of its characters.

Why: ``str.translate`` looks every character of a non-ASCII text up in the table
(a dictionary look-up per character, with an integer object made for each CJK code
point), even when the table maps none of them. Policy text passes through such
tables several times (normalisation before and after NFKC, the apostrophes and the
Traditional-to-Simplified fold of phrase matching), and in a Chinese policy almost
no unit holds a character any of them maps: the look-ups were some tens of
milliseconds per 100 KB. A regular-expression character class finds whether a text
holds a mapped character at C speed; the result is the same string either way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping


class CharMap:
    """A translation table and a search for the characters it maps."""

    __slots__ = ("table", "_mapped")

    def __init__(self, table: Mapping[int, str | int | None]) -> None:
        self.table = dict(table)
        self._mapped = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(self.table)) + "]")

    def apply(self, text: str) -> str:
        """``text.translate(self.table)``, without the per-character look-ups when nothing is mapped."""
        return text.translate(self.table) if self._mapped.search(text) else text
