"""Batch: the catalog's ``data_safety`` column, the summary's three-way counts, resume."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from consistency.cli import main
from tests.helpers.paths import SAMPLES

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_scan_checks_the_forms_and_summary_counts_them(tmp_path: Path, capsys) -> None:
    for name in ("chatter", "walkie"):
        shutil.copytree(SAMPLES / name, tmp_path / name, ignore=shutil.ignore_patterns("smali", "res", "lib"))
    catalog = tmp_path / "catalog.csv"
    catalog.write_text(
        "id,apk,policy,data_safety\n"
        "chatter,chatter/chatter.apk,chatter/policy.html,chatter/datasafety.csv\n"
        "walkie,walkie/walkie.apk,walkie/policy.md,walkie/datasafety.csv\n"
        "walkie-noform,walkie/walkie.apk,walkie/policy.md,\n",
        encoding="utf-8",
    )
    db = tmp_path / "r.sqlite"
    assert main(["scan", str(catalog), "--db", str(db), "-w", "1", "-q"]) == 0
    capsys.readouterr()
    main(["summary", str(db), "-f", "json"])
    summary = json.loads(capsys.readouterr().out)
    assert summary["apps_with_form"] == 2
    assert summary["datasafety_by_kind"] == {
        "undeclared": 1,
        "not_shared": 1,
        "undisclosed": 2,
        "sharing_denied": 0,
        "unsupported": 1,
    }
    # the policy check's class counts are untouched by the form's findings
    assert summary["findings_by_class"]["unsupported"] == 2  # walkie's nearby devices, twice

    # a changed form reruns its item only; a bad one fails that item and the scan goes on
    with (tmp_path / "walkie" / "datasafety.csv").open("a", encoding="utf-8") as handle:
        handle.write('"PSL_NOT_A_QUESTION","","","OPTIONAL",""\n')
    assert main(["scan", str(catalog), "--db", str(db), "-w", "1"]) == 0
    out = capsys.readouterr()
    assert "1 failed; 2 up to date" in out.out + out.err
    main(["export", str(db), "-f", "jsonl", "--per-app"])
    rows = {
        r["id"] if "id" in r else r["item_id"]: r
        for r in map(json.loads, capsys.readouterr().out.splitlines())
    }
    failed = rows["walkie"]
    assert failed["status"] == "failed" and "unknown question id 'PSL_NOT_A_QUESTION'" in failed["error"]
