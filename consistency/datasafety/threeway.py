"""The three-way check: the Data safety form against the APK and the policy.

=================  ========  ===================================================
kind               default   when
=================  ========  ===================================================
undeclared         high      the app reaches a data type (a dangerous permission
                             in effect, or a bundled SDK that collects it) that
                             the form does not declare; medium when only a
                             normal permission or one not in effect reaches it
not_shared         high      the form declares the type but not as shared, while
                             a bundled SDK sends it to its vendor as *sharing*
                             (per the vendor's Data safety guidance or, lacking
                             it, the SDK's category: ad and attribution networks)
undisclosed        medium    the form declares a type the policy does not
                             disclose (not mentioned, or only a catch-all);
                             high when the policy denies collecting it. Only for
                             types the APK shows no sign of (typed in by users,
                             collected by servers): a type the APK reaches is
                             already judged against the policy by the main check
                             (omitted, contradicted), and saying it twice is noise
sharing_denied     medium    the policy says the type is sold, or shared with a
                             party that uses it for its own purposes (a category
                             such as advertising partners, or a bundled SDK that
                             shares it per its vendor), and the form declares it
                             as not shared. "Send a photo to a channel" or "we use
                             Amap for maps" is not sharing in Play's sense, so a
                             bare "share" with no such party does not count
unsupported        info      the form declares a type that only a permission
                             gives (``platform_gated``) and the APK requests none
=================  ========  ===================================================

Severities are overridden like the others' (``severity: {datasafety_undeclared: low}``
in ``consistency.yaml``): the rule names are the kinds prefixed ``datasafety_``.
Without a policy only the APK-versus-form kinds are checked.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from ..mappings import Mappings
from ..models import AppProfile, DataSource, PolicyReading, Severity
from .evidence import disclosure_for, policy_evidence, policy_status
from .model import (
    FORM_FINDING_KINDS,
    DataSafetyCheck,
    DataSafetyForm,
    DeclaredType,
    FormEvidence,
    FormFinding,
    FormFindingKind,
)
from .table import FormTable

RULE_PREFIX = "datasafety_"
DEFAULT_SEVERITY: dict[str, Severity] = {
    "undeclared": "high",
    "undeclared_other": "medium",
    "not_shared": "high",
    "undisclosed": "medium",
    "undisclosed_denied": "high",
    "sharing_denied": "medium",
    "unsupported": "info",
}
"""Default severity per rule; a rule is a kind or one case of it (``undeclared_other``)."""
SEVERITY_RULES: tuple[str, ...] = tuple(RULE_PREFIX + rule for rule in DEFAULT_SEVERITY)
"""Every key a configuration may override."""
DISCLOSING = frozenset({"collected", "shared", "vague"})
"""Policy statuses that disclose a type (vague ones too: the policy check reports those)."""


def check_form(
    profile: AppProfile,
    form: DataSafetyForm,
    reading: PolicyReading | None,
    table: FormTable,
    mappings: Mappings,
    overrides: Mapping[str, Severity] | None = None,
) -> DataSafetyCheck:
    """Compare a form with what the app reaches and, when given, the policy reading."""
    overrides = overrides or {}
    package = profile.facts.package
    sdk_categories = {hit.sdk_id: hit.category for hit in profile.sdks}
    reached = {r.data_type: r.sources for r in profile.data}
    findings: list[FormFinding] = []

    def add(
        kind: FormFindingKind,
        rule: str,
        datatype: str,
        message: str,
        sources: tuple[DataSource, ...],
        form_rows: tuple[FormEvidence, ...],
    ) -> None:
        form_type = table.type_for_datatype(datatype)
        findings.append(
            FormFinding(
                kind=kind,
                severity=_severity(kind, rule, overrides),
                datatype=datatype,
                name=form_type.label if form_type else datatype,
                message=message,
                sources=sources,
                form=form_rows,
                policy=policy_evidence(reading, datatype),
                policy_status=policy_status(reading, datatype) if reading is not None else "",
                fingerprint=_fingerprint(package, kind, datatype, sources),
            )
        )

    not_shared: set[str] = set()
    for datatype, sources in reached.items():
        form_type = table.type_for_datatype(datatype)
        if form_type is None:
            continue
        declared = form.declared_type(datatype)
        if declared is None:
            sensitive = any(_is_sensitive(s) for s in sources)
            add(
                "undeclared",
                "undeclared" if sensitive else "undeclared_other",
                datatype,
                f"The app can reach {form_type.label} and the form does not declare it.",
                sources,
                _type_row(form, form_type.question, form_type.response),
            )
            continue
        sharing = tuple(
            s
            for s in sources
            if s.kind == "sdk" and table.practice(s.id, sdk_categories.get(s.id, ""), datatype).shared
        )
        if sharing and not declared.shared:
            not_shared.add(datatype)
            add(
                "not_shared",
                "not_shared",
                datatype,
                f"The form declares {form_type.label} as not shared, and "
                f"{', '.join(s.id for s in sharing)} send it to their vendors as sharing.",
                sharing,
                _declared_rows(form, declared),
            )
    for declared in form.declared:
        sources = reached.get(declared.datatype, ())
        if not sources and mappings.datatype(declared.datatype).platform_gated:
            add(
                "unsupported",
                "unsupported",
                declared.datatype,
                f"The form declares {declared.label}, and the APK requests no permission that gives it.",
                (),
                _declared_rows(form, declared),
            )
        if reading is None:
            continue
        status = policy_status(reading, declared.datatype)
        if status not in DISCLOSING and not sources:
            denied = status == "denied"
            add(
                "undisclosed",
                "undisclosed_denied" if denied else "undisclosed",
                declared.datatype,
                f"The form declares {declared.label}, and the policy "
                + ("denies collecting it." if denied else "does not disclose it."),
                sources,
                _declared_rows(form, declared),
            )
            continue
        if declared.shared or declared.datatype in not_shared:
            continue
        if _policy_says_shared(reading, declared.datatype, sources, sdk_categories, table):
            add(
                "sharing_denied",
                "sharing_denied",
                declared.datatype,
                f"The policy says {declared.label} is shared, and the form declares it as not shared.",
                sources,
                _declared_rows(form, declared),
            )
    order = {k: i for i, k in enumerate(FORM_FINDING_KINDS)}
    type_order = {t.datatype: i for i, t in enumerate(table.types)}
    findings.sort(key=lambda f: (order[f.kind], type_order.get(f.datatype, len(type_order))))
    return DataSafetyCheck(
        source=form.source,
        findings=tuple(findings),
        declared=tuple(d.datatype for d in form.declared),
    )


def _policy_says_shared(
    reading: PolicyReading,
    datatype: str,
    sources: tuple[DataSource, ...],
    sdk_categories: Mapping[str, str],
    table: FormTable,
) -> bool:
    """Whether a policy sentence about ``datatype`` sells it, or shares it with a party
    that counts as sharing in Play's sense (see the module docstring)."""
    disclosure = disclosure_for(reading, datatype)
    if disclosure is None:
        return False
    sdk_sources = {s.id for s in sources if s.kind == "sdk"}
    shared_categories = {cid for cid, practice in table.category_defaults if practice.shared}
    for statement in disclosure.evidence:
        if "sell" in statement.actions:
            return True
        if "share" not in statement.actions:
            continue
        for party in statement.parties:
            if party.kind == "category" and party.id in shared_categories:
                return True
            if (
                party.kind == "sdk"
                and party.id in sdk_sources
                and table.practice(party.id, sdk_categories.get(party.id, ""), datatype).shared
            ):
                return True
    return False


