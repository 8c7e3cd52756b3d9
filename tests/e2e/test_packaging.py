"""The built wheel carries the mapping tables and finds them wherever it runs.

The tables live at the top of the repository, where people edit them, and the
build copies them into the package (``consistency/_mappings``). A checkout
finds them beside the package; an installed copy must find them through
importlib.resources. This builds the real wheel, unpacks it into an empty
directory (which is what installing a pure-Python wheel amounts to) and runs the
CLI from a different working directory with only that copy on the path.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers.paths import MAPPINGS, REPO, SAMPLES

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    try:
        import hatchling  # noqa: F401  # the build backend, installed with the dev extras' build

        isolation = ["--no-build-isolation"]
    except ImportError:
        isolation = []
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", *isolation, "-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if built.returncode != 0:
        pytest.skip(f"cannot build the wheel here: {built.stderr.strip().splitlines()[-1:]}")
    (path,) = out.glob("consistency-*.whl")
    return path


def test_wheel_ships_every_table(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for table in sorted(MAPPINGS.glob("*.yaml")):
        assert f"consistency/_mappings/{table.name}" in names
    assert "consistency/schemas/check.schema.json" in names


def test_installed_copy_runs_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    probe = subprocess.run(
        [sys.executable, "-c", "import consistency.mappings as m; print(m.builtin_mappings_dir())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(probe.stdout.strip()) == site / "consistency" / "_mappings"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "consistency",
            "inspect",
            str(SAMPLES / "walkie" / "walkie.apk"),
            "-f",
            "json",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert '"amap-location"' in run.stdout
