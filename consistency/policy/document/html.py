"""Structure of an HTML policy page, through lxml, with no network and no entities.

Safety: the page is untrusted. lxml's HTML parser never loads DTDs or external
entities and does not expand entity declarations; it is still built with
``no_network=True`` (belt and braces) and no ``resolve_entities`` anywhere. A
DOCTYPE internal subset (``<!DOCTYPE html [<!ENTITY ...>]>``, the XXE and
billion-laughs carrier) is cut out before parsing, so declarations neither
reach libxml2 nor leak into the text. libxml2 stops building the tree at 256
levels of nesting and drops everything after that point, so tags nested
deeper than :data:`MAX_DEPTH` are removed first (their text is kept): a page
of 10,000 nested ``<div>`` reads fully and nothing here recurses.

What is read: ``<main>`` (or the one dominant ``<article>``) when present,
else ``<body>``; without what a reader of the page does not see as the
policy: scripts, styles, templates, SVG, frames, forms and buttons; page
navigation, headers, footers and sidebars (``nav`` always; ``header``,
``footer`` and ``aside`` only outside the chosen main/article, where they
are page chrome); a form, header, footer or aside that holds most of the
page's text is no chrome but the page's wrapper (ASP.NET pages put the whole
body in one ``<form>``; some put the policy inside ``<header>``): it is kept,
and only its controls go; hidden elements (``hidden``, ``aria-hidden="true"``,
``display:none``, ``visibility:hidden``); and cookie/consent banners, found by
the :data:`BANNER_PATTERNS` display heuristic on ``id``, ``class`` and
``aria-label``. A banner candidate holding a large share of the text is kept:
a policy's own "Cookies" section must never be dropped as a banner.

Structure kept: ``h1``-``h6`` are headings; ``p``, ``div`` and other blocks
are paragraphs (a ``<br>`` inside one separates lines, read with the
plain-text line rules); ``li`` are list items numbered as the browser would;
``tr`` of a data table is a row of ``td``/``th`` cells (a table whose cells
hold paragraphs or lists is layout, read as blocks); a paragraph that is
nothing but bold text is a heading one level below the current one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...errors import PolicyReadError
from .blocks import BULLET, PSEUDO_HEADING_STEP, Block
from .plaintext import lines_to_blocks

if TYPE_CHECKING:
    from lxml.html import HtmlElement

BANNER_PATTERNS: tuple[str, ...] = (
    r"cookie[-_ ]?(?:banner|bar|consent|notice|notification|popup|pop-up|modal|law|wall|warning|message|dialog|overlay|box|alert|prompt|settings)",
    r"consent[-_ ]?(?:banner|bar|notice|popup|modal|dialog|manager|box|overlay|form|prompt)",
    r"gdpr",
    r"onetrust",
    r"cookiebot",
    r"cookie-?law",
    r"truste",
    r"didomi",
    r"usercentrics",
    r"osano",
    r"cc[-_](?:window|banner|revoke)",
    r"(?:^|[-_ ])banner(?:$|[-_ ])",
)
"""Display heuristic: id/class/aria-label fragments of cookie and consent banners
(and other banners), matched case-insensitively. Not knowledge about data: only
which page furniture is not the policy."""

BANNER_MAX_SHARE = 0.3
"""A banner candidate with more than this share of the page's text is kept."""

DROP_TAGS = frozenset(
    "script style noscript template svg math iframe frame frameset object embed applet canvas audio video "
    "map form button select option textarea input label nav head title meta link base dialog".split()
)
"""Elements whose content is never policy text."""
CHROME_TAGS = frozenset({"header", "footer", "aside"})
"""Page chrome, dropped when outside the chosen main/article element."""
WRAPPER_TAGS = frozenset({"form"}) | CHROME_TAGS
"""Chrome or controls when small, the page's wrapper when they hold more than
:data:`WRAPPER_MIN_SHARE` of its text: then kept (their controls still go)."""
WRAPPER_MIN_SHARE = 0.5
BLOCK_TAGS = frozenset(
    "p div section article main body blockquote address figure figcaption details summary center fieldset "
    "legend table thead tbody tfoot caption ul ol dl dt dd hr pre header footer aside menu dir".split()
)
HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
MAX_DEPTH = 180

