"""Character-level normalisation of policy text, done once before any offset exists.

Why one place: every later stage (sentence offsets, phrase matching, evidence
shown in reports) refers to ``Document.text``. If two readers normalised
differently, or a later stage normalised again, offsets would drift. So every
reader hands its raw text to :func:`normalize_text` (newlines kept, for the
readers that need lines) and every unit goes through :func:`normalize_unit`
before it is placed into the document. Both are idempotent: normalising
normalised text changes nothing (the fuzz tests check it).

What changes and why:

* newlines: CR LF, CR, NEL, LS, PS, form and vertical feeds become ``\\n``;
* invisible characters are removed (zero-width space/joiners, word joiner,
  BOM, soft hyphen, bidi marks and overrides, variation selectors, C0/C1
  controls): they split words invisibly and break phrase matching;
* circled numbers (①, ❶) become ``(1)``: NFKC would turn them into a bare
  ``1`` and lose that they number a list item;
* Symbol/Wingdings private-use glyphs (U+F0xx, what Word bullets become when
  copied out of a document) become ``•``;
* Unicode NFKC: full-width forms (``，`` -> ``,``, ``（1）`` -> ``(1)``),
  ligatures, no-break and ideographic spaces, Roman numeral characters
  (``Ⅻ`` -> ``XII``), so "ＩＭＥＩ" matches "IMEI";
* curly quotes become straight quotes and every dash (en, em, minus, ...) a
  hyphen-minus, so a phrase written either way matches the same table entry.

Mojibake repair is not done here (see :mod:`consistency.policy.document.repair`): it
needs to know it is undoing an encoding accident, and it reports what it did.
"""

from __future__ import annotations

import re
import unicodedata

from ..charmap import CharMap

_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")

_INVISIBLE = re.compile(
    "["
    "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"  # C0/C1 controls except \t \n \v \f \r and NEL
    "\u00ad"  # soft hyphen
    "\u034f"  # combining grapheme joiner
    "\u061c"  # Arabic letter mark
    "\u115f\u1160\u17b4\u17b5\u180b-\u180f"  # fillers, Khmer/Mongolian invisible marks
    "\u200b-\u200f"  # zero-width space, ZWNJ, ZWJ, LRM, RLM
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2060-\u206f"  # word joiner, invisible operators, bidi isolates
    "\u3164\ufe00-\ufe0f\ufeff\uffa0"  # Hangul filler, variation selectors, BOM
    "\ufff9-\ufffb"  # interlinear annotation controls
    "]"
)

_SYMBOL_FONT_GLYPH = re.compile("[\uf000-\uf0ff]")
"""Private-use code points that Symbol and Wingdings fonts map their glyphs to;
in copied policy text they are bullets (U+F0B7, U+F0A7, U+F0D8, ...)."""


def _circled_numbers() -> dict[int, str]:
    table: dict[int, str] = {}
    for first, count in ((0x2460, 20), (0x2776, 10), (0x2780, 10), (0x278A, 10), (0x24F5, 10), (0x24EB, 10)):
        start = 11 if first == 0x24EB else 1
        for i in range(count):
            table[first + i] = f"({start + i})"
    table[0x24EA] = "(0)"
    table[0x24FF] = "(0)"
    return table


_BEFORE_NFKC = CharMap(_circled_numbers())

_AFTER_NFKC = CharMap(
    str.maketrans(
        {
            "\u2018": "'",
            "\u2019": "'",
            "\u201a": "'",
            "\u201b": "'",
            "\u2032": "'",
            "\u2035": "'",
            "\u02bc": "'",
            "\u201c": '"',
            "\u201d": '"',
            "\u201e": '"',
            "\u201f": '"',
            "\u2033": '"',
            "\u2036": '"',
            "\u00ab": '"',
            "\u00bb": '"',
            "\u2010": "-",
            "\u2011": "-",
            "\u2012": "-",
            "\u2013": "-",
            "\u2014": "-",
            "\u2015": "-",
            "\u2043": "-",
            "\u2212": "-",
            "\u2e3a": "-",
            "\u2e3b": "-",
        }
    )
)

_SPACES = re.compile(r"\s+")


def remove_invisible(text: str) -> str:
    """Unify newlines and remove invisible characters: the first step of
    :func:`normalize_text`, done before mojibake repair too, so the repair sees
    the characters that will remain (a control character between two garbled
    characters would otherwise hide them from the first repair and not the next)."""
    return _INVISIBLE.sub("", _NEWLINES.sub("\n", text))


def normalize_text(text: str) -> str:
    """Normalise characters and newlines of a whole text, keeping its lines (and tabs,
    which separate table cells in plain text)."""
    text = remove_invisible(text)
    text = _SYMBOL_FONT_GLYPH.sub("\u2022", text)
    text = _BEFORE_NFKC.apply(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        text = _AFTER_NFKC.apply(text)
    return text


def collapse_whitespace(text: str) -> str:
    """Every whitespace run (newlines included) becomes one space; ends are trimmed."""
    return _SPACES.sub(" ", text).strip()


def normalize_unit(text: str) -> str:
    """The final form of one unit (heading, paragraph, list item, cell) in ``Document.text``."""
    return collapse_whitespace(normalize_text(text))
