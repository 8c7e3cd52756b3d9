"""Evidence points at the policy *file*: each sentence's ``origin`` is the line and
column (and for a PDF the page) where it starts in the file as read, whatever the
readers did to the text (issue 14, item 11)."""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import pytest

from consistency.policy.document.read import read_document
from tests.helpers.paths import SAMPLES, SEEDS, TEST_DATA

_WORD = re.compile(r"[^\W_]+")
_LINE_BREAK = re.compile(r"\r\n?|\n")


def _first_word(text: str) -> str:
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    return words[0] if words else ""


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", html.unescape(text)).casefold().lstrip("\ufeff")


def assert_every_sentence_at_its_place(path: Path) -> None:
    """The file's text at each sentence's (line, column) starts with the sentence's first word."""
    document = read_document(path)
    lines = _LINE_BREAK.split(path.read_bytes().decode(document.encoding))
    misplaced = []
    for sentence in document.sentences:
        origin = sentence.origin
        assert origin is not None and origin.page is None, sentence
        at = _fold(lines[origin.line - 1][origin.column - 1 :])
        if not at.startswith(_first_word(sentence.text)):
            misplaced.append((origin.line, origin.column, sentence.text[:60], at[:60]))
    assert misplaced == []


SAMPLE_POLICIES = sorted(p for p in SAMPLES.glob("*/policy.*") if p.suffix != ".pdf")


