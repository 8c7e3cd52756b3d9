"""Policies from URLs, end to end: ``check APP URL`` and a catalog's ``policy_url``
column, against a real HTTP server on 127.0.0.1 (hence ``--allow-private``)."""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3

import pytest

from consistency.cli import main
from tests.helpers.paths import SAMPLES
from tests.helpers.web import serve

pytestmark = pytest.mark.e2e

NOTES = SAMPLES / "notes"
POLICY = (NOTES / "policy.html").read_bytes()
HTML = {"Content-Type": "text/html; charset=utf-8"}


def test_check_an_app_bundle_against_its_policy_url(tmp_path):
    out = tmp_path / "r.json"
    with serve({"/legal/privacy.html": (200, HTML, POLICY)}) as (base, hits):
        url = base + "/legal/privacy.html"
        code = main(
            [
                "check",
                str(NOTES / "notes.aab"),
                url,
                "--allow-private",
                "--format",
                "json",
                "--no-timestamp",
                "--output",
                str(out),
            ]
        )
    assert code in (0, 1) and hits["/legal/privacy.html"] == 1
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["policy"]["source"] == url
    assert doc["policy"]["sha256"] == hashlib.sha256(POLICY).hexdigest()
    assert "We use Sentry to receive crash logs" in doc["policy"]["fetched"]["text"]
    assert doc["policy"]["fetched"]["notes"] == [f"fetched from {url} (HTTP 200, {len(POLICY)} bytes)"]
    disclosed = {f["subject"] for f in doc["findings"] if f["status"] == "disclosed"}
    assert {"sentry", "location.approximate"} <= disclosed


def test_the_same_file_and_url_give_the_same_findings(tmp_path):
    with serve({"/p.html": (200, HTML, POLICY)}) as (base, _):
        main(
            [
                "check",
                str(NOTES / "notes.xapk"),
                base + "/p.html",
                "--allow-private",
                "--format",
                "json",
                "--no-timestamp",
                "--output",
                str(tmp_path / "url.json"),
            ]
        )
    main(
        [
            "check",
            str(NOTES / "notes.xapk"),
            str(NOTES / "policy.html"),
            "--format",
            "json",
            "--no-timestamp",
            "--output",
            str(tmp_path / "file.json"),
        ]
    )
    from_url, from_file = (
        json.loads((tmp_path / n).read_text(encoding="utf-8")) for n in ("url.json", "file.json")
    )
    assert from_url["findings"] == from_file["findings"]


def test_a_private_address_without_the_flag_is_refused_with_one_line(capsys):
    with serve({"/p.html": (200, HTML, POLICY)}) as (base, hits):
        code = main(["check", str(NOTES / "notes.aab"), base + "/p.html"])
    err = capsys.readouterr().err
    assert code == 2 and hits["/p.html"] == 0
    assert err.count("\n") == 1 and "loopback address (give --allow-private to allow it)" in err


def test_a_scan_fetches_each_policy_url_once_and_a_rerun_uses_the_store(tmp_path):
    manifest = tmp_path / "catalog.csv"
    with serve({"/notes.html": (200, HTML, POLICY)}) as (base, hits):
        rows = [
            {"id": "aab", "apk": str(NOTES / "notes.aab"), "policy_url": base + "/notes.html"},
            {"id": "apks", "apk": str(NOTES / "notes.apks"), "policy_url": base + "/notes.html"},
            {"id": "gone", "apk": str(NOTES / "notes.xapk"), "policy_url": base + "/gone.html"},
            {
                "id": "apk",
                "apk": str(SAMPLES / "blank" / "blank.apk"),
                "policy": str(SAMPLES / "blank" / "policy.txt"),
            },
        ]
        with manifest.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=["id", "apk", "policy", "policy_url"])
            writer.writeheader()
            writer.writerows(rows)
        db = tmp_path / "results.sqlite"
        argv = ["scan", str(manifest), "--db", str(db), "--workers", "1", "--allow-private", "-q"]
        assert main(argv) == 0
        assert hits["/notes.html"] == 1 and hits["/gone.html"] == 1
        assert main([*argv, "--retry-failed"]) == 0
        assert hits["/notes.html"] == 1  # cached by URL in the store: not fetched again
    with sqlite3.connect(db) as connection:
        cached = connection.execute("SELECT url, sha256 FROM policy_fetch").fetchall()
        statuses = dict(connection.execute("SELECT id, status FROM items").fetchall())
    assert cached == [(base + "/notes.html", hashlib.sha256(POLICY).hexdigest())]
    assert statuses == {"aab": "done", "apks": "done", "gone": "failed", "apk": "done"}
