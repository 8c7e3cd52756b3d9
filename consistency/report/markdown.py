"""Markdown for a pull-request comment: the verdict, a table of problems, the rest folded away.

Policy text and APK strings are untrusted: table cells escape ``|``, HTML
specials and Markdown emphasis characters and fold line breaks, so a sentence
cannot break the table or inject markup into the comment.

They must not ping anyone either: on GitHub (and GitLab) a comment's text
turns ``@name`` into a notification to that user or team, and ``#123``,
``GH-123`` or ``owner/repo#123`` into a cross-reference that shows up on that
issue. A policy sentence ("contact @support") or a crafted versionName would
otherwise notify strangers from every pull request that runs the check. As
Renovate and Dependabot do in the notes they post, a zero-width space
(``&#8203;``) goes after the ``@`` or ``#`` (and inside ``GH-``), which
breaks the reference and reads the same. Code spans (package, file name) are
not linked by GitHub and stay as they are. Commit-hash autolinks are left
alone: they notify no one.
"""

from __future__ import annotations

import re

from ..models import CheckResult, Finding
from ..verdict import summarize, verdict_line
from .interface import Presentation, Reporter
from .wording import describe_sources, first_quote, language_notice

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


_PING = re.compile(r"(?<![\w&])@(?=\w)|#(?=\d)|(?<=\bGH)-(?=\d)", re.I)
"""Where a mention or an issue reference starts: ``@user``, ``#12`` (also after an
escape or ``owner/repo``), ``GH-12``. An ``@`` inside a word (an e-mail address) mentions no one."""
_BREAK = "&#8203;"


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no markup, no mention, no issue reference."""
    flat = " ".join(text.split())
    escaped = _MD_SPECIAL.sub(lambda m: {"<": "&lt;", ">": "&gt;"}.get(m.group(1), "\\" + m.group(1)), flat)
    return _PING.sub(lambda m: m.group() + _BREAK if m.group() != "-" else _BREAK + "-", escaped)


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
        first = finding.evidence[0]
        page = f"p{first.page} " if first.page is not None else ""
        return f"{page}L{first.line}: \u201c{cell(quote)}\u201d"
