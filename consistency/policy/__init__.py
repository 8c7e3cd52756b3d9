"""The policy half of the pipeline: read a published privacy policy into a
normalised Document (:mod:`.document`), then extract what each sentence states
about data (:mod:`.extract`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..mappings import Mappings
    from ..models import Document, PolicyReading


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
    from .collector import collector_paused
    from .document.read import read_document

    with collector_paused():  # the reading makes no reference cycles: see collector.py
        document = read_document(source)
    return interpret_policy(document, resolve_mappings(mappings, extra_mappings))


def interpret_policy(document: Document, mappings: Mappings) -> PolicyReading:
    """What a read document states: its statements per sentence, and the SDK and
    permission lists it carries. Every caller that already holds a Document
    (``check``, the Data safety draft, batch workers) goes through here."""
    from .collector import collector_paused
    from .extract.statements import ScanOnce, read_statements
    from .lists import with_lists

    with collector_paused():  # the reading makes no reference cycles: see collector.py
        scans = ScanOnce(mappings.lexicon)  # the statements and the lists scan many of the same lines
        reading = with_lists(read_statements(document, mappings, scans), mappings, scans)
        # the scans (a token object per CJK character) are freed now, before the collector
        # is back: its first collection then walks the reading's objects, not theirs
        del scans
    return reading
