"""Masking of secret-looking ``<meta-data>`` values before they enter ApkFacts.

Apps put SDK credentials in the manifest (``com.amap.api.v2.apikey``,
``UMENG_APPKEY``, ``com.facebook.sdk.ClientToken``). The *key name* is evidence
of an SDK and is kept whole; the *value* is someone's credential, and reports
are pasted into tickets, pull requests and batch databases, so it never leaves
this module in full.

This is a display rule, not detection knowledge, which is why it lives in code
rather than in ``mappings/``: a name that *looks* like it holds a secret gets its
value shortened to the first four characters (enough to tell two keys apart
when comparing builds) followed by an ellipsis. Values of eight characters or
fewer are hidden entirely, since four characters would be half the secret.
Resource references (``@7F0B0004``) point at a value elsewhere and are harmless,
so they are kept.
"""

from __future__ import annotations

import re

SECRET_NAME = re.compile(r"key|secret|token|passw(or)?d|credential|signature|auth|dsn", re.IGNORECASE)
"""Substrings of a meta-data name that mark its value as a credential. Broad on
purpose: masking a harmless value costs nothing, leaking a key does."""

SHOWN_PREFIX = 4
ELLIPSIS = "\u2026"


def looks_secret(name: str) -> bool:
    """Whether a meta-data name suggests its value is a credential."""
    return SECRET_NAME.search(name) is not None


def mask_value(value: str) -> str:
    """``abcdef0123456789`` -> ``abcd…``; short values become ``…`` alone."""
    if len(value) <= 2 * SHOWN_PREFIX:
        return ELLIPSIS
    return value[:SHOWN_PREFIX] + ELLIPSIS


def mask_meta_value(name: str, value: str | None) -> str | None:
    """The value to keep for meta-data ``name``: masked when the name looks like a
    secret, unchanged otherwise (and for resource references and empty values)."""
    if not value or value.startswith("@") or not looks_secret(name):
        return value
    return mask_value(value)
