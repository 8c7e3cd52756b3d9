"""Policy sentences as evidence for the Data safety side (shared by draft and check)."""

from __future__ import annotations

from ..models import DataDisclosure, Evidence, PolicyReading, Statement
from ..policy.document.sourcemap import file_place

MAX_EVIDENCE = 2
"""Sentences shown per type: enough to check the claim, short enough to read."""


def disclosure_for(reading: PolicyReading | None, datatype: str) -> DataDisclosure | None:
    if reading is None:
        return None
    return next((d for d in reading.data if d.data_type == datatype), None)


def policy_status(reading: PolicyReading | None, datatype: str) -> str:
    """The policy's position on a type; ``not_mentioned`` when it says nothing."""
    disclosure = disclosure_for(reading, datatype)
    return disclosure.status if disclosure else "not_mentioned"


def statement_evidence(statement: Statement, datatype: str, role: str = "disclosure") -> Evidence:
    sentence = statement.sentence
    spans = tuple((m.start, m.end) for m in statement.data if datatype in m.data_types)
    line, column, page = file_place(sentence)  # the policy file's place, as every report cites it
    return Evidence(
        text=sentence.text,
        start=sentence.start,
        end=sentence.end,
        line=line,
        section=sentence.section,
        highlight=spans,
        role=role,  # type: ignore[arg-type]
        column=column,
        page=page,
    )


def policy_evidence(reading: PolicyReading | None, datatype: str) -> tuple[Evidence, ...]:
    """The first sentences the policy's position on ``datatype`` rests on."""
    disclosure = disclosure_for(reading, datatype)
    if disclosure is None:
        return ()
    role = "denial" if disclosure.status == "denied" else "vague" if not disclosure.exact else "disclosure"
    return tuple(statement_evidence(s, datatype, role) for s in disclosure.evidence[:MAX_EVIDENCE])
