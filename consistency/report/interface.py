"""The one interface every ``check`` report implements, and the table of formats.

A reporter turns a finished :class:`~consistency.models.CheckResult` into a
string; it never filters, thresholds or consults a baseline (that happened once
in :mod:`consistency.pipeline`), and the CLI decides where the string goes.

Each format lives in its own module, imported only when that format is asked
for: the HTML and rich-text reporters are the heaviest imports, and batch
workers that only store JSON should not pay for them.
"""

from __future__ import annotations

import enum
import shutil
from abc import ABC, abstractmethod
from typing import NoReturn

from ..models import CheckResult


class Reporter(ABC):
    """Renders a check result in one format. Options go to the constructor."""

    @abstractmethod
    def render(self, result: CheckResult) -> str:
        """The whole report as text (deterministic for the same result)."""


class ReportFormat(str, enum.Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    html = "html"
    markdown = "markdown"


def reporter_for(format: str | ReportFormat, *, color: bool = False, terminal: bool = False) -> Reporter:
    """The reporter for a format name. ``color`` and ``terminal`` matter only to
    the text report (ANSI colours, and the terminal's width instead of a fixed one)."""
    fmt = ReportFormat(format)
    if fmt is ReportFormat.text:
        from .text import TextReporter

        width = (
            shutil.get_terminal_size((TextReporter.FILE_WIDTH, 24)).columns
            if terminal
            else TextReporter.FILE_WIDTH
        )
        return TextReporter(color=color, width=width)
    if fmt is ReportFormat.json:
        from .json import JsonReporter

        return JsonReporter()
    if fmt is ReportFormat.sarif:
        from .sarif import SarifReporter

        return SarifReporter()
    if fmt is ReportFormat.html:
        from .html import HtmlReporter

        return HtmlReporter()
    if fmt is ReportFormat.markdown:
        from .markdown import MarkdownReporter

        return MarkdownReporter()
    _assert_never(fmt)


def _assert_never(value: NoReturn) -> NoReturn:  # typing.assert_never is 3.11+
    raise AssertionError(f"unhandled report format: {value!r}")
