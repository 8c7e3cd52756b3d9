"""The SQLite store: schema, one atomic transaction per item, refusing files
that are not ours."""

from __future__ import annotations

import dataclasses
import json
import sqlite3

import pytest

from consistency.batch.inputs import CatalogItem
from consistency.batch.resume import stamp_of
from consistency.batch.store import APPLICATION_ID, SCHEMA_VERSION, open_store
from consistency.batch.worker import FindingRow, ItemResult, ScanOptions, process_item
from consistency.errors import ScanError
from tests.helpers.paths import SAMPLES
from tests.helpers.policy_docs import builtin_mappings

WALKIE = CatalogItem(
    "walkie",
    str(SAMPLES / "walkie" / "walkie.apk"),
    str(SAMPLES / "walkie" / "policy.md"),
    metadata='{"store": "play"}',
)
pytestmark = pytest.mark.skipif(
    not (SAMPLES / "walkie" / "walkie.apk").is_file(), reason="samples are not built"
)


@pytest.fixture(scope="module")
def walkie_result() -> ItemResult:
    return process_item(WALKIE, ScanOptions(), builtin_mappings())


def new_store(tmp_path):
    store = open_store(tmp_path / "results.sqlite")
    scan_id = store.begin_scan(catalog="c", engine="local", args={}, tool_version="t", mappings_digest="d")
    return store, scan_id


def counts(db: sqlite3.Connection) -> dict[str, int]:
    return {
        t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("items", "findings", "app_facts", "item_sdks")
    }


def test_an_item_is_written_whole(tmp_path, walkie_result):
    store, scan_id = new_store(tmp_path)
    store.record_item(WALKIE, stamp_of(WALKIE), walkie_result, run_key="k", scan_id=scan_id)
    db = store.connection
    assert counts(db) == {
        "items": 1,
        "findings": len(walkie_result.findings),
        "app_facts": 1,
        "item_sdks": len(walkie_result.app.sdks),
    }
    row = db.execute("SELECT status, apk_sha256, findings_count, metadata, run_key FROM items").fetchone()
    assert row == ("done", walkie_result.apk_sha256, len(walkie_result.findings), '{"store": "play"}', "k")
    stored = [r[0] for r in db.execute("SELECT data FROM findings ORDER BY seq")]
    assert stored == [f.data for f in walkie_result.findings]
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_rerunning_an_item_replaces_all_its_rows(tmp_path, walkie_result):
    store, scan_id = new_store(tmp_path)
    store.record_item(WALKIE, stamp_of(WALKIE), walkie_result, run_key="k", scan_id=scan_id)
    failed = ItemResult(item_id="walkie", status="failed", error="timeout after 1 s", tool_version="t")
    store.record_item(WALKIE, stamp_of(WALKIE), failed, run_key="k", scan_id=scan_id)
    assert counts(store.connection) == {"items": 1, "findings": 0, "app_facts": 0, "item_sdks": 0}
    assert store.connection.execute("SELECT status, error FROM items").fetchone() == (
        "failed",
        "timeout after 1 s",
    )
    store.close()


def test_a_write_that_fails_half_way_leaves_the_previous_result(tmp_path, walkie_result):
    store, scan_id = new_store(tmp_path)
    store.record_item(WALKIE, stamp_of(WALKIE), walkie_result, run_key="k", scan_id=scan_id)
    before = counts(store.connection)
    broken = dataclasses.replace(
        walkie_result,
        findings=(*walkie_result.findings, FindingRow("data", "x", "x", "omitted", "high", "f", None)),
    )
    with pytest.raises(sqlite3.IntegrityError):
        store.record_item(WALKIE, stamp_of(WALKIE), broken, run_key="k2", scan_id=scan_id)
    assert counts(store.connection) == before
    assert store.connection.execute("SELECT run_key FROM items").fetchone() == ("k",)
    assert store.connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    store.close()


def test_readers_refuse_what_is_not_a_results_store(tmp_path):
    with pytest.raises(ScanError, match="no results store"):
        open_store(tmp_path / "missing.sqlite", readonly=True)
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database at all, just some text that is long enough " * 20, encoding="utf-8")
    with pytest.raises(ScanError, match="not a usable SQLite"):
        open_store(text, readonly=True)
    with pytest.raises(ScanError, match="not a usable SQLite"):
        open_store(text)
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE birds (name TEXT)")
    db.close()
    with pytest.raises(ScanError, match="not a consistency results store"):
        open_store(foreign)
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    with pytest.raises(ScanError, match="empty database"):
        open_store(empty, readonly=True)


def test_a_store_from_a_newer_release_is_refused(tmp_path):
    open_store(tmp_path / "r.sqlite").close()
    db = sqlite3.connect(tmp_path / "r.sqlite")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(ScanError, match="newer"):
        open_store(tmp_path / "r.sqlite", readonly=True)


def test_metadata_is_json(tmp_path, walkie_result):
    store, scan_id = new_store(tmp_path)
    store.record_item(WALKIE, stamp_of(WALKIE), walkie_result, run_key="k", scan_id=scan_id)
    facts = store.connection.execute("SELECT package, permissions, sdks FROM app_facts").fetchone()
    assert facts[0] == walkie_result.app.package
    assert [s["id"] for s in json.loads(facts[2])] == [s.sdk_id for s in walkie_result.app.sdks]
    store.close()
