"""SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps and others).

Each finding class is described once, as a rule (``consistency/omitted``...),
and results point to it by ``ruleIndex``. A severity becomes a SARIF level in
exactly one function, :func:`sarif_level`. The fingerprint goes to
``partialFingerprints["consistency/v1"]`` so code scanning follows a finding
across runs even when the policy text around it moves.

``disclosed`` findings are not results: code scanning lists problems, and a
result of kind "pass" would clutter every alert list with what is fine.

Locations: a finding with policy evidence points to the policy file, at the
line and column where the evidence sentence starts in the file itself (plain
text, Markdown and HTML alike; see :mod:`consistency.policy.document.sourcemap`), with
the sentence as the region's snippet. Columns count Unicode code points
(``columnKind``). A PDF has no lines to open, so its region is line 1 and says
the page (and the line within the page's text) in its properties. A finding without evidence
points to the APK. Paths are made relative to the working directory when they
lie under it (code scanning resolves them against the repository root).

Sample (one result)::

    {
      "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
      "version": "2.1.0",
      "runs": [{
        "tool": {"driver": {
          "name": "consistency", "version": "0.1.0",
          "informationUri": "https://pypi.org/project/consistency/",
          "rules": [{"id": "consistency/contradicted", "name": "Contradicted",
                     "shortDescription": {"text": "The policy denies something the app can do."},
                     "fullDescription": {"text": "..."}, "help": {"text": "..."},
                     "defaultConfiguration": {"level": "error"},
                     "properties": {"tags": ["privacy"]}}, ...]}},
        "results": [{
          "ruleId": "consistency/contradicted", "ruleIndex": 0, "level": "error",
          "message": {"text": "The app can access precise location (ACCESS_FINE_LOCATION) but the policy says it does not collect \u201clocation\u201d."},
          "locations": [{"physicalLocation": {
              "artifactLocation": {"uri": "samples/walkie/policy.md"},
              "region": {"startLine": 12, "snippet": {"text": "We never collect your location."}}}}],
          "partialFingerprints": {"consistency/v1": "6b0f..."},
          "properties": {"severity": "high", "status": "contradicted",
                         "subject": "location.precise", "subject_type": "data"}}]
      }]
    }
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..models import CheckResult, Finding, FindingClass, Severity
from .interface import Presentation, Reporter
from .json import TOOL_NAME
from .wording import CLASS_HELP, CLASS_SUMMARIES, CLASS_TITLES, language_notice

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/consistency/"
FINGERPRINT_KEY = "consistency/v1"
RULE_CLASSES: tuple[FindingClass, ...] = ("contradicted", "omitted", "vague", "unknown", "unsupported")
"""The classes that are problems, in rule-index order."""
_RULE_DEFAULT_SEVERITY: dict[str, Severity] = {
    "contradicted": "high",
    "omitted": "medium",
    "vague": "low",
    "unknown": "info",
    "unsupported": "info",
}


def sarif_level(severity: Severity) -> str:
    """The one mapping from our severities to SARIF levels."""
    return {"high": "error", "medium": "warning", "low": "note", "info": "note", "none": "none"}[severity]


def rule_id(finding_class: str) -> str:
    return f"{TOOL_NAME}/{finding_class}"


class SarifReporter(Reporter[CheckResult]):
    def __init__(
        self, presentation: Presentation = Presentation(), *, base_dir: str | Path | None = None
    ) -> None:
        super().__init__(presentation)
        self.base_dir = Path(base_dir) if base_dir is not None else None
        """Paths under this directory are written relative to it (default: the working directory)."""

    def render(self, result: CheckResult) -> str:
        return json.dumps(self.to_dict(result), indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    def to_dict(self, result: CheckResult) -> dict[str, Any]:
        base = self.base_dir or Path.cwd()
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": TOOL_NAME,
                    "version": result.tool_version,
                    "informationUri": INFORMATION_URI,
                    "rules": [_rule(c) for c in RULE_CLASSES],
                }
            },
            "results": [_result(f, result, base) for f in result.findings if f.status in RULE_CLASSES],
            "columnKind": "unicodeCodePoints",
            "properties": {"mappings_digest": result.profile.mappings_digest, "fail_on": result.fail_on},
        }
        notice = language_notice(result)
        if notice:
            run["invocations"] = [
                {
                    "executionSuccessful": True,
                    "toolExecutionNotifications": [{"level": "warning", "message": {"text": notice}}],
                }
            ]
        if result.data_safety is not None:  # issue 16: the Data safety form's rules and results
            from ..datasafety.render import sarif_results, sarif_rules

            run["tool"]["driver"]["rules"] += sarif_rules()
            run["results"] += sarif_results(
                result.data_safety, len(RULE_CLASSES), _uri(result.data_safety.source, base)
            )
        if result.timestamp is not None:
            run.setdefault("invocations", [{"executionSuccessful": True}])[0]["endTimeUtc"] = result.timestamp
        return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _rule(finding_class: str) -> dict[str, Any]:
    return {
        "id": rule_id(finding_class),
        "name": CLASS_TITLES[finding_class],
        "shortDescription": {"text": CLASS_SUMMARIES[finding_class]},
        "fullDescription": {"text": CLASS_HELP[finding_class]},
        "help": {"text": CLASS_HELP[finding_class]},
        "defaultConfiguration": {"level": sarif_level(_RULE_DEFAULT_SEVERITY[finding_class])},
        "properties": {"tags": ["privacy"]},
    }


def _result(finding: Finding, result: CheckResult, base: Path) -> dict[str, Any]:
    return {
        "ruleId": rule_id(finding.status),
        "ruleIndex": RULE_CLASSES.index(finding.status),
        "level": sarif_level(finding.severity),
        "message": {"text": finding.message or f"{finding.status}: {finding.name}"},
        "locations": [_location(finding, result, base)],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {
            "subject": finding.subject,
            "subject_type": finding.subject_type,
            "status": finding.status,
            "severity": finding.severity,
        },
    }


def _location(finding: Finding, result: CheckResult, base: Path) -> dict[str, Any]:
    document = result.policy.document
    if finding.evidence and document.source not in ("-", ""):
        evidence = finding.evidence[0]
        region: dict[str, Any] = {"startLine": 1, "snippet": {"text": evidence.text}}
        if evidence.page is not None:
            region["properties"] = {"page": evidence.page, "line_in_page": evidence.line}
        elif document.format != "pdf":
            region["startLine"] = evidence.line
            if evidence.column is not None:
                region["startColumn"] = evidence.column
        return {
            "physicalLocation": {"artifactLocation": {"uri": _uri(document.source, base)}, "region": region}
        }
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(result.profile.facts.path, base)},
            "region": {"startLine": 1},
        }
    }


def _uri(path: str, base: Path) -> str:
    """A relative URI when the file lies under ``base``, else an absolute file URI."""
    absolute = Path(os.path.abspath(path))  # relative paths were given relative to the working directory
    try:
        return absolute.relative_to(Path(os.path.abspath(base))).as_posix()
    except ValueError:
        return absolute.as_uri()
