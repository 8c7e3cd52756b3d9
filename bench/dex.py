"""DEX class index: our table reader against androguard's full DEX parser.

For every corpus APK (``../shared/corpus/apks``, when present) and every sample
APK (``samples/**/*.apk``):

* ``ours ms``: best of 3 of the whole path, ``open_apk`` + ``index_apk_dex``,
  which includes inflating every ``classes*.dex`` from the zip;
* ``index ms``: best of 3 of ``index_dex`` alone on the already inflated bytes;
* ``androguard ms``: ``DEX(data).get_classes()`` over every DEX, on the already
  inflated bytes (so androguard is *not* charged for the inflating); best of 3
  when the APK has under 1 MB of DEX, else a single run (it takes seconds);
* ``ratio``: androguard ms / ours ms (whole path, so a conservative figure);
* ``cpu_ratio``: the same ratio in CPU time (``time.process_time``): on a shared
  machine wall time carries other people's load, CPU time much less so;
* ``peak MiB``: tracemalloc peak of our whole path, measured in a separate run
  (tracing slows allocation, so it never overlaps a timed run);
* ``agree``: whether both found the same set of classes.

Run: ``python -m bench dex`` (all parts: ``make bench``) or
``python -m bench.dex [APK ...]``.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from consistency.apk.dex_index import descriptor_to_java, index_apk_dex, index_dex
from consistency.apk.zipread import ApkLimits, open_apk
from consistency.errors import ApkReadError

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "apks"
SAMPLES = REPO / "samples"
LIMITS = ApkLimits()
SMALL_DEX_BYTES = 1 << 20
PREVIOUS_LARGEST_RATIO = 26.1
"""The whole-path ratio on the largest corpus APK before issue 14 (uiautomator2-server, 17.5 MB)."""

COLUMNS = [
    ("apk", "{:<58}"),
    ("apk_kb", "{:>8}"),
    ("dex_kb", "{:>8}"),
    ("classes", "{:>7}"),
    ("ours_ms", "{:>8.1f}"),
    ("index_ms", "{:>8.1f}"),
    ("androguard_ms", "{:>13.0f}"),
    ("ratio", "{:>6.1f}"),
    ("cpu_ratio", "{:>9.1f}"),
    ("peak_mib", "{:>8.1f}"),
    ("agree", "{:>6}"),
]


def default_apks() -> list[Path]:
    corpus = sorted(CORPUS.glob("*.apk"), key=lambda p: p.stat().st_size) if CORPUS.is_dir() else []
    samples = sorted(SAMPLES.glob("**/*.apk")) if SAMPLES.is_dir() else []
    return corpus + samples


def best_of(runs: int, action: Callable[[], object]) -> tuple[float, object]:
    """(best wall time in seconds, result of the last run)."""
    wall, _, result = best_of_both(runs, action)
    return wall, result


def best_of_both(runs: int, action: Callable[[], object]) -> tuple[float, float, object]:
    """(best wall time, best CPU time of this process, in seconds; result of the last run)."""
    best_wall = best_cpu = float("inf")
    result = None
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = action()
        best_cpu = min(best_cpu, time.process_time() - started_cpu)
        best_wall = min(best_wall, time.perf_counter() - started)
    return best_wall, best_cpu, result


def ours_whole(apk: Path) -> set[str]:
    with open_apk(apk, LIMITS) as archive:
        return {cls for index in index_apk_dex(archive, LIMITS) for cls in index.classes}


def androguard_classes(dexes: list[tuple[str, bytes]]) -> set[str]:
    from androguard.core.dex import DEX

    return {descriptor_to_java(cls.get_name()) for _, data in dexes for cls in DEX(data).get_classes()}


def peak_mib(action: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / (1 << 20)


def bench_apk(apk: Path) -> dict:
    with open_apk(apk, LIMITS) as archive:
        dexes = [(name, archive.read(name, LIMITS)) for name in archive.dex_names()]
    dex_bytes = sum(len(data) for _, data in dexes)
    ours_s, ours_cpu, ours = best_of_both(3, lambda: ours_whole(apk))
    index_s, _ = best_of(3, lambda: [index_dex(data, name) for name, data in dexes])
    peak = peak_mib(lambda: ours_whole(apk))
    row = {
        "apk": display_name(apk),
        "apk_kb": apk.stat().st_size // 1024,
        "dex_kb": dex_bytes // 1024,
        "classes": len(ours),
        "ours_ms": ours_s * 1000,
        "index_ms": index_s * 1000,
        "peak_mib": peak,
    }
    try:
        ag_s, ag_cpu, theirs = best_of_both(
            3 if dex_bytes < SMALL_DEX_BYTES else 1, lambda: androguard_classes(dexes)
        )
    except Exception as exc:  # noqa: BLE001 - a benchmark reports androguard's failures, it does not stop on them
        row.update(
            androguard_ms=float("nan"),
            ratio=float("nan"),
            cpu_ratio=float("nan"),
            agree=f"androguard failed: {exc!r}"[:60],
        )
    else:
        row.update(
            androguard_ms=ag_s * 1000,
            ratio=ag_s / ours_s,
            cpu_ratio=ag_cpu / max(ours_cpu, 1e-9),
            agree="yes" if ours == theirs else "NO",
        )
    return row


def format_row(row: dict) -> str:
    return " ".join(fmt.format(row[key]) for key, fmt in COLUMNS)


def header() -> str:
    return " ".join(
        f"{key:<{len(fmt.format(''))}}" if key == "apk" else f"{key:>{len(fmt.format(0))}}"
        for key, fmt in COLUMNS
    )


def display_name(apk: Path) -> str:
    """The file name for corpus APKs, the repository path for samples."""
    resolved = apk.resolve()
    if resolved.is_relative_to(REPO):
        return str(resolved.relative_to(REPO))
    return apk.name


def run_dex_bench(apks: Iterable[Path] | None = None, out: TextIO | None = sys.stdout) -> list[dict]:
    """Measure every APK, print one table row as each finishes (androguard is slow,
    the whole corpus takes about a minute) and return the rows."""
    from loguru import logger

    logger.disable("androguard")
    apks = list(apks) if apks is not None else default_apks()
    if out is not None:
        if not apks:
            print("no APKs: the corpus (../shared/corpus/apks) and samples/ are both absent", file=out)
        else:
            print(header(), file=out, flush=True)
    rows = []
    for apk in apks:
        try:
            row = bench_apk(apk)
        except ApkReadError as error:  # e.g. a sample being rebuilt right now: say so, go on
            if out is not None:
                print(f"{display_name(apk):<58} skipped: {error.reason}", file=out, flush=True)
            continue
        rows.append(row)
        if out is not None:
            print(format_row(row), file=out, flush=True)
    if out is not None and rows:
        print(summary(rows), file=out, flush=True)
    return rows


def summary(rows: list[dict]) -> str:
    ours = sum(row["ours_ms"] for row in rows)
    theirs = sum(row["androguard_ms"] for row in rows if row["androguard_ms"] == row["androguard_ms"])
    disagree = [row["apk"] for row in rows if row["agree"] != "yes"]
    largest = max(rows, key=lambda row: row["apk_kb"])
    return (
        f"largest APK ({largest['apk']}): {largest['ratio']:.1f}x androguard's get_classes() in wall time, "
        f"{largest['cpu_ratio']:.1f}x in CPU time (previous figure: {PREVIOUS_LARGEST_RATIO}x; target >= 50x)\n"
        f"total: ours {ours:.0f} ms, androguard {theirs:.0f} ms ({theirs / ours:.1f}x); "
        f"max peak {max(row['peak_mib'] for row in rows):.1f} MiB; "
        f"{'all agree' if not disagree else 'DISAGREE: ' + ', '.join(disagree)}"
    )


if __name__ == "__main__":
    run_dex_bench([Path(arg) for arg in sys.argv[1:]] or None)
