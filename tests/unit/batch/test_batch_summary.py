"""Summary and export of a real scan, checked against fresh single-app checks of
the same pairs (never against numbers the code under test produced)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter

import pytest

from consistency import check
from consistency.apk import inspect_apk
from consistency.batch.csvcells import safe_cell
from consistency.batch.export import load_export
from consistency.batch.run import scan_catalog
from consistency.batch.summary import TOP, load_summary
from consistency.mappings import load_mappings
from consistency.report.interface import render
from consistency.report.json import finding_to_dict
from tests.helpers.catalog import available_pairs, build_catalog, write_csv_manifest
from tests.helpers.paths import SAMPLES

pytestmark = pytest.mark.skipif(not available_pairs(), reason="samples are not built")
HOSTILE_ID = '<script>alert("x")</script>'
FORMULA_ID = "=cmd|' /C calc'!A0"


def render_summary(db, fmt: str) -> str:
    return render(load_summary(db), fmt, kind="summary")


def render_export(db, fmt: str, per_app: bool = False) -> str:
    return render(load_export(db, per_app=per_app), fmt, kind="export")


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    """A scanned manifest: 10 good pairs (one with a hostile id), one APK without
    a policy and one broken APK; plus the fresh check of every good pair."""
    root = tmp_path_factory.mktemp("summary")
    pairs = build_catalog(root / "apps", 10)
    manifest = write_csv_manifest(root / "apps.csv", pairs)
    rows = manifest.read_text(encoding="utf-8").splitlines()
    rows[1] = rows[1].replace(pairs[0].name, f'"{HOSTILE_ID.replace(chr(34), chr(34) * 2)}"', 1)
    rows[2] = rows[2].replace(pairs[1].name, f'"{FORMULA_ID.replace(chr(34), chr(34) * 2)}"', 1)
    walkie = SAMPLES / "walkie" / "walkie.apk"
    (root / "broken.apk").write_bytes(b"PK\x03\x04 broken")
    rows.append(f"solo,{walkie},,walkie")
    rows.append(f"broken,{root / 'broken.apk'},{pairs[1].policy},broken")
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
    db = root / "r.sqlite"
    scan_catalog(catalog=manifest, db=db, workers=2, item_timeout=60, quiet=True)
    tables = load_mappings()
    ids = [HOSTILE_ID, FORMULA_ID, *(p.name for p in pairs[2:])]
    fresh = {item_id: check(p.apk, p.policy, tables) for item_id, p in zip(ids, pairs, strict=True)}
    solo = inspect_apk(walkie, tables)
    return db, fresh, solo


def test_summary_figures_equal_the_fresh_checks(scanned):
    db, fresh, solo = scanned
    summary = json.loads(render_summary(db, "json"))
    assert summary["by_status"] == {"done": 10, "no_policy": 1, "failed": 1}
    assert summary["checked"] == 10 and summary["inspected"] == 11
    findings = [f for r in fresh.values() for f in r.findings]
    assert summary["findings_by_class"] == {
        c: sum(f.status == c for f in findings) for c in summary["findings_by_class"]
    }
    assert summary["findings_by_severity"] == {
        s: sum(f.severity == s for f in findings) for s in summary["findings_by_severity"]
    }
    high = {i: sum(f.severity == "high" for f in r.findings) for i, r in fresh.items()}
    assert summary["apps_with_high"] == sum(1 for n in high.values() if n)
    assert {a["item_id"]: a["high"] for a in summary["high_apps"]} == {i: n for i, n in high.items() if n}

    def ranked(subject_type, classes):
        apps = Counter(
            s
            for r in fresh.values()
            for s in {f.subject for f in r.findings if f.subject_type == subject_type and f.status in classes}
        )
        return sorted(apps.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]

    def listed(key):
        return [(c["key"], c["apps"]) for c in summary[key]]

    assert listed("omitted_data_types") == ranked("data", {"omitted"})
    assert listed("contradicted_data_types") == ranked("data", {"contradicted"})
    assert listed("undisclosed_sdks") == ranked("sdk", {"omitted", "contradicted"})
    prevalence = Counter(h.sdk_id for r in [*(r.profile for r in fresh.values()), solo] for h in r.sdks)
    assert listed("sdk_prevalence") == sorted(prevalence.items(), key=lambda kv: (-kv[1], kv[0]))
    problems = [
        sum(f.status in ("contradicted", "omitted", "vague") for f in r.findings) for r in fresh.values()
    ]
    assert sum(summary["problems_per_app"].values()) == 10
    assert summary["problems_per_app"]["0"] == problems.count(0)


def test_text_csv_and_html_say_the_same(scanned):
    db, _, _ = scanned
    summary = json.loads(render_summary(db, "json"))
    text = render_summary(db, "text")
    assert "12 items: 10 done, 1 no_policy, 1 failed" in text
    top = summary["omitted_data_types"][0]
    assert re.search(rf"\b{top['apps']}\b.*{re.escape(top['label'])}", text)
    rows = list(csv.DictReader(io.StringIO(render_summary(db, "csv"))))
    assert {r["key"]: int(r["count"]) for r in rows if r["section"] == "items_by_status"} == summary[
        "by_status"
    ]
    assert [(r["key"], int(r["count"])) for r in rows if r["section"] == "sdk_prevalence"] == [
        (c["key"], c["apps"]) for c in summary["sdk_prevalence"]
    ]
    html = render_summary(db, "html")
    assert html.startswith("<!DOCTYPE html>") and html.count("<svg") >= 5
    assert not re.search(r"(src|href)\s*=|https?://|<script|@import|url\(", html, re.IGNORECASE)
    assert HOSTILE_ID in [a["item_id"] for a in summary["high_apps"]]  # walkie omits on purpose
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_export_rows_are_the_check_contract(scanned):
    db, fresh, _ = scanned
    rows = [json.loads(line) for line in render_export(db, "jsonl").splitlines()]
    by_item: dict[str, list] = {}
    for row in rows:
        by_item.setdefault(row["item_id"], []).append(row["finding"])
    assert by_item == {i: [finding_to_dict(f) for f in r.findings] for i, r in fresh.items() if r.findings}
    table = list(csv.DictReader(io.StringIO(render_export(db, "csv"))))
    assert [(r["item_id"], r["fingerprint"]) for r in table] == [
        (safe_cell(r["item_id"]), r["finding"]["fingerprint"]) for r in rows
    ]
    assert render_export(db, "csv") == render_export(db, "csv")  # deterministic


def test_per_app_export_has_every_item(scanned):
    db, fresh, solo = scanned
    apps = {r["item_id"]: r for r in map(json.loads, render_export(db, "jsonl", per_app=True).splitlines())}
    assert len(apps) == 12 and apps["broken"]["status"] == "failed" and apps["broken"]["error"]
    assert apps["solo"]["status"] == "no_policy" and apps["solo"]["sdks"] == [h.sdk_id for h in solo.sdks]
    for item_id, result in fresh.items():
        assert apps[item_id]["omitted"] == sum(f.status == "omitted" for f in result.findings)
        assert apps[item_id]["package"] == result.profile.facts.package
    table = list(csv.DictReader(io.StringIO(render_export(db, "csv", per_app=True))))
    assert {r["item_id"]: r["status"] for r in table} == {safe_cell(i): a["status"] for i, a in apps.items()}
    assert json.loads(table[0]["metadata"]) == apps[table[0]["item_id"]]["metadata"]


def test_csv_cells_never_start_a_formula(scanned):
    """OWASP CSV injection: a catalog id (or versionName, package...) starting with = + - @
    reaches a spreadsheet as text, prefixed with a quote, in every CSV the tool writes."""
    db, _, _ = scanned
    outputs = [render_export(db, "csv"), render_export(db, "csv", per_app=True), render_summary(db, "csv")]
    for output in outputs:
        for row in csv.reader(io.StringIO(output)):
            assert not [c for c in row if c[:1] in ("=", "+", "-", "@", "\t", "\r")], row
    ids = [r["item_id"] for r in csv.DictReader(io.StringIO(render_export(db, "csv", per_app=True)))]
    assert "'" + FORMULA_ID in ids
    apps = [json.loads(line)["item_id"] for line in render_export(db, "jsonl", per_app=True).splitlines()]
    assert FORMULA_ID in apps  # JSON keeps the value as it is: only spreadsheets need the quote
