"""The reader on the three real policies in ../shared/seeds (skipped when absent).

Each assertion is about structure visible in the raw file: a heading line, the
lines under it, a garbled bullet, a sentence that must stay whole.
"""

from __future__ import annotations

import re

import pytest

from consistency.policy.document.read import read_document
from tests.helpers.paths import require_shared, seed_policies


def _seed(name: str):
    path = require_shared("seeds", name)
    return path, read_document(path)


@pytest.mark.parametrize("path", seed_policies(), ids=lambda p: p.name)
def test_every_seed_reads_with_consistent_offsets(path):
    document = read_document(path)
    raw = path.read_text(encoding="utf-8")
    assert document.format == "text" and document.encoding == "utf-8"
    assert document.sha256 and len(document.sha256) == 64
    lines = document.text.split("\n")
    for sentence in document.sentences:
        assert document.text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
        assert sentence.text in lines[sentence.line - 1]
    starts = [s.start for s in document.sentences]
    assert starts == sorted(starts)
    # plausible count: about one unit per sentence-final mark of the source, never fewer
    # than half of them nor more than the marks plus the lines
    marks = len(re.findall(r"[.!?;](?:\s|$)", raw))
    nonblank = sum(1 for line in raw.splitlines() if line.strip())
    assert marks / 2 <= len(document.sentences) <= marks + nonblank


@pytest.mark.parametrize("path", seed_policies(), ids=lambda p: p.name)
def test_reading_the_normalised_text_again_changes_nothing(path):
    document = read_document(path)
    again = read_document(document.text.encode("utf-8"), name="again.txt")
    assert again.text == document.text
    assert [s.text for s in again.sentences] == [s.text for s in document.sentences]


def test_pttoc_permission_headings_hold_their_lines():
    path, document = _seed("pttoc-policy.txt")
    by_text = {s.text: s for s in document.sentences}
    heading = by_text["Location permission"]
    assert heading.kind == "heading"
    following = [s for s in document.sentences if s.start > heading.start][:7]
    assert [s.kind for s in following] == ["list_item"] * 7
    assert all(s.section[-1] == "Location permission" for s in following)
    assert following[1].text.startswith("When you decide to share your location")
    # "Read and write external storage" / "permissions" is one heading wrapped over two lines
    storage = by_text["Read and write external storage permissions"]
    assert storage.kind == "heading"
    # a list item wrapped over two lines is one unit
    assert "Facilitate the enterprise to manage members and account management;" in by_text


def test_pttoc_garbled_bullets_are_repaired():
    path, document = _seed("pttoc-policy.txt")
    assert "ï‚·" in path.read_text(encoding="utf-8")
    assert "ï‚·" not in document.text and "\uf0b7" not in document.text
    assert any("Symbol-font bullet" in w for w in document.warnings)
    item = next(s for s in document.sentences if s.text.startswith("Google Firebase Crashlytics Privacy and"))
    assert item.kind == "list_item"
    assert (
        item.text
        == "Google Firebase Crashlytics Privacy and Security: https://firebase.google.com/support/privacy"
    )


def test_pttoc_crashlytics_sentence_is_one_unit():
    _, document = _seed("pttoc-policy.txt")
    matches = [
        s
        for s in document.sentences
        if "Crashlytics does not collect personally identifiable information" in s.text
    ]
    assert len(matches) == 1
    assert matches[0].text == (
        "Crashlytics does not collect personally identifiable information (PII) such as names, "
        "email addresses, or user content."
    )
    assert matches[0].section == ("Third-party SDKs use this instruction",)


def test_pttoc_en_dash_bullets_and_numbered_items_are_list_items():
    _, document = _seed("pttoc-policy.txt")
    crash = next(s for s in document.sentences if s.text == "Crash traces and stack traces")
    assert crash.kind == "list_item"
    assert document.text[crash.start - 2 : crash.start] == "- "
    first = next(
        s for s in document.sentences if s.text == "Disclose to third parties with your prior consent;"
    )
    assert first.kind == "list_item"
    assert document.text[first.start - 3 : first.start] == "1. "


def test_airtalk_lost_bullets_and_numbered_subheadings():
    path, document = _seed("airtalk-social-policy.txt")
    assert "\ufffd" in path.read_text(encoding="utf-8")
    assert "\ufffd" not in document.text
    items = [
        s
        for s in document.sentences
        if s.section and s.section[-1] == "When do we collect personal information?"
    ]
    assert [s.text for s in items if s.kind == "list_item"] == [
        "Register as a website user;",
        "Send us email;",
        "Release of files;",
        "Use our chat service.",
    ]
    numbered = next(s for s in document.sentences if s.text == "4. contact you by email")
    assert numbered.kind == "heading"
    assert numbered.section == (
        "What information do we collect and how to use it?",
        "4. contact you by email",
    )
    # a wrapped line starting in upper case is not joined to the previous one
    assert "We will get the MAC address of your device" in {s.text for s in document.sentences}


def test_52phone_table_of_contents_and_title_case_headings():
    _, document = _seed("52phone-policy.txt")
    lines = document.text.split("\n")
    toc = [s for s in document.sentences if re.match(r"[IVX]+\. ", lines[s.line - 1])]
    # "I." ... "Ⅻ." (Roman numeral characters normalised by NFKC): a table of contents, so list items
    assert [lines[s.line - 1].split(".")[0] for s in toc] == "I II III IV V VI VII VIII IX X XI XII".split()
    assert {s.kind for s in toc} == {"list_item"}
    assert document.text.count("\nXII. Jurisdiction Over Disputes\n") == 1
    heading = next(
        s
        for s in document.sentences
        if s.text == "Additional Business Functions Based on Device Camera Permissions"
    )
    assert heading.kind == "heading"
    after = next(s for s in document.sentences if s.start > heading.end)
    assert after.section == (heading.text,)
    assert after.text.startswith("When you use business functions like problem feedback")
    right = next(s for s in document.sentences if s.text == "1. Right of Access")
    assert right.kind == "heading"
