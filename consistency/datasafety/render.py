"""The Data safety side in every format: the draft (text, JSON, CSV) and the
three-way findings as sections of the check reports (text, Markdown, HTML, JSON, SARIF).

Each finding names the three sides: the APK (permissions and SDKs), the form
(its rows, by number) and the policy (its sentences, by line). One wording here,
every format.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import Any

from ..models import DataSource
from ..report.interface import Reporter
from ..report.json import evidence_to_dict, source_to_dict
from ..report.wording import describe_sources
from .csvwrite import write_form
from .draft import draft_rows
from .model import FORM_FINDING_KINDS, DataSafetyCheck, Draft, DraftType, FormEvidence, FormFinding
from .table import FormTable

KIND_TITLES = {
    "undeclared": "Not declared in the form",
    "not_shared": "Declared as not shared",
    "undisclosed": "Declared, not in the policy",
    "sharing_denied": "Policy says shared, form does not",
    "unsupported": "Declared, no sign in the APK",
}
KIND_HELP = {
    "undeclared": "The app can reach a data type (a permission or a bundled SDK) that the Data safety form does not declare.",
    "not_shared": "The form declares a type as collected only, while a bundled SDK sends it to its vendor as sharing "
    "(per the vendor's Data safety guidance, or its category: ad and attribution networks).",
    "undisclosed": "The form declares a type the privacy policy does not disclose (or denies).",
    "sharing_denied": "The policy says the type is shared with third parties; the form declares it as not shared.",
    "unsupported": "The form declares a type that only a permission gives, and the APK requests none (informational).",
}
TOOL = "consistency"


# ------------------------------------------------------------------ the draft


@dataclass(frozen=True)
class DraftedForm:
    """What ``consistency datasafety`` renders: the draft and the form table it follows."""

    draft: Draft
    table: FormTable


class DraftTextReporter(Reporter[DraftedForm]):
    def render(self, subject: DraftedForm) -> str:
        return draft_text(subject.draft, subject.table)


class DraftJsonReporter(Reporter[DraftedForm]):
    def render(self, subject: DraftedForm) -> str:
        doc = draft_to_dict(subject.draft, subject.table)
        return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class DraftCsvReporter(Reporter[DraftedForm]):
    """Play Console's CSV import format."""

    def render(self, subject: DraftedForm) -> str:
        return write_form(subject.table.header, draft_rows(subject.draft, subject.table))


def draft_to_dict(draft: Draft, table: FormTable) -> dict[str, Any]:
    return {
        "package": draft.package,
        "version_name": draft.version_name,
        "policy": draft.policy_source,
        "types": [_draft_type_dict(t, table) for t in draft.types],
        "questions": [{"id": q.id, "about": q.about, "text": q.text} for q in draft.questions],
    }


def _draft_type_dict(t: DraftType, table: FormTable) -> dict[str, Any]:
    return {
        "response_id": t.response,
        "data_type": t.datatype,
        "label": t.label,
        "collected": t.collected,
        "shared": t.shared,
        "basis": t.basis,
        "purposes": [table.purpose_label(p) for p in t.purposes],
        "sharing_purposes": [table.purpose_label(p) for p in t.sharing_purposes],
        "permissions": [s.id for s in t.permissions],
        "sdks": [
            {
                "id": p.sdk_id,
                "name": p.name,
                "vendor": p.vendor,
                "shared": p.shared,
                "purposes": [table.purpose_label(x) for x in p.purposes],
                "source": p.source,
            }
            for p in t.sdks
        ],
        "policy": [evidence_to_dict(e) for e in t.policy],
    }


def draft_text(draft: Draft, table: FormTable) -> str:
    version = f" {draft.version_name}" if draft.version_name else ""
    lines = [f"Data safety draft for {draft.package}{version}"]
    if draft.policy_source:
        lines.append(f"  policy  {draft.policy_source}")
    lines.append("")
    if not draft.types:
        lines.append("No data type: the APK requests no data permission and bundles no known SDK.")
    for t in draft.types:
        state = "collected and shared" if t.shared else "collected"
        likely = "" if t.basis == "sdk" else " (if it leaves the device)"
        lines.append(f"{t.label}  [{t.response}]  {state}{likely}")
        if t.purposes:
            lines.append(f"    purposes  {', '.join(table.purpose_label(p) for p in t.purposes)}")
        if t.permissions:
            lines.append(f"    permissions  {describe_sources(t.permissions)}")
        for p in t.sdks:
            sharing = "shared" if p.shared else "collected on your behalf"
            basis = f"category {p.category}" if p.source.startswith("category:") else p.source
            lines.append(f"    SDK  {p.name} ({p.vendor}): {sharing}; {basis}")
        for e in t.policy:
            lines.append(f"    policy  line {e.line}: \u201c{_squeeze(e.text, 100)}\u201d")
    lines += ["", "Questions for the developer (the APK cannot tell):"]
    lines += [f"  - {q.text}" for q in draft.questions]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------ three-way findings


