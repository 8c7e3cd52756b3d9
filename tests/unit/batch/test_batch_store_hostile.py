"""The store under a full disk, on read-only media, and shared by two scans."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from consistency.batch.claims import Claimer
from consistency.batch.inputs import CatalogItem
from consistency.batch.resume import stamp_of
from consistency.batch.store import open_store
from consistency.batch.worker import ItemResult
from consistency.errors import ScanError
from tests.helpers.catalog import available_pairs, build_catalog
from tests.helpers.paths import REPO
from tests.helpers.store_dump import integrity


def item(name: str) -> CatalogItem:
    return CatalogItem(item_id=name, apk=None, policy=None)


def failed(name: str) -> ItemResult:
    return ItemResult(item_id=name, status="failed", error="a reason", tool_version="t")


def new_store(path: Path):
    store = open_store(path)
    scan_id = store.begin_scan(catalog="c", engine="local", args={}, tool_version="t", mappings_digest="d")
    return store, scan_id


def record(store, scan_id: int, name: str) -> None:
    store.record_item(item(name), stamp_of(item(name)), failed(name), run_key="k", scan_id=scan_id)


def scan_command(catalog: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "consistency", "scan", str(catalog), "--db", str(db), "--workers", "1"]


# ------------------------------------------------------------------ full disk


def test_a_full_disk_is_a_clear_error_and_the_store_stays_intact(tmp_path):
    """SQLite's own "database or disk is full" (the size cap of max_page_count
    is the same code path as ENOSPC): a one-line ScanError naming the cause,
    the earlier items kept, and the same store writable again afterwards."""
    db = tmp_path / "r.sqlite"
    store, scan_id = new_store(db)
    record(store, scan_id, "first")
    pages = store.connection.execute("PRAGMA page_count").fetchone()[0]
    store.connection.execute(f"PRAGMA max_page_count = {pages}")
    big = dataclasses.replace(failed("second"), error="x" * 200_000)
    with pytest.raises(ScanError, match="disk is full") as caught:
        store.record_item(item("second"), stamp_of(item("second")), big, run_key="k", scan_id=scan_id)
    assert "\n" not in str(caught.value) and "resume" in str(caught.value)
    store.close()
    store = open_store(db)  # a fresh connection has no cap: the scan resumes
    assert [r[0] for r in store.connection.execute("SELECT id FROM items")] == ["first"]
    record(store, scan_id, "second")
    assert store.connection.execute("SELECT count(*) FROM items").fetchone()[0] == 2
    store.close()
    assert integrity(db) == "ok"


@pytest.mark.slow
@pytest.mark.skipif(not available_pairs(), reason="samples are not built")
def test_scan_on_a_full_disk_exits_2_with_one_line_then_resumes(tmp_path):
    """A real ``consistency scan`` whose store cannot grow (RLIMIT_FSIZE, so
    every write past the limit fails as on a full file system)."""
    import resource

    build_catalog(tmp_path / "apps", 12)
    db = tmp_path / "r.sqlite"
    command = scan_command(tmp_path / "apps", db)

    def small_files() -> None:
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (120_000, 120_000))

    run = subprocess.run(
        command, cwd=REPO, capture_output=True, text=True, timeout=300, preexec_fn=small_files
    )
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert lines[-1].startswith("consistency: error: ") and "internal error" not in run.stderr
    assert "Traceback" not in run.stderr
    assert "disk" in lines[-1] and "intact" in lines[-1]
    assert integrity(db) == "ok"
    resumed = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert integrity(db) == "ok"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == 12


# ------------------------------------------------------------ read-only media


def _read_as_nobody(db: Path, folder: Path) -> list[str]:
    """Open the store read-only in a process that cannot write to ``folder``
    (as root, permission bits do not bind, so the child drops to nobody)."""
    if os.geteuid() == 0:
        os.setgid(65534)
        os.setuid(65534)
    with open_store(db, readonly=True) as store:
        return [r[0] for r in store.connection.execute("SELECT id FROM items ORDER BY id")]


def test_summary_reads_a_store_on_read_only_media(tmp_path):
    """A finished store in a folder nobody may write to (the WAL index cannot
    be created next to it): readers fall back to ``mode=ro``/``immutable``."""
    import shutil
    import tempfile

    from tests.helpers.bounded import run_bounded

    base = Path(tempfile.mkdtemp(prefix="consistency-ro-"))  # under /tmp: traversable by nobody
    base.chmod(0o755)
    folder = base / "media"
    folder.mkdir()
    db = folder / "r.sqlite"
    store, scan_id = new_store(db)
    record(store, scan_id, "a")
    record(store, scan_id, "b")
    store.close()
    assert not (folder / "r.sqlite-wal").exists()
    db.chmod(0o444)
    folder.chmod(0o555)
    try:
        outcome = run_bounded(_read_as_nobody, db, folder, seconds=60, memory_mb=1024)
    finally:
        folder.chmod(0o755)
        shutil.rmtree(base)
    assert outcome.error is None, outcome.error
    assert outcome.value == ["a", "b"]


# -------------------------------------------------------------- shared scans


def test_two_scans_claim_items_so_each_is_run_once(tmp_path):
    db = tmp_path / "r.sqlite"
    first, first_id = new_store(db)
    second, second_id = new_store(db)
    one, two = Claimer(first, first_id), Claimer(second, second_id)
    assert one.claim("a") and two.claim("b")
    assert not two.claim("a") and not one.claim("b")
    record(first, first_id, "a")
    assert not two.claim("a"), "finished by the other scan after this one planned"
    assert (one.taken_elsewhere, two.taken_elsewhere) == (1, 2)
    two.release_all()
    assert one.claim("b"), "a released claim can be taken"
    first.close()
    second.close()


def test_a_claim_of_a_dead_scan_is_taken_over(tmp_path):
    db = tmp_path / "r.sqlite"
    first, first_id = new_store(db)
    Claimer(first, first_id).claim("a")
    first.connection.execute("UPDATE claims SET pid = 2147483646")  # no such process
    second, second_id = new_store(db)
    assert Claimer(second, second_id).claim("a")
    first.close()
    second.close()


@pytest.mark.slow
@pytest.mark.e2e
@pytest.mark.skipif(not available_pairs(), reason="samples are not built")
def test_two_concurrent_scans_share_the_catalog(tmp_path):
    """Two ``consistency scan`` processes on one store at once: together they
    run each item exactly once (without claims, each ran the whole catalog)."""
    from tests.helpers.faults import fault_env

    count = 12
    build_catalog(tmp_path / "apps", count)
    db = tmp_path / "r.sqlite"
    open_store(db).close()  # both scans then find the schema in place
    command = scan_command(tmp_path / "apps", db)
    env = fault_env("delay=0.3:*")
    scans = [
        subprocess.Popen(
            command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [scan.communicate(timeout=600) for scan in scans]
    assert [scan.returncode for scan in scans] == [0, 0], outputs
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == count
        ran = conn.execute("SELECT sum(items_run) FROM scans").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == 0
    assert ran == count, outputs
    assert integrity(db) == "ok"
