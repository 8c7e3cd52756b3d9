"""The APP-350 evaluation tool on a tiny corpus of our own, laid out as APP-350 is."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def tool():
    return importlib.import_module("tools.eval_app350")


def _policy(root: Path, number: int, split: str, body: str, html: str) -> None:
    (root / "annotations" / f"policy_{number}.yml").write_text(
        f"policy_id: {number}\npolicy_name: App{number}\npolicy_type: {split}\n{body}", encoding="utf-8"
    )
    (root / "original_documents" / f"{number}.html").write_text(html, encoding="utf-8")


def _segments(text: str, *practices: tuple[str, str]) -> str:
    notes = "".join(f"    - modality: {m}\n      practice: {p}\n" for p, m in practices)
    return f"segments:\n- segment_id: 0\n  segment_text: '{text}'\n  annotations:\n{notes}"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "annotations").mkdir()
    (tmp_path / "original_documents").mkdir()
    _policy(
        tmp_path,
        1,
        "TRAINING",
        _segments(
            "We collect your email address.",
            ("Contact_E_Mail_Address_1stParty", "PERFORMED"),
            ("Location_GPS_1stParty", "NOT_PERFORMED"),
        ),
        "<html><body><p>We collect your email address.</p>"
        "<p>We never collect your location.</p></body></html>",
    )
    _policy(
        tmp_path,
        2,
        "VALIDATION",
        _segments("We may ask for your phone number.", ("Contact_Phone_Number_3rdParty", "PERFORMED")),
        "<html><body><p>Support: write to us.</p><p>Your age is optional.</p></body></html>",
    )
    # a held-out policy whose body is not even YAML: the loader must never parse it
    _policy(tmp_path, 3, "TEST", "segments: [unclosed\n  : :\n", "<html><body><p>x</p></body></html>")
    return tmp_path


def test_held_out_policies_are_never_parsed(tool, corpus):
    policies = tool.load_policies(corpus)
    assert [p.id for p in policies] == ["1", "2"]


def test_truth_and_denied_only_groups_follow_the_practices(tool, corpus):
    first, second = tool.load_policies(corpus)
    assert first.true == {"Email"} and first.denied_only == {"Location"}
    assert second.true == {"Phone number"} and second.denied_only == frozenset()


def test_scores_reader_keywords_and_the_negation_probe(tool, corpus):
    from consistency.mappings import load_mappings

    policies = tool.load_policies(corpus)
    reader, keywords = tool.evaluate(policies, load_mappings())
    assert (reader.per_group["Email"].tp, reader.per_group["Phone number"].fn) == (1, 1)
    # "Your age is optional." names a Demographic type but states nothing about it
    assert reader.per_group["Demographic"].fp == 0 and keywords.per_group["Demographic"].fp == 1
    # the denied location: the reader stays silent, keyword search does not
    assert (reader.denied_only, reader.denied_silent, keywords.denied_silent) == (1, 1, 0)
    report = tool.report(policies, reader, keywords, errors=True)
    assert "negation probe: 1 of 1 denied-only groups" in report


def test_a_missing_folder_is_a_one_line_error(tool, tmp_path, capsys):
    assert tool.main([str(tmp_path / "absent")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_broad_wording_is_found_in_the_headline_and_not_in_the_strict_line(tool, tmp_path):
    # the scoring counts broad wording ("device information" for device IDs) as
    # found; the strict line scores it as the own set does (vague apart from collected)
    from consistency.mappings import load_mappings

    (tmp_path / "annotations").mkdir()
    (tmp_path / "original_documents").mkdir()
    _policy(
        tmp_path,
        4,
        "TRAINING",
        _segments("We collect device information.", ("Contact_E_Mail_Address_1stParty", "PERFORMED")),
        "<html><body><p>We collect device information and your email address.</p></body></html>",
    )
    policies = tool.load_policies(tmp_path)
    reader, _keywords = tool.evaluate(policies, load_mappings())
    assert reader.per_group["Device IDs"].fp == 1 and reader.per_group["Email"].tp == 1
    assert reader.strict.per_group["Device IDs"].fp == 0 and reader.strict.per_group["Email"].tp == 1
    assert "MICRO, strict" in tool.report(policies, reader, _keywords, errors=False)
