"""Hostile files given to the command line: FIFOs and devices in place of
regular files, deep nesting in the configuration, huge or loosely typed
baselines. Each must end, bounded (in a child process with a deadline), in
exit code 2 and one line on stderr, never "internal error" or a hang."""

from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path

import pytest

from consistency.cli import main
from tests.helpers.bounded import run_bounded
from tests.helpers.paths import SAMPLES, TEST_DATA

EDGE = TEST_DATA / "apk" / "edge" / "edge.apk"
POLICY = SAMPLES / "walkie" / "policy.md"


def _cli(args: list[str], cwd: str | None = None) -> tuple[int, str, str]:
    """``main(args)`` with its output captured (run in the bounded child)."""
    if cwd:
        os.chdir(cwd)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


def refused_in_one_line(args: list[str], *words: str, cwd: Path | None = None) -> str:
    outcome = run_bounded(_cli, args, str(cwd) if cwd else None, seconds=120, memory_mb=2048)
    assert outcome.error is None, outcome.error
    code, _out, err = outcome.value
    lines = err.strip().splitlines()
    assert code == 2, err
    assert len(lines) == 1, err
    assert lines[0].startswith("consistency: error: ") and "internal error" not in err, err
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


# ------------------------------------------------------- non-regular files


def test_a_fifo_as_policy(tmp_path):
    refused_in_one_line(["policy", str(fifo(tmp_path / "policy.txt"))], "named pipe")


def test_a_character_device_as_policy():
    refused_in_one_line(["policy", "/dev/zero"], "character device")


@pytest.mark.skipif(not POLICY.is_file(), reason="samples are not built")
def test_a_fifo_as_config(tmp_path):
    refused_in_one_line(
        ["check", str(EDGE), str(POLICY), "--config", str(fifo(tmp_path / "consistency.yaml"))], "named pipe"
    )


@pytest.mark.skipif(not POLICY.is_file(), reason="samples are not built")
def test_a_fifo_as_baseline(tmp_path):
    refused_in_one_line(
        ["check", str(EDGE), str(POLICY), "--baseline", str(fifo(tmp_path / "baseline.json"))], "named pipe"
    )


def test_a_fifo_as_mapping_table(tmp_path):
    tables = tmp_path / "tables"
    tables.mkdir()
    fifo(tables / "sdks.yaml")
    refused_in_one_line(["mappings", "list", "--mappings", str(tables)], "named pipe")


def test_a_fifo_as_catalog_manifest(tmp_path):
    refused_in_one_line(
        ["scan", str(fifo(tmp_path / "catalog.csv")), "--db", str(tmp_path / "r.sqlite")], "catalog"
    )


def test_a_fifo_named_in_a_catalog_manifest_fails_that_item_only(tmp_path):
    from consistency.batch.inputs import CatalogItem
    from consistency.batch.worker import ScanOptions, process_item
    from consistency.mappings import load_mappings

    item = CatalogItem("pipe", str(fifo(tmp_path / "pipe.apk")), None)
    outcome = run_bounded(process_item, item, ScanOptions(), load_mappings(), seconds=120, memory_mb=2048)
    assert outcome.error is None, outcome.error
    assert outcome.value.status == "failed" and "named pipe" in outcome.value.error


# ------------------------------------------------------------ deep nesting


NESTING = 100_000


@pytest.mark.skipif(not POLICY.is_file(), reason="samples are not built")
@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("consistency.yaml", "fail_on: " + "[" * NESTING + "]" * NESTING + "\n"),
        ("consistency.yaml", "severity:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 700))),
        ("pyproject.toml", "[tool.consistency]\nfail_on = " + "[" * NESTING + "]" * NESTING + "\n"),
        (
            "pyproject.toml",
            "[tool.consistency]\nseverity = " + "{a = " * NESTING + "1" + "}" * NESTING + "\n",
        ),
    ],
    ids=["yaml-flow", "yaml-block", "toml-array", "toml-inline-table"],
)
def test_deeply_nested_configuration_is_refused_in_one_line(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    refused_in_one_line(["check", str(EDGE), str(POLICY)], name, cwd=tmp_path)


# --------------------------------------------------------------- baselines


def test_a_huge_baseline_is_refused_before_parsing(tmp_path):
    """60 MB (36 s and 763 MB before): refused on its size, in bounded memory."""
    from consistency.baseline import load_baseline
    from consistency.errors import BaselineError

    entry = {"fingerprint": "0" * 64, "class": "omitted", "subject": "data:x", "source": "s", "reason": "r"}
    path = tmp_path / "baseline.json"
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"version": 1, "accepted": [')
        line = json.dumps(entry)
        handle.write(",".join([line] * (60_000_000 // len(line))))
        handle.write("]}")

    def load() -> str:
        try:
            load_baseline(path)
        except BaselineError as exc:
            return str(exc)
        return "accepted"

    outcome = run_bounded(load, seconds=60, memory_mb=512)
    assert outcome.error is None, outcome.error
    assert "larger than 8 MiB" in outcome.value


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ({"version": True, "accepted": []}, "version True"),
        ({"version": 1.0, "accepted": []}, "version 1.0"),
        ({"version": "1", "accepted": []}, "version '1'"),
        ({"version": 1, "mappings_digest": 7, "accepted": []}, "mappings_digest"),
        (
            {
                "version": 1,
                "accepted": [
                    {"fingerprint": "0" * 64, "class": 3, "subject": "s", "source": "s", "reason": "r"}
                ],
            },
            "class",
        ),
        (
            {
                "version": 1,
                "accepted": [
                    {
                        "fingerprint": "0" * 64,
                        "class": "omitted",
                        "subject": "s",
                        "source": "s",
                        "reason": True,
                    }
                ],
            },
            "reason",
        ),
    ],
    ids=["version-true", "version-float", "version-string", "digest-int", "class-int", "reason-bool"],
)
def test_baseline_types_are_strict(tmp_path, document, words):
    from consistency.baseline import parse_baseline
    from consistency.errors import BaselineError

    with pytest.raises(BaselineError) as caught:
        parse_baseline(json.dumps(document))
    assert words in str(caught.value)