_BANNER = re.compile("|".join(BANNER_PATTERNS), re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_DOCTYPE = re.compile(r"<!DOCTYPE", re.I)
_SUBSET_END = re.compile(r"\]\s*>")
_ENTITY_START = re.compile(r"<!ENTITY", re.I)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^<>]*?(/?)>")
_IMPLICITLY_CLOSED = frozenset("p li dt dd tr td th option".split())
_WORD_CHARS = re.compile(r"\w")
_RESIDUAL_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
"""An entity left in the text after parsing: a page escaped twice (``&amp;ldquo;``)
shows the reader quotes, and quotes mark defined terms."""


def unescape_residual(text: str) -> str:
    """The text with entities that survived one round of parsing decoded once more
    (one round, not until none is left)."""
    if "&" not in text:
        return text
    from html import unescape

    return _RESIDUAL_ENTITY.sub(lambda m: unescape(m.group(0)), text)


def read_html_blocks(text: str) -> list[Block]:
    """Blocks of an HTML page (already decoded and repaired, not yet normalised)."""
    import lxml.html
    from lxml import etree

    text = cut_doctype_subset(text)
    text = cut_entity_declarations(text)
    text = flatten_deep_nesting(text, MAX_DEPTH)
    parser = lxml.html.HTMLParser(
        encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True, remove_blank_text=False
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise PolicyReadError("no readable text in HTML") from exc
    content = _content_root(root)
    _drop_invisible(content, root)
    blocks = _Walker().walk(content)
    if not any((b.text.strip() or any(c.strip() for c in b.cells)) for b in blocks):
        raise PolicyReadError("no readable text in HTML")
    return blocks


def cut_doctype_subset(text: str) -> str:
    """Replace the first ``<!DOCTYPE ... [ ... ]>`` (one with an internal subset)
    by ``<!DOCTYPE html>``.

    A scan, not one regular expression: ``<!DOCTYPE[^[>]*\\[.*?\\]\\s*>`` retries
    from every ``<!DOCTYPE`` and runs to the end of the text each time, so a page
    of repeated ``<!DOCTYPE [`` took quadratic time. Here each character is looked
    at a bounded number of times."""
    start = _DOCTYPE.search(text)
    if start is None:
        return text
    bracket, close = text.find("[", start.end()), text.find(">", start.end())
    if bracket < 0 or (0 <= close < bracket):
        return text
    end = _SUBSET_END.search(text, bracket + 1)
    if end is None:
        return text
    return text[: start.start()] + "<!DOCTYPE html>" + text[end.end() :]


def cut_entity_declarations(text: str) -> str:
    """Remove every ``<!ENTITY ...>`` (up to its first ``>``) in one pass.

    ``<!ENTITY[^>]*>`` as a regular expression is quadratic on a text of many
    ``<!ENTITY`` with no ``>`` (every start scans to the end); once a declaration
    has no ``>`` after it, none after it has one either, so the scan stops there."""
    out: list[str] = []
    last = 0
    for match in _ENTITY_START.finditer(text):
        if match.start() < last:
            continue
        close = text.find(">", match.end())
        if close < 0:
            break
        out.append(text[last : match.start()])
        last = close + 1
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def flatten_deep_nesting(text: str, max_depth: int) -> str:
    """Remove start and end tags nested deeper than ``max_depth`` (keeping their text).

    A light model of HTML nesting: void elements do not nest, and ``p``/``li``/
    ``td``... close an open element of the same name, as browsers do."""
    if text.count("<") <= max_depth:
        return text
    stack: list[str] = []
    suppressed: dict[str, int] = {}
    out: list[str] = []
    last = 0
    for match in _TAG.finditer(text):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in VOID_TAGS or self_closing:
            continue
        if not closing:
            if name in _IMPLICITLY_CLOSED and name in stack[-8:]:
                while stack and stack.pop() != name:
                    pass
            if len(stack) >= max_depth:
                suppressed[name] = suppressed.get(name, 0) + 1
                out.append(text[last : match.start()])
                last = match.end()
            else:
                stack.append(name)
        elif suppressed.get(name):
            suppressed[name] -= 1
            out.append(text[last : match.start()])
            last = match.end()
        elif name in stack:
            while stack and stack.pop() != name:
                pass
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _content_root(root: HtmlElement) -> HtmlElement:
    body = root.find("body")
    if body is None:
        body = root
    total = _text_length(body)
    mains = body.xpath(".//main | .//*[@role='main']")
    if mains and _text_length(mains[0]) >= 0.2 * total:
        return mains[0]
    articles = body.xpath(".//article")
    if articles:
        largest = max(articles, key=_text_length)
        if _text_length(largest) >= 0.5 * total:
            return largest
    return body


def _text_length(element: HtmlElement) -> int:
    return sum(len(t.strip()) for t in element.itertext())


def _drop_invisible(content: HtmlElement, root: HtmlElement) -> None:
    total = max(_text_length(content), 1)
    chrome_is_page = content.tag == "body" or content is root
    doomed = []
    for element in content.iterdescendants():
        tag = element.tag
        if not isinstance(tag, str):
            doomed.append(element)
            continue
        tag = tag.lower()
        chrome = tag in DROP_TAGS or (chrome_is_page and tag in CHROME_TAGS)
        if chrome and tag in WRAPPER_TAGS and _text_length(element) > WRAPPER_MIN_SHARE * total:
            chrome = False  # the page's wrapper (module docstring)
        if chrome or _is_hidden(element):
            doomed.append(element)
        elif (
            tag not in HEADING_TAGS
            and _looks_like_banner(element)
            and _text_length(element) <= BANNER_MAX_SHARE * total
        ):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _is_hidden(element: HtmlElement) -> bool:
    attrib = element.attrib
    if "hidden" in attrib or attrib.get("aria-hidden", "").strip().lower() == "true":
        return True
    style = attrib.get("style")
    return bool(style) and bool(_HIDDEN_STYLE.search(style))


def _looks_like_banner(element: HtmlElement) -> bool:
    attrib = element.attrib
    for name in ("id", "class", "aria-label"):
        value = attrib.get(name)
        if value and _BANNER.search(value):
            return True
    return False


class _Context:
    __slots__ = ("kind", "level", "marker")

    def __init__(self, kind: str, level: int = 0, marker: str = "") -> None:
        self.kind = kind
        self.level = level
        self.marker = marker


class _Walker:
    """An iterative walk over start/end events (no recursion, whatever the depth)."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.bold_chars = 0
        self.plain_chars = 0
        self.bold_depth = 0
        self.contexts: list[_Context] = [_Context("paragraph")]
        self.heading_level = 0
        # keyed by the elements themselves, not id(): lxml builds a proxy object per
        # access and frees it when unreferenced, so an id() is soon another element's
        # (list numbers and layout tables then depended on what was read before)
        self.list_counters: dict[HtmlElement, int] = {}
        self.layout_tables: set[HtmlElement] = set()

    def walk(self, content: HtmlElement) -> list[Block]:
        from lxml import etree

        walker = etree.iterwalk(content, events=("start", "end"))
        for event, element in walker:
            tag = element.tag.lower() if isinstance(element.tag, str) else ""
            if event == "start":
                if tag == "tr" and not self._in_layout_table(element):
                    self.flush()
                    self.table_row(element)
                    walker.skip_subtree()
                    continue
                if tag == "table" and _is_layout_table(element):
                    self.layout_tables.add(element)
                self.start(tag, element)
            else:
                if tag == "tr" and not self._in_layout_table(element):
                    self.append(element.tail)
                    continue
                self.end(tag, element)
        self.flush()
        return self.blocks

    def start(self, tag: str, element: HtmlElement) -> None:
        if tag in HEADING_TAGS:
            self.flush()
            self.contexts.append(_Context("heading", level=HEADING_TAGS[tag]))
        elif tag == "li":
            self.flush()
            self.contexts.append(_Context("list_item", marker=self.list_marker(element)))
        elif tag in ("td", "th") or tag in BLOCK_TAGS:
            self.flush()
            self.contexts.append(_Context("paragraph"))
        elif tag == "br":
            self.buffer.append("\n")
        elif tag in ("b", "strong"):
            self.bold_depth += 1
        self.append(element.text)

    def end(self, tag: str, element: HtmlElement) -> None:
        if tag in HEADING_TAGS or tag == "li" or tag in ("td", "th") or tag in BLOCK_TAGS:
            self.flush()
            if len(self.contexts) > 1:
                self.contexts.pop()
        elif tag in ("b", "strong"):
            self.bold_depth = max(0, self.bold_depth - 1)
        self.append(element.tail)

    def append(self, text: str | None) -> None:
        if not text:
            return
        text = unescape_residual(text)
        self.buffer.append(text)
        if _WORD_CHARS.search(text):
            if self.bold_depth:
                self.bold_chars += len(text)
            else:
                self.plain_chars += len(text)

    def list_marker(self, element: HtmlElement) -> str:
        parent = element.getparent()
        if parent is None or not isinstance(parent.tag, str) or parent.tag.lower() != "ol":
            return BULLET
        key = parent
        if key not in self.list_counters:
            start = parent.get("start", "1").strip()
            self.list_counters[key] = (
                int(start) if start.lstrip("-").isdigit() and len(start) < 7 else 1
            ) - 1
        value = element.get("value", "").strip()
        if value.isdigit() and len(value) < 7:
            self.list_counters[key] = int(value)
        else:
            self.list_counters[key] += 1
        return f"{self.list_counters[key]}."

    def _in_layout_table(self, row: HtmlElement) -> bool:
        for ancestor in row.iterancestors("table"):
            return ancestor in self.layout_tables
        return True

    def table_row(self, row: HtmlElement) -> None:
        cells = tuple(
            unescape_residual(" ".join(t for t in cell.itertext()))
            for cell in row
            if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th")
        )
        if any(c.strip() for c in cells):
            self.blocks.append(Block("table_row", cells=cells))

    def flush(self) -> None:
        text = "".join(self.buffer)
        bold_only = self.bold_chars > 0 and self.plain_chars == 0
        self.buffer.clear()
        self.bold_chars = self.plain_chars = 0
        if not text.strip():
            return
        context = self.contexts[-1]
        if context.kind == "heading":
            self.heading_level = context.level
            self.blocks.append(Block("heading", text, level=context.level))
        elif context.kind == "list_item":
            marker, context.marker = context.marker, ""
            self.blocks.append(
                Block("list_item", text, marker=marker) if marker else Block("paragraph", text)
            )
        elif bold_only and _short_label(text):
            self.blocks.append(Block("heading", text, level=self.heading_level + PSEUDO_HEADING_STEP))
        elif "\n" in text:
            self.blocks.extend(lines_to_blocks(text.split("\n"), detect_headings=False))
        else:
            self.blocks.append(Block("paragraph", text))


def _is_layout_table(table: HtmlElement) -> bool:
    """A table whose cells hold block content lays out the page; it is not data."""
    for cell in table.iter("td", "th"):
        for _ in cell.iter("p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6"):
            if _ is not cell:
                return True
    return False


def _short_label(text: str) -> bool:
    stripped = " ".join(text.split())
    return 0 < len(stripped) <= 100 and stripped[-1] not in ".;,!?。" and len(stripped.split()) <= 12
