"""``content://`` URIs written as strings in a DEX file.

Before the platform had a constant for it (``Telephony.Sms`` came in API 19) or
when copied from an old answer, an app reaches a content provider through a
literal: ``Uri.parse("content://sms/inbox")``, ``"content://call_log/calls"``.
Such a string is as good a sign that the provider's permission is used as a
reference to its ``CONTENT_URI`` field (:mod:`consistency.apk.dex_fields`).

The format keeps ``string_ids`` sorted by content, so every string that starts
with ``content://`` sits in one run of the table: a binary search finds it and
only that run (and the few strings the search visits) is decoded. Scanning the
bytes would cost milliseconds per large DEX; this costs microseconds. A URI in
the middle of a longer string ("query content://sms failed") is not seen: code
passes the URI itself to ``Uri.parse``. In a damaged file whose table is not
sorted the run may be missed, never misread.

What comes out is syntax, every ``content://`` string; the permission table
decides which authorities mean anything.
"""

from __future__ import annotations

from .dex_index import _DexReader

SCHEME = "content://"
MAX_URIS = 1024
"""Strings kept per DEX: a hostile file full of them cannot grow the facts without bound."""
MAX_LENGTH = 256
"""Characters kept of each: an authority and a path, not a blob."""


def content_uri_strings(reader: _DexReader) -> set[str]:
    """Every string of the table that starts with ``content://`` and goes on (at most
    :data:`MAX_URIS`, each cut to :data:`MAX_LENGTH` characters)."""
    count = len(reader.string_offsets)
    low, high = 0, count
    while low < high:
        middle = (low + high) // 2
        if _string(reader, middle) < SCHEME:
            low = middle + 1
        else:
            high = middle
    found: set[str] = set()
    for index in range(low, count):  # strings are unique: only one is the bare scheme
        text = _string(reader, index)
        if not text.startswith(SCHEME) or len(found) >= MAX_URIS:
            break
        if len(text) > len(SCHEME):
            found.add(text[:MAX_LENGTH])
    return found


def _string(reader: _DexReader, index: int) -> str:
    return reader.strings((index,), "string_ids")[index]
