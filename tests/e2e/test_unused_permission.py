"""Rubric rule ``unused_permission`` on real inputs: apps that reach a provider only
through its ``CONTENT_URI`` field keep their high findings; the same apps with the
field references removed from their facts would have been lowered, which is why the
rule needed the DEX index to read ``field_ids`` first."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

import pytest
import yaml

from consistency import check, load_mappings, read_policy
from consistency.apk import inspect_apk
from consistency.apk.profile import build_profile
from consistency.compare import compare
from consistency.config import CheckConfig
from consistency.exit_codes import check_exit_code
from tests.helpers.paths import SAMPLES

pytestmark = pytest.mark.e2e


@cache
def tables():
    return load_mappings()


def pair(name: str) -> tuple[Path, Path]:
    """A sample's APK and policy (seed policies come from ../shared/seeds)."""
    if name.startswith("seed-"):
        folder = SAMPLES / name
        policy = (folder / yaml.safe_load((folder / "expected.yaml").read_text("utf-8"))["policy"]).resolve()
        apk = folder / f"{name}.apk"
    else:
        apk, policy = SAMPLES / name / f"{name}.apk", SAMPLES / name / "policy.pdf"
    if not policy.is_file():
        pytest.skip(f"{policy.name} is absent (seed policies are read from ../shared/seeds)")
    return apk, policy


CASES = [("legacy", "calls.call_log"), ("seed-airtalk", "calendar.events"), ("seed-pttoc", "calendar.events")]


@pytest.mark.parametrize(("name", "subject"), CASES)
def test_a_provider_read_through_its_uri_field_stays_high(name: str, subject: str) -> None:
    apk, policy = pair(name)
    result = check(apk, policy, tables())
    finding = {f.subject: f for f in result.findings}[subject]
    assert (finding.status, finding.severity, finding.rule) == ("omitted", "high", "")
    assert all(s.api_used is True for s in finding.sources if s.kind == "permission")


@pytest.mark.parametrize(("name", "subject"), CASES)
def test_without_field_references_the_same_finding_would_be_lowered(name: str, subject: str) -> None:
    apk, policy = pair(name)
    facts = inspect_apk(apk, tables()).facts
    blind = build_profile(dataclasses.replace(facts, field_refs=frozenset()), tables())
    findings = compare(blind, read_policy(policy, tables()), tables(), CheckConfig())
    finding = {f.subject: f for f in findings}[subject]
    assert (finding.severity, finding.rule) == ("medium", "unused_permission")


def test_the_legacy_sample_still_fails_on_its_call_log() -> None:
    apk, policy = pair("legacy")
    result = check(apk, policy, tables(), fail_on="high")
    assert check_exit_code(result) == 1
    assert [f.subject for f in result.findings if f.severity == "high"] == ["calls.call_log"]
