"""Baselines for the Data safety form's findings, in the same file as the others.

A form finding is accepted under its own fingerprint (package, kind, data type,
sources; see :func:`consistency.datasafety.threeway.check_form`) with class
``datasafety_<kind>``, so one ``--write-baseline`` run accepts both sides and
``--baseline`` suppresses both. Kept apart from :mod:`consistency.baseline`,
which knows only the policy check's findings.
"""

from __future__ import annotations

from dataclasses import replace

from ..baseline import Baseline, BaselineEntry, source_key
from ..models import CheckResult
from .batch import STATUS_PREFIX


def accept_form_findings(result: CheckResult, baseline: Baseline, reason: str) -> Baseline:
    """``baseline`` plus an entry for each form finding it does not hold yet."""
    if result.data_safety is None:
        return baseline
    kept = {e.fingerprint: e for e in baseline.entries}
    for f in result.data_safety.findings:
        kept.setdefault(
            f.fingerprint,
            BaselineEntry(
                f.fingerprint, STATUS_PREFIX + f.kind, f"data:{f.datatype}", source_key(f.sources), reason
            ),
        )
    entries = tuple(
        sorted(kept.values(), key=lambda e: (e.finding_class, e.subject, e.source, e.fingerprint))
    )
    return replace(baseline, entries=entries)


def apply_form_baseline(result: CheckResult, baseline: Baseline) -> CheckResult:
    """Suppress accepted form findings; entries that matched one are not stale."""
    if result.data_safety is None:
        return result
    accepted = baseline.fingerprints
    check = result.data_safety
    findings = check.findings + check.suppressed
    matched = {f.fingerprint for f in findings}
    form = replace(
        check,
        findings=tuple(f for f in check.findings if f.fingerprint not in accepted),
        suppressed=check.suppressed + tuple(f for f in check.findings if f.fingerprint in accepted),
    )
    stale = tuple(fp for fp in result.stale_baseline if fp not in matched)
    return replace(result, data_safety=form, stale_baseline=stale)
