"""``consistency check`` through the CLI entry point, as CI runs it: exit codes,
thresholds, configuration, baselines, output files, determinism.

The inputs are the committed sample apps and their policies; the walkie pair
fails at the default threshold because of its deliberate contradiction.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from consistency.cli import main
from consistency.report.json import load_check_schema
from tests.helpers.paths import SAMPLES

pytestmark = pytest.mark.e2e

WALKIE = (SAMPLES / "walkie" / "walkie.apk", SAMPLES / "walkie" / "policy.md")
CHATTER = (SAMPLES / "chatter" / "chatter.apk", SAMPLES / "chatter" / "policy.html")


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    """Run from an empty directory: no consistency.yaml or pyproject.toml is picked up by accident."""
    for apk, policy in (WALKIE, CHATTER):
        if not (apk.is_file() and policy.is_file()):
            pytest.skip(f"sample {apk.parent.name} is not built")
    monkeypatch.chdir(tmp_path)


def check(*args: str | Path, pair=WALKIE, fmt="json", out: Path | None = None) -> tuple[int, dict | None]:
    argv = ["check", str(pair[0]), str(pair[1]), "--format", fmt, "--no-timestamp", *map(str, args)]
    if out is not None:
        argv += ["--output", str(out)]
    code = main(argv)
    doc = (
        json.loads(out.read_text(encoding="utf-8"))
        if out is not None and fmt == "json" and out.exists()
        else None
    )
    return code, doc


def test_findings_at_the_default_threshold_exit_1_and_the_json_validates(tmp_path):
    code, doc = check(out=tmp_path / "r.json")
    assert code == 1
    jsonschema.Draft202012Validator(load_check_schema()).validate(doc)
    assert doc["summary"]["verdict"] == "fail" and doc["summary"]["fail_on"] == "high"
    assert doc["summary"]["failing"] == sum(f["severity"] == "high" for f in doc["findings"]) > 0
    assert "timestamp" not in doc


def test_threshold_from_the_command_line(tmp_path):
    assert check("--fail-on", "none", out=tmp_path / "a.json")[0] == 0
    assert check("--fail-on", "info", out=tmp_path / "b.json")[0] == 1


def test_threshold_and_severities_from_a_config_file(tmp_path):
    config = tmp_path / "consistency.yaml"
    config.write_text("fail_on: high\nseverity:\n  contradicted: low\n  omitted: low\n", encoding="utf-8")
    code, doc = check(out=tmp_path / "r.json")  # found in the working directory
    assert code == 0, [(f["status"], f["subject"], f["severity"]) for f in doc["findings"]]
    assert {f["severity"] for f in doc["findings"] if f["status"] in ("contradicted", "omitted")} == {"low"}
    assert check("--fail-on", "low", out=tmp_path / "r2.json")[0] == 1  # the flag beats the file


def test_invalid_config_is_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("severity:\n  omited: low\n", encoding="utf-8")
    assert check("--config", bad)[0] == 2
    assert "severity.omited" in capsys.readouterr().err


def test_same_inputs_give_byte_identical_reports(tmp_path):
    for fmt in ("json", "sarif", "html", "markdown", "text"):
        check("--fail-on", "none", fmt=fmt, out=tmp_path / f"1.{fmt}")
        check("--fail-on", "none", fmt=fmt, out=tmp_path / f"2.{fmt}")
        assert (tmp_path / f"1.{fmt}").read_bytes() == (tmp_path / f"2.{fmt}").read_bytes(), fmt


def test_timestamp_unless_told_otherwise(tmp_path):
    out = tmp_path / "t.json"
    main(["check", str(WALKIE[0]), str(WALKIE[1]), "--format", "json", "--output", str(out)])
    assert "timestamp" in json.loads(out.read_text(encoding="utf-8"))


def test_baseline_round_trip_new_findings_and_stale_entries(tmp_path):
    baseline = tmp_path / "baseline.json"
    code, doc = check(
        "--write-baseline", baseline, "--reason", "reviewed in the e2e test", out=tmp_path / "w.json"
    )
    assert code == 0  # everything it found is now accepted
    written = json.loads(baseline.read_text(encoding="utf-8"))
    assert written["version"] == 1 and written["accepted"]
    assert {e["reason"] for e in written["accepted"]} == {"reviewed in the e2e test"}
    problems = doc["suppressed"]["count"]
    assert problems == len(written["accepted"]) and doc["findings"] == [
        f for f in doc["findings"] if f["status"] == "disclosed"
    ]

    code, doc = check("--baseline", baseline, out=tmp_path / "again.json")
    assert code == 0
    assert doc["suppressed"]["count"] == problems and doc["stale_baseline"] == []

    # another app with the same baseline: its findings are new, the old entries stale
    code, doc = check("--baseline", baseline, pair=CHATTER, out=tmp_path / "other.json")
    assert code == 1
    assert doc["suppressed"]["count"] == 0
    assert sorted(doc["stale_baseline"]) == sorted(e["fingerprint"] for e in written["accepted"])

    # the text report names the stale entries too
    code, _ = check("--baseline", baseline, pair=CHATTER, fmt="text", out=tmp_path / "other.txt")
    assert "Stale baseline entries" in (tmp_path / "other.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "content",
    [b"{corrupt", b'{"version": 99, "accepted": []}', b'{"version": 1, "accepted": [{"fingerprint": "x"}]}'],
    ids=["not-json", "unknown-version", "malformed-entry"],
)
def test_unusable_baseline_is_exit_2_never_ignored(tmp_path, capsys, content):
    baseline = tmp_path / "baseline.json"
    baseline.write_bytes(content)
    assert check("--baseline", baseline, out=tmp_path / "r.json")[0] == 2
    err = capsys.readouterr().err
    assert str(baseline) in err and "Traceback" not in err
    assert not (tmp_path / "r.json").exists()


def test_missing_baseline_is_exit_2(tmp_path):
    assert check("--baseline", tmp_path / "missing.json")[0] == 2


def test_bad_inputs_are_exit_2(tmp_path, capsys):
    not_an_apk = tmp_path / "app.apk"
    not_an_apk.write_text("hello", encoding="utf-8")
    assert main(["check", str(not_an_apk), str(WALKIE[1])]) == 2
    assert main(["check", str(WALKIE[0]), str(tmp_path / "missing-policy.md")]) == 2
    assert main(["check", str(WALKIE[0]), str(WALKIE[1]), "--format", "yaml"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_rewriting_a_baseline_keeps_earlier_reasons(tmp_path):
    first, merged = tmp_path / "first.json", tmp_path / "merged.json"
    check("--write-baseline", first, "--reason", "walkie reviewed", out=tmp_path / "a.json")
    code, _ = check(
        "--baseline",
        first,
        "--write-baseline",
        merged,
        "--reason",
        "chatter reviewed",
        pair=CHATTER,
        out=tmp_path / "b.json",
    )
    assert code == 0
    old = json.loads(first.read_text(encoding="utf-8"))["accepted"]
    new = json.loads(merged.read_text(encoding="utf-8"))["accepted"]
    reasons = {e["fingerprint"]: e["reason"] for e in new}
    assert all(reasons[e["fingerprint"]] == "walkie reviewed" for e in old)
    assert "chatter reviewed" in reasons.values()
    assert [e["fingerprint"] for e in new] == [
        e["fingerprint"]
        for e in sorted(new, key=lambda e: (e["class"], e["subject"], e["source"], e["fingerprint"]))
    ]
