"""`make bench`: every figure the project reports, measured now on this machine.

Each part lives in its own module and returns plain rows; this entry point only
runs them in turn and prints. Parts whose inputs are absent (the shared corpus,
the seed policies) say so and are skipped.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time

PARTS = {
    "dex": ("bench.dex", "run_dex_bench"),
    "inspect": ("bench.inspect", "run_inspect_bench"),
    "fresh": ("bench.fresh_inspect", "run_fresh_bench"),
    "evidence": ("bench.evidence", "run_evidence_bench"),
    "policy": ("bench.policy", "run_policy_bench"),
    "scan": ("bench.scan", "run_scan_bench"),
    "bundles": ("bench.bundles", "run_bundles_bench"),
    "cli": ("bench.cli", "run_cli_bench"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("parts", nargs="*", choices=[*PARTS, []], help="which parts to run (default: all)")
    args = parser.parse_args(argv)
    for name in args.parts or list(PARTS):
        module_name, function = PARTS[name]
        print(f"\n=== {name} " + "=" * (70 - len(name)), flush=True)
        started = time.perf_counter()
        module = importlib.import_module(module_name)
        getattr(module, function)()
        print(f"--- {name}: {time.perf_counter() - started:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
