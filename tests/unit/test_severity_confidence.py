"""Findings about SDKs detected only by stub classes are one step lower."""

from __future__ import annotations

import pytest

from consistency.severity import adjust_for_sdk_confidence
from tests.factories import sdk_hit


@pytest.mark.parametrize(
    ("severity", "confidence", "expected"),
    [
        ("high", "low", "medium"),
        ("medium", "low", "low"),
        ("low", "low", "info"),
        ("info", "low", "info"),
        ("none", "low", "none"),
        ("high", "medium", "high"),
        ("medium", "high", "medium"),
    ],
)
def test_only_low_confidence_lowers_and_only_real_findings(severity, confidence, expected) -> None:
    hit = sdk_hit(confidence=confidence, note="only empty stub classes")
    lowered, why = adjust_for_sdk_confidence(severity, hit)
    assert lowered == expected
    assert (why is not None) == (lowered != severity)
    if why:
        assert why == (
            f"Severity lowered from {severity} to {expected}: {hit.name} was detected at low confidence "
            "(only empty stub classes)."
        )


def test_no_sdk_no_change() -> None:
    assert adjust_for_sdk_confidence("high", None) == ("high", None)
