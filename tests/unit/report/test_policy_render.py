"""``consistency policy``: the text and JSON renderings of a policy reading."""

from __future__ import annotations

import json

from consistency.cli import main
from consistency.report.interface import Presentation, render
from consistency.report.policy import reading_to_dict
from tests.helpers.paths import TEST_DATA
from tests.helpers.policy_docs import builtin_mappings, read

POLICY = TEST_DATA / "policies" / "weather_ads.html"


def sample():
    return read(
        "We collect your precise location to show the weather.",
        "We share your advertising ID with Google AdMob.",
        "We do not use Google Analytics.",
    )


def test_json_contract_keys_and_order():
    doc = json.loads(render(sample(), "json", kind="policy"))
    assert set(doc) == {
        "schema_version",
        "source",
        "sha256",
        "format",
        "encoding",
        "warnings",
        "datatypes",
        "third_parties",
        "sdk_list",
        "permission_list",
    }
    ids = [d["id"] for d in doc["datatypes"]]
    assert ids == sorted(ids) and "location.precise" in ids
    precise = next(d for d in doc["datatypes"] if d["id"] == "location.precise")
    assert precise["status"] == "collected" and precise["exact"] is True and precise["actions"] == ["collect"]
    assert set(precise["evidence"][0]) == {"text", "start", "end", "section", "line", "column", "page"}
    analytics = [p for p in doc["third_parties"] if p["denied"]]
    assert analytics and analytics[0]["kind"] == "sdk"


def test_json_is_deterministic():
    reading = sample()
    assert render(reading, "json", kind="policy") == render(reading, "json", kind="policy")
    assert reading_to_dict(reading)["schema_version"] == 1


def test_text_highlights_the_phrase_without_a_terminal():
    text = render(sample(), "text", Presentation(tables=builtin_mappings()), kind="policy")
    assert "«precise location»" in text
    assert "Device or" in text  # the label from the tables
    assert "\x1b[" not in text


def test_text_bold_on_a_terminal():
    text = render(sample(), "text", Presentation(color=True, tables=builtin_mappings()), kind="policy")
    assert "\x1b[1m" in text and "«" not in text


def test_cli_json_on_a_real_policy(capsys):
    assert main(["policy", str(POLICY), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["format"] == "html"
    assert {d["id"]: d["status"] for d in doc["datatypes"]}["location.precise"] == "denied"


def test_cli_bad_input_exits_2(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    assert main(["policy", str(empty)]) == 2
    assert "error" in capsys.readouterr().err
