"""process_item: the per-item job runs the real pipeline and returns plain rows;
bad input becomes a failed result with its reason, never an exception."""

from __future__ import annotations

import hashlib
import json
import pickle

import pytest

from consistency import check
from consistency.batch.inputs import CatalogItem
from consistency.batch.worker import ScanOptions, process_item
from consistency.mappings import load_mappings
from consistency.report.json import finding_to_dict
from tests.helpers.catalog import available_pairs
from tests.helpers.paths import SAMPLES
from tests.helpers.policy_docs import builtin_mappings

OPTIONS = ScanOptions()
PAIRS = available_pairs()
WALKIE = SAMPLES / "walkie" / "walkie.apk"


@pytest.fixture(scope="module")
def tables():
    return load_mappings()


def item(name, apk, policy=None, **extra) -> CatalogItem:
    return CatalogItem(
        item_id=name, apk=str(apk) if apk else None, policy=str(policy) if policy else None, **extra
    )


@pytest.mark.skipif(not PAIRS, reason="samples are not built")
@pytest.mark.parametrize(("app", "policy"), PAIRS)
def test_rows_are_the_check_json_of_a_fresh_check(app, policy, tables):
    apk, pol = SAMPLES / app / f"{app}.apk", SAMPLES / app / policy
    result = process_item(item(app, apk, pol), OPTIONS, builtin_mappings())
    expected = check(apk, pol, tables)
    assert result.status == "done" and result.error is None
    assert [json.loads(f.data) for f in result.findings] == [finding_to_dict(f) for f in expected.findings]
    assert [(f.subject, f.status, f.severity, f.fingerprint) for f in result.findings] == [
        (f.subject, f.status, f.severity, f.fingerprint) for f in expected.findings
    ]
    assert result.apk_sha256 == hashlib.sha256(apk.read_bytes()).hexdigest()
    assert result.policy_sha256 == hashlib.sha256(pol.read_bytes()).hexdigest()
    assert result.app.package == expected.profile.facts.package
    assert {s.sdk_id for s in result.app.sdks} == {h.sdk_id for h in expected.profile.sdks}
    assert result.mappings_digest == tables.digest
    summary = json.loads(result.summary)
    assert sum(summary["by_status"].values()) == len(expected.findings)
    assert result.timings.total_ms >= result.timings.inspect_ms + result.timings.policy_ms > 0
    assert pickle.loads(pickle.dumps(result)) == result


@pytest.mark.skipif(not WALKIE.is_file(), reason="samples are not built")
def test_without_a_policy_the_apk_is_still_inspected(tables):
    result = process_item(item("solo", WALKIE), OPTIONS, builtin_mappings())
    assert result.status == "no_policy" and result.findings == () and result.policy_sha256 is None
    profile_sdks = {h.sdk_id for h in check(WALKIE, SAMPLES / "walkie" / "policy.md", tables).profile.sdks}
    assert {s.sdk_id for s in result.app.sdks} == profile_sdks
    assert any(p["name"].endswith("ACCESS_FINE_LOCATION") for p in json.loads(result.app.permissions))


@pytest.mark.skipif(not WALKIE.is_file(), reason="samples are not built")
def test_bad_inputs_are_failed_items_with_their_reason(tmp_path):
    text_apk = tmp_path / "notes.apk"
    text_apk.write_text("these are my notes, not an app\n", encoding="utf-8")
    truncated = tmp_path / "cut.apk"
    truncated.write_bytes(WALKIE.read_bytes()[: WALKIE.stat().st_size // 2])
    binary_policy = tmp_path / "policy.txt"
    binary_policy.write_bytes(bytes(range(256)) * 64)
    policy = SAMPLES / "walkie" / "policy.md"

    text = process_item(item("text", text_apk, policy), OPTIONS, builtin_mappings())
    assert text.status == "failed" and str(text_apk) in text.error and "zip" in text.error
    assert (
        text.apk_sha256 == hashlib.sha256(text_apk.read_bytes()).hexdigest()
    )  # kept to notice a fix on resume

    cut = process_item(item("cut", truncated, policy), OPTIONS, builtin_mappings())
    assert cut.status == "failed" and str(truncated) in cut.error

    gone = process_item(item("gone", tmp_path / "gone.apk", policy), OPTIONS, builtin_mappings())
    assert gone.status == "failed" and "gone.apk" in gone.error and gone.apk_sha256 is None

    bad_policy = process_item(item("badpolicy", WALKIE, binary_policy), OPTIONS, builtin_mappings())
    assert bad_policy.status == "failed" and str(binary_policy) in bad_policy.error
    assert bad_policy.app is not None and bad_policy.app.package  # the APK facts survive a bad policy
    for result in (text, cut, gone, bad_policy):
        assert result.findings == () and "\n" not in result.error


def test_a_catalog_problem_fails_without_running_anything():
    result = process_item(
        item("twins", None, None, problem="several APKs in one folder: a.apk, b.apk"),
        OPTIONS,
        builtin_mappings(),
    )
    assert result.status == "failed" and result.error == "several APKs in one folder: a.apk, b.apk"
    assert result.app is None and result.mappings_digest is None
