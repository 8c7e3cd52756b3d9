"""Bounds on what reading one policy may cost.

A policy is untrusted input: a batch scan reads thousands of them, and one
50 MB "policy" (a log file, a PDF book, a mis-linked video) must fail fast with
a clear message instead of eating the worker's memory or time. Every reader
takes the same :class:`PolicyLimits` so a caller sets the bounds once.
"""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class PolicyLimits:
    """Configurable bounds; the defaults fit any real privacy policy with a wide margin
    (the longest real policies are a few hundred kilobytes of text)."""

    max_bytes: int = 20 * MIB
    """Largest input accepted, checked before the file is read (stdin: read at most one byte more)."""
    max_pdf_pages: int = 300
    """A PDF with more pages is refused, not truncated: a silent cut would hide disclosures."""
    max_pdf_seconds: float = 60.0
    """Wall-clock budget for PDF text extraction, enforced by killing the child
    process that reads the PDF (so also inside one hostile page)."""
    max_pdf_memory_mb: int = 1024
    """Address space of that child process: a PDF that needs more is refused."""
    max_pdf_decoded_bytes: int = 256 * MIB
    """Sum of the decompressed bytes of every stream of one PDF. The 20 MB input
    limit would otherwise allow some 40 GB of flate output; real policies
    decode to a few MB."""
    pdf_in_child: bool = True
    """Read PDFs in a bounded child process (:mod:`consistency.childproc`). Off
    only where a process cannot be started; then only the between-page checks hold."""
    max_sentences: int = 200_000
    """More units than this means the input is not a policy (or a pathological one)."""
    max_sentence_chars: int = 1000
    """A run-on sentence longer than this is split at ";" (then ",", then spaces) so
    every unit stays small enough to show as evidence."""
