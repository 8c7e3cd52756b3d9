"""Sentence boundaries inside one normalised paragraph, as character spans.

English: a sentence ends at ``.``, ``?`` or ``!`` (with any closing quotes or
brackets) followed by a space and a capital letter, digit, quote, bracket or
Chinese character; not after an abbreviation that never ends a sentence
("e.g.", "i.e.", "Mr.", "vs.", "No. 5"), nor after a single-letter initial.
Abbreviations that often end a sentence in real policies ("etc.", "Ltd.",
"Inc.", "Co.", "U.S.") end one only when a typical sentence opener follows
("... Co., Ltd. We will ..."). Decimals, URLs and e-mail addresses need no
rule: their periods are not followed by a space.

Chinese: a sentence ends after ``。`` and after ``!``/``?`` (full-width forms,
already normalised) next to Chinese text, with no space needed.

A sentence longer than ``max_chars`` (a run-on of clauses joined by
semicolons, common in translated policies) is cut after each ``;``; a piece
still too long is cut after commas, then at spaces, then hard, so no unit is
ever unbounded.

The lists below are segmentation conventions of written English, not knowledge
about data, so they live here rather than in the mapping tables.
"""

from __future__ import annotations

import re

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_END = re.compile(r"[.!?。]+[\"')\]」』]*")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_CJK_CHAR = re.compile(f"[{_CJK}]")

NEVER_FINAL = frozenset(
    "e.g eg i.e ie Mr Mrs Ms Dr Prof Sr Jr St vs cf viz approx Dept Fig fig Vol vol Art art Sec sec "
    "Para para Ch ch Ref ref Tel tel Ave Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)
"""Abbreviations after which a sentence does not end."""
OFTEN_FINAL = frozenset("etc Inc Ltd Co Corp LLC L.L.C U.S U.K E.U P.R.C al".split())
"""Abbreviations that end a sentence when a typical opener follows."""
NUMBER_ABBREVIATIONS = frozenset("No no Nos nos Art art Sec sec Fig fig Vol vol Para para p pp".split())
"""Abbreviations followed by a number ("No. 5"): no sentence end before the number."""
SENTENCE_OPENERS = frozenset(
    "We You Your Our If When The This These That Those It In For Please They Such Any All However Also As To "
    "Where Unless Except Note Some Each Where Third Users User Personal Data Information".split()
)
_OPENERS = "\"'([「『"


def split_sentences(text: str, max_chars: int = 1000) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of ``text`` (one paragraph, no newlines)."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for match in _END.finditer(text):
        end = match.end()
        if end >= n or not _is_boundary(text, match):
            continue
        spans.extend(_trimmed(text, start, end))
        start = end
    spans.extend(_trimmed(text, start, n))
    return [piece for s, e in spans for piece in split_long(text, s, e, max_chars)]


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    punct = match.group()
    end = match.end()
    before = text[match.start() - 1] if match.start() else ""
    after = text[end]
    if "。" in punct:
        return True
    if punct[0] in "!?" and (_is_cjk(before) or _is_cjk(after)):
        return True
    if after != " ":
        return punct[0] == "." and _is_cjk(before) and _is_cjk(after)
    nxt = end + 1
    while nxt < len(text) and text[nxt] == " ":
        nxt += 1
    if nxt >= len(text):
        return False
    first = text[nxt]
    opener = first in _OPENERS or first.isupper() or first.isdigit() or _is_cjk(first) or first == "\u2022"
    if not opener:
        return False
    if punct[0] != "." or punct.startswith("..."):
        return True
    word_match = _WORD_BEFORE.search(text, max(0, match.start() - 24), match.start())
    if not word_match:
        return True
    word = word_match.group(1).rstrip(".")
    if word in NEVER_FINAL or word.lower() in ("e.g", "i.e"):
        return False
    if word in NUMBER_ABBREVIATIONS and first.isdigit():
        return False
    if len(word) == 1 and word.isupper() and word_match.start() > 0 and text[word_match.start() - 1] in " (":
        return False  # an initial: "J. Smith"
    if word in OFTEN_FINAL or word.lower() == "etc":
        next_word = text[nxt:].split(" ", 1)[0].strip(_OPENERS + ",;:")
        return next_word in SENTENCE_OPENERS
    return True


def _is_cjk(char: str) -> bool:
    return bool(char) and bool(_CJK_CHAR.match(char))


def _trimmed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    return [(start, end)] if end > start else []


def split_long(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into pieces of at most ``max_chars``, preferring ``;``,
    then ``,``, then spaces as cut points."""
    if end - start <= max_chars:
        return [(start, end)]
    pieces = _cut_after(text, start, end, ";")
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        if e - s <= max_chars:
            out.append((s, e))
            continue
        for s2, e2 in _pack(text, s, e, ",", max_chars):
            out.extend(_pack(text, s2, e2, " ", max_chars) if e2 - s2 > max_chars else [(s2, e2)])
    return out


def _cut_after(text: str, start: int, end: int, char: str) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    s = start
    i = text.find(char, start, end)
    while i != -1:
        pieces.extend(_trimmed(text, s, i + 1))
        s = i + 1
        i = text.find(char, s, end)
    pieces.extend(_trimmed(text, s, end))
    return pieces


def _pack(text: str, start: int, end: int, char: str, max_chars: int) -> list[tuple[int, int]]:
    """Greedy: the longest prefixes of at most ``max_chars`` ending after ``char``;
    a hard cut where no ``char`` falls inside the window."""
    out: list[tuple[int, int]] = []
    s = start
    while end - s > max_chars:
        cut = text.rfind(char, s, s + max_chars)
        stop = cut + 1 if cut > s else s + max_chars
        out.extend(_trimmed(text, s, stop))
        s = stop
    out.extend(_trimmed(text, s, end))
    return out
