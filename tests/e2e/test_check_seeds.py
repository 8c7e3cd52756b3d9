"""The three real privacy policies in ``../shared/seeds`` against the sample APKs built
to match them (``samples/seed-*``): what the policy describes must come out
``disclosed`` or ``vague``, the two extras that no policy mentions must come out
``omitted``. Skipped when ``../shared`` is absent (the policies are not in the repository)."""

from __future__ import annotations

from functools import cache, lru_cache

import pytest
import yaml

from consistency import check
from consistency.mappings import load_mappings
from consistency.models import CheckResult
from tests.helpers.paths import SAMPLES

pytestmark = [pytest.mark.e2e, pytest.mark.corpus]

SEEDS = (
    sorted(d.name for d in SAMPLES.glob("seed-*") if (d / "expected.yaml").is_file())
    if SAMPLES.is_dir()
    else []
)

KNOWN_GAPS: dict[tuple[str, str], str] = {}
"""(seed, subject) -> the component at fault. Strict xfails: delete an entry when it starts passing."""


@lru_cache(maxsize=1)
def tables():
    return load_mappings()


def expected(seed: str) -> dict:
    return yaml.safe_load((SAMPLES / seed / "expected.yaml").read_text(encoding="utf-8"))


@cache
def result_of(seed: str) -> CheckResult:
    folder = SAMPLES / seed
    policy = (folder / expected(seed)["policy"]).resolve()
    if not policy.is_file():
        pytest.skip(f"{policy.name} is absent (real policies are read from ../shared/seeds)")
    apk = folder / f"{seed}.apk"
    if not apk.is_file():
        pytest.skip(f"sample {seed} is not built")
    return check(apk, policy, tables())


def _cases(kind: str):
    """(seed, subject_type, subject) for every data type a listed permission maps to and
    every listed SDK, under ``described`` or ``extra``. A described permission discloses
    what its description names (``named_data_types``: "read call status" names no phone
    number, tests/data/policies/README.md rule 12); an extra one reaches all it maps to."""
    for seed in SEEDS:
        spec = expected(seed).get(kind) or {}
        subjects: list[tuple[str, str]] = []
        for name in spec.get("permissions", ()):
            permission = tables().permission(name)
            types = (
                ()
                if permission is None
                else (permission.named_data_types if kind == "described" else permission.data_types)
            )
            subjects += [("data", dt) for dt in types]
        subjects += [("sdk", sdk) for sdk in spec.get("sdks", ())]
        for subject_type, subject in dict.fromkeys(subjects):
            gap = KNOWN_GAPS.get((seed, subject))
            marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
            yield pytest.param(seed, subject_type, subject, id=f"{seed}-{subject}", marks=marks)


def _finding(result: CheckResult, subject_type: str, subject: str):
    # a data finding held against one SDK's row of the policy's SDK list carries that SDK
    # (consistency.sdk_lists); the data type's own finding does not
    matches = [
        f
        for f in result.findings
        if (f.subject_type, f.subject) == (subject_type, subject) and not (subject_type == "data" and f.sdk)
    ]
    return matches[0] if matches else None


@pytest.mark.parametrize(("seed", "subject_type", "subject"), list(_cases("described")))
def test_described_is_disclosed_or_vague(seed, subject_type, subject):
    result = result_of(seed)
    finding = _finding(result, subject_type, subject)
    if finding is None and subject_type == "data":
        # the permission grants nothing at this target SDK (maxSdkVersion, effective_until):
        # no finding is right, as long as nothing else reaches the type either
        assert subject not in {d.data_type for d in result.profile.data}
        return
    assert finding is not None, f"no finding on {subject}"
    assert finding.status in ("disclosed", "vague"), f"{subject}: {finding.status}: {finding.message}"


@pytest.mark.parametrize(("seed", "subject_type", "subject"), list(_cases("extra")))
def test_extras_are_omitted(seed, subject_type, subject):
    result = result_of(seed)
    finding = _finding(result, subject_type, subject)
    described = {c.values[2] for c in _cases("described") if c.values[0] == seed}
    if subject in described:
        pytest.skip(f"{subject} is also reached through something the policy describes")
    assert finding is not None, f"no finding on {subject}"
    assert finding.status == "omitted", f"{subject}: {finding.status}: {finding.message}"
    assert finding.severity in ("high", "medium")
