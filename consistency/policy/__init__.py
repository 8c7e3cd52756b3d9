"""The policy half of the pipeline: read a published privacy policy into a
normalised Document, then extract what each sentence states about data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..mappings import Mappings
    from ..models import PolicyReading


def read_policy(source: str | Path, mappings: Mappings) -> PolicyReading:
    """Read a policy file (or ``-`` for stdin) and extract its statements.
    Raises PolicyReadError on bad input."""
    from .document.read import read_document
    from .extract.statements import read_statements

    return read_statements(read_document(source), mappings)
