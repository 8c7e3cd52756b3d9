"""Structure of a plain-text policy: headings, list items, table rows and paragraphs.

Real policies published as text (and the text pdfminer extracts from PDFs) have
no markup, only layout habits, and these heuristics read those habits:

* A blank line always ends a block. Lines starting with a list marker (``•``,
  ``-``, ``*``, ``1.``, ``(1)``, ``a)``, ``IV.``, ``一、``, ``(一)``, ``第一章``,
  ``Part One:``) start a new block. Lines starting and ending with ``|`` are table rows, and so are
  consecutive lines with tab-separated fields.
* Hard-wrapped lines are joined: a line continues the previous one when the
  previous one has no closing punctuation and the new one starts in lower case,
  or the previous one ends with a comma, a hyphenated word part or a word that
  cannot end a sentence ("and", "the", "of"...), or both sides are Chinese, or
  the document is visibly wrapped at a fixed width and the previous line
  reaches it. Chinese is joined without a space.
* A block is a heading when it is short, has no closing punctuation and enough
  of these hold (a score, threshold 3): numbered (counts twice), Title Case or
  ALL CAPS, a blank line or a list after it, a blank line or finished sentence
  before it, a longer paragraph after it, or a question ("What do we
  collect?"). Lines starting "We ..."/"You ..." are sentences, not headings,
  unless written in Title Case; an unnumbered ``label: text`` line is an item,
  not a heading.
* Numbered items in an uninterrupted run of the same numbering style, or
  touching another list item with no blank line between, are list items (a
  table of contents, a list of short purposes), not headings.
* Section depth comes from the order in which heading styles appear (as in
  outline detection): the first style seen (a numbering style such as ``1.``,
  ``(1)``, ``一、``, or "unnumbered") is the outer level, a style first seen under
  it the next level; ``1.2.3`` is two levels under ``1.``. A heading forgets the
  styles first seen deeper than itself, so they nest again under it. Without
  font sizes this is a guess, and it errs by losing context (an unnumbered
  sub-heading inside a numbered chapter may close the chapter), never by
  putting a section under a heading it does not belong to. An unnumbered
  heading that opens the document is its title: level 1, but its style does
  not count, so the first real section heading is level 1 too and replaces it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .blocks import BULLET, Block

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_ZH_NUM = "一二三四五六七八九十百零〇两"
_ROMAN = r"(?=[IVXLC])(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"

_NUMBER_WORD_VALUES = {
    w: i + 1 for i, w in enumerate("One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve".split())
}
_NUMBER_WORDS = "|".join(_NUMBER_WORD_VALUES)

_ORDERED = re.compile(
    rf"""
    (?P<zh_chapter>第[{_ZH_NUM}\d]{{1,4}}[章节條条部分篇款])\s*
  | (?:Part|PART|Chapter|CHAPTER|Article|ARTICLE|Section|SECTION)[ ](?P<part>\d{{1,3}}|{_ROMAN}|{_NUMBER_WORDS})(?:[.:]\s*|\s+(?=[A-Z"(]))
  | (?P<zh_num>[{_ZH_NUM}]{{1,3}})[、.]\s*
  | \((?P<zh_paren>[{_ZH_NUM}]{{1,3}})\)\s*
  | (?P<dotted>\d{{1,3}}(?:\.\d{{1,3}})+)\.?(?:\s+|(?=[^\d\s.,]))
  | (?P<decimal>\d{{1,3}})[.、](?:\s+|(?=[^\d\s.,]))
  | (?P<decimal_paren>\d{{1,3}})\)\s*
  | \((?P<paren_decimal>\d{{1,3}})\)\s*
  | (?P<roman>{_ROMAN})\.\s+
  | \(?(?P<roman_lower>[ivx]{{1,5}})[.)]\s+
  | \((?P<alpha_paren>[A-Za-z])\)\s*
  | (?P<alpha>[A-Za-z])[.)]\s+
    """,
    re.X,
)
_BULLET = re.compile(
    rf"(?P<bullet>[\u2022\u00b7\u2219\u25e6\u25aa\u25ab\u25a0\u25a1\u25cf\u25cb\u25c6\u25c7\u25ba\u25b6\u25b8"
    rf"\u27a2\u27a4\u2713\u2714\u2756]|\ufffd+|[-*+](?=\s)|-(?=[A-Z{_CJK}]))\s*"
)
"""Bullets: symbols, ``-``/``*``/``+`` before a space, ``-`` glued to a capital, and
replacement characters (U+FFFD), which at the start of a line are bullets lost
in a conversion (written back as ``•``)."""
_PIPE_ROW = re.compile(r"^\|.*\|$")
_TABLE_RULE = re.compile(r"^:?-+:?$")
_TAB_FIELDS = re.compile(r"\t+")
_SPACES = re.compile(r"[^\S\t]+")

_TERMINAL = frozenset(".!?。;:")
_CLOSERS = "\"')]」』"
_OPENERS = "\"'([「『"
_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_CJK_CHAR = re.compile(f"[{_CJK}]")

_DANGLING = frozenset(
    "a an the and or nor of to in on at by for from with without into onto as than that which who whose "
    "our your their its his her such including include includes via per if whether when where while "
    "be is are was were will may can could would should must not any all each both either".split()
)
"""Words a sentence does not end with: a line ending with one was wrapped."""
_SMALL_WORDS = frozenset(
    "a an the and or nor of to in on at by for from with as via per vs but into about our your its".split()
)
"""Words Title Case leaves lower-case ("How We Collect and Use Your Information")."""
_SUBJECT_STARTS = frozenset("we you i they it he she there this these those if please".split())
"""A line starting with one of these (not in Title Case) is a sentence, not a heading."""

_HEADING_SCORE = 3
_UNNUMBERED = "unnumbered"


@dataclass(frozen=True)
class Marker:
    """A list or numbering marker at the start of a line."""

    marker: str
    rest: str
    style: str | None = None
    """Numbering style (``decimal``, ``roman``, ``zh_num``...); None for bullets."""
    depth: int = 1
    """``1.2.3`` has depth 3; every other marker depth 1."""
    value: int | None = None
    """The number the marker stands for (last component of ``1.2.3``; 一 = 1,
    iv = 4, b = 2), to tell a list running on (1., 2.) from a sub-level (一、 then (一))."""


def split_marker(line: str) -> Marker | None:
    """The list marker ``line`` starts with, if any (``line`` is stripped)."""
    match = _BULLET.match(line)
    if match:
        rest = line[match.end() :]
        bullet = match.group("bullet")
        return Marker(BULLET if bullet[0] == "\ufffd" else bullet, rest) if rest else None
    match = _ORDERED.match(line)
    if match:
        rest = line[match.end() :]
        if not rest:
            return None
        style = match.lastgroup or "decimal"
        marker = line[: match.end()].rstrip()
        number = match.group(style)
        depth = number.count(".") + 1 if style == "dotted" else 1
        if style == "dotted":
            style = "decimal"
        return Marker(marker, rest, style, depth, _marker_value(number.rsplit(".", 1)[-1], style))
    return None


_ZH_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _marker_value(number: str, style: str) -> int | None:
    if number.isdigit():
        return int(number)
    if style.startswith("zh"):
        number = number.lstrip("第")[:4]
        if number.isdigit():
            return int(number)
        if "十" in number:
            tens, _, units = number.partition("十")
            return (_ZH_DIGITS.get(tens[-1:], 1) if tens else 1) * 10 + _ZH_DIGITS.get(units[:1], 0)
        return _ZH_DIGITS.get(number[:1])
    if number in _NUMBER_WORD_VALUES:
        return _NUMBER_WORD_VALUES[number]
    if style.startswith("roman") or (style == "part" and number.isupper()):
        values = [_ROMAN_VALUES.get(c, 0) for c in number.lower()]
        return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    if len(number) == 1 and number.isalpha():
        return ord(number.lower()) - ord("a") + 1
    return None


def join_marker(marker: str, rest: str) -> str:
    """A list marker and its text as one line: with a space, except after Chinese
    markers ("一、", "(一)", "第一章"), which Chinese text writes without one."""
    return f"{marker}{rest}" if _CJK_CHAR.search(marker) else f"{marker} {rest}"


def read_text_blocks(text: str) -> list[Block]:
    """Blocks of a normalised plain text (see the module docstring for the rules)."""
    return lines_to_blocks(text.split("\n"))


def lines_to_blocks(lines: list[str], *, detect_headings: bool = True, base_level: int = 0) -> list[Block]:
    """Blocks of a sequence of lines; headings are searched only if ``detect_headings``
    (HTML line breaks inside a paragraph are lines, but not headings), and are
    placed ``base_level`` levels deep."""
    raws = _group_lines(lines)
    if detect_headings:
        _mark_headings(raws)
    return _to_blocks(raws, base_level)


# --------------------------------------------------------------- line grouping


@dataclass
class _Raw:
    kind: str
    """``para``, ``list`` (bullet or number) or ``row``."""
    text: str = ""
    marker: Marker | None = None
    cells: tuple[str, ...] = ()
    blank_before: bool = False
    blank_after: bool = False
    last_line: str = ""
    heading: bool = False


def _group_lines(lines: list[str]) -> list[_Raw]:
    cleaned = [_SPACES.sub(" ", line).strip() for line in lines]
    tabbed = [_tab_fields(line) for line in cleaned]
    width = _wrap_width(cleaned)
    raws: list[_Raw] = []
    current: _Raw | None = None
    blank = True
    for i, line in enumerate(cleaned):
        if not line:
            if current is not None:
                current.blank_after = True
            current, blank = None, True
            continue
        fields = tabbed[i]
        is_tab_row = len(fields) >= 2 and (
            (i > 0 and len(tabbed[i - 1]) >= 2) or (i + 1 < len(tabbed) and len(tabbed[i + 1]) >= 2)
        )
        line = line.replace("\t", " ")
        line = _SPACES.sub(" ", line)
        cells = pipe_cells(line) if not is_tab_row else tuple(fields)
        if cells is not None or is_tab_row:
            if cells:
                raws.append(_Raw("row", cells=cells, blank_before=blank, last_line=line))
            current, blank = None, False
            continue
        marker = split_marker(line)
        if marker is not None:
            current = _Raw("list", marker.rest, marker=marker, blank_before=blank, last_line=marker.rest)
            raws.append(current)
        elif (
            current is not None
            and current.kind != "row"
            and (sep := _join(current.last_line, line, width)) is not None
        ):
            current.text += sep + line
            current.last_line = line
        else:
            current = _Raw("para", line, blank_before=blank, last_line=line)
            raws.append(current)
        blank = False
    return raws


def _tab_fields(line: str) -> list[str]:
    if "\t" not in line:
        return []
    return [f.strip() for f in _TAB_FIELDS.split(line) if f.strip()]


def pipe_cells(line: str) -> tuple[str, ...] | None:
    """Cells of a ``| a | b |`` line: None when it is not one (or has only empty
    cells), empty for a ``|---|`` rule, which carries no text."""
    if len(line) < 3 or not _PIPE_ROW.match(line):
        return None
    cells = tuple(c.strip() for c in line[1:-1].split("|"))
    if not any(cells):
        return None
    if all(_TABLE_RULE.match(c) or not c for c in cells):
        return ()
    return tuple(c for c in cells if c)


def _wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped document was wrapped at, or None if it is not wrapped."""
    lengths = sorted(len(line) for line in lines if len(line) >= 20)
    if len(lengths) < 8:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    near = sum(1 for n in lengths if n >= 0.8 * width)
    if width <= 130 and near >= 0.4 * len(lengths):
        return width
    return None


def _join(previous: str, line: str, width: int | None) -> str | None:
    """The separator to join ``line`` onto ``previous`` with, or None to start a new block."""
    end = previous.rstrip(_CLOSERS)[-1:] or previous[-1]
    if end in _TERMINAL:
        return None
    first = line.lstrip(_OPENERS)[:1] or line[0]
    if end == "-" and len(previous) > 1 and previous[-2].isalpha() and first.isalpha():
        return ""
    if _is_cjk(line[0]):
        if end in ",、" and len(previous) > 1 and _is_cjk(previous[-2]):
            return ""
        if _is_cjk(end):
            return "" if len(previous) >= 25 or (width and len(previous) >= 0.75 * width) else None
    if first.islower():
        return " "
    if end in ",(/&" or end in "，、":
        return " "
    last_word = previous.rsplit(" ", 1)[-1].lower()
    if last_word in _DANGLING:
        return " "
    if width and len(previous) >= 0.75 * width:
        return " "
    return None


def _is_cjk(char: str) -> bool:
    return bool(char) and bool(_CJK_CHAR.match(char))


# ------------------------------------------------------------------- headings


def _mark_headings(raws: list[_Raw]) -> None:
    heading_styles: set[str] = set()
    for i, raw in enumerate(raws):
        if raw.kind == "row":
            continue
        if raw.kind == "list" and (raw.marker is None or raw.marker.style is None):
            continue
        prev = raws[i - 1] if i > 0 else None
        nxt = raws[i + 1] if i + 1 < len(raws) else None
        if raw.kind == "list" and _in_list(raw, prev, nxt, heading_styles):
            continue
        raw.heading = _heading_score(raw, prev, nxt) >= _HEADING_SCORE
        if raw.heading and raw.marker is not None and raw.marker.style:
            heading_styles.add(raw.marker.style)


def _in_list(raw: _Raw, prev: _Raw | None, nxt: _Raw | None, heading_styles: set[str]) -> bool:
    """A numbered line is a list item, not a heading, when it continues a list
    (a list item right above it, no blank line between, unless its numbering
    style already numbered headings and the item above is not of that style),
    when the next line is a bullet or the next number of a list, or when it is
    one of a run of consecutive numbers in the same style (a table of contents,
    a list of short purposes) with nothing but blank lines between them."""
    marker = raw.marker
    assert marker is not None and marker.style is not None
    if (
        prev is not None
        and prev.kind == "list"
        and prev.marker is not None
        and not prev.heading
        and not raw.blank_before
    ):
        if marker.style not in heading_styles or (
            prev.marker.style is not None and _same_list(prev.marker, marker)
        ):
            return True
    if nxt is not None and nxt.kind == "list" and nxt.marker is not None and not raw.blank_after:
        if nxt.marker.style is None or _follows(marker, nxt.marker):
            return True
    return (prev is not None and prev.marker is not None and _follows(prev.marker, marker)) or (
        nxt is not None and nxt.marker is not None and _follows(marker, nxt.marker)
    )


def _same_list(first: Marker, second: Marker) -> bool:
    return first.style == second.style or (first.style in _SIBLING_STYLES and second.style in _SIBLING_STYLES)


def _follows(first: Marker, second: Marker) -> bool:
    """``second`` is the next number after ``first`` at the same depth."""
    return (
        first.value is not None
        and second.value == first.value + 1
        and first.depth == second.depth
        and _same_list(first, second)
    )


_SIBLING_STYLES = frozenset({"decimal", "decimal_paren"})
"""Styles that continue one another in sloppy lists ("1." then "2)")."""


def _heading_score(raw: _Raw, prev: _Raw | None, nxt: _Raw | None) -> int:
    text = raw.text
    words = len(_WORD.findall(text))
    cjk = len(_CJK_CHAR.findall(text))
    if len(text) > 150 or words > 15 or cjk > 30 or (words == 0 and cjk == 0):
        return 0
    if "://" in text or "www." in text or "@" in text:
        return 0
    end = text.rstrip(_CLOSERS)[-1:] or text[-1]
    title = _is_title_case(text)
    if end in ".;,!。、":
        return 0
    if end == ":" and not ((title and words <= 5) or (cjk and not words and cjk <= 15)):
        return 0
    first_word = text.split(" ", 1)[0].lower()
    if first_word in _SUBJECT_STARTS and not title and end != "?":
        return 0
    score = 0
    if raw.kind == "list":
        score += 2
    if words <= 10 and cjk <= 20:
        score += 1
    if title:
        score += 1
    if end == "?" and words <= 12:
        score += 1
    if raw.blank_after or nxt is None or nxt.kind == "list":
        score += 1
    if raw.blank_before or prev is None or _ends_sentence(prev):
        score += 1
    if (
        nxt is not None
        and nxt.kind == "para"
        and len(nxt.text) >= 2 * len(text)
        and _starts_sentence(nxt.text)
    ):
        score += 1
    if ": " in text.rstrip(":") and raw.kind != "list":
        score -= 2  # "label: value" is an item ("Updated: 1 May", "Camera: scan codes")
    if text.count(",") >= 2:
        score -= 1
    return score


def _is_title_case(text: str) -> bool:
    words = _LATIN_WORD.findall(text)
    significant = [w for w in words if w.lower() not in _SMALL_WORDS]
    if not significant:
        return False
    capitals = sum(1 for w in significant if w[0].isupper())
    return capitals == len(significant) or (len(significant) >= 4 and capitals >= 0.75 * len(significant))


def _ends_sentence(raw: _Raw) -> bool:
    last = raw.last_line.rstrip(_CLOSERS)
    return raw.kind == "row" or raw.heading or (bool(last) and last[-1] in _TERMINAL)


def _starts_sentence(text: str) -> bool:
    first = text.lstrip(_OPENERS)[:1]
    return bool(first) and (first.isupper() or first.isdigit() or _is_cjk(first))


# -------------------------------------------------------------------- output


def _to_blocks(raws: list[_Raw], base_level: int) -> list[Block]:
    blocks: list[Block] = []
    style_levels: dict[str, int] = {}
    last_level = 0
    for i, raw in enumerate(raws):
        if raw.kind == "row":
            blocks.append(Block("table_row", cells=raw.cells))
        elif raw.heading and i == 0 and raw.kind == "para":
            # the document's title: outermost, but its style says nothing about the outline
            blocks.append(Block("heading", raw.text, level=base_level + 1))
        elif raw.heading:
            marker = raw.marker
            numbered = marker is not None and marker.style is not None
            style = marker.style if numbered and marker.style else _UNNUMBERED
            if style not in style_levels:
                style_levels[style] = last_level + 1
            base = style_levels[style]
            for other in [s for s, level in style_levels.items() if level > base]:
                del style_levels[other]  # styles first seen under an earlier sibling are no longer open
            level = base + (marker.depth - 1 if numbered and marker else 0)
            last_level = level
            text = join_marker(marker.marker, raw.text) if numbered and marker else raw.text
            blocks.append(Block("heading", text, level=base_level + level))
        elif raw.kind == "list" and raw.marker is not None:
            blocks.append(Block("list_item", raw.text, marker=raw.marker.marker))
        else:
            blocks.append(Block("paragraph", raw.text))
    return blocks
