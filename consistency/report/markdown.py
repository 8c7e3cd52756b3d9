"""Markdown for a pull-request comment: the verdict, a table of problems, the rest folded away.

Policy text and APK strings are untrusted: table cells escape ``|``, HTML
specials and Markdown emphasis characters and fold line breaks, so a sentence
cannot break the table or inject markup into the comment.
"""

from __future__ import annotations

import re

from ..models import CheckResult, Finding
from ..verdict import summarize, verdict_line
from .interface import Presentation, Reporter
from .wording import describe_sources, first_quote, language_notice

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    flat = " ".join(text.split())
    return _MD_SPECIAL.sub(lambda m: {"<": "&lt;", ">": "&gt;"}.get(m.group(1), "\\" + m.group(1)), flat)


def code(text: str) -> str:
    """Text as an inline code span (a backtick would end it; GFM lets ``\\|`` escape a pipe even here)."""
    return "`" + " ".join(text.split()).replace("`", "'").replace("|", "\\|") + "`"


class MarkdownReporter(Reporter[CheckResult]):
    def __init__(self, presentation: Presentation = Presentation(), *, quote_width: int = 120) -> None:
        super().__init__(presentation)
        self.quote_width = quote_width

    def render(self, result: CheckResult) -> str:
        facts = result.profile.facts
        summary = summarize(result)
        icon = "\u274c" if summary.verdict == "fail" else "\u2705"
        version = f" {cell(facts.version_name)}" if facts.version_name else ""
        lines = [
            f"### {icon} consistency: {cell(verdict_line(summary))}",
            "",
            f"{code(facts.package)}{version} checked against {code(result.policy.document.source)}.",
            "",
        ]
        notice = language_notice(result)
        if notice:
            lines[2:2] = [f"> **Note:** {cell(notice)}", ""]
        problems = [f for f in result.findings if f.status != "disclosed"]
        disclosed = [f for f in result.findings if f.status == "disclosed"]
        if problems:
            lines += ["| class | severity | subject | sources | evidence |", "|---|---|---|---|---|"]
            lines += [self._row(f) for f in problems]
            lines.append("")
        if disclosed:
            lines += [f"<details><summary>{len(disclosed)} disclosed</summary>", ""]
            lines += ["| subject | evidence |", "|---|---|"]
            lines += [f"| {cell(f.name)} ({code(f.subject)}) | {self._quote(f)} |" for f in disclosed]
            lines += ["", "</details>", ""]
        if result.data_safety is not None:  # issue 16: the Data safety form's side
            from ..datasafety.render import findings_markdown

            lines += findings_markdown(result.data_safety)
        if result.suppressed:
            lines.append(f"{len(result.suppressed)} finding(s) suppressed by the baseline.")
        if result.stale_baseline:
            lines.append(
                f"{len(result.stale_baseline)} stale baseline entr{'y' if len(result.stale_baseline) == 1 else 'ies'} matched nothing."
            )
        return "\n".join(lines).rstrip("\n") + "\n"

    def _row(self, finding: Finding) -> str:
        sources = describe_sources(finding.sources)
        return (
            f"| {finding.status} | {finding.severity} | {cell(finding.name)} ({code(finding.subject)}) "
            f"| {cell(sources)} | {self._quote(finding)} |"
        )

    def _quote(self, finding: Finding) -> str:
        quote = first_quote(finding, self.quote_width)
        if not quote:
            return cell(finding.message)
        return f"L{finding.evidence[0].line}: \u201c{cell(quote)}\u201d"
