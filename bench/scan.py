"""Batch scan throughput: the process pool with 1 and 2 workers, and Dask.

A synthetic catalog of :data:`ITEMS` apps is built in a temporary directory from
the committed sample apps and their policies (every copy with distinct bytes,
see ``tests/helpers/catalog.py``), then scanned from scratch into a fresh store
by each engine:

* ``items/s``: items run / wall time of the engine (worker start-up included);
* ``steady/s``: items after the first / time from the first result to the last
  (the rate once workers are up, what a long scan sees);
* ``start s``: engine start to first result (worker processes starting);
* ``peak MiB``: the highest per-item peak RSS a worker reported (VmHWM);
* ``write ms``: median time to write one item's results to SQLite.

Targets: 2 workers >= 1.7x one worker, Dask within 25% of the pool, store
overhead < 5 ms per item. On a 2-core machine "2 workers" uses both cores, so
the ratio also measures how idle the machine is: the figures are reported as
measured, never asserted.

Run: ``python -m bench scan`` (all parts: ``make bench``) or ``python -m bench.scan [ITEMS]``.
"""

from __future__ import annotations

import io
import sqlite3
import sys
import tempfile
from pathlib import Path

from consistency.batch.run import scan_catalog
from tests.helpers.catalog import build_catalog

ITEMS = 300
RUNS = (("pool-1", "local", 1), ("pool-2", "local", 2), ("dask-2", "dask", 2))


def run_scan_bench(items: int = ITEMS) -> dict:
    """Scan the same synthetic catalog with every engine; returns the figures."""
    try:
        import distributed  # noqa: F401

        runs = RUNS
    except ImportError:
        runs = RUNS[:2]
        print("dask is not installed: the Dask run is skipped")
    figures: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="consistency-bench-scan-") as tmp:
        catalog = Path(tmp) / "catalog"
        build_catalog(catalog, items)
        print(f"catalog: {items} apps (synthetic copies of the sample apps) in a temporary directory")
        print(
            f"{'run':<8} {'items/s':>8} {'steady/s':>9} {'start s':>8} {'wall s':>7} {'peak MiB':>9} {'write ms':>9}"
        )
        for name, engine, workers in runs:
            db = Path(tmp) / f"{name}.sqlite"
            report = scan_catalog(
                catalog=catalog, db=db, workers=workers, engine=engine, quiet=True, stream=io.StringIO()
            )
            row = _figures(report, db)
            figures[name] = row
            print(
                f"{name:<8} {row['items_per_s']:>8.1f} {row['steady_items_per_s']:>9.1f} {row['startup_s']:>8.2f}"
                f" {row['wall_s']:>7.2f} {row['peak_rss_mib']:>9.1f} {row['median_write_ms']:>9.2f}"
            )
    figures["ratios"] = _ratios(figures)
    for key, value in figures["ratios"].items():
        print(f"{key}: {value:.2f}")
    return figures


def _figures(report, db: Path) -> dict:
    with sqlite3.connect(db) as conn:
        peak_kib, statuses = conn.execute(
            "SELECT max(peak_rss_kib), group_concat(DISTINCT status) FROM items"
        ).fetchone()
    steady_span = report.engine_seconds - (report.first_result_seconds or 0.0)
    return {
        "items": report.ran,
        "statuses": statuses,
        "wall_s": report.engine_seconds,
        "items_per_s": report.ran / report.engine_seconds if report.engine_seconds else 0.0,
        "steady_items_per_s": (report.ran - 1) / steady_span if steady_span > 0 else 0.0,
        "startup_s": report.first_result_seconds or 0.0,
        "peak_rss_mib": (peak_kib or 0) / 1024,
        "median_write_ms": report.median_write_ms or 0.0,
    }


def _ratios(figures: dict[str, dict]) -> dict[str, float]:
    ratios = {}
    one, two = figures.get("pool-1"), figures.get("pool-2")
    if one and two and one["items_per_s"]:
        ratios["speed-up 2 workers / 1 (target >= 1.7)"] = two["items_per_s"] / one["items_per_s"]
        ratios["speed-up 2 workers / 1, steady (target >= 1.7)"] = (
            two["steady_items_per_s"] / one["steady_items_per_s"]
        )
    dask = figures.get("dask-2")
    if dask and two and two["items_per_s"]:
        ratios["dask / pool, 2 workers (target >= 0.75)"] = dask["items_per_s"] / two["items_per_s"]
        ratios["dask / pool, 2 workers, steady (target >= 0.75)"] = (
            dask["steady_items_per_s"] / two["steady_items_per_s"]
        )
    return ratios


if __name__ == "__main__":
    run_scan_bench(int(sys.argv[1]) if len(sys.argv) > 1 else ITEMS)
