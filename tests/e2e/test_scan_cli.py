"""``consistency scan`` / ``summary`` / ``export`` through the CLI entry point on
real synthetic catalogs (copies of the sample apps with distinct bytes)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from consistency import check
from consistency.cli import main
from consistency.mappings import load_mappings
from consistency.report.json import finding_to_dict
from tests.helpers.catalog import available_pairs, build_catalog, write_csv_manifest, write_jsonl_manifest
from tests.helpers.faults import ENV as FAULTS_ENV
from tests.helpers.faults import install_faults
from tests.helpers.paths import SAMPLES
from tests.helpers.store_dump import dump_store, integrity

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not available_pairs(), reason="samples are not built")]


@pytest.fixture(scope="module")
def tables():
    return load_mappings()


def scan(capsys, *args) -> tuple[int, str]:
    code = main(["scan", *map(str, args)])
    return code, capsys.readouterr().err


def scans_table(db):
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT state, items_total, items_run, items_skipped FROM scans ORDER BY id"
        ).fetchall()


def assert_matches_fresh_checks(rows, pairs, tables):
    for pair in pairs:
        row = rows[pair.name]
        expected = check(pair.apk, pair.policy, tables)
        assert row["status"] == "done", (pair.name, row["error"])
        assert row["findings"] == [finding_to_dict(f) for f in expected.findings], pair.name
        assert row["findings_count"] == len(expected.findings)


def test_a_directory_catalog_end_to_end_then_resumed(tmp_path, capsys, tables):
    pairs = build_catalog(tmp_path / "apps", 6, layout="folders") + build_catalog(
        tmp_path / "apps", 4, layout="flat", first=6
    )
    db = tmp_path / "r.sqlite"
    code, err = scan(capsys, tmp_path / "apps", "--db", db, "--workers", "2")
    assert code == 0
    last = err.strip().splitlines()[-1]
    assert last.startswith("scan: 10 items in ") and "10 done, 0 no_policy, 0 failed" in last
    rows = dump_store(db)
    assert sorted(rows) == sorted(p.name for p in pairs)
    assert_matches_fresh_checks(rows, pairs, tables)
    assert integrity(db) == "ok"

    code, err = scan(capsys, tmp_path / "apps", "--db", db, "--workers", "2")
    assert code == 0 and "nothing to do, all 10 items are up to date" in err
    assert scans_table(db) == [("completed", 10, 10, 0), ("completed", 10, 0, 10)]
    assert dump_store(db) == rows


def test_csv_and_jsonl_manifests_give_the_same_results(tmp_path, capsys, tables):
    pairs = build_catalog(tmp_path / "apps", 5)
    csv_manifest = write_csv_manifest(tmp_path / "apps.csv", pairs, extra={"source": "test"})
    jsonl_manifest = write_jsonl_manifest(tmp_path / "apps.jsonl", pairs)
    for manifest, db in (
        (csv_manifest, tmp_path / "csv.sqlite"),
        (jsonl_manifest, tmp_path / "jsonl.sqlite"),
    ):
        assert scan(capsys, manifest, "--db", db, "--workers", "2", "--quiet") == (0, "")
    from_csv, from_jsonl = dump_store(tmp_path / "csv.sqlite"), dump_store(tmp_path / "jsonl.sqlite")
    assert from_csv["walkie-0000"]["metadata"] == {"sample": "walkie", "source": "test"}
    assert from_jsonl["walkie-0000"]["metadata"] == {"sample": "walkie", "tags": ["walkie", "synthetic"]}
    for rows in (from_csv, from_jsonl):
        for row in rows.values():
            row.pop("metadata")
    assert from_csv == from_jsonl
    assert_matches_fresh_checks(from_csv, pairs, tables)


def test_bad_items_fail_alone_and_the_scan_goes_on(tmp_path, capsys, monkeypatch, tables):
    """A text file named .apk, a truncated APK, an app without a policy, a policy
    file that does not exist, an item that hangs, one that eats memory and one
    whose worker exits: each is recorded with its reason, the rest complete."""
    apps = tmp_path / "apps"
    good = build_catalog(apps, 4)
    (apps / "notes.apk").write_text("not an app\n", encoding="utf-8")
    (apps / "notes.policy.txt").write_text("We collect nothing.\n", encoding="utf-8")
    walkie = (SAMPLES / "walkie" / "walkie.apk").read_bytes()
    (apps / "cut.apk").write_bytes(walkie[: len(walkie) // 2])
    (apps / "nopolicy").mkdir()
    (apps / "nopolicy" / "app.apk").write_bytes(walkie)
    for name in ("stuck", "hog", "exited"):
        build_catalog(apps / "faulty", 1, first=0)  # a good pair, renamed to the faulty item's id
        (apps / "faulty" / "walkie-0000").rename(apps / name)
    manifest_policy_missing = tmp_path / "m.csv"
    manifest_policy_missing.write_text(
        f"id,apk,policy\nghost,{good[0].apk},{tmp_path / 'gone.md'}\n", encoding="utf-8"
    )

    install_faults(monkeypatch, "hang:stuck,hog:hog,exit:exited")
    db = tmp_path / "r.sqlite"
    code, err = scan(
        capsys, apps, "--db", db, "--workers", "2", "--item-timeout", "3", "--item-memory", "512"
    )
    assert code == 0
    assert "4 done, 1 no_policy, 5 failed" in err.strip().splitlines()[-1]
    rows = dump_store(db)
    assert_matches_fresh_checks(rows, good, tables)
    assert "zip" in rows["notes"]["error"] and rows["cut"]["status"] == "failed"
    assert rows["nopolicy"]["status"] == "no_policy" and rows["nopolicy"]["facts"] is not None
    assert rows["stuck"]["error"] == "timeout after 3 s"
    assert rows["hog"]["error"].startswith("memory limit 512 MiB exceeded")
    assert rows["exited"]["error"] == "worker died (exit code 70)"

    assert scan(capsys, manifest_policy_missing, "--db", tmp_path / "m.sqlite", "--workers", "1")[0] == 0
    ghost = dump_store(tmp_path / "m.sqlite")["ghost"]
    assert ghost["status"] == "failed" and "gone.md" in ghost["error"] and ghost["facts"] is not None


def test_retry_failed_and_force(tmp_path, capsys, monkeypatch):
    build_catalog(tmp_path / "apps", 3)
    db = tmp_path / "r.sqlite"
    install_faults(monkeypatch, "exit:chatter-*")
    assert scan(capsys, tmp_path / "apps", "--db", db, "--workers", "2")[0] == 0
    monkeypatch.delenv(FAULTS_ENV)
    assert dump_store(db)["chatter-0001"]["status"] == "failed"
    scan(
        capsys, tmp_path / "apps", "--db", db, "--workers", "2"
    )  # a failure is a result: not retried by default
    assert dump_store(db)["chatter-0001"]["status"] == "failed"
    scan(capsys, tmp_path / "apps", "--db", db, "--workers", "2", "--retry-failed")
    assert dump_store(db)["chatter-0001"]["status"] == "done"
    scan(capsys, tmp_path / "apps", "--db", db, "--workers", "2", "--force")
    assert [row[2:] for row in scans_table(db)] == [(3, 0), (0, 3), (1, 2), (3, 0)]


def test_summary_and_export_read_the_store(tmp_path, capsys, tables):
    pairs = build_catalog(tmp_path / "apps", 5)
    db = tmp_path / "r.sqlite"
    assert scan(capsys, tmp_path / "apps", "--db", db, "--workers", "2", "-q")[0] == 0
    assert main(["summary", str(db), "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["by_status"] == {"done": 5, "no_policy": 0, "failed": 0}
    fresh = [check(p.apk, p.policy, tables) for p in pairs]
    assert summary["findings_by_class"]["omitted"] == sum(
        f.status == "omitted" for r in fresh for f in r.findings
    )
    assert main(["export", str(db), "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == sum(len(r.findings) for r in fresh)
    out = tmp_path / "apps.csv"
    assert main(["export", str(db), "--per-app", "--output", str(out)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1 + 5


@pytest.mark.parametrize(
    ("setup", "argv", "words"),
    [
        ("csv_no_apk", ["scan", "{tmp}/m.csv", "--db", "{tmp}/r.sqlite"], "m.csv:1: no 'apk' column"),
        ("jsonl_bad", ["scan", "{tmp}/m.jsonl", "--db", "{tmp}/r.sqlite"], "m.jsonl:2: bad JSON"),
        ("none", ["scan", "{tmp}/nothing", "--db", "{tmp}/r.sqlite"], "catalog not found"),
        ("apps", ["scan", "{tmp}/apps", "--db", "{tmp}/no/such/dir/r.sqlite"], "r.sqlite"),
        ("apps", ["scan", "{tmp}/apps", "--db", "{tmp}/r.sqlite", "--workers", "0"], "--workers"),
        (
            "apps",
            ["scan", "{tmp}/apps", "--db", "{tmp}/r.sqlite", "--scheduler", "tcp://x:1"],
            "--engine dask",
        ),
        ("none", ["summary", "{tmp}/r.sqlite"], "no results store"),
        ("text_db", ["summary", "{tmp}/r.sqlite"], "not a usable SQLite"),
        ("text_db", ["export", "{tmp}/r.sqlite", "--format", "jsonl"], "not a usable SQLite"),
    ],
)
def test_unusable_input_is_one_line_and_exit_2(tmp_path, capsys, setup, argv, words):
    if setup == "csv_no_apk":
        (tmp_path / "m.csv").write_text("path,policy\nx.apk,y.txt\n", encoding="utf-8")
    elif setup == "jsonl_bad":
        (tmp_path / "m.jsonl").write_text('{"apk": "x.apk"}\n{apk: y}\n', encoding="utf-8")
    elif setup == "apps":
        build_catalog(tmp_path / "apps", 1)
    elif setup == "text_db":
        (tmp_path / "r.sqlite").write_text("hello, I am a text file and no database " * 30, encoding="utf-8")
    code = main([a.format(tmp=tmp_path) for a in argv])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("consistency: error: ") and words in err
