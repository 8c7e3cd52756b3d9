"""``make fuzz``: every fuzz target under ``tests/fuzz/``, 100,000 inputs or more in all.

Each target (one Hypothesis test) runs in its own pytest child with the budget
``CONSISTENCY_FUZZ_EXAMPLES`` (the one variable every fuzz target reads, see
``tests/conftest.py``) and the timing plugin ``bench/fuzz_plugin.py``, so one
target's memory or a hard crash of the interpreter cannot hide another's
figures. Children run one after another: the machine is shared.

Printed per target and in total: inputs run, crashes (any exception other than
the input errors the code declares: the tests themselves say what is
acceptable), hangs (inputs over ``--hang-seconds``, 2 s by default), the
slowest input and the peak RSS of the child. A crash or hang is listed with
its signature and a sample input. Exit status 1 when there was any crash or
hang, so the target can run in CI.

Run: ``make fuzz`` or ``python -m bench.fuzz [--total N | --examples N] [NODEID ...]``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FUZZ_DIR = "tests/fuzz"
ENV = "CONSISTENCY_FUZZ_EXAMPLES"
DEFAULT_TOTAL = 100_000


def collect(paths: list[str]) -> list[str]:
    """Node ids of the fuzz targets."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:randomly", *paths],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    return [line for line in done.stdout.splitlines() if "::" in line and not line.startswith(" ")]


def run_target(node: str, examples: int, hang_seconds: float, timeout: float, seed: int = 0) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        env = dict(os.environ, **{ENV: str(examples), "FUZZ_REPORT": str(report)})
        env["FUZZ_HANG_SECONDS"] = str(hang_seconds)
        started = time.perf_counter()
        try:
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pytest",
                    node,
                    "-q",
                    "-x",
                    "-p",
                    "bench.fuzz_plugin",
                    "-p",
                    "no:randomly",
                    "-p",
                    "no:cacheprovider",
                    f"--hypothesis-seed={seed}",
                ],  # fmt: skip
                cwd=REPO,
                env=env,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
            status, tail = done.returncode, done.stdout.strip().splitlines()[-3:]
        except subprocess.TimeoutExpired:
            status, tail = -1, [f"target ran past {timeout:.0f} s"]
        result = json.loads(report.read_text()) if report.exists() else {}
    result.setdefault("inputs", 0)
    result.setdefault("crashes", 0)
    result.setdefault("hangs", 0)
    result.update(node=node, seconds=time.perf_counter() - started, status=status, tail=tail)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fuzz", description=__doc__)
    parser.add_argument("targets", nargs="*", help=f"node ids or files (default: every test in {FUZZ_DIR})")
    parser.add_argument("--total", type=int, default=DEFAULT_TOTAL, help="inputs in all, split evenly")
    parser.add_argument("--examples", type=int, help="inputs per target (overrides --total)")
    parser.add_argument("--hang-seconds", type=float, default=2.0)
    parser.add_argument("--target-timeout", type=float, default=1800.0)
    args = parser.parse_args(argv)
    targets = collect(args.targets or [FUZZ_DIR])
    if not targets:
        print("no fuzz targets found", file=sys.stderr)
        return 2
    examples = args.examples or math.ceil(args.total / len(targets))
    print(f"{len(targets)} fuzz targets, {examples} examples each ({ENV}={examples})", flush=True)
    print(
        f"{'target':<72} {'inputs':>7} {'crash':>5} {'hang':>4} {'max s':>6} {'MiB':>6} {'s':>6}", flush=True
    )
    started = time.perf_counter()
    results = [run_and_print(node, examples, args) for node in targets]
    missing, more, full = (0, 0, []) if args.examples else top_up(results, examples, args.total)
    if full:
        print(f"top-up: {missing} inputs short of {args.total}, {more} more for each full target", flush=True)
        results += [run_and_print(node, more, args, seed=1) for node in full]
    report(results, time.perf_counter() - started)
    return 0 if all(r["crashes"] == 0 and r["hangs"] == 0 and r["status"] in (0, 5) for r in results) else 1


def top_up(results: list[dict], examples: int, total: int) -> tuple[int, int, list[str]]:
    """(inputs short of ``total``, inputs more per target, the targets to run again).

    A target may cap its own budget (a slow whole-reader target runs a fifth), which
    leaves the total short of what ``make fuzz`` promises: the targets that ran
    their whole budget run again, with another seed, to make it up."""
    missing = total - sum(r["inputs"] for r in results)
    full = [r["node"] for r in results if r["inputs"] >= examples]
    if missing <= 0 or not full:
        return 0, 0, []
    return missing, math.ceil(missing / len(full)), full


def run_and_print(node: str, examples: int, args: argparse.Namespace, seed: int = 0) -> dict:
    """One target in its child, and its row of the table."""
    r = run_target(node, examples, args.hang_seconds, args.target_timeout, seed)
    print(
        f"{node[len(FUZZ_DIR) + 1 :][:72]:<72} {r['inputs']:>7} {r['crashes']:>5} {r['hangs']:>4} "
        f"{r.get('slowest_s', float('nan')):>6.2f} {r.get('peak_rss_mib', float('nan')):>6.0f} {r['seconds']:>6.0f}",
        flush=True,
    )
    if r["status"] not in (0, 5) and not r["crashes"]:
        print(f"    child exited {r['status']}: {' | '.join(r['tail'])}", flush=True)
    return r


def report(results: list[dict], seconds: float) -> None:
    inputs = sum(r["inputs"] for r in results)
    crashes = sum(r["crashes"] for r in results)
    hangs = sum(r["hangs"] for r in results)
    peak = max((r.get("peak_rss_mib", 0) for r in results), default=0)
    slowest = max((r.get("slowest_s", 0) for r in results), default=0)
    print(
        f"\nTOTAL: {inputs} inputs in {seconds / 60:.1f} min; {crashes} crashes, {hangs} hangs "
        f"(> threshold); slowest input {slowest:.2f} s; peak memory {peak:.0f} MiB (largest child RSS)"
    )
    for r in results:
        for signature, entry in r.get("signatures", {}).items():
            print(f"  CRASH {r['node']}: {signature} x{entry['count']}: {entry['message'][:200]}")
            print(f"        input: {entry['input'][:300]}")
        for sample in r.get("hang_samples", []):
            print(f"  HANG  {r['node']}: {sample['seconds']} s: {sample['input'][:300]}")


if __name__ == "__main__":
    sys.exit(main())
