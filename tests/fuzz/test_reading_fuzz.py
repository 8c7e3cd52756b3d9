"""Property tests of statement extraction: policy-shaped text in random order.

The document fuzz targets (test_policy_fuzz.py) stop at the Document. What a
policy *states* is read by a second, rule-heavy stage (the lexicon trie, the
negation scopes, list lead-ins, headings, references and definitions, the SDK
and permission lists), and hostile or garbled policies reach it in every check.
Whatever the text, ``interpret_policy`` returns a reading whose evidence comes
out of the document's text at its offsets, whose statuses are the declared ones, and which is the same
when read twice (a reading must never depend on what was read before it).
"""

from __future__ import annotations

from typing import get_args

from hypothesis import given
from hypothesis import strategies as st

from consistency.errors import PolicyReadError
from consistency.mappings import load_mappings
from consistency.models import DataStatus
from consistency.policy import interpret_policy
from consistency.policy.document.read import read_document
from tests.helpers.fuzzing import FUZZ

# Our own fragments of the shapes policies take: lead-ins, list markers, headings,
# negations, references, definitions, SDK and permission lists, in English and Chinese.
PIECES = [
    "We collect ",
    "We do not collect ",
    "We will never share ",
    "without collecting ",
    "the following information:",
    "\n- ",
    "\n1. ",
    "\n\n",
    "\n# Information we share\n",
    "\n## Third-party SDKs\n",
    "your precise location",
    "your email address, phone number and postal address",
    "device identifiers such as the advertising ID",
    "crash reports",
    " with our advertising partners",
    " to our crash reporting provider",
    "This information",
    "Personal Information includes your name and contacts. ",
    "such as ",
    "including, but not limited to: ",
    "Firebase Analytics",
    "AdMob",
    "SDK name: Umeng; purpose: statistics; data: device ID",
    "android.permission.ACCESS_FINE_LOCATION",
    "Camera permission: to scan codes",
    ". ",
    ", ",
    "; ",
    "(",
    ")",
    "?",
    "我们会收集",
    "我们不会收集",
    "您的位置信息、通讯录",
    "第三方SDK列表：",
    "权限：",
    "。",
    "，",
    "\u200b",
    "\ufffd",
]

STATUSES = frozenset(get_args(DataStatus))


MAPPINGS = load_mappings().compiled()
"""Loaded and compiled once, at collection: not inside the first input's timing."""


def _reading_or_none(text: str):
    try:
        document = read_document(text.encode("utf-8", "surrogatepass"), name="policy.txt")
    except PolicyReadError:
        return None, None
    return document, interpret_policy(document, MAPPINGS)


def _shape(reading) -> tuple:
    return tuple(
        (d.data_type, d.status, d.actions, d.denied, tuple(s.sentence.start for s in d.evidence))
        for d in reading.data
    )


def _check(document, reading) -> None:
    known = set(MAPPINGS.datatype_ids)
    lines = document.text.count("\n") + 1
    for disclosure in reading.data:
        assert disclosure.data_type in known
        assert disclosure.status in STATUSES
        for statement in disclosure.evidence:
            cited = statement.sentence  # a sentence, or a whole list row for the lists
            assert document.text[cited.start : cited.end] == cited.text
            assert 1 <= cited.line <= lines
    again = interpret_policy(document, MAPPINGS)
    assert _shape(again) == _shape(reading)


@FUZZ
@given(st.lists(st.sampled_from(PIECES), max_size=80))
def test_policy_shaped_text_gives_a_consistent_reading(pieces):
    document, reading = _reading_or_none("".join(pieces))
    if reading is not None:
        _check(document, reading)


@FUZZ
@given(st.text(max_size=600))
def test_any_text_gives_a_consistent_reading(text):
    document, reading = _reading_or_none(text)
    if reading is not None:
        _check(document, reading)
