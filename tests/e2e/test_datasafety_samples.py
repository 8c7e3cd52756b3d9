"""The Data safety draft and the three-way check on every committed sample, against
the expectations written by hand in ``samples/*/datasafety.expected.yaml``."""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

import jsonschema
import pytest
import yaml

from consistency import check
from consistency.apk import inspect_apk
from consistency.cli import main
from consistency.config import CheckConfig
from consistency.datasafety.attach import attach_form, load_form
from consistency.datasafety.csvread import parse_form, read_form
from consistency.datasafety.csvwrite import write_form
from consistency.datasafety.draft import draft_form, draft_rows
from consistency.datasafety.table import load_form_table
from consistency.datasafety.threeway import check_form
from consistency.mappings import load_mappings
from consistency.report.interface import reporter_for
from consistency.report.json import load_check_schema
from consistency.verdict import summarize
from tests.helpers.paths import SAMPLES

pytestmark = pytest.mark.e2e
SAMPLE_NAMES = sorted(p.parent.name for p in SAMPLES.glob("*/datasafety.expected.yaml"))
WITH_POLICY = [
    n
    for n in SAMPLE_NAMES
    if "three_way" in yaml.safe_load((SAMPLES / n / "datasafety.expected.yaml").read_text())
]


@lru_cache(maxsize=1)
def tables():
    mappings = load_mappings()
    return mappings, load_form_table(mappings)


@cache
def profile_of(name: str):
    return inspect_apk(SAMPLES / name / f"{name}.apk", tables()[0])


def expected(name: str) -> dict:
    return yaml.safe_load((SAMPLES / name / "datasafety.expected.yaml").read_text(encoding="utf-8"))


def policy_of(name: str) -> Path:
    return next(p for p in sorted((SAMPLES / name).glob("policy.*")) if p.suffix != ".pdf")


CHATTER_THREE_WAY = [
    "check",
    str(SAMPLES / "chatter" / "chatter.apk"),
    str(SAMPLES / "chatter" / "policy.html"),
    "--data-safety",
    str(SAMPLES / "chatter" / "datasafety.csv"),
]
"""The sample three-way check, with the form that has planted mismatches."""
DETECTION_FIXTURES = ("exodus-probes", "host-decoy", "obfuscated")
"""Samples that test SDK detection only (no policy, no store listing): no form."""


def test_every_sample_app_has_a_form_and_expectations() -> None:
    apps = sorted(p.parent.name for p in SAMPLES.glob("*/*.apk") if p.parent.name not in DETECTION_FIXTURES)
    assert SAMPLE_NAMES == apps
    assert all((SAMPLES / n / "datasafety.csv").is_file() for n in apps)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_the_draft_lists_exactly_the_expected_types(name: str) -> None:
    mappings, table = tables()
    draft = draft_form(profile_of(name), table, mappings)
    got = {t.response: {"shared": t.shared, "basis": t.basis} for t in draft.types}
    assert got == expected(name)["draft"]["types"]
    unmapped = sorted(q.about for q in draft.questions if q.id == "unmapped")
    assert unmapped == sorted(expected(name)["draft"]["unmapped"])


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_the_drafted_csv_reads_back_unchanged(name: str) -> None:
    mappings, table = tables()
    rows = draft_rows(draft_form(profile_of(name), table, mappings), table)
    text = write_form(table.header, rows)
    form = parse_form(text.encode("utf-8"), table)
    assert [(r.question, r.response, r.value, r.requirement, r.label) for r in form.rows] == [
        (r.question, r.response, r.value, r.requirement, r.label) for r in rows
    ]
    assert [r.line for r in form.rows] == list(range(2, len(rows) + 2))
    assert write_form(table.header, form.rows) == text
    drafted = {t.datatype: t.shared for t in draft_form(profile_of(name), table, mappings).types}
    assert {d.datatype: d.shared for d in form.declared} == drafted


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_the_committed_form_is_written_back_byte_for_byte(name: str) -> None:
    path = SAMPLES / name / "datasafety.csv"
    table = tables()[1]
    assert write_form(table.header, read_form(path, table).rows) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", WITH_POLICY)
