"""``consistency export``: the rows of a results store as CSV or JSON Lines.

One row per finding (the default) or one per app (``--per-app``), ordered by
item id (and finding order within an item), so two exports of the same store
are byte-identical. JSONL rows carry each finding exactly as the ``check`` JSON
report has it (``finding``), with the item's identity beside it; CSV rows
flatten the same into columns (sources as ``kind:id`` separated by spaces,
metadata as a JSON object) for spreadsheets and ``pandas.read_csv``.
"""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..models import FINDING_CLASSES, SEVERITY_ORDER
from ..report.interface import Reporter
from .csvcells import SafeCsvWriter
from .store import open_store

FINDING_COLUMNS = (
    "item_id",
    "package",
    "version_name",
    "version_code",
    "apk_sha256",
    "policy_sha256",
    "subject_type",
    "subject",
    "name",
    "status",
    "severity",
    "fingerprint",
    "message",
    "sources",
    "evidence_lines",
    "metadata",
)
APP_COLUMNS = (
    "item_id",
    "status",
    "error",
    "package",
    "version_name",
    "version_code",
    "min_sdk",
    "target_sdk",
    "apk_path",
    "policy_path",
    "apk_sha256",
    "policy_sha256",
    *FINDING_CLASSES,
    *(f"severity_{s}" for s in reversed(SEVERITY_ORDER) if s != "none"),
    "sdks",
    "permissions",
    "inspect_ms",
    "policy_ms",
    "compare_ms",
    "total_ms",
    "peak_rss_kib",
    "tool_version",
    "mappings_digest",
    "finished_at",
    "metadata",
)


@dataclass(frozen=True)
class ExportTable:
    """The rows of an export and the CSV columns they are written in."""

    rows: tuple[dict[str, Any], ...]
    columns: tuple[str, ...]


def load_export(db: str | Path, per_app: bool = False) -> ExportTable:
    """Every row of the store ``db``, one per finding (or per app). Raises
    ScanError for a missing or foreign store."""
    with open_store(db, readonly=True) as store:
        rows = tuple(app_rows(store.connection) if per_app else finding_rows(store.connection))
    return ExportTable(rows, APP_COLUMNS if per_app else FINDING_COLUMNS)


class ExportJsonlReporter(Reporter[ExportTable]):
    def render(self, subject: ExportTable) -> str:
        return "".join(json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n" for row in subject.rows)


class ExportCsvReporter(Reporter[ExportTable]):
    def render(self, subject: ExportTable) -> str:
        return _csv(subject.rows, subject.columns)


def finding_rows(db: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    query = (
        "SELECT i.id, a.package, a.version_name, a.version_code, i.apk_sha256, i.policy_sha256, i.metadata, f.data"
        " FROM findings f JOIN items i ON i.id = f.item_id LEFT JOIN app_facts a ON a.item_id = i.id"
        " ORDER BY i.id, f.seq"
    )
    for item_id, package, version_name, version_code, apk_sha, policy_sha, metadata, data in db.execute(
        query
    ):
        yield {
            "item_id": item_id,
            "package": package,
            "version_name": version_name,
            "version_code": version_code,
            "apk_sha256": apk_sha,
            "policy_sha256": policy_sha,
            "metadata": json.loads(metadata),
            "finding": json.loads(data),
        }


def app_rows(db: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    counts: dict[str, dict[str, int]] = {}
    for item_id, key, n in db.execute(
        "SELECT item_id, status, count(*) FROM findings GROUP BY item_id, status"
        " UNION ALL SELECT item_id, 'severity_' || severity, count(*) FROM findings GROUP BY item_id, severity"
    ):
        counts.setdefault(item_id, {})[key] = n
    query = (
        "SELECT i.id, i.status, i.error, a.package, a.version_name, a.version_code, a.min_sdk, a.target_sdk,"
        " i.apk_path, i.policy_path, i.apk_sha256, i.policy_sha256, a.sdks, a.permissions, i.inspect_ms,"
        " i.policy_ms, i.compare_ms, i.total_ms, i.peak_rss_kib, i.tool_version, i.mappings_digest,"
        " i.finished_at, i.metadata FROM items i LEFT JOIN app_facts a ON a.item_id = i.id ORDER BY i.id"
    )
    cursor = db.execute(query)
    names = [d[0] for d in cursor.description]
    for values in cursor:
        row = dict(zip(names, values, strict=True))
        row["item_id"] = row.pop("id")
        mine = counts.get(row["item_id"], {})
        for key in (*FINDING_CLASSES, *(f"severity_{s}" for s in reversed(SEVERITY_ORDER) if s != "none")):
            row[key] = mine.get(key, 0)
        row["sdks"] = [s["id"] for s in json.loads(row["sdks"])] if row["sdks"] else []
        row["permissions"] = [p["name"] for p in json.loads(row["permissions"])] if row["permissions"] else []
        row["metadata"] = json.loads(row["metadata"])
        yield row


def _csv(rows: Sequence[dict[str, Any]], columns: tuple[str, ...]) -> str:
    out = io.StringIO()
    writer = SafeCsvWriter(out)
    writer.writerow(columns)
    for row in rows:
        flat = _flatten(row)
        writer.writerow(["" if flat.get(c) is None else flat[c] for c in columns])
    return out.getvalue()


def _flatten(row: dict[str, Any]) -> dict[str, Any]:
    """A JSON row as CSV cells: the finding's fields lifted to the top, lists
    joined by spaces, objects as JSON."""
    flat = dict(row)
    finding = flat.pop("finding", None)
    if finding is not None:
        for key in ("subject_type", "subject", "name", "status", "severity", "fingerprint", "message"):
            flat[key] = finding.get(key)
        flat["sources"] = " ".join(f"{s['kind']}:{s['id']}" for s in finding.get("sources", []))
        flat["evidence_lines"] = " ".join(str(e["line"]) for e in finding.get("evidence", []))
    for key, value in flat.items():
        if isinstance(value, list):
            flat[key] = " ".join(map(str, value))
        elif isinstance(value, dict):
            flat[key] = json.dumps(value, sort_keys=True, ensure_ascii=False)
    return flat
