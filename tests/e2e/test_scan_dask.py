"""The Dask engine on a real ``distributed.LocalCluster`` with two workers gives
exactly the rows of the local process pool, for a directory catalog and for
CSV and JSONL manifests, and a store moves between the engines."""

from __future__ import annotations

import shutil

import pytest

from consistency.cli import main
from tests.helpers.catalog import available_pairs, build_catalog, write_csv_manifest, write_jsonl_manifest
from tests.helpers.faults import install_faults
from tests.helpers.paths import SAMPLES
from tests.helpers.store_dump import dump_store

distributed = pytest.importorskip("distributed")
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.dask,
    pytest.mark.slow,
    pytest.mark.skipif(not available_pairs(), reason="samples are not built"),
]


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    """Eight good pairs, an app without a policy, a text file named .apk, and an
    item whose worker process exits (test-only fault hook, inherited by the Dask
    workers and their sandboxes as by the local pool)."""
    root = tmp_path_factory.mktemp("dask")
    pairs = build_catalog(root / "apps", 8)
    (root / "apps" / "solo").mkdir()
    shutil.copyfile(SAMPLES / "walkie" / "walkie.apk", root / "apps" / "solo" / "solo.apk")
    (root / "apps" / "notes.apk").write_text("not an app\n", encoding="utf-8")
    (crash,) = build_catalog(root / "apps", 1, first=len(pairs))
    (root / "apps" / crash.name).rename(root / "apps" / "crash")
    with pytest.MonkeyPatch.context() as patch:
        install_faults(patch, "exit:crash")
        yield root, pairs


@pytest.fixture(scope="module")
def local_rows(catalog):
    root, _ = catalog
    db = root / "local.sqlite"
    assert main(["scan", str(root / "apps"), "--db", str(db), "--workers", "2", "-q"]) == 0
    return db, dump_store(db)


def without_metadata(rows):
    return {k: {f: v for f, v in row.items() if f != "metadata"} for k, row in rows.items()}


def test_a_directory_on_a_dask_local_cluster_equals_the_process_pool(catalog, local_rows, capsys):
    root, _ = catalog
    db = root / "dask.sqlite"
    assert main(["scan", str(root / "apps"), "--db", str(db), "--engine", "dask", "--workers", "2"]) == 0
    assert "8 done, 1 no_policy, 2 failed" in capsys.readouterr().err
    rows = dump_store(db)
    assert rows == local_rows[1]
    assert rows["notes"]["status"] == "failed" and rows["solo"]["status"] == "no_policy"
    assert rows["crash"]["error"] == "worker died (exit code 70)"  # and the sandbox was replaced


def test_manifests_on_a_given_scheduler_and_resume_across_engines(catalog, local_rows, capsys, tmp_path):
    root, pairs = catalog
    csv_manifest = write_csv_manifest(tmp_path / "apps.csv", pairs)
    jsonl_manifest = write_jsonl_manifest(tmp_path / "apps.jsonl", pairs)
    expected = without_metadata(
        {k: v for k, v in local_rows[1].items() if k not in ("solo", "notes", "crash")}
    )
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address
        for manifest in (csv_manifest, jsonl_manifest):
            db = tmp_path / f"{manifest.suffix[1:]}.sqlite"
            code = main(
                ["scan", str(manifest), "--db", str(db), "--engine", "dask", "--scheduler", address, "-q"]
            )
            assert code == 0
            assert without_metadata(dump_store(db)) == expected
        # a store written by the process pool is up to date for the Dask engine too
        local_db = tmp_path / "moved.sqlite"
        shutil.copyfile(local_rows[0], local_db)
        code = main(
            ["scan", str(root / "apps"), "--db", str(local_db), "--engine", "dask", "--scheduler", address]
        )
        assert code == 0 and "nothing to do, all 11 items are up to date" in capsys.readouterr().err


def test_an_unreachable_scheduler_is_a_scan_error(catalog, tmp_path, capsys, monkeypatch):
    root, _ = catalog
    monkeypatch.setattr("consistency.batch.dask_engine.CONNECT_TIMEOUT", 2)
    code = main(
        [
            "scan",
            str(root / "apps"),
            "--db",
            str(tmp_path / "r.sqlite"),
            "--engine",
            "dask",
            "--scheduler",
            "tcp://127.0.0.1:9",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and "tcp://127.0.0.1:9" in err and err.count("\n") == 1