def _severity(kind: str, rule: str, overrides: Mapping[str, Severity]) -> Severity:
    for key in (RULE_PREFIX + rule, RULE_PREFIX + kind):
        if key in overrides:
            return overrides[key]
    return DEFAULT_SEVERITY[rule]


def _is_sensitive(source: DataSource) -> bool:
    """As for the policy check: an SDK collects it, or a dangerous permission in effect gives it."""
    return source.kind == "sdk" or (source.dangerous and source.in_effect)


def _type_row(form: DataSafetyForm, question: str, response: str) -> tuple[FormEvidence, ...]:
    row = next((r for r in form.rows if r.question == question and r.response == response), None)
    if row is None:
        return ()
    return (FormEvidence(row.line, row.question, row.response, row.value),)


def _declared_rows(form: DataSafetyForm, declared: DeclaredType) -> tuple[FormEvidence, ...]:
    """The row that ticks the type and the row that answers "shared"."""
    lines = {declared.line, declared.shared_line}
    return tuple(FormEvidence(r.line, r.question, r.response, r.value) for r in form.rows if r.line in lines)


def _fingerprint(package: str, kind: str, datatype: str, sources: tuple[DataSource, ...]) -> str:
    """Like the policy findings' fingerprint: what the finding is about, not where it sits."""
    parts = "|".join(sorted(f"{s.kind}:{s.id}" for s in sources))
    return hashlib.sha256(f"v1|datasafety|{package}|{kind}|{datatype}|{parts}".encode()).hexdigest()
