"""Claims: two scans of one catalog into one store share the work.

Without them, a second ``consistency scan`` started while the first runs plans
from the same store, finds the same items to do, and redoes every one (nothing
is lost or doubled, since each item's row is replaced atomically, but the work
is wasted). With them, a scan claims each item in the store just before a
worker takes it (the local engine pulls items lazily, so claims follow the
workers' pace) and skips an item that another live scan has claimed or has
finished since this scan planned.

A claim is a row in ``claims``; it is taken in a ``BEGIN IMMEDIATE``
transaction, so two scans can never both hold one, and released when the
item's result is stored or the scan ends. A claim left by a scan that was
killed must not block the item forever: it counts only while its scan is
``running`` and its process is alive (same host), or, for a scan on another
host, while it is younger than :data:`STALE_AFTER_S`.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import Store

STALE_AFTER_S = 6 * 3600
"""A claim from another host older than this is taken over (its scan is presumed dead)."""

CLAIMS_SCHEMA = """
CREATE TABLE IF NOT EXISTS claims (
    item_id    TEXT PRIMARY KEY,
    scan_id    INTEGER NOT NULL,
    pid        INTEGER NOT NULL,
    host       TEXT NOT NULL,
    claimed_at REAL NOT NULL
) WITHOUT ROWID;
"""


def ensure_claims(db: sqlite3.Connection) -> None:
    """Add the table to a store (older stores lack it; readers never need it)."""
    db.execute(CLAIMS_SCHEMA)


class Claimer:
    """Claims items for one scan on the scan's own connection."""

    def __init__(self, store: Store, scan_id: int) -> None:
        self.store = store
        db = store.connection
        self.scan_id = scan_id
        self.host = socket.gethostname()
        self.pid = os.getpid()
        self.taken_elsewhere = 0
        """Items skipped because another scan claimed or finished them."""
        self._planned_rows = dict(db.execute("SELECT id, finished_at FROM items").fetchall())

    def claim(self, item_id: str) -> bool:
        """True when this scan now holds the item; False when another scan is
        working on it, or finished it after this scan planned."""
        with self.store.transaction() as db:
            finished = db.execute("SELECT finished_at FROM items WHERE id = ?", (item_id,)).fetchone()
            if finished is not None and finished[0] != self._planned_rows.get(item_id):
                self.taken_elsewhere += 1
                return False
            row = db.execute(
                "SELECT c.scan_id, c.pid, c.host, c.claimed_at, s.state FROM claims c"
                " LEFT JOIN scans s ON s.id = c.scan_id WHERE c.item_id = ?",
                (item_id,),
            ).fetchone()
            if row is not None and row[0] != self.scan_id and self._alive(*row[1:]):
                self.taken_elsewhere += 1
                return False
            db.execute(
                "INSERT OR REPLACE INTO claims (item_id, scan_id, pid, host, claimed_at) VALUES (?, ?, ?, ?, ?)",
                (item_id, self.scan_id, self.pid, self.host, time.time()),
            )
            return True

    def release_all(self) -> None:
        """Drop this scan's remaining claims (items it did not finish)."""
        with self.store.transaction() as db:
            db.execute("DELETE FROM claims WHERE scan_id = ?", (self.scan_id,))

    def _alive(self, pid: int, host: str, claimed_at: float, state: str | None) -> bool:
        if state != "running":
            return False
        if host != self.host:
            return time.time() - claimed_at < STALE_AFTER_S
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
