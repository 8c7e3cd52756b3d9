"""The report of ``consistency policy``: what a policy states, per data type and
third party, with the sentence that says it.

Two formats:

* ``text``: a rich table, one row per data type the policy mentions (id,
  label, status, whether named in specific words, the first evidence sentence
  with the matched phrase highlighted: bold on a terminal, between « » in a
  file or pipe), then the SDKs and third-party categories it names;
* ``json``: the stable contract, keys sorted, no timestamp::

    {"schema_version": 1, "source": "policy.md", "sha256": "...", "format": "markdown",
     "encoding": "utf-8", "warnings": [],
     "datatypes": [{"id": "location.precise", "status": "collected", "exact": true,
                    "actions": ["collect"], "denied": [],
                    "evidence": [{"text": "We collect your precise location.", "start": 120,
                                  "end": 153, "section": ["Location"], "line": 7,
                                  "column": 1, "page": null}]}],
     "third_parties": [{"kind": "sdk", "id": "firebase-analytics", "name": "Firebase Analytics",
                        "denied": false, "evidence": [...]}]}
"""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING, Any

from ..models import SCHEMA_VERSION, DataDisclosure, PolicyReading, Statement
from .interface import Reporter
from .lists_json import lists_to_dict

if TYPE_CHECKING:
    from ..mappings import Mappings

FILE_WIDTH = 120
"""Fixed width for files and pipes, so the same reading gives the same bytes."""
EVIDENCE_CHARS = 300
"""Longer evidence sentences are cut around the highlighted phrase in the text report."""


class PolicyTextReporter(Reporter[PolicyReading]):
    """What the policy states, for a person: the presentation's tables supply
    data type labels, and ``color`` bolds highlights (for a terminal)."""

    def render(self, subject: PolicyReading) -> str:
        return _render_text(subject, self.presentation.tables, self.presentation.color)


class PolicyJsonReporter(Reporter[PolicyReading]):
    """The reading as a JSON document (see the module docstring)."""

    def render(self, subject: PolicyReading) -> str:
        return json.dumps(reading_to_dict(subject), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def reading_to_dict(reading: PolicyReading) -> dict[str, Any]:
    """The JSON document of a reading (see the module docstring)."""
    document = reading.document
    return {
        "schema_version": SCHEMA_VERSION,
        "source": document.source,
        "sha256": document.sha256,
        "format": document.format,
        "encoding": document.encoding,
        "warnings": list(document.warnings),
        "datatypes": [
            {
                "id": d.data_type,
                "status": d.status,
                "exact": d.exact,
                "actions": sorted(d.actions),
                "denied": sorted(d.denied),
                "evidence": [_evidence(s) for s in d.evidence],
            }
            for d in reading.data
        ],
        "third_parties": [
            {
                "kind": p.kind,
                "id": p.id,
                "name": p.name,
                "denied": p.denied,
                "evidence": [_evidence(s) for s in p.evidence],
            }
            for p in reading.parties
        ],
        **lists_to_dict(reading.lists),  # issue 12: the SDK list and the permission list
    }


def _evidence(statement: Statement) -> dict[str, Any]:
    sentence = statement.sentence
    return {
        "text": sentence.text,
        "start": sentence.start,
        "end": sentence.end,
        "section": list(sentence.section),
        "line": sentence.origin.line if sentence.origin else sentence.line,
        "column": sentence.origin.column if sentence.origin else None,
        "page": sentence.origin.page if sentence.origin else None,
    }


# ------------------------------------------------------------------------ text


def _render_text(reading: PolicyReading, mappings: Mappings | None, color: bool) -> str:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=None if color else FILE_WIDTH,
        force_terminal=color,
        color_system="auto" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    document = reading.document
    console.print(f"[bold]{escape(document.source)}[/bold] ({document.format}, {document.encoding})")
    for warning in document.warnings:
        console.print(f"  warning: {escape(warning)}")
    console.print(f"  {len(document.sentences)} sentences, {len(reading.statements)} statements about data")
    console.print()
    table = Table(title="Data types", show_header=True, header_style="bold", expand=True, pad_edge=False)
    table.add_column("data type", no_wrap=True)
    table.add_column("label", ratio=1)
    table.add_column("status", no_wrap=True)
    table.add_column("exact", no_wrap=True)
    table.add_column("evidence", ratio=4)
    for disclosure in reading.data:
        table.add_row(
            escape(disclosure.data_type),
            escape(_label(disclosure.data_type, mappings)),
            disclosure.status,
            "yes" if disclosure.exact else "no",
            _first_evidence(disclosure, color),
        )
    if not reading.data:
        table.add_row("-", "the policy names no data type", "", "", "")
    console.print(table)
    console.print()
    parties = Table(
        title="Third parties named", show_header=True, header_style="bold", expand=True, pad_edge=False
    )
    parties.add_column("kind", no_wrap=True)
    parties.add_column("id", no_wrap=True)
    parties.add_column("name", ratio=1)
    parties.add_column("evidence", ratio=4)
    for party in reading.parties:
        statement = party.evidence[0] if party.evidence else None
        spans = [(p.start, p.end) for p in statement.parties if p.id == party.id] if statement else []
        text = _highlight(statement, spans, color) if statement else ""
        name = escape(party.name) + (" (denied)" if party.denied else "")
        parties.add_row(party.kind, escape(party.id), name, text)
    if not reading.parties:
        parties.add_row("-", "-", "the policy names no SDK or third-party category", "")
    console.print(parties)
    return buffer.getvalue()


def _label(data_type: str, mappings: Mappings | None) -> str:
    if mappings is None:
        return ""
    try:
        return mappings.datatype(data_type).label
    except KeyError:
        return ""


def _first_evidence(disclosure: DataDisclosure, color: bool) -> str:
    if not disclosure.evidence:
        return ""
    statement = disclosure.evidence[0]
    spans = [(m.start, m.end) for m in statement.data if disclosure.data_type in m.data_types]
    return _highlight(statement, spans, color)


def _highlight(statement: Statement, spans: list[tuple[int, int]], color: bool) -> str:
    """The sentence as rich markup with the given absolute spans marked, cut to
    :data:`EVIDENCE_CHARS` around the first span."""
    from rich.markup import escape

    sentence = statement.sentence
    text = sentence.text
    base = sentence.start
    cut_from = 0
    if len(text) > EVIDENCE_CHARS and spans:
        cut_from = max(0, min(s for s, _e in spans) - base - EVIDENCE_CHARS // 3)
    cut_to = min(len(text), cut_from + EVIDENCE_CHARS)
    pieces: list[str] = ["…" if cut_from else ""]
    position = cut_from
    for start, end in sorted(set(spans)):
        start, end = start - base, end - base
        if start < position or end > cut_to:
            continue
        pieces.append(escape(text[position:start]))
        phrase = escape(text[start:end])
        pieces.append(f"[bold]{phrase}[/bold]" if color else f"«{phrase}»")
        position = end
    pieces.append(escape(text[position:cut_to]))
    if cut_to < len(text):
        pieces.append("…")
    return "".join(pieces)
