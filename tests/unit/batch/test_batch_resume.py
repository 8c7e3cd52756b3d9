"""Resume planning: what is up to date is skipped, anything changed is rerun."""

from __future__ import annotations

import os
import shutil

import pytest

from consistency.batch.inputs import CatalogItem
from consistency.batch.resume import plan_scan, run_key, stamp_of
from consistency.batch.store import open_store
from consistency.batch.worker import ItemResult, ScanOptions, process_item
from consistency.config import CheckConfig
from tests.helpers.paths import SAMPLES
from tests.helpers.policy_docs import builtin_mappings

pytestmark = pytest.mark.skipif(
    not (SAMPLES / "shopper" / "shopper.apk").is_file(), reason="samples are not built"
)


@pytest.fixture
def catalog(tmp_path):
    """Two apps copied into tmp (so the test may touch and edit them), scanned once."""
    items = []
    for app, policy in (("shopper", "policy.txt"), ("blank", "policy.txt")):
        apk, pol = tmp_path / f"{app}.apk", tmp_path / f"{app}.policy.txt"
        shutil.copyfile(SAMPLES / app / f"{app}.apk", apk)
        shutil.copyfile(SAMPLES / app / policy, pol)
        items.append(CatalogItem(app, str(apk), str(pol)))
    store = open_store(tmp_path / "r.sqlite")
    scan = store.begin_scan(catalog="c", engine="local", args={}, tool_version="t", mappings_digest="d")
    for item in items:
        store.record_item(
            item,
            stamp_of(item),
            process_item(item, ScanOptions(), builtin_mappings()),
            run_key="key",
            scan_id=scan,
        )
    yield items, store, scan
    store.close()


def plan(items, store, key="key", **flags):
    result = plan_scan(items, store.previous_items(), key, **flags)
    return sorted(p.item.item_id for p in result.to_run), result


def test_an_unchanged_catalog_has_nothing_to_do(catalog):
    items, store, _ = catalog
    to_run, result = plan(items, store)
    assert to_run == [] and result.skipped == 2 and result.refresh == []


def test_a_new_item_runs(catalog, tmp_path):
    items, store, _ = catalog
    extra = CatalogItem("new", items[0].apk, None)
    assert plan([*items, extra], store)[0] == ["new"]


def test_touching_a_file_costs_a_hash_not_a_rerun(catalog):
    items, store, _ = catalog
    st = os.stat(items[0].policy)
    os.utime(items[0].policy, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    to_run, result = plan(items, store)
    assert to_run == [] and [p.item.item_id for p in result.refresh] == ["shopper"]
    store.refresh_item(result.refresh[0].item, result.refresh[0].stamp)
    assert plan(items, store)[1].refresh == []  # the new stamp was stored


def test_an_edited_policy_or_apk_is_rerun(catalog):
    items, store, _ = catalog
    with open(items[0].policy, "a", encoding="utf-8") as handle:
        handle.write("\nWe also collect your precise location.\n")
    with open(items[1].apk, "ab") as handle:
        handle.write(b"\0")
    assert plan(items, store)[0] == ["blank", "shopper"]


def test_other_tables_settings_or_version_rerun_everything(catalog):
    items, store, _ = catalog
    assert plan(items, store, key="other")[0] == ["blank", "shopper"]
    a = run_key("0.1.0", "digest", CheckConfig())
    assert a != run_key("0.1.1", "digest", CheckConfig()) != run_key("0.1.0", "other", CheckConfig())
    assert a != run_key("0.1.0", "digest", CheckConfig(ignore_sdks=frozenset({"sentry"})))
    assert a == run_key("0.1.0", "digest", CheckConfig(source="elsewhere.yaml"))


def test_failed_items_wait_for_retry_failed_and_force_redoes_all(catalog):
    items, store, scan = catalog
    failed = ItemResult(
        item_id="blank", status="failed", error="timeout after 1 s", apk_sha256=None, policy_sha256=None
    )
    store.record_item(items[1], stamp_of(items[1]), failed, run_key="key", scan_id=scan)
    assert plan(items, store)[0] == []
    to_run, result = plan(items, store, retry_failed=True)
    assert to_run == ["blank"] and result.retried == 1
    assert plan(items, store, force=True)[0] == ["blank", "shopper"]


def test_a_moved_file_is_a_different_input(catalog, tmp_path):
    items, store, _ = catalog
    moved = tmp_path / "moved.apk"
    shutil.copyfile(items[0].apk, moved)
    assert plan([CatalogItem("shopper", str(moved), items[0].policy), items[1]], store)[0] == ["shopper"]


def test_new_metadata_is_stored_without_a_rerun(catalog):
    items, store, _ = catalog
    relabelled = CatalogItem("shopper", items[0].apk, items[0].policy, metadata='{"store": "play"}')
    to_run, result = plan([relabelled, items[1]], store)
    assert to_run == [] and [p.item.metadata for p in result.refresh] == ['{"store": "play"}']
