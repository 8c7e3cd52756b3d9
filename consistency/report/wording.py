"""Words the reports share: class titles and descriptions, compact source lists,
evidence quotes trimmed around what matched. One wording, every format."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..models import CheckResult, DataSource, Evidence, Finding


def where(evidence: Evidence) -> str:
    """Where the evidence sentence starts in the policy file, for people: "line 59",
    or "page 3, line 12" in a PDF (the line within the page's extracted text)."""
    if evidence.page is not None:
        return f"page {evidence.page}, line {evidence.line}"
    return f"line {evidence.line}"


CLASS_TITLES = {
    "contradicted": "Contradicted",
    "omitted": "Omitted",
    "vague": "Vague",
    "unknown": "Unknown",
    "unsupported": "Unsupported",
    "disclosed": "Disclosed",
}

CLASS_SUMMARIES = {
    "contradicted": "The policy denies something the app can do.",
    "omitted": "The app can reach this, and the policy does not disclose it.",
    "vague": "The policy covers this only with a broad term.",
    "unknown": "The policy is in a language the tables do not read: whether it discloses this is unknown.",
    "unsupported": "The policy claims collection the APK shows no sign of.",
    "disclosed": "The policy discloses this in specific words.",
}

CLASS_HELP = {
    "contradicted": (
        "The policy says the app does not collect or share a data type (or does not use an SDK or a kind of "
        "third party) that the APK can reach or bundles. Either the policy is wrong or the app does more than "
        "its users were told. Fix the policy, or remove the permission or SDK."
    ),
    "omitted": (
        "The app can reach a data type (through a permission or a bundled SDK), or bundles a third-party SDK, "
        "and the policy does not disclose it; a catch-all such as 'personal information' or 'third parties' "
        "does not count. Name the data type (or the SDK and its vendor) in the policy, or remove the access."
    ),
    "vague": (
        "Only a broad term covers the subject ('device information' for device IDs, 'analytics providers' for "
        "an analytics SDK), or data that a third-party SDK collects is described as collected by the app only. "
        "Consider naming the data type and the third parties that receive it."
    ),
    "unknown": (
        "The policy is written in a language the phrase tables do not cover, so its silence about a data type "
        "proves nothing. SDK findings still hold: they rest on SDK and vendor names. Have someone who reads "
        "the language check these data types, or add the language's phrases to the tables."
    ),
    "unsupported": (
        "The policy states collection of a data type that no permission or SDK in the APK gives access to. "
        "Informational: the policy may cover another version of the app, or a server-side collection."
    ),
    "disclosed": "The policy discloses this subject in specific words.",
}

_SPACE = re.compile(r"\s+")


def language_notice(result: CheckResult) -> str | None:
    """The line every report puts at the top when the policy cannot be read."""
    lang = result.policy.language
    if lang is None or lang.covered:
        return None
    return (
        f"The policy is in {lang.name}, a language the tables do not read: data types are reported as "
        "unknown, not omitted, and SDK findings rest on names only."
    )


def describe_source(source: DataSource) -> str:
    """``ACCESS_FINE_LOCATION (dangerous, API used)`` or ``SDK amap-location``."""
    if source.kind == "sdk":
        return f"SDK {source.id}"
    flags = []
    if source.dangerous:
        flags.append("dangerous")
    if not source.in_effect:
        flags.append("not in effect")
    if source.api_used is True:
        flags.append("API used")
    elif source.api_used is False:
        flags.append("API not referenced")
    short = source.id.removeprefix("android.permission.")
    return f"{short} ({', '.join(flags)})" if flags else short


def describe_sources(sources: Iterable[DataSource]) -> str:
    return ", ".join(describe_source(s) for s in sources)


def quote_window(evidence: Evidence, width: int = 110) -> tuple[int, int]:
    """The part of the sentence to quote, as offsets into ``evidence.text``: all
    of it when it fits in ``width`` characters (whitespace folded), else a window
    of ``width`` characters centred on the first highlighted phrase."""
    text = evidence.text
    if len(_SPACE.sub(" ", text).strip()) <= width:
        return 0, len(text)
    focus_start = focus_end = 0
    if evidence.highlight:
        focus_start = evidence.highlight[0][0] - evidence.start
        focus_end = evidence.highlight[0][1] - evidence.start
    half = max(0, (width - (focus_end - focus_start)) // 2)
    start = max(0, focus_start - half)
    end = min(len(text), start + width)
    start = max(0, min(start, end - width))
    # cut between words, never through one (or through the highlighted phrase)
    if start > 0 and not text[start - 1].isspace():
        gap = text.find(" ", start, focus_start)
        start = gap + 1 if gap >= 0 else start
    if end < len(text) and not text[end].isspace():
        gap = text.rfind(" ", max(start, focus_end), end)
        end = gap if gap > 0 else end
    return start, end


def trim_quote(evidence: Evidence, width: int = 110) -> str:
    """The evidence sentence on one line, cut to about ``width`` characters
    around the first highlighted phrase, with an ellipsis where text was cut."""
    start, end = quote_window(evidence, width)
    piece = _SPACE.sub(" ", evidence.text[start:end]).strip()
    return ("\u2026" if start > 0 else "") + piece + ("\u2026" if end < len(evidence.text) else "")


def fold_space(text: str) -> str:
    return _SPACE.sub(" ", text)


def first_quote(finding: Finding, width: int = 110) -> str:
    return trim_quote(finding.evidence[0], width) if finding.evidence else ""


def section_path(evidence: Evidence) -> str:
    return " \u203a ".join(evidence.section)
