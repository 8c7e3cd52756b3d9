"""pdfminer's complaints about a damaged PDF, kept as Document warnings instead of stderr.

Why: pdfminer reports what it repaired or skipped ("MediaBox missing from
/Page", "Could not get FontBBox...") through :mod:`logging` (and a few through
:mod:`warnings`). With no handler configured, Python's last-resort handler
prints them on stderr: noise in the middle of a text report, and, in a batch,
interleaved garbage from every worker. They are still worth knowing (the text
may be incomplete), so they are collected while one PDF is read and returned
as one warning on the Document, with the first message as an example.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

_LOGGER = "pdfminer"
_MAX_KEPT = 20
"""Messages kept for the summary: a hostile PDF can log millions."""


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if len(self.messages) < _MAX_KEPT:
            try:
                self.messages.append(record.getMessage())
            except Exception:  # noqa: BLE001 - a badly formatted log call must not end the reading
                self.messages.append(str(record.msg))


@contextmanager
def pdfminer_warnings_collected(into: list[str]) -> Iterator[None]:
    """While inside, pdfminer's warnings go nowhere but ``into`` (as one summary line, added on exit)."""
    logger = logging.getLogger(_LOGGER)
    collector = _Collector()
    propagate = logger.propagate
    logger.addHandler(collector)
    logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
    finally:
        logger.removeHandler(collector)
        logger.propagate = propagate
        count = collector.count + len(caught)
        if count:
            first = (collector.messages or [str(w.message) for w in caught])[0]
            first = " ".join(first.split())[:160]
            into.append(
                f"pdfminer reported {count} problem(s) in the PDF, e.g. {first!r}; some text may be missing"
            )
