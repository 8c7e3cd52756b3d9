"""``consistency scan``: a catalog in, a resumable SQLite store out.

:func:`scan_catalog` is what the CLI command calls. In order, so that every
mistake the user can fix is reported before any work starts: check the
options, read the configuration and load the tables (a broken table stops the
scan here, not in every worker), read the catalog (a malformed manifest is a
CatalogError with ``file:line``), open the store, plan (skip what is up to
date: :mod:`consistency.batch.resume`), then run the engine and write each
result as it arrives, one transaction per item, from this process only.

A scan that completes returns its :class:`ScanReport`, even with failed items
(they are results, recorded with their reason); errors about the scan itself (store, scheduler,
workers that cannot start, tables that differ between this machine and a Dask
worker) raise ScanError, which the CLI turns into its exit code. Items finished
before such an error, or before Ctrl-C or a kill, stay in the store.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..errors import ScanError
from .claims import Claimer
from .progress import make_progress
from .sandbox import WorkerInfo
from .worker import ITEM_STATUSES, ItemResult, KnowledgeParcel, ScanOptions

ENGINES = ("local", "dask")


@dataclass(frozen=True)
class ScanReport:
    """What one scan did (the final line, and the figures ``bench/scan.py`` reports)."""

    db: Path
    total: int
    """Items in the catalog."""
    skipped: int
    """Items up to date in the store, not run."""
    by_status: tuple[tuple[str, int], ...]
    """Items run, per status."""
    seconds: float
    """Wall time of the whole scan, planning included."""
    engine_seconds: float
    """From starting the engine to its last result (worker start-up included)."""
    first_result_seconds: float | None
    """From starting the engine to its first result: roughly the worker start-up."""
    median_write_ms: float | None
    """Median time to write one item's results to the store."""
    shared: int = 0
    """Items left to a concurrent scan of the same store (see :mod:`.claims`)."""

    @property
    def ran(self) -> int:
        return sum(n for _, n in self.by_status)

    def final_line(self) -> str:
        if self.ran == 0 and self.shared:
            return f"scan: nothing left to do, a concurrent scan ran the {self.shared} items due in {self.db}"
        if self.ran == 0:
            return f"scan: nothing to do, all {self.total} items are up to date in {self.db}"
        parts = ", ".join(f"{n} {s}" for s, n in self.by_status)
        rest = f"; {self.skipped} up to date, skipped" if self.skipped else ""
        if self.shared:
            rest += f"; {self.shared} done by a concurrent scan"
        return f"scan: {self.ran} items in {self.seconds:.1f} s: {parts}{rest}; results in {self.db}"


