"""How severe a finding is, decided in exactly one place.

A finding's severity follows from its class and, for ``omitted``, from why the
app can reach the subject. Each such case is a *rule* with a default, and the
user's configuration may override a whole class (``omitted: low``) or one rule
(``omitted_sdk: low``); the more specific override wins.

=======================  ========  =====================================================
rule                     default   when
=======================  ========  =====================================================
contradicted             high      the policy denies what the app can do
omitted_dangerous_data   high      an omitted data type reachable through a dangerous
                                   permission that is in effect, or collected by a
                                   bundled SDK (data leaves the app without the user
                                   having been told)
omitted_other_data       medium    any other omitted data type (normal permissions, or
                                   a dangerous one no longer in effect at the target SDK)
omitted_sdk              medium    a bundled SDK the policy does not name at all
vague                    low       only a broad term covers the subject
unsupported              info      the policy claims data the APK shows no sign of
unknown                  info      the policy's language is not read: its silence proves nothing
disclosed                none      clearly disclosed
=======================  ========  =====================================================

The review rubric's rules (:mod:`consistency.rubric`) take the place of these
when they apply, with their own defaults, overridable by name the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .models import SEVERITY_ORDER, DataSource, FindingClass, Severity
from .rubric import RULES

DEFAULT_SEVERITY: dict[str, Severity] = {
    "contradicted": "high",
    "omitted_dangerous_data": "high",
    "omitted_other_data": "medium",
    "omitted_sdk": "medium",
    "vague": "low",
    "unsupported": "info",
    "unknown": "info",
    "disclosed": "none",
    **{name: rule.severity for name, rule in RULES.items()},
}
"""Default severity of every rule (the most specific case of a finding class)."""

SEVERITY_RULES: tuple[str, ...] = (
    "contradicted",
    "omitted",
    "vague",
    "unsupported",
    "unknown",
    "disclosed",
    "omitted_dangerous_data",
    "omitted_other_data",
    "omitted_sdk",
    *RULES,
)
"""Every key a configuration may override: the five classes and the cases of ``omitted``."""


def severity_rule(status: FindingClass, subject_type: str, sources: Iterable[DataSource]) -> str:
    """The most specific rule that applies to a finding."""
    if status != "omitted":
        return status
    if subject_type == "sdk":
        return "omitted_sdk"
    return "omitted_dangerous_data" if any(_is_sensitive(s) for s in sources) else "omitted_other_data"


def decide_severity(
    status: FindingClass,
    subject_type: str,
    sources: Iterable[DataSource],
    overrides: Mapping[str, Severity] | None = None,
    rubric_rule: str = "",
) -> Severity:
    """The severity of a finding: the rule's override, else the class's override, else the default.

    ``rubric_rule`` names the review-rubric rule that decided the finding
    (:mod:`consistency.rubric`); it replaces the class's own rule."""
    rule = rubric_rule or severity_rule(status, subject_type, sources)
    overrides = overrides or {}
    if rule in overrides:
        return overrides[rule]
    if status in overrides:
        return overrides[status]
    return DEFAULT_SEVERITY[rule]


def severity_rank(severity: Severity) -> int:
    """0 for ``none`` up to 4 for ``high``: for sorting and comparing."""
    return SEVERITY_ORDER.index(severity)


def at_or_above(severity: Severity, threshold: Severity) -> bool:
    """Whether a finding of this severity fails a run with ``--fail-on threshold``.

    ``--fail-on none`` means "never fail" (a report-only run), not "fail on
    everything": a disclosed finding (severity ``none``) is never a failure.
    """
    if threshold == "none" or severity == "none":
        return False
    return severity_rank(severity) >= severity_rank(threshold)


def _is_sensitive(source: DataSource) -> bool:
    if source.kind == "sdk":
        return True
    return source.dangerous and source.in_effect
