"""The local worker pool under real misbehaviour: an item that hangs, one that
kills its worker, one that exits, one that eats memory. Each costs exactly that
item (recorded with the reason), the worker is replaced, and every other item
still gets the result it would get alone.

The misbehaving items are made by the test-only fault hook
(tests/helpers/fault_hook), inherited by the worker processes."""

from __future__ import annotations

import dataclasses

import pytest

from consistency.batch.inputs import CatalogItem
from consistency.batch.local import run_local
from consistency.batch.worker import KnowledgeParcel, ScanOptions, process_item
from consistency.errors import ScanError
from tests.helpers.catalog import available_pairs
from tests.helpers.faults import ENV, install_faults
from tests.helpers.paths import SAMPLES
from tests.helpers.policy_docs import builtin_mappings

PAIRS = available_pairs()
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not PAIRS, reason="samples are not built")]


PARCEL = KnowledgeParcel.pack(builtin_mappings())


def sample_items() -> list[CatalogItem]:
    return [
        CatalogItem(app, str(SAMPLES / app / f"{app}.apk"), str(SAMPLES / app / pol)) for app, pol in PAIRS
    ]


def comparable(result):
    """A result without what legitimately differs between runs (timings, memory)."""
    return dataclasses.replace(result, timings=None, peak_rss_kib=None)


def test_hang_crash_exit_and_memory_hog_each_cost_one_item(monkeypatch):
    install_faults(monkeypatch, "hang:stuck,kill:killed,exit:exited,hog:hog")
    normal = sample_items()
    walkie = next(i for i in normal if i.item_id == "walkie")
    bad = [dataclasses.replace(walkie, item_id=name) for name in ("stuck", "killed", "exited", "hog")]
    items = [bad[0], *normal[:2], *bad[1:], *normal[2:], dataclasses.replace(walkie, item_id="after")]
    options = ScanOptions(item_timeout=3, item_memory_mb=512)
    ready = []
    results = {
        r.item_id: r for r in run_local(items, options, PARCEL, workers=2, on_worker_ready=ready.append)
    }

    assert sorted(results) == sorted(i.item_id for i in items)  # every item exactly once
    assert results["stuck"].error == "timeout after 3 s"
    assert results["killed"].error == "worker died (signal 9)"
    assert results["exited"].error == "worker died (exit code 70)"
    assert results["hog"].error.startswith("memory limit 512 MiB exceeded")
    assert all(results[b.item_id].status == "failed" for b in bad)
    # two workers at the start, and replacements that ran the items after the faults
    assert len(ready) >= 3 and len(set(ready)) == 1
    monkeypatch.delenv(ENV)
    for item in [*normal, dataclasses.replace(walkie, item_id="after")]:
        assert comparable(results[item.item_id]) == comparable(
            process_item(item, options, builtin_mappings())
        ), item.item_id


def test_a_worker_that_cannot_start_stops_the_scan():
    item = sample_items()[0]
    with pytest.raises(ScanError, match="worker"):
        list(run_local([item], ScanOptions(item_memory_mb=16), PARCEL, workers=1))
