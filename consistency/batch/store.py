"""The SQLite results store of ``consistency scan``.

One file holds every scan of a catalog: the scans run (``scans``), one row per
item (``items``: paths, input hashes and stamps, status, error, timings, peak
memory, tool version, tables digest, free metadata), its findings
(``findings``: the columns the summary groups by, plus the finding exactly as
in the ``check`` JSON report), the app facts (``app_facts``) and the SDKs found
(``item_sdks``, indexed for prevalence queries).

Durability: only the scan's parent process writes, one transaction per
finished item, in WAL mode with ``synchronous=NORMAL``. A committed item is in
the write-ahead log before the next one starts, so killing the scan (even with
SIGKILL) loses at most the items still in flight, and never corrupts the file;
what WAL+NORMAL gives up is the last transactions before an operating-system
crash or power loss (they may roll back, still without corruption), in return
for a commit costing well under a millisecond instead of an fsync. Replacing an
item's results (a rerun) deletes and inserts in that same single transaction.

The schema is versioned with ``PRAGMA user_version`` and the file is marked as
ours with ``PRAGMA application_id``, so a stray SQLite file or one written by a
newer release is refused with a one-line :class:`ScanError` instead of being
misread.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import ScanError
from .claims import ensure_claims
from .inputs import CatalogItem
from .worker import ItemResult

SCHEMA_VERSION = 1
APPLICATION_ID = 0x636F6E73
"""``cons``: marks the file as a consistency results store."""
BUSY_TIMEOUT_MS = 10_000

_SCHEMA = """
CREATE TABLE scans (
    id              INTEGER PRIMARY KEY,
    started         TEXT NOT NULL,
    finished        TEXT,
    state           TEXT NOT NULL CHECK (state IN ('running', 'completed', 'stopped')),
    catalog         TEXT NOT NULL,
    engine          TEXT NOT NULL,
    args            TEXT NOT NULL,
    tool_version    TEXT NOT NULL,
    mappings_digest TEXT NOT NULL,
    items_total     INTEGER NOT NULL DEFAULT 0,
    items_run       INTEGER NOT NULL DEFAULT 0,
    items_skipped   INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE items (
    id              TEXT PRIMARY KEY,
    scan_id         INTEGER NOT NULL REFERENCES scans(id),
    apk_path        TEXT,
    policy_path     TEXT,
    apk_sha256      TEXT,
    policy_sha256   TEXT,
    apk_size        INTEGER,
    apk_mtime_ns    INTEGER,
    policy_size     INTEGER,
    policy_mtime_ns INTEGER,
    status          TEXT NOT NULL CHECK (status IN ('done', 'no_policy', 'failed')),
    error           TEXT,
    inspect_ms      REAL NOT NULL DEFAULT 0,
    policy_ms       REAL NOT NULL DEFAULT 0,
    compare_ms      REAL NOT NULL DEFAULT 0,
    total_ms        REAL NOT NULL DEFAULT 0,
    peak_rss_kib    INTEGER,
    tool_version    TEXT NOT NULL,
    mappings_digest TEXT,
    run_key         TEXT NOT NULL,
    metadata        TEXT NOT NULL DEFAULT '{}',
    summary         TEXT,
    findings_count  INTEGER NOT NULL DEFAULT 0,
    finished_at     TEXT NOT NULL
);
CREATE INDEX items_status ON items (status);
CREATE TABLE findings (
    item_id      TEXT NOT NULL REFERENCES items(id),
    seq          INTEGER NOT NULL,
    subject_type TEXT NOT NULL,
    subject      TEXT NOT NULL,
    name         TEXT NOT NULL,
    status       TEXT NOT NULL,
    severity     TEXT NOT NULL,
    fingerprint  TEXT NOT NULL,
    data         TEXT NOT NULL,
    PRIMARY KEY (item_id, seq)
) WITHOUT ROWID;
CREATE INDEX findings_class ON findings (status, subject_type, subject);
CREATE INDEX findings_severity ON findings (severity, item_id);
CREATE TABLE app_facts (
    item_id      TEXT PRIMARY KEY REFERENCES items(id),
    package      TEXT NOT NULL,
    version_name TEXT,
    version_code INTEGER,
    min_sdk      INTEGER,
    target_sdk   INTEGER,
    permissions  TEXT NOT NULL,
    sdks         TEXT NOT NULL
);
CREATE TABLE item_sdks (
    item_id  TEXT NOT NULL REFERENCES items(id),
    sdk_id   TEXT NOT NULL,
    name     TEXT NOT NULL,
    vendor   TEXT NOT NULL,
    category TEXT NOT NULL,
    PRIMARY KEY (item_id, sdk_id)
) WITHOUT ROWID;
CREATE INDEX item_sdks_sdk ON item_sdks (sdk_id);
"""

_CHILD_TABLES = ("findings", "app_facts", "item_sdks")

FileStamp = tuple[int | None, int | None]
"""(size, mtime in ns) of one file; (None, None) when it cannot be stat'ed."""


@dataclass(frozen=True)
class InputStamp:
    """Size and modification time of an item's files, taken by the parent when
    it plans the scan: the cheap test of "unchanged since last time" (see
    :mod:`consistency.batch.resume`). None where a file cannot be stat'ed."""

    apk_size: int | None = None
    apk_mtime_ns: int | None = None
    policy_size: int | None = None
    policy_mtime_ns: int | None = None

    def apk(self) -> FileStamp:
        return self.apk_size, self.apk_mtime_ns

    def policy(self) -> FileStamp:
        return self.policy_size, self.policy_mtime_ns


@dataclass(frozen=True)
class PreviousItem:
    """What the store knows of an item from an earlier run."""

    item_id: str
    apk_path: str | None
    policy_path: str | None
    apk_sha256: str | None
    policy_sha256: str | None
    stamp: InputStamp
    status: str
    run_key: str
    metadata: str


class Store:
    """An open results store. Write methods commit one transaction each."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path
        self.write_seconds: list[float] = []
        """Duration of every :meth:`record_item` call, for the benchmark's per-item overhead."""

    # -- scans

    def begin_scan(
        self, *, catalog: str, engine: str, args: Mapping[str, Any], tool_version: str, mappings_digest: str
    ) -> int:
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO scans (started, state, catalog, engine, args, tool_version, mappings_digest)"
                " VALUES (?, 'running', ?, ?, ?, ?, ?)",
                (
                    _now(),
                    catalog,
                    engine,
                    json.dumps(dict(args), sort_keys=True),
                    tool_version,
                    mappings_digest,
                ),
            )
            return int(cursor.lastrowid)

    def end_scan(self, scan_id: int, *, state: str, total: int, run: int, skipped: int) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE scans SET finished = ?, state = ?, items_total = ?, items_run = ?, items_skipped = ?"
                " WHERE id = ?",
                (_now(), state, total, run, skipped, scan_id),
            )

    # -- items

    def previous_items(self) -> dict[str, PreviousItem]:
        rows = self.connection.execute(
            "SELECT id, apk_path, policy_path, apk_sha256, policy_sha256, apk_size, apk_mtime_ns,"
            " policy_size, policy_mtime_ns, status, run_key, metadata FROM items"
        )
        return {
            row[0]: PreviousItem(
                item_id=row[0],
                apk_path=row[1],
                policy_path=row[2],
                apk_sha256=row[3],
                policy_sha256=row[4],
                stamp=InputStamp(row[5], row[6], row[7], row[8]),
                status=row[9],
                run_key=row[10],
                metadata=row[11],
            )
            for row in rows
        }

    def record_item(
        self, item: CatalogItem, stamp: InputStamp, result: ItemResult, *, run_key: str, scan_id: int
    ) -> None:
        """Replace everything stored for the item by this result, atomically."""
        started = time.perf_counter()
        t = result.timings
        with self._transaction() as db:
            for table in (*_CHILD_TABLES, "claims"):
                db.execute(f"DELETE FROM {table} WHERE item_id = ?", (item.item_id,))
            db.execute(
                "INSERT OR REPLACE INTO items (id, scan_id, apk_path, policy_path, apk_sha256, policy_sha256,"
                " apk_size, apk_mtime_ns, policy_size, policy_mtime_ns, status, error, inspect_ms, policy_ms,"
                " compare_ms, total_ms, peak_rss_kib, tool_version, mappings_digest, run_key, metadata, summary,"
                " findings_count, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " ?, ?, ?, ?)",
                (
                    item.item_id,
                    scan_id,
                    item.apk,
                    item.policy,
                    result.apk_sha256,
                    result.policy_sha256,
                    stamp.apk_size,
                    stamp.apk_mtime_ns,
                    stamp.policy_size,
                    stamp.policy_mtime_ns,
                    result.status,
                    result.error,
                    t.inspect_ms,
                    t.policy_ms,
                    t.compare_ms,
                    t.total_ms,
                    result.peak_rss_kib,
                    result.tool_version,
                    result.mappings_digest,
                    run_key,
                    item.metadata,
                    result.summary,
                    len(result.findings),
                    _now(),
                ),
            )
            if result.findings:
                db.executemany(
                    "INSERT INTO findings (item_id, seq, subject_type, subject, name, status, severity,"
                    " fingerprint, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            item.item_id,
                            seq,
                            f.subject_type,
                            f.subject,
                            f.name,
                            f.status,
                            f.severity,
                            f.fingerprint,
                            f.data,
                        )
                        for seq, f in enumerate(result.findings)
                    ],
                )
            app = result.app
            if app is not None:
                sdks = [
                    {"id": s.sdk_id, "name": s.name, "vendor": s.vendor, "category": s.category}
                    for s in app.sdks
                ]
                db.execute(
                    "INSERT INTO app_facts (item_id, package, version_name, version_code, min_sdk, target_sdk,"
                    " permissions, sdks) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        item.item_id,
                        app.package,
                        app.version_name,
                        app.version_code,
                        app.min_sdk,
                        app.target_sdk,
                        app.permissions,
                        json.dumps(sdks, sort_keys=True, ensure_ascii=False),
                    ),
                )
                db.executemany(
                    "INSERT OR IGNORE INTO item_sdks (item_id, sdk_id, name, vendor, category) VALUES (?, ?, ?, ?, ?)",
                    [(item.item_id, s.sdk_id, s.name, s.vendor, s.category) for s in app.sdks],
                )
        self.write_seconds.append(time.perf_counter() - started)

    def refresh_item(self, item: CatalogItem, stamp: InputStamp) -> None:
        """An item found unchanged by its hashes after its stamp changed (a
        ``touch``, a copy): store the new stamp so the next resume need not hash
        it again, and the catalog's current metadata."""
        with self._transaction() as db:
            db.execute(
                "UPDATE items SET apk_size = ?, apk_mtime_ns = ?, policy_size = ?, policy_mtime_ns = ?,"
                " metadata = ? WHERE id = ?",
                (
                    stamp.apk_size,
                    stamp.apk_mtime_ns,
                    stamp.policy_size,
                    stamp.policy_mtime_ns,
                    item.metadata,
                    item.item_id,
                ),
            )

    def median_write_ms(self) -> float | None:
        return statistics.median(self.write_seconds) * 1000 if self.write_seconds else None

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self):
        """One ``BEGIN IMMEDIATE`` transaction, for modules that keep their own
        tables in the store (:mod:`.claims`); SQLite failures become ScanError."""
        return self._transaction()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self.connection
        try:
            try:
                db.execute("BEGIN IMMEDIATE")
                yield db
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            else:
                db.execute("COMMIT")
        except sqlite3.OperationalError as exc:  # a full disk, a folder turned read-only, a lost mount
            raise ScanError(f"{self.path}: {_store_problem(exc)}") from exc


