"""The policy half of the pipeline: read a published privacy policy into a
normalised Document (:mod:`.document`), then extract what each sentence states
about data (:mod:`.extract`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..mappings import Mappings
    from ..models import PolicyReading


def read_policy(
    source: str | Path,
    mappings: Mappings | Callable[[], Mappings] | None = None,
    *,
    extra_mappings: Sequence[str | Path] = (),
) -> PolicyReading:
    """Read a policy file (or ``-`` for stdin) and extract its statements. The tables
    (``mappings``, or a function that loads them; by default the built-in tables
    plus ``extra_mappings``) are loaded only after the policy was read, so a bad policy is reported even when the tables are broken.
    Raises PolicyReadError on bad input."""
    from ..mappings import resolve_mappings
    from .document.read import read_document
    from .extract.statements import read_statements
    from .lists import with_lists  # issue 12: SDK and permission lists

    document = read_document(source)
    mappings = resolve_mappings(mappings, extra_mappings)
    return with_lists(read_statements(document, mappings), mappings)
