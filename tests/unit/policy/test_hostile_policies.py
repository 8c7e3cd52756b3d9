"""Policies built to make the readers hang or blow up: each ends in bounded time
and memory (checked in a child process, never by timing) with a result or a
one-line PolicyReadError."""

from __future__ import annotations

import pytest

from consistency.errors import PolicyReadError
from consistency.policy.html import cut_doctype_subset, cut_entity_declarations
from consistency.policy.read import read_document
from tests.helpers.bounded import run_bounded

MIB = 1 << 20


def _read_outcome(data: bytes, name: str) -> str:
    """What reading gives, as a string the parent can check: the sentence count, or the error."""
    try:
        return f"sentences={len(read_document(data, name=name).sentences)}"
    except PolicyReadError as exc:
        assert "\n" not in str(exc)
        return f"refused: {exc}"


@pytest.mark.parametrize(
    "unit",
    ["<!DOCTYPE [", "<!doctype x [", "<!ENTITY ", "<!entity a ", "<!DOCTYPE html [ <!ENTITY "],
)
def test_repeated_declaration_openers_read_in_bounded_time(unit):
    """1 MB of a declaration opener with no closer (quadratic with the old
    regular expressions: over 60 s) reads in bounded time."""
    page = ("<html><body><p>We collect your location.</p>" + unit * (MIB // len(unit))).encode()
    outcome = run_bounded(_read_outcome, page, "policy.html", seconds=60, memory_mb=2048)
    assert outcome.error is None, outcome.error
    assert outcome.value.startswith(("sentences=", "refused: "))


def test_doctype_subset_is_cut_once_and_only_when_closed():
    page = '<!DOCTYPE html [ <!ENTITY x "y"> ]>\n<p>A</p><!DOCTYPE z [ ]>'
    assert cut_doctype_subset(page) == "<!DOCTYPE html>\n<p>A</p><!DOCTYPE z [ ]>"
    assert cut_doctype_subset("<!DOCTYPE html><p>[x]></p>") == "<!DOCTYPE html><p>[x]></p>"
    assert cut_doctype_subset("<!DOCTYPE html [ never closed") == "<!DOCTYPE html [ never closed"


def test_entity_declarations_are_cut_up_to_their_first_close():
    assert cut_entity_declarations('a<!ENTITY x "1">b<!entity y SYSTEM "f">c') == "abc"
    assert cut_entity_declarations("a<!ENTITY x <!ENTITY y>b") == "ab"
    assert cut_entity_declarations('a<!ENTITY x "1">b<!ENTITY open') == "ab<!ENTITY open"