def scan_catalog(
    *,
    catalog: Path,
    db: Path,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    item_timeout: float = 120.0,
    item_memory_mb: int = 2048,
    retry_failed: bool = False,
    force: bool = False,
    quiet: bool = False,
    config_path: Path | None = None,
    extra_mappings: Sequence[Path] = (),
    stream: TextIO | None = None,
    allow_private: bool = False,
) -> ScanReport:
    """Scan a catalog into the store ``db`` (progress on ``stream``). The defaults
    are the ``scan`` command's, so library callers name only what differs."""
    from .. import __version__
    from ..config import load_config
    from ..fetch.catalog_urls import attach_fetched_policies
    from ..fetch.client import FetchLimits
    from ..mappings import load_mappings
    from .inputs import read_catalog
    from .resume import plan_scan, run_key
    from .store import open_store

    stream = stream if stream is not None else sys.stderr
    workers = _check_options(workers, engine, scheduler, item_timeout, item_memory_mb)
    config = load_config(config_path)
    mapping_dirs = tuple(os.path.abspath(d) for d in (*config.mappings, *extra_mappings))
    tables = load_mappings(mapping_dirs)
    items = read_catalog(catalog)
    key = run_key(__version__, tables.digest, config)
    options = ScanOptions(config=config, item_timeout=item_timeout, item_memory_mb=item_memory_mb)
    started = time.monotonic()
    engine_started = first_result = engine_done = None
    with open_store(db) as store:
        # after the store exists (the fetch cache lives in it), before planning
        # (a fetched policy is the item's policy file, so resume sees it)
        items = attach_fetched_policies(items, db, FetchLimits(allow_private=allow_private), refetch=force)
        plan = plan_scan(items, store.previous_items(), key, force=force, retry_failed=retry_failed)
        for planned in plan.refresh:
            store.refresh_item(planned.item, planned.stamp)
        scan_id = store.begin_scan(
            catalog=str(catalog),
            engine=engine,
            args={
                "catalog": str(catalog),
                "workers": workers,
                "engine": engine,
                "scheduler": scheduler,
                "item_timeout": item_timeout,
                "item_memory_mb": item_memory_mb,
                "retry_failed": retry_failed,
                "force": force,
                "config": str(config_path) if config_path else config.source,
                "mappings": list(mapping_dirs),
            },
            tool_version=__version__,
            mappings_digest=tables.digest,
        )
        by_id = {planned.item.item_id: planned for planned in plan.to_run}
        claimer = Claimer(store, scan_id)
        counts: Counter[str] = Counter()
        progress = make_progress(stream, quiet)
        progress.start(len(plan.to_run))
        state = "stopped"
        try:
            if plan.to_run:
                expect = _worker_check(tables.digest, __version__)
                size = min(workers, len(plan.to_run))  # no idle worker processes for a short rerun
                parcel = KnowledgeParcel.pack(tables)
                engine_started = time.monotonic()
                claimed = (p.item for p in plan.to_run if claimer.claim(p.item.item_id))
                results = _engine(engine, claimed, options, parcel, size, scheduler, expect)
                for result in results:
                    first_result = first_result or time.monotonic()
                    planned = by_id.pop(result.item_id)
                    store.record_item(planned.item, planned.stamp, result, run_key=key, scan_id=scan_id)
                    counts[result.status] += 1
                    progress.advance(result)
                engine_done = time.monotonic()
            state = "completed"
        finally:
            progress.finish()
            ran = sum(counts.values())
            claimer.release_all()
            skipped = plan.skipped + claimer.taken_elsewhere
            store.end_scan(scan_id, state=state, total=len(items), run=ran, skipped=skipped)
            if state == "stopped" and ran and not quiet:
                stream.write(
                    f"scan: stopped after {ran} of {len(plan.to_run)} items; they are in {db}:"
                    " run the same command again to resume\n"
                )
                stream.flush()
        median_write_ms = store.median_write_ms()
    return ScanReport(
        db=Path(db),
        total=len(items),
        skipped=plan.skipped,
        shared=claimer.taken_elsewhere,
        by_status=tuple((s, counts[s]) for s in ITEM_STATUSES),
        seconds=time.monotonic() - started,
        engine_seconds=(engine_done - engine_started) if engine_started and engine_done else 0.0,
        first_result_seconds=(first_result - engine_started) if engine_started and first_result else None,
        median_write_ms=median_write_ms,
    )


def _check_options(
    workers: int | None, engine: str, scheduler: str | None, item_timeout: float, item_memory_mb: int
) -> int:
    if engine not in ENGINES:
        raise ScanError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if scheduler is not None and engine != "dask":
        raise ScanError("--scheduler needs --engine dask")
    if workers is not None and workers < 1:
        raise ScanError("--workers must be at least 1")
    if not item_timeout > 0:
        raise ScanError("--item-timeout must be a positive number of seconds")
    if item_memory_mb < 1:
        raise ScanError("--item-memory must be a positive number of MiB")
    return workers or default_workers()


def default_workers() -> int:
    """CPUs this process may run on (the container's share, not the host's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _worker_check(digest: str, version: str):
    """A worker must read the same tables with the same code as this process, or
    its rows would disagree with the run key they are stored under (a Dask worker
    with another release installed, tables edited during the scan)."""

    def check(info: WorkerInfo) -> None:
        if info.mappings_digest != digest or info.tool_version != version:
            raise ScanError(
                f"a worker runs consistency {info.tool_version} with tables {info.mappings_digest}, this process "
                f"{version} with tables {digest}: install the same version and tables everywhere"
            )

    return check


def _engine(
    engine: str,
    items,
    options: ScanOptions,
    parcel: KnowledgeParcel,
    workers: int,
    scheduler: str | None,
    on_ready,
) -> Iterator[ItemResult]:
    if engine == "dask":
        from .dask_engine import run_dask

        return run_dask(items, options, parcel, workers, scheduler, on_worker_ready=on_ready)
    from .local import run_local

    return run_local(items, options, parcel, workers, on_worker_ready=on_ready)
