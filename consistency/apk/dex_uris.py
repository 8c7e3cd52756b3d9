"""``content://`` URIs written as strings in a DEX file.

Before the platform had a constant for it (``Telephony.Sms`` came in API 19) or
when copied from an old answer, an app reaches a content provider through a
literal: ``Uri.parse("content://sms/inbox")``, ``"content://call_log/calls"``.
Such a string is as good a sign that the provider's permission is used as a
reference to its ``CONTENT_URI`` field (:mod:`consistency.apk.dex_fields`).

One ``bytes.find`` loop over the DEX (C speed, no string decoded but the few
hits): what comes out is syntax, every ``content://`` token; the permission
table decides which authorities mean anything.
"""

from __future__ import annotations

import re

_SCHEME = b"content://"
_TOKEN = re.compile(rb"content://[A-Za-z0-9._\-/%+~:@!$&'()*,;=?#\[\]]{1,200}")
"""The scheme and the URI characters that follow it (RFC 3986), at most 200."""
MAX_URIS = 4096
"""Distinct URIs kept per DEX: a hostile file full of them cannot grow the facts without bound."""


def content_uri_strings(data: bytes) -> set[str]:
    """Every distinct ``content://…`` token in ``data`` (at most :data:`MAX_URIS`)."""
    found: set[str] = set()
    position = data.find(_SCHEME)
    while position >= 0 and len(found) < MAX_URIS:
        match = _TOKEN.match(data, position)
        if match is not None:
            found.add(match.group().decode("ascii"))
            position = match.end()
        else:
            position += len(_SCHEME)
        position = data.find(_SCHEME, position)
    return found
