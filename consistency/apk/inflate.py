"""Inflate a whole zip entry at once with libdeflate, when it is installed.

Why: inflating is most of the cost of indexing an APK's code (a 14 MB
``classes.dex`` takes about 40 ms through zlib, the DEX index after it about
30 ms), and libdeflate inflates a whole buffer in well under half zlib's time.
It needs the output size up front, which a zip entry declares, and it fails
rather than write one byte more or less than that size, so it keeps the
guarantee of the streaming reader in :mod:`.zipread`: never more output than
declared, whatever the stream holds.

Only the success path is taken from it: on any failure (a bomb, a short or
damaged stream) :func:`inflate_exact` returns None and the caller's bounded
zlib reader runs, which says precisely what is wrong. Without the ``deflate``
package (the wrapper of libdeflate), the same happens every time.
"""

from __future__ import annotations

import zlib


def inflate_exact(compressed: bytes, size: int) -> bytes | None:
    """The raw-deflate ``compressed`` data inflated to exactly ``size`` bytes, or None
    (libdeflate absent, or the stream does not inflate to exactly that size)."""
    if size <= 0:
        return None
    try:
        import deflate
    except ImportError:
        return None
    try:
        data = deflate.deflate_decompress(compressed, size)
    except (deflate.DeflateError, ValueError, MemoryError, OverflowError):
        return None
    return data if len(data) == size else None


def crc32(data: bytes) -> int:
    """The CRC-32 of ``data`` as zip stores it: libdeflate's when installed (several
    times faster than zlib's on the megabytes of a DEX), else zlib's."""
    try:
        import deflate
    except ImportError:
        return zlib.crc32(data)
    return deflate.crc32(data)
