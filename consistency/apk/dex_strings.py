"""Host names in a DEX string table, for SDK evidence that survives obfuscation.

R8 renames an SDK's classes but not the server it talks to: ``api.mixpanel.com``
stays a string constant. Decoding all of a large DEX's strings costs about
40 % of ``inspect`` (0.6 s for the 14 MB of DEX in the largest corpus APK), so
the string data is not decoded at all. One possessive regular expression finds
the end of every host-like token (a dot, a lowercase top-level label, then the
end of the string or a URL delimiter) inside the byte range that
``string_ids`` points into, and only those few thousand places are read
backwards to the start of the host: about 30 ms for that APK (``make bench``).

What comes out is syntax, not knowledge: every lowercase dotted name that ends
a string or a URL authority, Java package names included. The SDK table decides
which of them mean anything, so this module names no vendor and needs no table.
"""

from __future__ import annotations

import re

from .dex_index import _DexReader

_TLD_END = re.compile(rb"\.[a-z]{2,24}+(?=[\x00/:?#])")
"""A final label and what may follow a host: the string's NUL, a path, a port, a query."""
_HOST_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789.-")
_WORD_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ_$")
_MAX_HOST = 253


def string_table_hosts(reader: _DexReader) -> set[str]:
    """Host-like names in the strings of one DEX (lowercase, two labels or more)."""
    offsets = reader.string_offsets
    if not len(offsets):
        return set()
    data = reader.data
    low = min(offsets)
    high = data.find(b"\0", max(offsets)) + 1  # the last string's NUL included: it ends a host
    if high <= 0:
        high = reader.end
    hosts: set[str] = set()
    allowed = _HOST_BYTES
    for match in _TLD_END.finditer(data, low, high):
        start = match.start()
        floor = max(low, start - _MAX_HOST)
        while start > floor and data[start - 1] in allowed:
            start -= 1
        start = _skip_length_byte(data, start)
        if data[start - 1] in _WORD_BYTES and not _starts_string(data, start):
            continue  # the tail of a longer word ("MainActivity.java"), not a host
        token = data[start : match.end()].strip(b".-")
        if b"." in token and b".." not in token:
            hosts.add(token.decode("ascii"))
    return hosts


def _skip_length_byte(data: bytes, start: int) -> int:
    """A string that *is* a host begins right after its ULEB128 length, and a
    length between 45 and 57 or 97 and 122 is itself a host character (``-``,
    ``.``, a digit or a letter): step over it when it is that length byte."""
    return start + 1 if _starts_string(data, start + 1) else start


def _starts_string(data: bytes, position: int) -> bool:
    """Whether an ASCII string starts at ``position``: the byte before is its
    one-byte length and the byte before that ends the previous string."""
    if position < 2 or data[position - 2] != 0:
        return False
    stop = data.find(b"\0", position)
    return stop > 0 and data[position - 1] == stop - position
