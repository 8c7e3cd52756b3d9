"""``consistency scan`` over a folder mixing .apk, .aab, .apks and .xapk."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from consistency.cli import main
from tests.helpers.paths import SAMPLES

pytestmark = pytest.mark.e2e


def test_a_folder_of_every_app_form_is_scanned(tmp_path):
    catalog = tmp_path / "catalog"
    catalog.mkdir()
    notes = SAMPLES / "notes"
    for name in ("notes.aab", "notes.apks", "notes.xapk"):
        stem = name.replace(".", "-")
        shutil.copy(notes / name, catalog / f"{stem}.{name.rsplit('.', 1)[1]}")
        shutil.copy(notes / "policy.html", catalog / f"{stem}.policy.html")
    shutil.copy(SAMPLES / "blank" / "blank.apk", catalog / "blank.apk")
    shutil.copy(SAMPLES / "blank" / "policy.txt", catalog / "blank.policy.txt")
    db = tmp_path / "r.sqlite"
    assert main(["scan", str(catalog), "--db", str(db), "--workers", "1", "-q"]) == 0
    with sqlite3.connect(db) as connection:
        rows = dict(connection.execute("SELECT id, status FROM items").fetchall())
        findings = dict(
            connection.execute("SELECT item_id, count(*) FROM findings GROUP BY item_id").fetchall()
        )
    assert rows == {"notes-aab": "done", "notes-apks": "done", "notes-xapk": "done", "blank": "done"}
    # one app in three packings: the same findings
    assert findings["notes-aab"] == findings["notes-apks"] == findings["notes-xapk"]
