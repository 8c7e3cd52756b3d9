"""A results store read back as plain comparable data, for tests that compare
two scans (two engines, a killed-and-resumed scan against a fresh check)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path


def dump_store(path: Path) -> dict[str, dict]:
    """Per item id: everything a scan decides (status, error, hashes, findings,
    facts, SDKs, metadata), without what varies between runs (timings, memory,
    timestamps, scan ids)."""
    db = _reader(path)
    try:
        items = {}
        for row in db.execute(
            "SELECT id, status, error, apk_path, policy_path, apk_sha256, policy_sha256, metadata, summary,"
            " findings_count, mappings_digest FROM items ORDER BY id"
        ):
            items[row[0]] = {
                "status": row[1],
                "error": row[2],
                "apk": row[3],
                "policy": row[4],
                "apk_sha256": row[5],
                "policy_sha256": row[6],
                "metadata": json.loads(row[7]),
                "summary": row[8],
                "findings_count": row[9],
                "mappings_digest": row[10],
                "findings": [],
                "facts": None,
                "sdks": [],
            }
        for item_id, data in db.execute("SELECT item_id, data FROM findings ORDER BY item_id, seq"):
            items[item_id]["findings"].append(json.loads(data))
        for item_id, *facts in db.execute(
            "SELECT item_id, package, version_code, permissions, sdks FROM app_facts"
        ):
            items[item_id]["facts"] = facts
        for item_id, sdk_id in db.execute("SELECT item_id, sdk_id FROM item_sdks ORDER BY item_id, sdk_id"):
            items[item_id]["sdks"].append(sdk_id)
        return items
    finally:
        db.close()


def integrity(path: Path) -> str:
    db = _reader(path)
    try:
        return db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()


def _reader(path: Path) -> sqlite3.Connection:
    """A connection that cannot write (not ``mode=ro``: that could not recover the
    WAL of a killed scan)."""
    if not Path(path).is_file():
        raise FileNotFoundError(path)
    db = sqlite3.connect(path, timeout=10)
    db.execute("PRAGMA query_only = ON")
    return db