def test_the_three_way_check_finds_the_planted_mismatches_and_nothing_else(name: str) -> None:
    mappings, table = tables()
    result = check(SAMPLES / name / f"{name}.apk", policy_of(name), mappings)
    form, _ = load_form(SAMPLES / name / "datasafety.csv", mappings)
    checked = attach_form(result, form, table, mappings).data_safety
    got = [{"kind": f.kind, "datatype": f.datatype, "severity": f.severity} for f in checked.findings]
    key = lambda f: (f["kind"], f["datatype"])  # noqa: E731
    assert sorted(got, key=key) == sorted(expected(name)["three_way"], key=key)


@pytest.mark.parametrize("name", [n for n in SAMPLE_NAMES if n not in WITH_POLICY])
def test_seed_forms_agree_with_their_apk(name: str) -> None:
    mappings, table = tables()
    form = read_form(SAMPLES / name / "datasafety.csv", table)
    checked = check_form(profile_of(name), form, None, table, mappings)
    assert [(f.kind, f.datatype) for f in checked.findings] == expected(name)["three_way_apk_side"]


@cache
def chatter_result():
    mappings, table = tables()
    result = check(SAMPLES / "chatter" / "chatter.apk", SAMPLES / "chatter" / "policy.html", mappings)
    form, _ = load_form(SAMPLES / "chatter" / "datasafety.csv", mappings)
    return attach_form(result, form, table, mappings)


def test_each_finding_names_the_three_sides() -> None:
    findings = {(f.kind, f.datatype): f for f in chatter_result().data_safety.findings}
    not_shared = findings[("not_shared", "device.ids")]
    assert {s.id for s in not_shared.sources} >= {"google-mobile-ads", "appsflyer"}
    assert [(r.question, r.response, r.value) for r in not_shared.form] == [
        ("PSL_DATA_TYPES_IDENTIFIERS", "PSL_DEVICE_ID", "TRUE"),
        (
            "PSL_DATA_USAGE_RESPONSES:PSL_DEVICE_ID:PSL_DATA_USAGE_COLLECTION_AND_SHARING",
            "PSL_DATA_USAGE_ONLY_SHARED",
            "FALSE",
        ),
    ]
    assert not_shared.policy_status == "vague" and "device information" in not_shared.policy[0].text
    undeclared = findings[("undeclared", "audio.recordings")]
    assert [s.id for s in undeclared.sources] == ["android.permission.RECORD_AUDIO"]
    assert undeclared.form[0].value == ""
    assert "voice messages" in undeclared.policy[0].text


def test_form_findings_fail_the_check_and_count_in_the_verdict() -> None:
    summary = summarize(chatter_result())
    plain = summarize(
        check(SAMPLES / "chatter" / "chatter.apk", SAMPLES / "chatter" / "policy.html", tables()[0])
    )
    assert summary.form_failing == 2  # the two high ones
    assert dict(summary.by_severity)["info"] == dict(plain.by_severity)["info"] + 1


def test_every_format_carries_the_form_findings() -> None:
    result = chatter_result()
    doc = json.loads(reporter_for("check", "json").render(result))
    jsonschema.validate(doc, load_check_schema())
    assert [(f["kind"], f["data_type"]) for f in doc["data_safety"]["findings"]][:2] == [
        ("undeclared", "audio.recordings"),
        ("not_shared", "device.ids"),
    ]
    sarif = json.loads(reporter_for("check", "sarif").render(result))
    run = sarif["runs"][0]
    form_results = [r for r in run["results"] if "datasafety" in r["ruleId"]]
    assert len(form_results) == 5
    for r in form_results:
        assert run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("datasafety.csv")
    assert 'id="datasafety"' in reporter_for("check", "html").render(result)
    assert "| not_shared | high | Device or other IDs" in reporter_for("check", "markdown").render(result)
    text = reporter_for("check", "text").render(result)
    assert (
        "DATA SAFETY FORM (5)" in text and "row 61: PSL_DATA_TYPES_IDENTIFIERS / PSL_DEVICE_ID = TRUE" in text
    )


