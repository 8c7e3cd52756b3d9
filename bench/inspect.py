"""Whole-``inspect`` timing per APK: manifest, DEX index, SDK matching and the
profile, as a user of ``consistency inspect`` experiences it (mapping tables
loaded once beforehand, as in a batch worker)."""

from __future__ import annotations

import time
import tracemalloc

from bench.inputs import bench_apks


def run_inspect_bench(repeats: int = 3) -> list[dict]:
    from consistency.apk import inspect_apk
    from consistency.mappings import load_mappings

    started = time.perf_counter()
    mappings = load_mappings()
    print(f"load_mappings: {1000 * (time.perf_counter() - started):.0f} ms (digest {mappings.digest})")
    rows = []
    print(f"{'apk':<58} {'MB':>6} {'classes':>8} {'sdks':>5} {'ms':>8} {'peak MB':>8}")
    for path in bench_apks():
        best = float("inf")
        for _ in range(repeats):
            t0 = time.perf_counter()
            profile = inspect_apk(path, mappings)
            best = min(best, time.perf_counter() - t0)
        tracemalloc.start()
        inspect_apk(path, mappings)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        row = {
            "apk": path.name,
            "mb": path.stat().st_size / 1e6,
            "classes": len(profile.facts.classes),
            "sdks": len(profile.sdks),
            "ms": best * 1000,
            "peak_mb": peak / 1e6,
        }
        rows.append(row)
        print(
            f"{row['apk'][:58]:<58} {row['mb']:>6.1f} {row['classes']:>8} {row['sdks']:>5} {row['ms']:>8.1f} {row['peak_mb']:>8.1f}"
        )
    big = [r for r in rows if r["mb"] >= 9]
    for r in big:
        print(f"inspect on {r['apk']} ({r['mb']:.1f} MB): {r['ms']:.0f} ms (target < 1000 ms)")
    return rows


if __name__ == "__main__":
    run_inspect_bench()