# ----------------------------------------------------------------- opening


def open_store(path: str | Path, *, readonly: bool = False) -> Store:
    """Open (and, for writing, create) a results store. Raises ScanError for a
    missing store (read-only), a file that is not SQLite, a SQLite file that is
    not ours, or a schema from a newer release."""
    path = Path(path)
    if readonly and not path.is_file():
        raise ScanError(f"{path}: no results store here (run `consistency scan` first)")
    if not readonly and path.exists() and not path.is_file():
        raise ScanError(f"{path}: not a file")
    if readonly:
        return Store(_open_for_reading(path), path)
    try:
        connection = sqlite3.connect(str(path), isolation_level=None)
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _check_or_create(connection, path, readonly)
    except sqlite3.DatabaseError as exc:
        raise ScanError(f"{path}: {_store_problem(exc)}") from exc
    return Store(connection, path)


_READ_MODES = ("", "?mode=ro", "?immutable=1")
"""How a reader opens the store, in order:

* normally, with writes forbidden by ``query_only``: only such a connection can
  replay the write-ahead log of a scan that was killed;
* ``mode=ro``: the file or its folder is not writable (a read-only mount, an
  archive), so the WAL index cannot be created next to it;
* ``immutable=1``: not even a read-only WAL index can be used (read-only media
  where no ``-shm`` file exists); SQLite then reads the file as it is, which is
  right for a store nobody is writing to."""


