"""Which catalog items a scan must run, and which it may skip as already done.

An item is *up to date* when the store holds a result for it produced from the
same inputs by the same run: same APK and policy paths, same file contents,
same ``run_key`` (tool version, tables digest and the check settings). Up-to-date
items with status ``done`` or ``no_policy`` are skipped; up-to-date ``failed``
items are skipped too unless ``--retry-failed`` (a failure that depends on the
inputs only would fail again); ``--force`` runs everything.

"Same file contents" is decided cheaply: the parent stats every file (size and
modification time in nanoseconds) and trusts the stored hash when both match;
only when the stamp differs does it hash the file and compare with the stored
SHA-256 (a ``touch`` or a copy then costs one read, and the new stamp is stored
so it is not hashed again). Hashing every APK of a large catalog on every
resume would cost a full read of the catalog; the stamp shortcut trusts that
nobody rewrites a file with the same size within the same nanosecond-stamped
mtime, which is the assumption ``make`` and ``rsync`` make too. ``--force``
is the way out when that trust is misplaced.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..config import CheckConfig
from .inputs import CatalogItem
from .store import FileStamp, InputStamp, PreviousItem
from .worker import file_sha256


@dataclass(frozen=True)
class PlannedItem:
    item: CatalogItem
    stamp: InputStamp


@dataclass
class Plan:
    """The outcome of planning; ``to_run`` is consumed lazily by the engine."""

    to_run: list[PlannedItem] = field(default_factory=list)
    refresh: list[PlannedItem] = field(default_factory=list)
    """Up to date by hash but with a new stamp or new metadata: update the row, do not rerun."""
    skipped: int = 0
    retried: int = 0


def run_key(tool_version: str, mappings_digest: str, config: CheckConfig) -> str:
    """What, besides the inputs, determines an item's result."""
    settings = {
        "severity": [list(pair) for pair in config.severity],
        "ignore_permissions": sorted(config.ignore_permissions),
        "ignore_sdks": sorted(config.ignore_sdks),
        "ignore_data_types": sorted(config.ignore_data_types),
        "fail_on": config.fail_on,
    }
    text = json.dumps([tool_version, mappings_digest, settings], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def stamp_of(item: CatalogItem) -> InputStamp:
    apk = _stat(item.apk)
    policy = _stat(item.policy)
    return InputStamp(apk[0], apk[1], policy[0], policy[1])


def plan_scan(
    items: Iterable[CatalogItem],
    previous: dict[str, PreviousItem],
    key: str,
    *,
    force: bool = False,
    retry_failed: bool = False,
) -> Plan:
    plan = Plan()
    for item in items:
        stamp = stamp_of(item)
        planned = PlannedItem(item, stamp)
        before = previous.get(item.item_id)
        if force or before is None or not _same_run(item, before, key):
            plan.to_run.append(planned)
            continue
        unchanged = _unchanged(item, stamp, before)
        if not unchanged:
            plan.to_run.append(planned)
        elif before.status == "failed" and retry_failed:
            plan.retried += 1
            plan.to_run.append(planned)
        else:
            plan.skipped += 1
            if stamp != before.stamp or item.metadata != before.metadata:
                plan.refresh.append(planned)
    return plan


def _same_run(item: CatalogItem, before: PreviousItem, key: str) -> bool:
    from ..datasafety.batch import same_form  # issue 16: a changed Data safety form reruns the item

    return (
        before.run_key == key
        and before.apk_path == item.apk
        and before.policy_path == item.policy
        and same_form(item.metadata, before.metadata)
    )


def _unchanged(item: CatalogItem, stamp: InputStamp, before: PreviousItem) -> bool:
    return _file_unchanged(item.apk, stamp.apk(), before.stamp.apk(), before.apk_sha256) and _file_unchanged(
        item.policy, stamp.policy(), before.stamp.policy(), before.policy_sha256
    )


def _file_unchanged(path: str | None, now: FileStamp, then: FileStamp, sha256: str | None) -> bool:
    if path is None or now == then:
        return True  # no such file, or the same stamp (a file still missing included)
    if now[0] is None or sha256 is None:
        return False
    return file_sha256(path) == sha256


def _stat(path: str | None) -> tuple[int | None, int | None]:
    if path is None:
        return None, None
    try:
        info = os.stat(path)
    except OSError:
        return None, None
    return info.st_size, info.st_mtime_ns


def iter_items(plan: Plan) -> Iterator[CatalogItem]:
    for planned in plan.to_run:
        yield planned.item
