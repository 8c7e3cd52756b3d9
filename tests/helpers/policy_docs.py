"""Build small policy :class:`Document` objects for unit tests of the statement stage.

Unit tests of statement extraction need exact control over the units (a heading,
a lead-in sentence, list items) independently of the reader's segmentation, so
they lay the units out themselves; end-to-end tests go through the real reader.
"""

from __future__ import annotations

import hashlib
from functools import cache

from consistency.models import Document, Sentence, SentenceKind

Unit = str | tuple[SentenceKind, str]
"""A sentence (kind ``sentence``) or ``(kind, text)``."""


def document(*units: Unit, source: str = "test-policy.txt") -> Document:
    """One unit per line; headings open a section that lasts until the next heading."""
    parts: list[str] = []
    sentences: list[Sentence] = []
    section: tuple[str, ...] = ()
    offset = 0
    for line, unit in enumerate(units, start=1):
        kind, text = ("sentence", unit) if isinstance(unit, str) else unit
        if kind == "heading":
            section = (text,)
        sentences.append(Sentence(text, offset, offset + len(text), section, kind, line))
        parts.append(text)
        offset += len(text) + 1
    text = "\n".join(parts)
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Document(source, digest, "text", "utf-8", text, tuple(sentences))


@cache
def builtin_mappings():
    """The shipped tables, loaded once per test session (they are immutable)."""
    from consistency.mappings import load_mappings

    return load_mappings()


def read(*units: Unit):
    """The reading of a tiny policy with the shipped tables."""
    from consistency.policy.extract.statements import read_statements

    return read_statements(document(*units), builtin_mappings())


def status_of(reading, data_type: str) -> str:
    """The aggregated status of one data type (``not_mentioned`` when absent)."""
    return next((d.status for d in reading.data if d.data_type == data_type), "not_mentioned")
