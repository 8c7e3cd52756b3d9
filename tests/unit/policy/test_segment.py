"""Sentence splitting, sections, offsets and line numbers of the normalised text."""

from __future__ import annotations

import pytest

from consistency.policy.document.blocks import Block
from consistency.policy.document.limits import PolicyLimits
from consistency.policy.document.normalize import normalize_text, normalize_unit
from consistency.policy.document.segment import segment
from consistency.policy.document.sentences import split_sentences


def _split(text: str, max_chars: int = 1000) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, max_chars)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We collect data. We share it.", ["We collect data.", "We share it."]),
        ("Do we sell it? No! We never do.", ["Do we sell it?", "No!", "We never do."]),
        (
            "We collect IDs (e.g. IMEI) and i.e. more. Then stop.",
            ["We collect IDs (e.g. IMEI) and i.e. more.", "Then stop."],
        ),
        (
            "Visit www.example.com. We reply within 2.5 days.",
            ["Visit www.example.com.", "We reply within 2.5 days."],
        ),
        ("Mail privacy@example.com. Thanks.", ["Mail privacy@example.com.", "Thanks."]),
        ("See Art. 6 GDPR and No. 5 of the rules.", ["See Art. 6 GDPR and No. 5 of the rules."]),
        ("Mr. Smith and Dr. Who vs. them.", ["Mr. Smith and Dr. Who vs. them."]),
        ("Example Co., Ltd. (we) collects data.", ["Example Co., Ltd. (we) collects data."]),
        (
            "Example Technology Co., Ltd. We collect data.",
            ["Example Technology Co., Ltd.", "We collect data."],
        ),
        ("Names, emails, etc. We never sell them.", ["Names, emails, etc.", "We never sell them."]),
        ("Names, emails, etc. Google gets them.", ["Names, emails, etc. Google gets them."]),
        ("Based in the U.S. and the U.K. only.", ["Based in the U.S. and the U.K. only."]),
        ('He said "stop." Then we left.', ['He said "stop."', "Then we left."]),
        ("Version 2. We updated this.", ["Version 2.", "We updated this."]),
        ("lower. case start stays joined.", ["lower. case start stays joined."]),
        (
            "我们收集位置信息。我们不会出售!真的吗?是的",
            ["我们收集位置信息。", "我们不会出售!", "真的吗?", "是的"],
        ),
        ("We collect data. 我们收集数据。", ["We collect data.", "我们收集数据。"]),
        ("Trailing space.   ", ["Trailing space."]),
    ],
)
def test_sentence_boundaries(text, expected):
    assert _split(text) == expected


def test_run_on_sentence_is_cut_at_semicolons_then_commas_then_spaces():
    clauses = [f"we collect item number {i} of your data" for i in range(60)]
    run_on = "; ".join(clauses) + "."
    pieces = _split(run_on, max_chars=200)
    assert all(len(p) <= 200 for p in pieces)
    assert pieces[0] == "we collect item number 0 of your data;"
    assert " ".join(pieces) == run_on
    commas = ", ".join(clauses)
    pieces = _split(commas, max_chars=200)
    assert all(len(p) <= 200 and p.endswith(",") for p in pieces[:-1])
    assert " ".join(pieces) == commas
    unbroken = "数据" * 700
    pieces = _split(unbroken, max_chars=300)
    assert [len(p) for p in pieces] == [300, 300, 300, 300, 200]