def _open_for_reading(path: Path) -> sqlite3.Connection:
    from urllib.parse import quote

    first: sqlite3.DatabaseError | None = None
    for mode in _READ_MODES:
        connection = None
        try:
            if mode:
                uri = f"file:{quote(str(path.resolve()))}{mode}"
                connection = sqlite3.connect(uri, uri=True, isolation_level=None)
            else:
                connection = sqlite3.connect(str(path), isolation_level=None)
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            connection.execute("PRAGMA query_only = ON")
            _check_or_create(connection, path, True)
            return connection
        except sqlite3.OperationalError as exc:
            if connection is not None:
                connection.close()
            first = first or exc
            if not _read_only_problem(exc):
                break
        except sqlite3.DatabaseError as exc:
            if connection is not None:
                connection.close()
            first = exc
            break
    assert first is not None
    raise ScanError(f"{path}: {_store_problem(first)}") from first


def _read_only_problem(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text or "disk i/o" in text


def _store_problem(exc: sqlite3.Error) -> str:
    """One line for a SQLite failure: a full disk or a read-only folder is named
    as such (the store stays consistent: the failed transaction rolled back)."""
    text = str(exc).lower()
    if "full" in text:
        return "the disk is full; the store is intact: free some space and run the same command to resume"
    if "disk i/o" in text:
        return (
            "cannot write the store (disk I/O error: a full disk, a file size limit or a failing device);"
            " the store is intact: free some space and run the same command to resume"
        )
    if "readonly" in text or "read-only" in text:
        return "the store or its folder is read-only (a scan needs to write there)"
    return f"not a usable SQLite results store ({exc})"


def _check_or_create(db: sqlite3.Connection, path: Path, readonly: bool) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if version == 0 and app_id == 0 and tables == 0:
        if readonly:
            raise ScanError(f"{path}: an empty database, not a results store (run `consistency scan` first)")
        db.execute("PRAGMA journal_mode = WAL")
        db.executescript(
            f"BEGIN IMMEDIATE; {_SCHEMA} PRAGMA user_version = {SCHEMA_VERSION};"
            f" PRAGMA application_id = {APPLICATION_ID}; COMMIT;"
        )
    elif app_id != APPLICATION_ID:
        raise ScanError(f"{path}: a SQLite database, but not a consistency results store")
    elif version > SCHEMA_VERSION:
        raise ScanError(
            f"{path}: written by a newer consistency (store schema {version}; this version reads {SCHEMA_VERSION})"
        )
    if not readonly:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        ensure_claims(db)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")
