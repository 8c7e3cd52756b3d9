"""The charset an HTML page declares, found in its first bytes.

Its own module because every policy that is not a PDF is asked (a ``.txt`` or
``.md`` file may be HTML inside), while :mod:`.html` and its patterns are needed
only for the pages that turn out to be HTML.
"""

from __future__ import annotations

import re

_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{2,40})", re.I)


def declared_charset(head: bytes) -> str | None:
    """The charset a page declares in ``<meta charset>`` / ``http-equiv``, if any."""
    match = _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None