@pytest.mark.parametrize("path", SAMPLE_POLICIES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_sample_policy_sentences_are_found_at_their_cited_line(path):
    assert_every_sentence_at_its_place(path)


@pytest.mark.parametrize(
    "name", ["gbk_reader.txt", "utf16_vpn.txt", "browser.html", "banking.md", "bilingual_delivery.txt"]
)
def test_labelled_policies_in_several_encodings_and_layouts(name):
    path = TEST_DATA / "policies" / name
    if not path.exists():
        pytest.skip(f"{name} is not in the labelled set")
    assert_every_sentence_at_its_place(path)


@pytest.mark.corpus
def test_real_seed_policies_point_at_their_lines():
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        pytest.skip("../shared/seeds is absent")
    for path in seeds:
        assert_every_sentence_at_its_place(path)


@pytest.mark.parametrize("name", ["legacy/policy.pdf", "built"])
def test_pdf_sentences_name_their_page_and_line_within_it(name, tmp_path):
    from pdfminer.high_level import extract_text

    from tests.helpers.pdf_builder import build_pdf, text_stream

    if name == "built":
        path = tmp_path / "policy.pdf"
        first = ["Privacy Policy", "", "We collect your precise location.", "We do not sell your data."]
        path.write_bytes(build_pdf([text_stream(first), text_stream(["2. Sharing", "We share crash logs."])]))
    else:
        path = SAMPLES / name
    document = read_document(path)
    pages = {}
    for sentence in document.sentences:
        origin = sentence.origin
        assert origin is not None and origin.page is not None
        if origin.page not in pages:
            pages[origin.page] = extract_text(str(path), page_numbers=[origin.page - 1]).split("\n")
        line = pages[origin.page][origin.line - 1]
        assert _fold(line[origin.column - 1 :]).startswith(_first_word(sentence.text)), sentence
    if name == "built":
        assert (document.sentences[-1].origin.page, document.sentences[-1].origin.line) == (2, 2)


def test_walkie_contact_denial_is_cited_at_its_file_line_in_every_format():
    from consistency import check
    from consistency.report.interface import render

    def render_report(result, fmt):
        return render(result, fmt, kind="check")

    apk, policy = SAMPLES / "walkie" / "walkie.apk", SAMPLES / "walkie" / "policy.md"
    denial = "We never collect or store your contact list."
    source = policy.read_text(encoding="utf-8")
    at = source.replace("\n", " ").index("We never collect or store your contact")  # wrapped, in **bold**
    line = source.count("\n", 0, at) + 1
    column = at - source.rfind("\n", 0, at)
    result = check(apk, policy)
    finding = next(
        f for f in result.findings if f.status == "contradicted" and f.subject == "contacts.contacts"
    )
    evidence = finding.evidence[0]
    assert evidence.text == denial
    assert (evidence.line, evidence.column, evidence.page) == (line, column, None)
    assert (
        evidence.line != result.policy.document.text.count("\n", 0, evidence.start) + 1
    )  # not the normalised line

    import json

    report = json.loads(render_report(result, "json"))
    cited = [e for f in report["findings"] for e in f["evidence"] if e["text"] == denial]
    assert cited and all((e["line"], e["column"]) == (line, column) for e in cited)
    sarif = json.loads(render_report(result, "sarif"))
    regions = [
        r["locations"][0]["physicalLocation"]["region"]
        for r in sarif["runs"][0]["results"]
        if r["locations"][0]["physicalLocation"]["region"].get("snippet", {}).get("text") == denial
    ]
    assert regions and all((r["startLine"], r["startColumn"]) == (line, column) for r in regions)
    assert f"line {line}: " in render_report(result, "text")
    assert f"L{line}: \u201c" in render_report(result, "markdown")
    assert f">line {line}</a>" in render_report(result, "html") or f">line {line} " in render_report(
        result, "html"
    )


def test_line_endings_of_every_kind_count_as_editors_count_them():
    text = "Privacy\r\n\r\nWe collect your location.\rWe share your email.\n\nWe never sell data.\n"
    document = read_document(text.encode(), name="p.txt")
    origins = {s.text: s.origin for s in document.sentences}
    assert (origins["We collect your location."].line, origins["We share your email."].line) == (3, 4)
    assert origins["We never sell data."].line == 6 and origins["We share your email."].column == 1


def test_markdown_link_targets_and_html_markup_do_not_shift_the_place():
    markdown = (
        "# Policy\n\nSee [our terms](https://example.com/we-collect-data) first. We collect your email.\n"
    )
    document = read_document(markdown.encode(), name="p.md")
    origin = next(s.origin for s in document.sentences if s.text == "We collect your email.")
    assert (origin.line, origin.column) == (3, markdown.split("\n")[2].index("We collect") + 1)
    page = (
        "<html><head><title>We collect your email.</title><script>var we = 'collect your email';</script></head>"
        "<body>\n<!-- We collect your email. -->\n<h1>Policy</h1>\n<p>Cookies &amp; more.\n"
        "<b>We</b> collect your email.</p></body></html>"
    )
    document = read_document(page.encode(), name="p.html")
    origin = next(s.origin for s in document.sentences if s.text == "We collect your email.")
    assert (origin.line, origin.column) == (5, 4)


@pytest.mark.parametrize(
    "hostile",
    ["<p>We collect data.</p>" + "<" * 50_000, "<p>We collect data.</p><!--" * 20_000, "<script>" * 30_000],
)
def test_hostile_markup_is_scanned_once(hostile):
    """Unclosed comments, tags and scripts end the text instead of being searched again at every ``<``."""
    from consistency.policy.document.sourcemap import _html_text_runs

    runs = _html_text_runs(hostile)
    assert len(runs) <= 50_002
    assert hostile[runs[0][0] : runs[0][1]] == "We collect data." if hostile.startswith("<p>") else True


ALIGN_HOSTILE = """
from consistency.policy.document.sourcemap import _align
# every 'a' of the document is followed by a word the source never has after an 'a':
# a search over later occurrences would try them all for each word (quadratic)
matched = _align(["a", "b"] * 100_000, ["a", "c"] * 100_000)
print(sum(1 for j in matched if j >= 0))
"""


def test_alignment_is_bounded_on_hostile_repetition():
    """Bounded in a child process (no timing assert): 200,000 words that match
    nowhere after the first must not take quadratic time."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", ALIGN_HOSTILE], capture_output=True, text=True, timeout=60, check=True
    )
    assert int(done.stdout) >= 1


def test_sdk_list_rows_are_cited_at_the_file_line_where_they_stand():
    # tianqi's SDK list is a Markdown table: a row read as a list row (not a sentence)
    # must still be cited at its line of the file, not the normalised text's line
    from consistency import check

    apk, policy = SAMPLES / "tianqi" / "tianqi.apk", SAMPLES / "tianqi" / "policy.md"
    file_lines = policy.read_text(encoding="utf-8").split("\n")
    result = check(apk, policy)
    rows = [
        e
        for f in result.findings
        for e in f.evidence
        if e.text.startswith("| ") and e.text.split("|")[1].strip().endswith("SDK")
    ]
    assert rows, "the SDK list's rows are evidence"
    for evidence in rows:
        first_cell = evidence.text.split("|")[1].strip()
        assert file_lines[evidence.line - 1].startswith(f"| {first_cell} |"), evidence
        assert file_lines[evidence.line - 1][evidence.column - 1 :].startswith("| "), evidence
