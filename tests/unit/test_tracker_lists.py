"""Reading public tracker lists and measuring the SDK table against them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from consistency.cli import main
from consistency.errors import InputError
from consistency.mappings import load_mappings
from consistency.tracker_lists import measure_coverage, probe_class, read_tracker_list

ENTRIES = {
    "12": {"name": "AppsFlyer", "code_signature": "com.appsflyer."},
    "32": {"name": "Tealium", "code_signature": ".tealium."},
    "40": {"name": "Demdex", "code_signature": "com.adobe.mobile.Analytics"},
    "900": {"name": "Nobody", "code_signature": "org.nobody.tracker|com.appsflyer"},
    "901": {"name": "Empty", "code_signature": ""},
}


@pytest.mark.parametrize(
    "layout", [{"trackers": ENTRIES}, [ENTRIES], ENTRIES], ids=["api", "app-store copy", "bare"]
)
def test_every_exodus_layout_reads_the_same(tmp_path: Path, layout) -> None:
    path = tmp_path / "trackers.json"
    path.write_text(json.dumps(layout), encoding="utf-8")
    trackers = read_tracker_list(path)
    assert [(t.key, t.signatures, t.unusable) for t in trackers] == [
        ("12", ("com.appsflyer",), ()),
        ("32", (), (".tealium.",)),
        ("40", ("com.adobe.mobile.Analytics",), ()),
        ("900", ("org.nobody.tracker", "com.appsflyer"), ()),
        ("901", (), ("",)),
    ]


def test_probe_classes_sit_under_packages_or_are_the_named_class() -> None:
    assert probe_class("com.appsflyer") == "com.appsflyer.ExodusProbe"
    assert probe_class("com.adobe.mobile.Analytics") == "com.adobe.mobile.Analytics"


def test_coverage_tells_covered_partial_missing_and_unusable(tmp_path: Path) -> None:
    path = tmp_path / "trackers.json"
    path.write_text(json.dumps({"trackers": ENTRIES}), encoding="utf-8")
    results = {
        r.tracker.key: r for r in measure_coverage(read_tracker_list(path), load_mappings().sdk_signatures)
    }
    assert results["12"].status == "covered" and results["12"].sdk_ids == ("appsflyer",)
    assert results["32"].status == "unusable"
    assert results["900"].status == "partial" and results["900"].missing == ("org.nobody.tracker",)
    assert results["901"].status == "unusable"


def test_coverage_command_prints_what_the_tables_lack(tmp_path: Path, capsys) -> None:
    path = tmp_path / "trackers.json"
    path.write_text(json.dumps({"trackers": ENTRIES}), encoding="utf-8")
    assert main(["mappings", "coverage", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("5 trackers, 3 with a package signature: 2 covered (66.7 %), 1 partial")
    assert "partial   900 Nobody: not detected: org.nobody.tracker (the rest is appsflyer)" in out
    assert not any("AppsFlyer" in line for line in out[1:])
    assert main(["mappings", "coverage", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["covered"] == 2


@pytest.mark.parametrize(
    "text", ["not json", "[1, 2]", '{"trackers": {"1": {"code_signature": "a.b"}}}', '{"1": {"name": "X"}}']
)
def test_a_bad_tracker_list_is_one_line_and_exit_2(tmp_path: Path, capsys, text: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError):
        read_tracker_list(path)
    assert main(["mappings", "coverage", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("consistency: error:") and err.count("\n") == 1