def test_segment_lays_out_sections_lines_and_offsets():
    blocks = [
        Block("heading", "Privacy  Policy", level=1),
        Block("paragraph", "We collect\nyour location.  We do not sell it."),
        Block("heading", "1. Data", level=2),
        Block("list_item", "Location;", marker="-"),
        Block("list_item", "Contacts.", marker="\u2022"),
        Block("heading", "1.1 Details", level=3),
        Block("table_row", cells=("CAMERA", " scan | codes ")),
        Block("table_row", cells=("", "")),
        Block("table_row", cells=("MIC", "voice")),
        Block("heading", "2. Sharing", level=2),
        Block("paragraph", "1) None at all."),
        Block("paragraph", "   "),
    ]
    text, sentences = segment(blocks)
    assert text == (
        "Privacy Policy\n\n"
        "We collect your location. We do not sell it.\n\n"
        "1. Data\n\n"
        "- Location;\n\n"
        "\u2022 Contacts.\n\n"
        "1.1 Details\n\n"
        "| CAMERA | scan \u00a6 codes |\n\n"
        "| MIC | voice |\n\n"
        "2. Sharing\n\n"
        "1) None at all."
    )
    rows = [(s.kind, s.text, s.section, s.line) for s in sentences]
    assert rows == [
        ("heading", "Privacy Policy", ("Privacy Policy",), 1),
        ("sentence", "We collect your location.", ("Privacy Policy",), 3),
        ("sentence", "We do not sell it.", ("Privacy Policy",), 3),
        ("heading", "1. Data", ("Privacy Policy", "1. Data"), 5),
        ("list_item", "Location;", ("Privacy Policy", "1. Data"), 7),
        ("list_item", "Contacts.", ("Privacy Policy", "1. Data"), 9),
        ("heading", "1.1 Details", ("Privacy Policy", "1. Data", "1.1 Details"), 11),
        ("table_cell", "CAMERA", ("Privacy Policy", "1. Data", "1.1 Details"), 13),
        ("table_cell", "scan \u00a6 codes", ("Privacy Policy", "1. Data", "1.1 Details"), 13),
        ("table_cell", "MIC", ("Privacy Policy", "1. Data", "1.1 Details"), 15),
        ("table_cell", "voice", ("Privacy Policy", "1. Data", "1.1 Details"), 15),
        ("heading", "2. Sharing", ("Privacy Policy", "2. Sharing"), 17),
        ("list_item", "None at all.", ("Privacy Policy", "2. Sharing"), 19),
    ]
    lines = text.split("\n")
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text in lines[sentence.line - 1]


def test_list_item_of_several_sentences_is_split_and_keeps_its_kind():
    _, sentences = segment([Block("list_item", "Location. We use it for maps. Never sold.", marker="1.")])
    assert [(s.kind, s.text) for s in sentences] == [
        ("list_item", "Location."),
        ("list_item", "We use it for maps."),
        ("list_item", "Never sold."),
    ]


def test_long_units_are_bounded():
    cell = "x" * 2500
    _, sentences = segment(
        [Block("table_row", cells=(cell,)), Block("heading", "h" * 1500)],
        PolicyLimits(max_sentence_chars=1000),
    )
    assert [len(s.text) for s in sentences] == [1000, 1000, 500, 1000, 500]


@pytest.mark.parametrize(
    "raw",
    [
        "We\u2019ll \u201cnever\u201d sell \u2014 ever\u00ad.",
        "ＩＭＥＩ、ＭＡＣ（１）：full\u3000width",
        "Zero\u200bwidth\u200d joiners\ufeff and bidi\u202e marks",
        "① first ❷ second \uf0b7 bullet",
        "e\u0301 composed, ﬁ ligature, Ⅻ numeral, ½ fraction, ¨ diaeresis",
        "tabs\tand\r\nnewlines\x0b\x0cand\u2028more\x85end",
    ],
)
def test_normalisation_is_idempotent(raw):
    once = normalize_text(raw)
    assert normalize_text(once) == once
    unit = normalize_unit(raw)
    assert normalize_unit(unit) == unit
    assert "\u200b" not in unit and "\u00ad" not in unit and "\ufeff" not in unit


def test_normalisation_results():
    assert normalize_unit("We\u2019ll \u201cnever\u201d sell \u2013 ever") == 'We\'ll "never" sell - ever'
    assert normalize_unit("ＩＭＥＩ（１），位置") == "IMEI(1),位置"
    assert normalize_unit("① first ❷ second") == "(1) first (2) second"
    assert normalize_unit("\uf0b7 bullet") == "\u2022 bullet"
    assert normalize_unit("in\u00adformation  and\u200b\n data") == "information and data"
    assert normalize_unit("Ⅻ. Jurisdiction") == "XII. Jurisdiction"
