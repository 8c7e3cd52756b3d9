"""The terminal report: one table per finding class, worst first, and a verdict line.

Colours only when writing to a terminal; for files and pipes the width is fixed
(:attr:`TextReporter.FILE_WIDTH`) so the same result always gives the same bytes.
"""

from __future__ import annotations

import io

from ..models import FINDING_CLASSES, CheckResult, Finding
from ..verdict import summarize, verdict_line
from .interface import Presentation, Reporter
from .wording import CLASS_SUMMARIES, CLASS_TITLES, describe_sources, first_quote, language_notice, where

_SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan", "info": "blue", "none": "green"}
_CLASS_STYLE = {
    "contradicted": "bold red",
    "omitted": "bold yellow",
    "vague": "bold cyan",
    "unknown": "bold magenta",
    "unsupported": "bold blue",
    "disclosed": "bold green",
}


class TextReporter(Reporter[CheckResult]):
    FILE_WIDTH = 120

    def __init__(self, presentation: Presentation = Presentation()) -> None:
        super().__init__(presentation)
        self.color = presentation.color
        self.width = presentation.width or self.FILE_WIDTH
        """Fixed unless a terminal is reading, so a report written to a file is
        the same whatever terminal ran it."""

    def render(self, result: CheckResult) -> str:
        from rich.console import Console

        buffer = io.StringIO()
        console = Console(
            file=buffer,
            width=self.width,
            force_terminal=self.color,
            color_system="auto" if self.color else None,
            no_color=not self.color,
            highlight=False,
            emoji=False,
            soft_wrap=False,
            legacy_windows=False,
        )
        self._write(console, result)
        return buffer.getvalue()

    def _write(self, console, result: CheckResult) -> None:
        from rich.markup import escape
        from rich.table import Table

        facts = result.profile.facts
        document = result.policy.document
        version = f" {facts.version_name}" if facts.version_name else ""
        code = f" (version code {facts.version_code})" if facts.version_code is not None else ""
        console.print(f"[bold]{escape(facts.package)}[/bold]{escape(version)}{code}", markup=True)
        console.print(f"  APK     {escape(facts.path)}", markup=True)
        console.print(f"  policy  {escape(document.source)} ({document.format})", markup=True)
        console.print(f"  tables  {result.profile.mappings_digest}", markup=True)
        notice = language_notice(result)
        if notice:
            console.print()
            console.print(f"[bold magenta]NOTE[/bold magenta]  {escape(notice)}", markup=True)
        for finding_class in FINDING_CLASSES:
            group = [f for f in result.findings if f.status == finding_class]
            if not group:
                continue
            console.print()
            style = _CLASS_STYLE[finding_class]
            console.print(
                f"[{style}]{CLASS_TITLES[finding_class].upper()} ({len(group)})[/{style}]  "
                f"[dim]{escape(CLASS_SUMMARIES[finding_class])}[/dim]",
                markup=True,
            )
            table = Table(
                show_header=True, header_style="bold", expand=True, show_lines=False, pad_edge=False
            )
            table.add_column("severity", no_wrap=True, width=8)
            table.add_column("subject", ratio=3, overflow="fold")
            table.add_column("sources", ratio=3, overflow="fold")
            table.add_column("evidence", ratio=6)
            for finding in group:
                table.add_row(*_row(finding))
            console.print(table)
        if result.data_safety is not None:  # issue 16: the Data safety form's side
            from ..datasafety.render import findings_text

            for line in findings_text(result.data_safety):
                console.print(line, markup=False, highlight=False, soft_wrap=True)
        if result.suppressed:
            console.print()
            console.print(f"Suppressed by the baseline: {len(result.suppressed)} finding(s).", markup=False)
        if result.stale_baseline:
            console.print()
            console.print(
                f"Stale baseline entries (matched nothing this run): {len(result.stale_baseline)}",
                markup=False,
            )
            for fp in result.stale_baseline:
                console.print(f"  {fp}", markup=False)
        console.print()
        summary = summarize(result)
        style = "bold red" if summary.verdict == "fail" else "bold green"
        console.print(f"[{style}]{escape(verdict_line(summary))}[/{style}]", markup=True)


def _row(finding: Finding):
    from rich.text import Text

    severity = Text(finding.severity, style=_SEVERITY_STYLE[finding.severity])
    subject = Text(finding.name)
    if finding.name != finding.subject:
        subject.append(f"\n{finding.subject}", style="dim")
    sources = Text(
        describe_sources(finding.sources) if finding.subject_type == "data" else _sdk_evidence(finding)
    )
    evidence = Text()
    if finding.evidence:
        first = finding.evidence[0]
        evidence.append(f"{where(first)}: ", style="dim")
        evidence.append(f"\u201c{first_quote(finding)}\u201d")
        more = len(finding.evidence) - 1
        if more:
            evidence.append(f" (+{more} more)", style="dim")
        if first.role == "catch_all":
            evidence.append(" [catch-all only]", style="dim")
    else:
        evidence.append(finding.message, style="italic")
    return severity, subject, sources, evidence


def _sdk_evidence(finding: Finding) -> str:
    """For an SDK finding: how it was detected (``class com.amap.api.location (12)``)."""
    if finding.sdk is None:
        return ", ".join(s.id for s in finding.sources)
    return ", ".join(
        f"{e.kind} {e.value}" + (f" ({e.count})" if e.count > 1 else "") for e in finding.sdk.evidence
    )
