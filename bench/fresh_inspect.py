"""``consistency inspect`` as a fresh process against Debian's ``dexdump`` on the same APK.

This is how a user and CI meet the tool: a new interpreter, imports, the mapping
tables, the APK, the report. ``dexdump`` (``apt-get install dexdump``) lists
every class of the same file and is the yardstick: issue 14 measured inspect at
2.6x its time on the largest corpus APK and set the target at 1.2x.

For the largest corpus APK (or the APKs named): the median of ``RUNS`` runs of
each, in wall time and in CPU time (user + system of the child, from
``getrusage``; on a shared machine CPU time carries much less of other people's
load). The two commands take turns, run by run, so a change in the machine's
load falls on both alike. Both are whole processes with their output going to
/dev/null: ``dexdump APK`` with no flags opens every ``classes*.dex`` of the APK
and prints each class with its fields and methods (its default listing, 60 MB
of text for the largest APK): more than ``inspect`` reads of the code, in C++.
Skipped when dexdump is absent.

Run: ``python -m bench fresh`` or ``python -m bench.fresh_inspect [APK ...]``.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.dex import CORPUS

RUNS = 5
PREVIOUS_RATIO = 2.6
TARGET_RATIO = 1.2


def largest_corpus_apk() -> list[Path]:
    apks = sorted(CORPUS.glob("*.apk"), key=lambda p: p.stat().st_size) if CORPUS.is_dir() else []
    return apks[-1:]


def consistency_command() -> list[str]:
    """The installed console script next to this interpreter (what a user runs), else ``-m``."""
    script = Path(sys.executable).with_name("consistency")
    return [str(script)] if script.exists() else [sys.executable, "-m", "consistency"]


def timed(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of ``command``, output discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def interleaved_medians(commands: list[list[str]], runs: int) -> list[tuple[float, float]]:
    """(median wall, median CPU) of each command, the commands taking turns each run."""
    samples: list[list[tuple[float, float]]] = [[] for _ in commands]
    for _ in range(runs):
        for command, kept in zip(commands, samples, strict=True):
            kept.append(timed(command))
    return [
        (statistics.median(s[0] for s in kept), statistics.median(s[1] for s in kept)) for kept in samples
    ]


def run_fresh_bench(apks: list[Path] | None = None, runs: int = RUNS) -> list[dict]:
    dexdump = shutil.which("dexdump")
    apks = apks or largest_corpus_apk()
    if dexdump is None or not apks:
        print("skipped: " + ("dexdump is not installed" if dexdump is None else "no corpus APK"))
        return []
    env_note = os.environ.get("CONSISTENCY_CACHE_DIR")
    print(f"median of {runs} runs each; CONSISTENCY_CACHE_DIR={env_note or '(default)'}")
    print(
        f"{'apk':<46} {'inspect s':>9} {'dexdump s':>9} {'ratio':>6} {'cpu s':>6} {'dd cpu':>6} {'cpu ratio':>9}"
    )
    command = consistency_command()
    timed([*command, "inspect", str(apks[0])])  # warm the parse cache and the page cache once
    rows = []
    for apk in apks:
        (wall, cpu), (dd_wall, dd_cpu) = interleaved_medians(
            [[*command, "inspect", str(apk)], [dexdump, str(apk)]], runs
        )
        row = {"apk": apk.name, "wall": wall, "dexdump_wall": dd_wall, "cpu": cpu, "dexdump_cpu": dd_cpu}
        rows.append(row)
        print(
            f"{apk.name[:46]:<46} {wall:>9.2f} {dd_wall:>9.2f} {wall / dd_wall:>6.2f} "
            f"{cpu:>6.2f} {dd_cpu:>6.2f} {cpu / dd_cpu:>9.2f}"
        )
    print(f"previous figure: {PREVIOUS_RATIO}x dexdump (wall); target <= {TARGET_RATIO}x")
    return rows


if __name__ == "__main__":
    run_fresh_bench([Path(arg) for arg in sys.argv[1:]] or None)
