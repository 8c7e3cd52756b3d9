"""Which reader a policy needs, decided from its content; the file extension is a hint.

Users save HTML pages as ``policy.txt``, paste Markdown into ``.txt`` files and
name plain text ``.md``; the content is the better witness. The rules:

* PDF: the ``%PDF-`` signature in the first kilobyte (where the spec allows it).
* HTML: the text starts with an XML declaration, any doctype or ``<html>``
  (markup, read with the HTML parser so a DTD's declarations never show up as
  text), or block tags are dense (at least one per 300 characters in
  the first 64 KB). With an ``.html``/``.htm`` name, one tag is enough.
* Markdown: at least two signals, one of them structural: ATX headings
  (``# Title``), code fences, a table separator row, setext ``===``
  underlines; inline ``**bold**`` and ``[link](url)`` count as the second.
  One stray ``# `` line in a text policy is not enough. With a ``.md`` name,
  any one signal or a ``- `` list is enough. Lists alone are not Markdown evidence: plain-text policies use
  ``- `` bullets all the time.
* Otherwise plain text.
"""

from __future__ import annotations

import re
from typing import Literal

Format = Literal["text", "html", "markdown", "pdf"]

_HEAD = 4096
_SAMPLE = 1 << 16
_HTML_START = re.compile(
    r"(?:<!--.*?-->\s*)*<(?:\?xml\s|!doctype\s|html[\s>]|head[\s>]|body[\s>])", re.I | re.S
)
_HTML_TAG = re.compile(
    r"<(?:p|div|h[1-6]|ul|ol|li|table|tr|td|th|section|article|main|br|span|a|body|head|title|meta|strong|em|b|i)\b[^<>]{0,500}>",
    re.I,
)
_MD_STRONG = (
    re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M),
    re.compile(r"^ {0,3}(?:```|~~~)", re.M),
    re.compile(r"^ {0,3}\|?[ \t]*:?-{3,}:?[ \t]*\|[ \t:|-]*$", re.M),
    re.compile(r"\S[ \t]*\n {0,3}={3,}[ \t]*$", re.M),
)
_MD_INLINE = (
    re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__"),
    re.compile(r"!?\[[^\]\n]+\]\([^)\s]+\)"),
)
_MD_LIST = re.compile(r"^ {0,3}(?:[-*+]|\d{1,3}\.)[ \t]+\S", re.M)


def is_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


def sniff_format(text: str, suffix: str = "") -> Format:
    """The format of decoded ``text``; ``suffix`` (".html", ".md"...) only breaks ties."""
    suffix = suffix.lower()
    head = text[:_HEAD].lstrip()
    if _HTML_START.match(head):
        return "html"
    sample = text[:_SAMPLE]
    tags = len(_HTML_TAG.findall(sample))
    if tags >= 3 and tags * 300 >= len(sample):
        return "html"
    if suffix in (".html", ".htm", ".xhtml") and tags:
        return "html"
    strong = sum(len(p.findall(sample)) for p in _MD_STRONG)
    inline = sum(len(p.findall(sample)) for p in _MD_INLINE)
    if strong + inline >= 2 and strong:
        return "markdown"
    if suffix in (".md", ".markdown") and (strong or inline or _MD_LIST.search(sample)):
        return "markdown"
    return "text"
