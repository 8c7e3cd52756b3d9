"""The JSON report: the versioned contract every other consumer reads.

Its shape is ``consistency/schemas/check.schema.json`` (JSON Schema 2020-12,
shipped in the package; :func:`load_check_schema`). One function,
:func:`result_to_dict`, builds it; keys are sorted and lists kept in a fixed
order, so the same inputs give byte-identical output (golden-file tests and
quiet diffs rely on it). No timestamp unless the result carries one, and no
path but the ones the user passed. Sample (abridged)::

    {
      "app": {"package": "com.example.walkie", "path": "samples/walkie/walkie.apk",
              "sha256": "...", "version_code": 3, "version_name": "1.2"},
      "findings": [
        {"evidence": [{"end": 2210, "highlight": [[2190, 2198]], "line": 41, "role": "denial",
                       "section": ["Location"], "start": 2160,
                       "text": "We never collect your location."}],
         "fingerprint": "6b0f...", "message": "The app can access precise location ...",
         "name": "Precise location", "sdk": null, "severity": "high",
         "sources": [{"api_used": true, "dangerous": true, "id": "android.permission.ACCESS_FINE_LOCATION",
                      "in_effect": true, "kind": "permission"}],
         "status": "contradicted", "subject": "location.precise", "subject_type": "data"}
      ],
      "mappings_digest": "3f2a...",
      "policy": {"format": "markdown", "sha256": "...", "source": "samples/walkie/policy.md"},
      "schema_version": 1,
      "stale_baseline": [],
      "summary": {"by_severity": {"high": 1, ...}, "by_status": {"contradicted": 1, ...},
                  "fail_on": "high", "failing": 1, "verdict": "fail"},
      "suppressed": {"count": 0, "fingerprints": []},
      "tool": {"name": "consistency", "version": "0.1.0"}
    }
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from ..models import SCHEMA_VERSION, CheckResult, DataSource, Evidence, Finding, SdkHit
from ..verdict import summarize
from .interface import Presentation, Reporter

TOOL_NAME = "consistency"


class JsonReporter(Reporter[CheckResult]):
    def __init__(self, presentation: Presentation = Presentation(), *, indent: int | None = 2) -> None:
        super().__init__(presentation)
        self.indent = indent

    def render(self, result: CheckResult) -> str:
        return (
            json.dumps(result_to_dict(result), indent=self.indent, sort_keys=True, ensure_ascii=False) + "\n"
        )


def result_to_dict(result: CheckResult) -> dict[str, Any]:
    """The JSON document for a result (see ``check.schema.json``)."""
    facts = result.profile.facts
    document = result.policy.document
    summary = summarize(result)
    doc: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": result.tool_version},
        "mappings_digest": result.profile.mappings_digest,
        "app": {
            "package": facts.package,
            "version_name": facts.version_name,
            "version_code": facts.version_code,
            "sha256": facts.sha256,
            "path": facts.path,
        },
        "policy": _policy(document, _language(result)),
        "findings": [finding_to_dict(f) for f in result.findings],
        "suppressed": {
            "count": len(result.suppressed),
            "fingerprints": sorted(f.fingerprint for f in result.suppressed),
        },
        "stale_baseline": sorted(result.stale_baseline),
        "summary": {
            "by_status": dict(summary.by_status),
            "by_severity": dict(summary.by_severity),
            "verdict": summary.verdict,
            "fail_on": summary.fail_on,
            "failing": len(summary.failing) + summary.form_failing,
        },
    }
    if result.timestamp is not None:
        doc["timestamp"] = result.timestamp
    if result.data_safety is not None:  # issue 16: the Data safety form's side
        from ..datasafety.render import findings_json

        doc["data_safety"] = findings_json(result.data_safety)
    return doc


def _language(result: CheckResult) -> dict[str, Any] | None:
    lang = result.policy.language
    return None if lang is None else {"id": lang.id, "name": lang.name, "covered": lang.covered}


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {
        "subject_type": finding.subject_type,
        "subject": finding.subject,
        "name": finding.name,
        "status": finding.status,
        "severity": finding.severity,
        "message": finding.message,
        "rule": finding.rule,
        "fingerprint": finding.fingerprint,
        "sources": [source_to_dict(s) for s in finding.sources],
        "sdk": sdk_to_dict(finding.sdk) if finding.sdk is not None else None,
        "evidence": [evidence_to_dict(e) for e in finding.evidence],
    }


def source_to_dict(source: DataSource) -> dict[str, Any]:
    return {
        "kind": source.kind,
        "id": source.id,
        "dangerous": source.dangerous,
        "in_effect": source.in_effect,
        "api_used": source.api_used,
    }


def sdk_to_dict(hit: SdkHit) -> dict[str, Any]:
    return {
        "id": hit.sdk_id,
        "name": hit.name,
        "vendor": hit.vendor,
        "category": hit.category,
        "evidence": [
            {"kind": e.kind, "value": e.value, "count": e.count, "detail": e.detail} for e in hit.evidence
        ],
        "examples": list(hit.examples),
        "data_types": list(hit.data_types),
        "confidence": hit.confidence,
        "version": hit.version,
        "note": hit.note,
    }


def evidence_to_dict(evidence: Evidence) -> dict[str, Any]:
    return {
        "text": evidence.text,
        "start": evidence.start,
        "end": evidence.end,
        "line": evidence.line,
        "column": evidence.column,
        "page": evidence.page,
        "section": list(evidence.section),
        "role": evidence.role,
        "highlight": [list(span) for span in evidence.highlight],
    }


def load_check_schema() -> dict[str, Any]:
    """The JSON Schema of this report, as shipped in the package."""
    text = resources.files("consistency").joinpath("schemas/check.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def _policy(document, language: Any) -> dict[str, Any]:
    """Where the policy came from. A policy fetched from a URL also carries the
    text that was checked: the page can change tomorrow, the result must not."""
    from ..fetch.client import is_url

    policy = {
        "source": document.source,
        "sha256": document.sha256,
        "format": document.format,
        "language": language,
    }
    if is_url(document.source):
        policy["fetched"] = {
            "text": document.text,
            "notes": [w for w in document.warnings if w.startswith("fetched from ")],
        }
    return policy
