"""The child process that reads one PDF (``python -m consistency.policy.document.pdf_child``).

It caps its own address space, caps what pdfminer's flate filter may
decompress (a 1 MB flate bomb inflates to gigabytes in one ``zlib.decompress``
call, before any check of ours could run), extracts, and answers
``("ok", (text, warnings))`` or ``("refused", reason)``. The parent
(:func:`consistency.policy.document.pdf.extract_pdf_text`) kills it at the deadline.

The flate cap replaces the ``zlib`` that ``pdfminer.pdftypes`` sees, in this
process only: it exists to read one PDF and then exits, so the change cannot
leak into the tool.
"""

from __future__ import annotations

import sys
import zlib
from types import SimpleNamespace

from ...errors import PolicyReadError
from .limits import PolicyLimits


class DecodeBudget:
    """Bytes the stream filters of one PDF may still produce."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.left = limit

    def decompress(self, data: bytes, *args: object, **kwargs: object) -> bytes:
        """``zlib.decompress`` that stops one byte past the budget."""
        inflater = zlib.decompressobj()
        out = inflater.decompress(data, self.left + 1)
        if len(out) > self.left:
            raise PolicyReadError(
                f"PDF streams decompress to more than {self.limit >> 20} MiB (limit; a flate bomb?)"
            )
        if not inflater.eof:
            raise zlib.error("incomplete or truncated stream")
        self.left -= len(out)
        return out


def install_decode_budget(limit: int) -> DecodeBudget:
    """Make pdfminer's FlateDecode go through a :class:`DecodeBudget`."""
    from pdfminer import pdftypes

    budget = DecodeBudget(limit)
    pdftypes.zlib = SimpleNamespace(  # type: ignore[attr-defined]
        decompress=budget.decompress, decompressobj=zlib.decompressobj, error=zlib.error
    )
    return budget


def handle(request: tuple[bytes, PolicyLimits]) -> tuple[str, object]:
    """The child's work on one request (run in a fresh interpreter or a fork)."""
    from ...batch.memory import address_space_mib, limit_address_space
    from .pdf import extract_in_process

    data, limits = request
    try:
        # what reading may add to the process as it is (a fork carries its parent's mappings)
        limit_address_space(address_space_mib() + limits.max_pdf_memory_mb)
        install_decode_budget(limits.max_pdf_decoded_bytes)
        return ("ok", extract_in_process(data, limits))
    except PolicyReadError as exc:
        return ("refused", exc.reason)
    except MemoryError:
        return ("refused", f"PDF needs more than {limits.max_pdf_memory_mb} MiB to read (limit)")


def main() -> int:
    from ...childproc import child_channel, read_frame, write_frame

    inbox, channel = child_channel()
    request = read_frame(inbox)
    if request is None:
        return 2
    write_frame(channel, handle(request))
    return 0


if __name__ == "__main__":
    sys.exit(main())
