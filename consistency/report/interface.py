"""The one interface every output implements, the one enum of format names, and
the table that says which reporter renders which subject in which format.

A reporter turns a finished subject (a check result, an app profile, a policy
reading, a scan summary, an export table, a listing of the tables) into a string.
It never filters, thresholds or consults a baseline (the caller did that once,
before), and the CLI decides where the string goes.

Each reporter lives in the module of its subject and is imported only when that
subject and format are asked for: the HTML and rich-text reporters are the
heaviest imports, and a batch worker that only stores JSON should not pay for them.
"""

from __future__ import annotations

import enum
import importlib
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from ..mappings import Mappings

S = TypeVar("S")


class OutputFormat(str, enum.Enum):
    """Every output format of every command (each command accepts a subset)."""

    text = "text"
    json = "json"
    sarif = "sarif"
    html = "html"
    markdown = "markdown"
    csv = "csv"
    jsonl = "jsonl"


class Subject(str, enum.Enum):
    """What is being rendered: one per command that prints a result."""

    check = "check"
    inspect = "inspect"
    policy = "policy"
    summary = "summary"
    export = "export"
    mappings = "mappings"
    datasafety = "datasafety"
    coverage = "coverage"


@dataclass(frozen=True)
class Presentation:
    """How the output will be seen. Only the text formats use it."""

    color: bool = False
    """ANSI styles (a terminal is reading)."""
    width: int | None = None
    """The terminal's width; None means the format's fixed width for files and
    pipes, so the same subject always gives the same bytes."""
    tables: Mappings | None = None
    """Labels for data types and SDKs, for reports that name them."""


class Reporter(ABC, Generic[S]):
    """Renders one kind of subject in one format; built from a :class:`Presentation`."""

    def __init__(self, presentation: Presentation = Presentation()) -> None:
        self.presentation = presentation

    @abstractmethod
    def render(self, subject: S) -> str:
        """The whole output as text (deterministic for the same subject)."""


_REPORTERS: Mapping[tuple[Subject, OutputFormat], str] = MappingProxyType(
    {
        (Subject.check, OutputFormat.text): "consistency.report.text:TextReporter",
        (Subject.check, OutputFormat.json): "consistency.report.json:JsonReporter",
        (Subject.check, OutputFormat.sarif): "consistency.report.sarif:SarifReporter",
        (Subject.check, OutputFormat.html): "consistency.report.html:HtmlReporter",
        (Subject.check, OutputFormat.markdown): "consistency.report.markdown:MarkdownReporter",
        (Subject.inspect, OutputFormat.text): "consistency.report.inspect:InspectTextReporter",
        (Subject.inspect, OutputFormat.json): "consistency.report.inspect:InspectJsonReporter",
        (Subject.policy, OutputFormat.text): "consistency.report.policy:PolicyTextReporter",
        (Subject.policy, OutputFormat.json): "consistency.report.policy:PolicyJsonReporter",
        (Subject.summary, OutputFormat.text): "consistency.batch.summary:SummaryTextReporter",
        (Subject.summary, OutputFormat.json): "consistency.batch.summary:SummaryJsonReporter",
        (Subject.summary, OutputFormat.csv): "consistency.batch.summary:SummaryCsvReporter",
        (Subject.summary, OutputFormat.html): "consistency.batch.summary_html:SummaryHtmlReporter",
        (Subject.export, OutputFormat.csv): "consistency.batch.export:ExportCsvReporter",
        (Subject.export, OutputFormat.jsonl): "consistency.batch.export:ExportJsonlReporter",
        (Subject.mappings, OutputFormat.text): "consistency.report.mappings:MappingsTextReporter",
        (Subject.datasafety, OutputFormat.text): "consistency.datasafety.render:DraftTextReporter",
        (Subject.datasafety, OutputFormat.json): "consistency.datasafety.render:DraftJsonReporter",
        (Subject.datasafety, OutputFormat.csv): "consistency.datasafety.render:DraftCsvReporter",
        (Subject.coverage, OutputFormat.text): "consistency.report.coverage:CoverageTextReporter",
        (Subject.coverage, OutputFormat.json): "consistency.report.coverage:CoverageJsonReporter",
    }
)
"""(subject, format) -> ``module:Class``; a pair not listed is not offered."""


def formats_for(subject: Subject) -> tuple[OutputFormat, ...]:
    """The formats a subject can be rendered in, in the enum's order."""
    return tuple(fmt for fmt in OutputFormat if (subject, fmt) in _REPORTERS)


def reporter_for(
    subject: Subject | str, format: OutputFormat | str, presentation: Presentation = Presentation()
) -> Reporter[Any]:
    """The reporter for a subject in a format. Raises ValueError for a pair that
    is not offered (the CLI only offers listed pairs, so this is a caller's bug)."""
    where = _REPORTERS.get((Subject(subject), OutputFormat(format)))
    if where is None:
        raise ValueError(f"{Subject(subject).value} has no {OutputFormat(format).value} output")
    module, _, name = where.partition(":")
    reporter_class = getattr(importlib.import_module(module), name)
    return reporter_class(presentation)


def render(
    subject: Any,
    format: OutputFormat | str,
    presentation: Presentation = Presentation(),
    *,
    kind: Subject | str,
) -> str:
    """``subject`` rendered in ``format``: the library's one entry to every output."""
    return reporter_for(kind, format, presentation).render(subject)
