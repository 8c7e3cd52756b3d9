"""A policy given as a file, ``-`` or a URL, read into a Document.

A URL is fetched with the bounded client and its bytes go to the same reader as
a file's. The Document records the URL as its source and the SHA-256 of the
bytes received, and a note says where the body finally came from, so a result
says exactly which text was checked.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..models import Document
from .client import FetchedPage, FetchLimits, fetch, is_url


def read_policy_document(source: str | Path, fetch_limits: FetchLimits | None = None) -> Document:
    """The Document of a policy file, of stdin (``-``) or of a fetched URL."""
    from ..policy.document.read import read_document

    if isinstance(source, str) and is_url(source):
        return document_from_page(fetch(source, fetch_limits))
    return read_document(source)


def document_from_page(page: FetchedPage) -> Document:
    """Read fetched bytes as a policy whose source is the URL."""
    from ..policy.document.read import read_document

    document = read_document(page.body, name=page.url + ("" if Path(page.url).suffix else page.suffix))
    note = f"fetched from {page.final_url} (HTTP {page.status}, {len(page.body)} bytes)"
    return dataclasses.replace(document, source=page.url, warnings=(note, *document.warnings))
