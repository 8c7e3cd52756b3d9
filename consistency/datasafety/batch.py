"""The Data safety form in batch scans: the catalog's ``data_safety`` column.

A manifest row may name the app's form (Play Console's CSV) in a ``data_safety``
column, relative to the manifest like ``apk`` and ``policy``. The path and the
form's SHA-256 travel in the item's metadata, so the store keeps them with the
result and a resumed scan reruns an item whose form changed (see
:func:`same_form`). The worker adds the three-way findings to the item's
findings as rows with ``subject_type`` ``datasafety`` and status
``datasafety_<kind>`` (never a finding class, so the class counts stay the
policy check's); ``summary`` counts them per kind.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

COLUMN = "data_safety"
SUBJECT_TYPE = "datasafety"
STATUS_PREFIX = "datasafety_"
_HASH_KEY = "data_safety_sha256"


def form_metadata(path: Path) -> dict[str, Any]:
    """What the item's metadata records of its form: absolute path and content hash
    (None when unreadable: the worker then fails the item with the reason)."""
    try:
        digest: str | None = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        digest = None
    return {COLUMN: str(path), _HASH_KEY: digest}


def form_path(metadata: str) -> str | None:
    value = json.loads(metadata or "{}").get(COLUMN)
    return value if isinstance(value, str) and value else None


def same_form(metadata: str, previous: str) -> bool:
    """Whether two items' metadata name the same form with the same content."""
    now, then = json.loads(metadata or "{}"), json.loads(previous or "{}")
    return (now.get(COLUMN), now.get(_HASH_KEY)) == (then.get(COLUMN), then.get(_HASH_KEY))


def with_form(result: Any, path: str, tables: Any, config: Any) -> Any:
    """The check result of a worker with the form's side added (raises InputError for a bad form)."""
    from .attach import attach_form, load_form

    form, table = load_form(path, tables)
    return attach_form(result, form, table, tables, config)


def form_finding_dicts(result: Any) -> list[dict[str, Any]]:
    """The form's findings as the worker stores them (the ``check`` JSON's, plus the row columns)."""
    if result.data_safety is None:
        return []
    from .render import findings_json

    rows = []
    for f in findings_json(result.data_safety)["findings"]:
        rows.append(
            {
                "subject_type": SUBJECT_TYPE,
                "subject": f["data_type"],
                "name": f["name"],
                "status": STATUS_PREFIX + f["kind"],
                "severity": f["severity"],
                "fingerprint": f["fingerprint"],
                "data": f,
            }
        )
    return rows
