"""Every change of class or severity the review rubric made on the samples and seeds
is written down in their expected files (``rubric_changes``), with its rule: this
checks that the written-down *after* side is what the tool says now."""

from __future__ import annotations

from functools import cache

import pytest
import yaml

from consistency import check
from consistency.mappings import load_mappings
from tests.helpers.paths import SAMPLES, SHARED

pytestmark = [pytest.mark.e2e]

EXPECTED = yaml.safe_load((SAMPLES.parent / "tests" / "e2e" / "expected_findings.yaml").read_text("utf-8"))


def _pairs() -> dict[str, tuple[str, str, dict]]:
    pairs = {}
    for name, spec in EXPECTED.items():
        if isinstance(spec, dict) and spec.get("rubric_changes"):
            pairs[name] = (spec["apk"], spec["policy"], spec["rubric_changes"])
    for folder in sorted(SAMPLES.glob("seed-*")):
        spec = yaml.safe_load((folder / "expected.yaml").read_text("utf-8"))
        if spec.get("rubric_changes"):
            pairs[folder.name] = (
                f"{folder.name}/{folder.name}.apk",
                f"{folder.name}/{spec['policy']}",
                spec["rubric_changes"],
            )
    return pairs


PAIRS = _pairs()
CASES = [
    (name, subject, change) for name, (_, _, changes) in PAIRS.items() for subject, change in changes.items()
]


@cache
def findings_of(name: str):
    apk, policy, _ = PAIRS[name]
    apk_path, policy_path = (SAMPLES / apk).resolve(), (SAMPLES / policy).resolve()
    if not policy_path.is_file() or not apk_path.is_file():
        pytest.skip(
            f"{policy_path.name} or the APK is absent (seed policies are read from {SHARED.name}/seeds)"
        )
    return {f.subject: f for f in check(apk_path, policy_path, load_mappings()).findings}


@pytest.mark.parametrize(("name", "subject", "change"), CASES, ids=[f"{n}-{s}" for n, s, _ in CASES])
def test_written_down_change_holds(name, subject, change):
    findings = findings_of(name)
    if change["after"] == "absent":
        assert subject not in findings
        return
    status, severity = change["after"].split("/")
    f = findings[subject]
    assert (f.status, f.severity) == (status, severity)
    assert f.rule == change["rule"]
