"""Python's cyclic garbage collector held off while one policy is read.

Why: reading a policy allocates some hundred thousand short-lived container
objects (tokens, matches, events, spans, sentences), about one per character of
a Chinese policy. Each 700 of them start a young collection, every tenth of those
an older one, and now and then a full collection walks every object of the
process, the compiled tables included: 10 to 20 % of a reading's CPU time went to
collections. They free next to nothing: reading text, Markdown or HTML builds no reference
cycles (a full collection right after such a reading with the collector off finds
no unreachable object, for every labelled policy and seed), and a PDF a handful
(18 objects for the labelled one), so reference counting already frees what a
reading drops. Holding the collector off for the reading spares that work and
changes nothing else; the few cycles are freed by the next collection after it.

The switch is process-wide, so the pause is careful with it: it is a no-op when
the collector is already off (a caller's own ``gc.disable()``, or a reading inside
a reading), and it turns the collector back on only if it turned it off. In a
thread pool, two readings may overlap: the collector then runs again when the
first one ends, which costs speed, never correctness. Cycles made meanwhile by
other threads are collected once the reading is over.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic collector off for the body, restored afterwards (see the module docstring)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
