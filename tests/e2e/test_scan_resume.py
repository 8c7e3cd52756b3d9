"""A scan killed with SIGKILL part-way and run again: every item ends up in the
store exactly once, complete, and the file is intact.

The scan runs as a real ``python -m consistency scan`` process; it is slowed
down with the test-only fault hook (``delay``) so it can be caught part-way."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

import psutil
import pytest

from consistency import check
from consistency.mappings import load_mappings
from consistency.report.json import finding_to_dict
from tests.helpers.catalog import available_pairs, build_catalog
from tests.helpers.faults import fault_env
from tests.helpers.paths import REPO
from tests.helpers.store_dump import dump_store, integrity

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(not available_pairs(), reason="samples are not built"),
]
ITEMS = 100


def stored_items(db) -> int:
    if not db.is_file():
        return 0
    conn = sqlite3.connect(db, timeout=10)
    try:
        conn.execute("PRAGMA query_only = ON")
        return conn.execute("SELECT count(*) FROM items").fetchone()[0]
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return 0  # the scan is creating its schema
        raise
    finally:
        conn.close()


def scan_command(catalog, db) -> list[str]:
    return [sys.executable, "-m", "consistency", "scan", str(catalog), "--db", str(db), "--workers", "2"]


def test_sigkill_part_way_then_resume(tmp_path):
    pairs = build_catalog(tmp_path / "apps", ITEMS)
    db = tmp_path / "r.sqlite"
    env = fault_env("delay=0.05:*")
    process = subprocess.Popen(
        scan_command(tmp_path / "apps", db),
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while stored_items(db) < 10:
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "the scan stored nothing in two minutes"
        time.sleep(0.02)
    workers = psutil.Process(process.pid).children(recursive=True)
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stderr.close()
    at_kill = stored_items(db)
    assert 10 <= at_kill < ITEMS, "the scan finished before it could be killed"
    gone, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive, "worker processes outlived the killed scan"
    assert integrity(db) == "ok"

    rerun = subprocess.run(
        scan_command(tmp_path / "apps", db), cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert rerun.returncode == 0, rerun.stderr
    with sqlite3.connect(db) as conn:
        skipped, run = conn.execute("SELECT items_skipped, items_run FROM scans ORDER BY id DESC").fetchone()
    assert skipped >= at_kill and skipped + run == ITEMS  # what was committed before the kill was not redone

    assert integrity(db) == "ok"
    rows = dump_store(db)
    assert sorted(rows) == sorted(p.name for p in pairs)
    tables = load_mappings()
    for pair in pairs:
        expected = check(pair.apk, pair.policy, tables)
        row = rows[pair.name]
        assert row["status"] == "done", (pair.name, row["error"])
        assert row["findings_count"] == len(row["findings"]) == len(expected.findings), pair.name
        assert row["findings"] == [finding_to_dict(f) for f in expected.findings], pair.name
    with sqlite3.connect(db) as conn:
        states = conn.execute("SELECT state FROM scans ORDER BY id").fetchall()
        duplicates = conn.execute(
            "SELECT count(*) - count(DISTINCT fingerprint || item_id) FROM findings"
        ).fetchone()[0]
    assert states == [("running",), ("completed",)]  # the killed scan never got to say it ended
    assert duplicates == 0
