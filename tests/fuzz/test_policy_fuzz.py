"""Property tests of the policy reader: arbitrary and mutated input.

Whatever the bytes, ``read_document`` either returns a Document or raises
PolicyReadError (an InputError): any other exception is a bug. Every Document
keeps its invariants: each sentence slices back out of ``text`` at its offsets
and line, and reading the normalised text again gives the same text
(normalising twice changes nothing).
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from consistency.errors import PolicyReadError
from consistency.policy.document.normalize import normalize_text
from consistency.policy.document.plaintext import read_text_blocks
from consistency.policy.document.read import read_document
from consistency.policy.document.segment import segment
from consistency.policy.document.sniff import sniff_format
from tests.helpers.fuzzing import FUZZ
from tests.helpers.pdf_builder import build_pdf, text_stream

PIECES = [
    "\n",
    "\n\n",
    " ",
    "  ",
    "\t",
    ".",
    ". ",
    "? ",
    "!",
    ";",
    ":",
    ",",
    "。",
    "，",
    "；",
    "、",
    "• ",
    "- ",
    "-",
    "* ",
    "+ ",
    "1. ",
    "2. ",
    "1.1 ",
    "2) ",
    "(1) ",
    "(a) ",
    "i. ",
    "IV. ",
    "一、",
    "（一）",
    "第一章 ",
    "① ",
    "| ",
    " |",
    "|",
    "---",
    "===",
    "# ",
    "## ",
    "**",
    "_",
    "`",
    "[link](http://x.y)",
    "> ",
    "```",
    "We collect your location",
    "Privacy Policy",
    "Location permission",
    "we do not sell",
    "e.g.",
    "etc.",
    "Co., Ltd.",
    "我们收集您的位置信息",
    "隐私政策",
    "A",
    "a",
    "Z",
    "0",
    "2024",
    "<p>",
    "</p>",
    "<br>",
    "<li>",
    "<h2>",
    "</h2>",
    "&amp;",
    "&nbsp;",
    "\u200b",
    "\u00ad",
    "\ufeff",
    "\u2028",
    "\r",
    "\x0c",
    "\u00a0",
    "\u3000",
    "ï‚·",
    "\ufffd",
    "\uf0b7",
    "Ⅻ",
    "ﬁ",
    "\u2019",
    "\u201c",
    "\u2014",
    "e\u0301",
    "\u0301",
    "¨",
    "½",
    "①②",
    "ＩＭＥＩ",
]

HTML_BASE = (
    "<!DOCTYPE html><html><head><style>p{}</style><script>x()</script></head><body><nav>menu</nav>"
    "<main><h1>Privacy Policy</h1><p>We collect your <b>location</b>. We do not sell it.</p>"
    "<ul><li>Contacts</li><li>Photos<ol><li>a</li></ol></li></ul>"
    "<table><tr><th>Permission</th><th>Use</th></tr><tr><td>CAMERA</td><td>QR</td></tr></table>"
    "<p><strong>Camera</strong></p><p>Line<br>• item<br>next</p></main><footer>f</footer></body></html>"
)


def _check(document) -> None:
    text = document.text
    lines = text.split("\n")
    previous = -1
    for sentence in document.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text and sentence.text == sentence.text.strip()
        assert sentence.start >= previous
        previous = sentence.start
        assert 1 <= sentence.line <= len(lines)
        assert sentence.text in lines[sentence.line - 1]


def _read_checked(data: bytes, name: str = "policy.txt"):
    try:
        document = read_document(data, name=name)
    except PolicyReadError as exc:
        assert "\n" not in str(exc)
        return None
    _check(document)
    return document


def _assert_stable(document) -> None:
    """The normalised text is a fixed point of the plain-text reader; and of
    ``read_document`` itself whenever it sniffs the text as plain text (a
    normalised text that happens to carry Markdown or HTML markers, such as a
    paragraph "# 1" from an HTML page, is read by that format's reader)."""
    text = document.text
    again, _ = segment(read_text_blocks(normalize_text(text)))
    assert again == text
    if sniff_format(text) == "text":
        assert read_document(text.encode("utf-8")).text == text


@FUZZ
@given(st.binary(max_size=3000))
def test_random_bytes(data):
    _read_checked(data)


@FUZZ
@given(st.binary(max_size=1500))
def test_random_bytes_after_a_pdf_signature(data):
    _read_checked(b"%PDF-1.4\n" + data, "policy.pdf")


@FUZZ
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_structured_text_is_stable(pieces):
    document = _read_checked("".join(pieces).encode("utf-8"))
    if document is not None:
        _assert_stable(document)


@FUZZ
@given(st.text(max_size=400))
def test_any_unicode_text_is_stable(text):
    document = _read_checked(text.encode("utf-8", "surrogatepass"))
    if document is not None:
        _assert_stable(document)


@st.composite
def _mutated(draw, base: str):
    text = base
    for _ in range(draw(st.integers(0, 8))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 40)))
        action = draw(st.sampled_from(["delete", "insert", "duplicate"]))
        if action == "delete":
            text = text[:i] + text[j:]
        elif action == "insert":
            text = text[:i] + draw(st.sampled_from(PIECES)) + text[i:]
        else:
            text = text[:j] + text[i:j] + text[j:]
    return text


@FUZZ
@given(_mutated(HTML_BASE))
def test_mutated_html(html):
    document = _read_checked(html.encode("utf-8"), "policy.html")
    if document is not None:
        _assert_stable(document)


@FUZZ
@given(st.binary(max_size=64), st.integers(0, 2000))
def test_damaged_pdf(noise, position):
    pdf = build_pdf([text_stream(["Privacy Policy", "We collect your location."])])
    position = min(position, len(pdf))
    _read_checked(pdf[:position] + noise + pdf[position + len(noise) :], "policy.pdf")


@FUZZ
@given(
    st.lists(
        st.sampled_from(
            [
                "\ufffd",
                "\ufffd\ufffd",
                " ",
                "\t",
                "\n",
                "\n\n",
                "x",
                "We collect data.",
                "\u2022 ",
                "- ",
                "<p>",
                "</p>",
                "<li>",
            ]
        ),
        max_size=30,
    ),
    st.sampled_from(["policy.txt", "policy.md", "policy.html"]),
)
@example(["<p>", "\ufffd\ufffd", "</p>"], "policy.html")
@example(["x", "\n", "\ufffd", " ", "\ufffd"], "policy.txt")
def test_replacement_characters_are_repaired_once(pieces, name):
    """Lost bullets (U+FFFD at a line start) are repaired once: the normalised text of
    any format reads back unchanged, so "\ufffd\ufffd" never becomes "\u2022 \ufffd" on a second reading."""
    document = _read_checked("".join(pieces).encode("utf-8"), name)
    if document is not None:
        _assert_stable(document)