def test_severities_are_configurable_like_the_others() -> None:
    mappings, table = tables()
    form = read_form(SAMPLES / "chatter" / "datasafety.csv", table)
    config = CheckConfig(severity=(("datasafety_not_shared", "low"), ("datasafety_undisclosed", "info")))
    checked = check_form(
        profile_of("chatter"), form, chatter_result().policy, table, mappings, config.severity_overrides()
    )
    severities = {(f.kind, f.datatype): f.severity for f in checked.findings}
    assert severities[("not_shared", "device.ids")] == "low"
    assert severities[("undisclosed", "calendar.events")] == "info"
    assert severities[("undeclared", "audio.recordings")] == "high"


def test_the_config_file_accepts_the_form_rules(tmp_path: Path, capsys) -> None:
    config = tmp_path / "consistency.yaml"
    config.write_text(
        "severity: {datasafety_undeclared: low, datasafety_not_shared: low}\n", encoding="utf-8"
    )
    argv = [
        *CHATTER_THREE_WAY,
        "--config",
        str(config),
        "-f",
        "json",
    ]
    main(argv)
    doc = json.loads(capsys.readouterr().out)
    assert {
        f["severity"] for f in doc["data_safety"]["findings"] if f["kind"] in ("undeclared", "not_shared")
    } == {"low"}


def test_datasafety_command_writes_play_consoles_csv(tmp_path: Path, capsys) -> None:
    out = tmp_path / "draft.csv"
    assert main(["datasafety", str(SAMPLES / "walkie" / "walkie.apk"), "-f", "csv", "-o", str(out)]) == 0
    form = read_form(out, tables()[1])
    assert {d.response for d in form.declared} == set(expected("walkie")["draft"]["types"])
    assert (
        main(
            [
                "datasafety",
                str(SAMPLES / "walkie" / "walkie.apk"),
                "--policy",
                str(SAMPLES / "walkie" / "policy.md"),
                "-f",
                "json",
            ]
        )
        == 0
    )
    doc = json.loads(capsys.readouterr().out)
    contacts = next(t for t in doc["types"] if t["data_type"] == "contacts.contacts")
    cited = contacts["policy"][0]
    file_lines = (SAMPLES / "walkie" / "policy.md").read_text(encoding="utf-8").split("\n")
    assert contacts["basis"] == "permission"
    assert file_lines[cited["line"] - 1][cited["column"] - 1 :].startswith(
        cited["text"][:40]
    )  # the file's line
    assert {q["id"] for q in doc["questions"]} >= {
        "user_typed",
        "ephemeral",
        "encrypted_in_transit",
        "deletion",
        "on_device_only",
    }


def test_datasafety_command_reports_a_bad_apk_in_one_line(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.apk"
    bad.write_bytes(b"not a zip")
    assert main(["datasafety", str(bad)]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_one_baseline_accepts_and_suppresses_the_form_findings_too(tmp_path: Path, capsys) -> None:
    baseline = tmp_path / "baseline.json"
    argv = [
        *CHATTER_THREE_WAY,
        "-f",
        "json",
        "--no-timestamp",
    ]
    assert main([*argv, "--write-baseline", str(baseline), "--reason", "reviewed"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["data_safety"]["findings"] == [] and len(doc["data_safety"]["suppressed"]) == 5
    assert doc["stale_baseline"] == [] and doc["summary"]["verdict"] == "pass"
    entries = json.loads(baseline.read_text())["accepted"]
    assert sum(e["class"].startswith("datasafety_") for e in entries) == 5
    # without the form, its entries are stale, as any entry that matched nothing
    assert main(argv[:3] + ["-f", "json", "--baseline", str(baseline)]) == 0
    assert len(json.loads(capsys.readouterr().out)["stale_baseline"]) == 5
