"""Where the real test inputs live, relative to the repository.

``SHARED`` is the directory ``../shared`` next to the repository root; it holds
real inputs read at test time and never copied into the repository (real
privacy policies, a corpus of real APKs, reference data). Tests that need it
call :func:`require_shared` (or use the helpers below) and are skipped cleanly
when it is absent, so the suite runs on a fresh checkout.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SAMPLES = REPO / "samples"
MAPPINGS = REPO / "mappings"
TEST_DATA = REPO / "tests" / "data"
CORPUS_APKS = SHARED / "corpus" / "apks"
SEEDS = SHARED / "seeds"


def require_shared(*parts: str) -> Path:
    """The path ``SHARED/parts...``, or skip the test when it does not exist."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (real inputs are read from ../shared next to the repository)")
    return path


def corpus_apks() -> list[Path]:
    """Every APK of the real corpus, sorted by name; empty when the corpus is absent
    (parametrize with it and add a skip when empty)."""
    return sorted(CORPUS_APKS.glob("*.apk")) if CORPUS_APKS.is_dir() else []


def corpus_index() -> dict[str, dict[str, str]]:
    """The rows of ``corpus/apks/INDEX.tsv`` by file name (empty when absent)."""
    return _read_tsv(CORPUS_APKS / "INDEX.tsv", "file")


def corpus_sdk_hints() -> dict[str, tuple[str, ...]]:
    """``corpus/apks/SDK_HINTS.tsv``: per APK, the third-party class prefixes seen in
    its code, in Java form (``com.tencent.bugly``). A hint, not ground truth."""
    path = CORPUS_APKS / "SDK_HINTS.tsv"
    if not path.is_file():
        return {}
    hints: dict[str, tuple[str, ...]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t")
        next(rows, None)
        for row in rows:
            if row:
                prefixes = row[1].split() if len(row) > 1 else []
                hints[row[0]] = tuple(p.replace("/", ".") for p in prefixes)
    return hints


def sample_dirs() -> list[Path]:
    """Every sample folder that holds both an APK and its ``expected.yaml``."""
    if not SAMPLES.is_dir():
        return []
    return sorted(
        d
        for d in SAMPLES.iterdir()
        if d.is_dir() and (d / "expected.yaml").is_file() and any(d.glob("*.apk"))
    )


def sample_apks() -> list[Path]:
    """The APK of every sample folder (``samples/<name>/<name>.apk`` or the only APK there)."""
    apks = []
    for folder in sample_dirs():
        named = folder / f"{folder.name}.apk"
        apks.append(named if named.is_file() else sorted(folder.glob("*.apk"))[0])
    return apks


def seed_policies() -> list[Path]:
    """The real privacy policies in ``../shared/seeds`` (empty when absent)."""
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


def _read_tsv(path: Path, key: str) -> dict[str, dict[str, str]]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row[key]: row for row in csv.DictReader(handle, delimiter="\t")}
