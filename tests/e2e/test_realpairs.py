"""Reviewer checks on real app + policy pairs (``tests/data/realpairs.yaml``).

The shared pairs are read from ``../shared/corpus/pairs``; the others from the
folder named by ``CONSISTENCY_REALPAIRS`` (default ``../corpora/realpairs`` next
to the repository). Pairs whose files are absent are skipped; a file whose
sha256 differs from the label's source fails (the labels are for that file)."""

from __future__ import annotations

import os
from functools import cache

import pytest

from consistency import check, load_mappings
from tests.helpers.paths import REPO, SHARED
from tools.realpairs import evaluate, find_pair, load_labels, sha256

pytestmark = [pytest.mark.e2e, pytest.mark.corpus, pytest.mark.slow]

DIRS = (
    SHARED / "corpus" / "pairs",
    REPO / os.environ.get("CONSISTENCY_REALPAIRS", str(REPO.parent / "corpora" / "realpairs")),
)
PAIRS = {p["id"]: p for p in load_labels()}

KNOWN_GAPS: dict[str, str] = {}
"""Pair -> the component at fault. Strict xfails: delete an entry when it starts passing."""


@cache
def result_of(pair_id: str):
    found = find_pair(pair_id, DIRS)
    if found is None:
        pytest.skip(f"{pair_id} is absent (real pairs are never committed)")
    apk, policy = found
    source = PAIRS[pair_id]["source"]
    assert sha256(apk) == source["apk_sha256"], f"{apk} is not the labelled APK"
    assert sha256(policy) == source["policy_sha256"], f"{policy} is not the labelled policy"
    return check(apk, policy, load_mappings())


@pytest.mark.parametrize(
    "pair_id",
    [
        pytest.param(p, marks=pytest.mark.xfail(reason=KNOWN_GAPS[p], strict=True)) if p in KNOWN_GAPS else p
        for p in sorted(PAIRS)
    ],
)
def test_reviewer_checks_hold(pair_id):
    misses = [c for c in evaluate(PAIRS[pair_id], result_of(pair_id)) if not c.holds]
    assert not misses, "; ".join(f"{c.label}: {c.why}" for c in misses)


def test_labels_cover_the_kinds_the_rubric_needs():
    kinds = {k for p in PAIRS.values() for k in p.get("kind", ())}
    assert {"offline", "ads", "analytics", "sign_in", "foreign_language"} <= kinds


def test_every_finding_names_its_rule():
    result = result_of("CodingWithTashi__Tibetan-Prayer-App")
    assert all(" Rule: " in f.message for f in result.findings)
    by_subject = {f.subject: f for f in result.findings}
    assert by_subject["app_activity.interactions"].message.endswith("Rule: named SDK, data disclosed by reference.")
    # the template "in case of an error in the App we collect ..." names crash data itself
    assert by_subject["app_info.crash_logs"].message.endswith("Rule: named in specific words.")
