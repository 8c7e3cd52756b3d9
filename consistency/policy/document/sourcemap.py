"""Where each sentence of a normalised policy sits in the file as read: line, column, page.

Why: offsets and ``Sentence.line`` refer to ``Document.text``, the normalised
text (one unit per line, blank lines between, markup gone, lines re-wrapped).
A reviewer, and GitHub code scanning following a SARIF ``startLine``, look at
the *file*, so evidence must name the file's own line and column (and for a
PDF the page: a PDF has no source lines a person can open).

How: the readers (plain text, Markdown, lxml, pdfminer) rebuild the text from
structure and keep no positions, and threading positions through every
normalisation step (NFKC, mojibake repair, line joining, inline markup) would
touch every reader. Instead the normalised text is *aligned* with the source
after the fact, word by word:

* both texts are cut into words (a CJK character is a word of its own, since
  Chinese lines are joined without a space); source words are NFKC-normalised
  and case-folded as the document's were, and soft hyphens or zero-width
  characters inside a word are ignored;
* in HTML, tags, comments, character references and the content of ``head``,
  ``script``, ``style``, ``template`` and ``noscript`` are not words (the reader
  drops them too); the scan is a single forward pass, linear even on hostile
  markup (an unclosed ``<!--`` or ``<script`` ends the text, as in a browser);
* a greedy, monotone alignment walks the document's words: a word matches the
  source word at the cursor, or else the first later occurrence in the source
  whose next words match too (two words for a nearby jump, seven for a jump
  over more than 50 source words; at the very end of the document, only a
  nearby word), found through an index of word triples, so the alignment stays
  linear on hostile text; markup, URLs of Markdown links or page
  chrome in the source are skipped, and words the source does not contain as
  such (a repaired mojibake word, a hyphenated word joined across lines, a
  list number the HTML reader wrote) stay unmatched instead of pulling the
  alignment forward;
* a sentence starts where its first matched word is (or, if none matched,
  where the last matched word before it is).

Lines are counted as editors and GitHub count them (LF, CR LF, CR); columns
are 1-based Unicode code points. In a PDF the text is pdfminer's, pages end
with :data:`~consistency.policy.document.pdf.PAGE_BREAK`, and the line is the line within the page.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate

from ...models import Sentence, SourcePosition
from .pdf import PAGE_BREAK

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_INSIDE_WORD = "\u00ad\u200b-\u200d\u2060\ufeff"
_WORD = rf"[{_CJK}]|[^\W_{_CJK}](?:[^\W_{_CJK}]|[{_INSIDE_WORD}])*"
"""A word: one CJK character, or a run of letters and digits (soft hyphens and
zero-width characters inside it). Kept as text: only the split below is
compiled (a class like this one takes milliseconds to compile, in every process)."""
_WORD_OR_GAP = re.compile(f"({_WORD})")
"""Splits a text into gap, word, gap, word, ..., gap."""
_INVISIBLE_IN_WORD = re.compile(f"[{_INSIDE_WORD}]")
_LINE_BREAK = re.compile(r"\r\n?|\n")

_NEAR = 50
"""A jump over at most this many source words needs less confirmation."""
_CONFIRM_FAR = 7
"""Words that must match after a jump over more than :data:`_NEAR` source words."""
_MAX_CANDIDATES = 8
"""Later occurrences of a word triple tried before the word is left unmatched."""

_SKIPPED_ELEMENTS = ("head", "script", "style", "template", "noscript")


def locate_sentences(
    source: str, fmt: str, document_text: str, sentences: Sequence[Sentence]
) -> tuple[Sentence, ...]:
    """``sentences`` with ``origin`` set to where each starts in ``source``, the
    decoded file (pdfminer's text for a PDF) that ``document_text`` was read from."""
    src_words, src_starts = _source_words(source, fmt)
    doc_words, doc_starts = _words(document_text)
    matched = _align(doc_words, src_words)
    positions = _Positions(source, paged=fmt == "pdf")
    matched_doc = [i for i, j in enumerate(matched) if j >= 0]
    matched_offsets = [doc_starts[i] for i in matched_doc]
    located = []
    for sentence in sentences:
        k = bisect_left(matched_offsets, sentence.start)
        if k < len(matched_offsets) and matched_offsets[k] < sentence.end:
            index = matched_doc[k]
        elif k > 0:
            index = matched_doc[k - 1]
        else:
            located.append(sentence)
            continue
        located.append(_with_origin(sentence, positions.at(src_starts[matched[index]])))
    return tuple(located)


def _with_origin(sentence: Sentence, origin: SourcePosition) -> Sentence:
    """``dataclasses.replace(sentence, origin=origin)`` without its cost (it rebuilds the
    object through ``__init__``: a tenth of a second per 10,000 sentences); every
    other field, present or added later, is kept as it is."""
    located = object.__new__(type(sentence))
    located.__dict__.update(sentence.__dict__, origin=origin)
    return located


def span_origin(sentences: Sequence[Sentence], text: str, start: int, end: int) -> SourcePosition | None:
    """Where a span of ``text`` that is no sentence of its own (a list row, a table
    row, a permission entry) starts in the file: the place of the first located
    sentence read from inside it, moved back over what precedes that sentence on
    its line (a row's "| " marker). None when no located sentence starts inside.
    Why not the span's own line: that counts lines of the normalised text."""
    at = bisect_left(sentences, start, key=lambda s: s.start)
    if at == len(sentences) or sentences[at].start >= end or sentences[at].origin is None:
        return None
    first = sentences[at]
    origin = first.origin
    before = text[start : first.start]
    if "\n" in before:
        return origin
    return SourcePosition(origin.line, max(1, origin.column - len(before)), origin.page)


def file_place(sentence: Sentence) -> tuple[int, int | None, int | None]:
    """``(line, column, page)`` of a sentence in the policy file, for evidence; the
    normalised text's line (no column, no page) when its place in the file is unknown."""
    origin = sentence.origin
    if origin is None:
        return sentence.line, None, None
    return origin.line, origin.column, origin.page


def _fold(word: str) -> str:
    if word.isascii():
        return word.lower()
    return unicodedata.normalize("NFKC", _INVISIBLE_IN_WORD.sub("", word)).casefold()


def _words(text: str) -> tuple[list[str], list[int]]:
    """The folded words of ``text`` and where each starts. One split keeps the words
    and what lies between them, so the starts are running sums of the pieces'
    lengths: all in C but the folding (this runs over every word of the policy twice)."""
    pieces = _WORD_OR_GAP.split(text)
    starts = list(accumulate(map(len, pieces)))[0:-1:2]
    words = pieces[1::2]
    if text.isascii():
        return [w.lower() for w in words], starts
    folded: dict[str, str] = {}  # Chinese text is a few thousand distinct characters, repeated
    return [
        w.lower() if w.isascii() else folded.get(w) or folded.setdefault(w, _fold(w)) for w in words
    ], starts


def _source_words(source: str, fmt: str) -> tuple[list[str], list[int]]:
    if fmt != "html":
        return _words(source)
    # Markup becomes spaces of the same length, so offsets (and lines) stay the file's.
    parts: list[str] = []
    last = 0
    for start, end in _html_text_runs(source):
        parts.append(" " * (start - last))
        parts.append(source[start:end])
        last = end
    parts.append(" " * (len(source) - last))
    return _words("".join(parts))


def _html_text_runs(html: str) -> list[tuple[int, int]]:
    """The stretches of an HTML source that are text (between tags, comments,
    character references and skipped elements), in one forward pass. A closer
    that is missing once is missing for good, so no search is repeated."""
    runs: list[tuple[int, int]] = []
    lower = html.lower()
    missing: set[str] = set()
    position, size = 0, len(html)
    while position < size:
        lt = html.find("<", position)
        amp = html.find("&", position)
        stop = min(p for p in (lt, amp, size) if p >= 0)
        if stop > position:
            runs.append((position, stop))
        if stop == size:
            break
        if stop == amp:
            position = _after_reference(html, amp)
            continue
        position = _after_markup(html, lower, lt, missing)
    return runs


def _after_reference(html: str, amp: int) -> int:
    """Past ``&name;`` / ``&#123;`` (at most 32 characters), else past the ``&``."""
    semicolon = html.find(";", amp + 1, amp + 34)
    if semicolon > amp + 1 and (html[amp + 1 : semicolon].isalnum() or html[amp + 1] == "#"):
        return semicolon + 1
    return amp + 1


def _after_markup(html: str, lower: str, lt: int, missing: set[str]) -> int:
    if lower.startswith("<!--", lt):
        return _after(lower, "-->", lt + 4, missing)
    name = _tag_name(lower, lt + 1)
    close = _after(lower, ">", lt + 1, missing)
    if close == len(html) and ">" in missing:
        return lt + 1  # no ">" anywhere after: a literal "<"
    if name in _SKIPPED_ELEMENTS:
        return _after(lower, f"</{name}", close, missing)
    return close


def _tag_name(lower: str, start: int) -> str:
    end = start
    while end < len(lower) and end - start < 16 and lower[end].isalnum():
        end += 1
    return lower[start:end]


def _after(lower: str, closer: str, start: int, missing: set[str]) -> int:
    if closer in missing:
        return len(lower)
    found = lower.find(closer, start)
    if found < 0:
        missing.add(closer)
        return len(lower)
    return found + len(closer)


_RUN = 64
"""Words compared at once (in C, as two list slices) while the document continues the source."""


def _align(doc: list[str], src: list[str]) -> list[int]:
    """For each document word, the index of its source word, or -1 (see the module docstring).

    Linear in the words whatever the input: a word that does not continue the
    source at the cursor is looked up by the three words it starts (an index of
    the source's word triples, so the two confirming words cost nothing), and at
    most :data:`_MAX_CANDIDATES` later occurrences are tried.

    Most of a document continues its source word for word (all of a plain-text
    policy), so runs of :data:`_RUN` words are compared as slices first, and the
    word-by-word step, with the indexes it needs, is taken only where a run
    differs (then for the next :data:`_RUN` words, so a hostile text costs one
    extra slice comparison per run, never more). A run that matches is what the
    word-by-word step would have found: each of its words continues the source at
    the cursor. The indexes are built the first time a word does not."""
    indexes: tuple[dict[tuple[str, str, str], list[int]], dict[str, list[int]]] | None = None
    matched = [-1] * len(doc)
    cursor = 0
    n_doc, n_src = len(doc), len(src)
    i = 0
    while i < n_doc:
        run = doc[i : i + _RUN]
        if run == src[cursor : cursor + len(run)]:
            matched[i : i + len(run)] = range(cursor, cursor + len(run))
            i += len(run)
            cursor += len(run)
            continue
        stop = min(i + _RUN, n_doc)
        while i < stop:
            word = doc[i]
            if cursor < n_src and src[cursor] == word:
                p = cursor
            else:
                if indexes is None:
                    indexes = _word_indexes(src)
                triples, singles = indexes
                if i + 2 < n_doc:
                    p = _jump(doc, src, i, cursor, triples.get((word, doc[i + 1], doc[i + 2])))
                else:  # the document's last words: too few to confirm a jump, so only a short one
                    places = singles.get(word, ())
                    k = bisect_left(places, cursor)
                    p = places[k] if k < len(places) and places[k] - cursor <= _NEAR else -1
            if p >= 0:
                matched[i] = p
                cursor = p + 1
            i += 1
    return matched


def _word_indexes(src: list[str]) -> tuple[dict[tuple[str, str, str], list[int]], dict[str, list[int]]]:
    """Where each word triple and each word of the source occurs, in order."""
    triples: dict[tuple[str, str, str], list[int]] = {}
    for j, triple in enumerate(zip(src, src[1:], src[2:], strict=False)):
        triples.setdefault(triple, []).append(j)
    singles: dict[str, list[int]] = {}
    for j, word in enumerate(src):
        singles.setdefault(word, []).append(j)
    return triples, singles


def _jump(doc: list[str], src: list[str], i: int, cursor: int, places: list[int] | None) -> int:
    """Where the source continues with ``doc[i:i+3]`` after ``cursor`` (a far jump needs
    :data:`_CONFIRM_FAR` matching words), or -1."""
    if not places:
        return -1
    k = bisect_left(places, cursor)
    for p in places[k : k + _MAX_CANDIDATES]:
        if p - cursor <= _NEAR:
            return p
        need = min(_CONFIRM_FAR, len(doc) - i - 1, len(src) - p - 1)
        if doc[i : i + need + 1] == src[p : p + need + 1]:
            return p
    return -1


class _Positions:
    """Source offset -> (line, column, page), by bisection over line starts."""

    def __init__(self, source: str, paged: bool) -> None:
        self.line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(source)]
        self.page_starts = [0]
        if paged:
            self.page_starts += [m.end() for m in re.finditer(PAGE_BREAK, source)]
        self.paged = paged

    def at(self, offset: int) -> SourcePosition:
        line = bisect_right(self.line_starts, offset) - 1
        column = offset - self.line_starts[line] + 1
        if not self.paged:
            return SourcePosition(line=line + 1, column=column)
        page = bisect_right(self.page_starts, offset) - 1
        first_line = bisect_right(self.line_starts, self.page_starts[page]) - 1
        if self.line_starts[first_line] < self.page_starts[page]:
            # the form feed sits inside a line: the page starts mid-line
            column = offset - max(self.line_starts[line], self.page_starts[page]) + 1
        return SourcePosition(line=line - first_line + 1, column=column, page=page + 1)
