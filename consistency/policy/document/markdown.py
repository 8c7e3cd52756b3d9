"""Structure of a Markdown policy, read line by line (no Markdown library needed).

Only what policies use is understood, and everything else stays text:
ATX (``#``) and setext (``===``/``---``) headings; list items (``-``, ``*``,
``+``, ``1.``, and every marker the plain-text reader knows, so the
normalised text reads back the same); pipe tables (``| a | b |``, the
``|---|`` rule dropped); fenced and indented code kept as text lines, fences
dropped; block quotes unwrapped; front matter, thematic breaks and link
reference definitions dropped. Inline markup is stripped to its text: link
and image text kept, URLs of inline links dropped, emphasis, code spans, HTML
tags and backslash escapes removed, HTML entities decoded.

A paragraph that is nothing but bold text (``**Location data**``) is a
heading one level below the current one: many policies write sub-headings so.
"""

from __future__ import annotations

import html
import re

from .blocks import PSEUDO_HEADING_STEP, Block
from .plaintext import split_marker

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BREAK = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S+")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_BOLD_ONLY = re.compile(r"^(\*\*|__)(?=\S)([^*_]{1,120}?)(?<=\S)\1:?$")

_INLINE = (
    (re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)"), r"\1"),
    (re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)"), r"\1"),
    (re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]"), r"\1"),
    (re.compile(r"<((?:https?|mailto):[^>\s]+|[^>\s@]+@[^>\s]+)>"), r"\1"),
    (re.compile(r"(`+)(.+?)\1"), r"\2"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"<br\s*/?>", re.I), " "),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]{0,500})?/?>"), ""),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),
)


def strip_inline(text: str) -> str:
    """Markdown inline markup to plain text."""
    if any(c in text for c in "[]<>`*_~\\&"):
        for pattern, replacement in _INLINE:
            text = pattern.sub(replacement, text)
        if "&" in text:
            text = html.unescape(text)
    return text


def read_markdown_blocks(text: str) -> list[Block]:
    """Blocks of a normalised Markdown text."""
    return _MarkdownReader(text.split("\n")).read()


class _MarkdownReader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.blocks: list[Block] = []
        self.paragraph: list[str] = []
        self.item: tuple[str, list[str]] | None = None
        self.level = 0

    def read(self) -> list[Block]:
        lines = self.lines
        i = _skip_front_matter(lines)
        while i < len(lines):
            line = lines[i]
            while _QUOTE.match(line):
                line = _QUOTE.sub("", line, count=1)
            stripped = line.strip()
            fence = _FENCE.match(line)
            if fence:
                self.flush()
                i = self.code_block(i + 1, fence.group(1))
                continue
            if not stripped:
                self.flush()
            elif self.paragraph and not self.item and _SETEXT.match(line):
                title = " ".join(self.paragraph)
                self.paragraph = []
                self.heading(1 if stripped[0] == "=" else 2, title)
            elif _BREAK.match(line) or _REFERENCE.match(line):
                self.flush()
            elif (atx := _ATX.match(line)) is not None:
                self.flush()
                self.heading(len(atx.group(1)), atx.group(2) or "")
            elif stripped.startswith("|") or (
                "|" in stripped
                and i + 1 < len(lines)
                and _TABLE_RULE.match(lines[i + 1])
                and "-" in lines[i + 1]
            ):
                self.flush()
                if not _TABLE_RULE.match(stripped):
                    self.table_row(stripped)
            elif (marker := split_marker(stripped)) is not None:
                self.flush()
                self.item = (marker.marker, [marker.rest])
            elif line.startswith(("    ", "\t")) and not self.paragraph and not self.item:
                self.blocks.append(Block("paragraph", stripped))
            elif self.item is not None:
                self.item[1].append(stripped)
            else:
                self.paragraph.append(stripped)
            i += 1
        self.flush()
        return self.blocks

    def code_block(self, i: int, fence: str) -> int:
        """Code lines are kept as text, one unit each; returns the line after the closing fence."""
        while i < len(self.lines):
            line = self.lines[i]
            if line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
                return i + 1
            if line.strip():
                self.blocks.append(Block("paragraph", line.strip()))
            i += 1
        return i

    def heading(self, level: int, title: str) -> None:
        self.level = level
        self.blocks.append(Block("heading", strip_inline(title), level=level))

    def table_row(self, line: str) -> None:
        body = line.strip()
        body = body[1:] if body.startswith("|") else body
        body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
        cells = tuple(strip_inline(c.strip().replace("\\|", "|")) for c in re.split(r"(?<!\\)\|", body))
        if any(c.strip() for c in cells):
            self.blocks.append(Block("table_row", cells=cells))

    def flush(self) -> None:
        if self.item is not None:
            marker, lines = self.item
            self.blocks.append(Block("list_item", strip_inline(" ".join(lines)), marker=marker))
            self.item = None
        if self.paragraph:
            text = " ".join(self.paragraph)
            self.paragraph = []
            if _BOLD_ONLY.match(text):
                self.blocks.append(
                    Block("heading", strip_inline(text), level=self.level + PSEUDO_HEADING_STEP)
                )
            else:
                self.blocks.append(Block("paragraph", strip_inline(text)))


def _skip_front_matter(lines: list[str]) -> int:
    if lines and lines[0].strip() == "---":
        for j in range(1, min(len(lines), 60)):
            if lines[j].strip() in ("---", "..."):
                return j + 1
    return 0
