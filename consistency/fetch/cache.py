"""Fetched policies, kept in the scan's SQLite store by URL and by content hash.

A catalog scan rerun must not fetch every policy again: the URL maps to the
hash of what was fetched, the hash to the bytes (one copy however many apps
share a policy page). The tables live in the results store next to the scan's
own and are created on first use, so an old store gains them without a
migration. Only successful fetches are kept: a rerun retries failures.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from .client import FetchedPage

_SCHEMA = """
CREATE TABLE IF NOT EXISTS policy_fetch (
    url TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    final_url TEXT NOT NULL,
    status INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    fetched_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS policy_body (
    sha256 TEXT PRIMARY KEY,
    body BLOB NOT NULL
);
"""


class PolicyCache:
    """The fetched-policy tables of one store file."""

    def __init__(self, db: Path) -> None:
        self._connection = sqlite3.connect(str(db), timeout=30)
        self._connection.execute("PRAGMA journal_mode=WAL")
        self._connection.executescript(_SCHEMA)

    def get(self, url: str) -> FetchedPage | None:
        row = self._connection.execute(
            "SELECT f.sha256, f.final_url, f.status, f.content_type, b.body FROM policy_fetch f"
            " JOIN policy_body b ON b.sha256 = f.sha256 WHERE f.url = ?",
            (url,),
        ).fetchone()
        if row is None:
            return None
        sha256, final_url, status, content_type, body = row
        return FetchedPage(url, final_url, status, content_type, bytes(body), sha256)

    def put(self, page: FetchedPage) -> None:
        with self._connection:
            self._connection.execute(
                "INSERT OR IGNORE INTO policy_body (sha256, body) VALUES (?, ?)", (page.sha256, page.body)
            )
            self._connection.execute(
                "INSERT OR REPLACE INTO policy_fetch VALUES (?, ?, ?, ?, ?, ?)",
                (
                    page.url,
                    page.sha256,
                    page.final_url,
                    page.status,
                    page.content_type,
                    datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
                ),
            )

    def close(self) -> None:
        self._connection.close()