def findings_text(check: DataSafetyCheck) -> list[str]:
    """Plain lines for the terminal report."""
    lines = [
        "",
        f"DATA SAFETY FORM ({len(check.findings)})  {check.source}: the form against the APK and the policy.",
    ]
    if check.suppressed:
        lines.append(f"  {len(check.suppressed)} finding(s) of the form suppressed by the baseline.")
    if not check.findings:
        lines.append("  The form agrees with the APK and the policy.")
    for f in check.findings:
        lines.append(f"  {f.severity:<7}{f.kind:<15}{f.name}  ({f.datatype})")
        lines.append(f"         {f.message}")
        lines.append(f"         APK     {_apk_side(f.sources)}")
        lines.append(f"         form    {_form_side(f.form)}")
        lines.append(f"         policy  {_policy_side(f)}")
    return lines


def findings_markdown(check: DataSafetyCheck) -> list[str]:
    from ..report.markdown import cell

    lines = [f"#### Data safety form: {len(check.findings)} finding(s)", ""]
    if not check.findings:
        return lines + ["The form agrees with the APK and the policy.", ""]
    lines += ["| kind | severity | type | APK | form | policy |", "|---|---|---|---|---|---|"]
    for f in check.findings:
        lines.append(
            f"| {f.kind} | {f.severity} | {cell(f.name)} | {cell(_apk_side(f.sources))} "
            f"| {cell(_form_side(f.form))} | {cell(_policy_side(f))} |"
        )
    return lines + [""]


def findings_html(check: DataSafetyCheck) -> str:
    esc = html.escape
    items = []
    for f in check.findings:
        items.append(
            f'<article class="finding datasafety ds-{esc(f.kind)}"><h3><span class="badge">{esc(f.kind)}</span> '
            f'<span class="sev {esc(f.severity)}">{esc(f.severity)}</span> {esc(f.name)} <code>{esc(f.datatype)}</code></h3>'
            f'<p class="msg">{esc(f.message)}</p><ul class="evidence">'
            f"<li>APK: {esc(_apk_side(f.sources))}</li><li>Form: {esc(_form_side(f.form))}</li>"
            f"<li>Policy: {esc(_policy_side(f))}</li></ul></article>"
        )
    body = "\n".join(items) or '<p class="small">The form agrees with the APK and the policy.</p>'
    return (
        f'<section id="datasafety"><h2>Data safety form</h2><p class="small">{esc(check.source)}: '
        f"{len(check.findings)} finding(s).</p>{body}</section>"
    )


def findings_json(check: DataSafetyCheck) -> dict[str, Any]:
    return {
        "source": check.source,
        "declared": list(check.declared),
        "suppressed": sorted(f.fingerprint for f in check.suppressed),
        "findings": [
            {
                "kind": f.kind,
                "severity": f.severity,
                "data_type": f.datatype,
                "name": f.name,
                "message": f.message,
                "fingerprint": f.fingerprint,
                "sources": [source_to_dict(s) for s in f.sources],
                "form": [
                    {"row": r.line, "question": r.question, "response": r.response, "value": r.value}
                    for r in f.form
                ],
                "policy": {"status": f.policy_status, "evidence": [evidence_to_dict(e) for e in f.policy]},
            }
            for f in check.findings
        ],
    }


def sarif_rules() -> list[dict[str, Any]]:
    from ..report.sarif import sarif_level
    from .threeway import DEFAULT_SEVERITY

    return [
        {
            "id": f"{TOOL}/datasafety-{kind}",
            "name": KIND_TITLES[kind],
            "shortDescription": {"text": KIND_TITLES[kind]},
            "fullDescription": {"text": KIND_HELP[kind]},
            "help": {"text": KIND_HELP[kind]},
            "defaultConfiguration": {"level": sarif_level(DEFAULT_SEVERITY[kind])},
            "properties": {"tags": ["privacy", "data-safety"]},
        }
        for kind in FORM_FINDING_KINDS
    ]


def sarif_results(check: DataSafetyCheck, first_rule_index: int, form_uri: str) -> list[dict[str, Any]]:
    from ..report.sarif import FINGERPRINT_KEY, sarif_level

    results = []
    for f in check.findings:
        line = f.form[0].line if f.form else 1
        results.append(
            {
                "ruleId": f"{TOOL}/datasafety-{f.kind}",
                "ruleIndex": first_rule_index + FORM_FINDING_KINDS.index(f.kind),
                "level": sarif_level(f.severity),
                "message": {"text": f"{f.message} APK: {_apk_side(f.sources)}. Policy: {_policy_side(f)}."},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": form_uri},
                            "region": {"startLine": line},
                        }
                    }
                ],
                "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
                "properties": {"data_type": f.datatype, "kind": f.kind, "severity": f.severity},
            }
        )
    return results


# ------------------------------------------------------------------ the sides


def _apk_side(sources: tuple[DataSource, ...]) -> str:
    return describe_sources(sources) if sources else "no permission or SDK gives it"


def _form_side(rows: tuple[FormEvidence, ...]) -> str:
    if not rows:
        return "no row for it"
    return "; ".join(
        f"row {r.line}: {r.question} / {r.response or '-'} = {r.value or '(blank)'}" for r in rows
    )


def _policy_side(f: FormFinding) -> str:
    if not f.policy_status:
        return "not checked (no policy)"
    if not f.policy:
        return f"{f.policy_status.replace('_', ' ')}"
    e = f.policy[0]
    return f"{f.policy_status.replace('_', ' ')}, line {e.line}: \u201c{_squeeze(e.text, 110)}\u201d"


def _squeeze(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "\u2026"
