"""The structured lists of a policy (third-party SDK list, permission list), read
from a normalised :class:`~consistency.models.Document` next to its statements.

The statements already count every sentence of a list as text; what the lists
add is the per-SDK structure: which data a policy says *each* SDK collects, so
``check`` can hold each bundled SDK to its own row (``consistency.sdk_lists``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...models import Document, PolicyLists, PolicyReading
from .permission_list import permission_index, read_permission_list
from .sdk_list import read_sdk_list
from .units import document_units

if TYPE_CHECKING:
    from ..extract.statements import ScanOnce


def read_lists(document: Document, mappings, scans: ScanOnce | None = None) -> PolicyLists:
    """The SDK list and the permission list of a document (empty when it has none).
    ``scans``: the reading's scans, so a line the statements already scanned is not
    scanned again."""
    lexicon = scans or mappings.lexicon
    cues = mappings.list_cues.for_reading()  # one memo of label classifications per reading
    units = document_units(document)
    index = permission_index(mappings)
    has_sdks, sdks = read_sdk_list(units, lexicon, cues, index)
    has_permissions, permissions = read_permission_list(units, lexicon, cues, index)
    return PolicyLists(has_sdks, sdks, has_permissions, permissions)


def with_lists(reading: PolicyReading, mappings, scans: ScanOnce | None = None) -> PolicyReading:
    """The reading with its lists filled in."""
    from .merge import merge_lists

    return merge_lists(reading, read_lists(reading.document, mappings, scans), mappings)
