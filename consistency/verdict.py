"""Pass or fail: the one place that turns findings and a threshold into a verdict.

The exit code of ``consistency check`` and the verdict line of every report come
from :func:`summarize`, so a report can never say PASS while CI fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .models import FINDING_CLASSES, SEVERITY_ORDER, CheckResult, Finding, Severity
from .severity import at_or_above

SEVERITIES_WORST_FIRST: tuple[Severity, ...] = tuple(reversed(SEVERITY_ORDER))


@dataclass(frozen=True)
class Summary:
    by_status: tuple[tuple[str, int], ...]
    """Count of (unsuppressed) findings per class, every class listed, worst first."""
    by_severity: tuple[tuple[str, int], ...]
    """Count per severity, every severity listed, highest first."""
    failing: tuple[Finding, ...]
    """Findings at or above the threshold."""
    fail_on: Severity
    suppressed: int
    stale: int
    form_failing: int = 0
    """Issue 16: Data safety form findings at or above the threshold."""

    @property
    def verdict(self) -> Literal["pass", "fail"]:
        return "fail" if self.failing or self.form_failing else "pass"


def summarize(result: CheckResult) -> Summary:
    # issue 16: the Data safety form's findings count in the severities and the verdict
    form = result.data_safety.findings if result.data_safety is not None else ()
    severities = [f.severity for f in result.findings] + [f.severity for f in form]
    return Summary(
        by_status=tuple((c, sum(f.status == c for f in result.findings)) for c in FINDING_CLASSES),
        by_severity=tuple((s, severities.count(s)) for s in SEVERITIES_WORST_FIRST),
        failing=tuple(f for f in result.findings if at_or_above(f.severity, result.fail_on)),
        fail_on=result.fail_on,
        suppressed=len(result.suppressed),
        stale=len(result.stale_baseline),
        form_failing=sum(at_or_above(f.severity, result.fail_on) for f in form),
    )


def verdict_line(summary: Summary) -> str:
    """``FAIL: 3 high, 2 medium findings (threshold: high)`` or ``PASS: ...``."""
    counts = ", ".join(f"{n} {sev}" for sev, n in summary.by_severity if n and sev != "none")
    findings = f"{counts} findings" if counts else "no problems found"
    extra = f"; {summary.suppressed} suppressed by the baseline" if summary.suppressed else ""
    if summary.fail_on == "none":
        return f"PASS (--fail-on none): {findings}{extra}"
    if summary.verdict == "fail":
        return f"FAIL: {findings} (threshold: {summary.fail_on}){extra}"
    if not counts:
        return f"PASS: no problems found (threshold: {summary.fail_on}){extra}"
    return f"PASS: {findings}, none at or above {summary.fail_on}{extra}"
