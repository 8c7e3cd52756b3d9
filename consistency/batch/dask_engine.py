"""The Dask engine: the same items, the same worker code, on a Dask cluster.

Each Dask task hands its item to a :class:`~consistency.batch.sandbox.Sandbox`
owned by the Dask worker (one per worker thread, started on first use and kept
for the life of the worker). The compiled tables travel once per Dask worker, as a
scattered :class:`~consistency.batch.worker.KnowledgeParcel`. The
item thus runs under the same time and memory limits as with the local engine,
and a hang, a crash or a memory hog kills the sandbox, never the Dask worker.
Besides the parcel, only the small, picklable :class:`ScanOptions` and
:class:`CatalogItem` travel to the cluster, and only the :class:`ItemResult` comes back: the parent writes
the store, so a scan can move between engines and be resumed by either.

Submission is bounded (twice the cluster's threads in flight, refilled through
``as_completed``), so a catalog of a million rows never sits in the scheduler.
``dask``/``distributed`` are imported only when this engine is chosen.
"""

from __future__ import annotations

import atexit
import logging
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence

from ..errors import ScanError
from .inputs import CatalogItem
from .sandbox import Sandbox, WorkerInfo
from .worker import ItemResult, KnowledgeParcel, ScanOptions

MAX_BATCH = 8
CONNECT_TIMEOUT = 20
"""Seconds to wait for a given scheduler before the scan stops with ScanError."""

_sandboxes: dict[tuple[ScanOptions, KnowledgeParcel, int], Sandbox] = {}
_sandboxes_lock = threading.Lock()


def run_in_sandbox(
    items: Sequence[CatalogItem], options: ScanOptions, parcel: KnowledgeParcel
) -> tuple[list[ItemResult], WorkerInfo | None]:
    """The Dask task: run a few items, one by one, each under its own deadline, in
    this worker's sandbox (started on first use)."""
    key = (options, parcel, threading.get_ident())
    with _sandboxes_lock:
        sandbox = _sandboxes.get(key)
        if sandbox is None:
            sandbox = _sandboxes[key] = Sandbox(options, parcel)
            if len(_sandboxes) == 1:
                atexit.register(_close_sandboxes)
    results = [sandbox.run_one(item) for item in items]
    return results, sandbox.info


def _close_sandboxes() -> None:
    with _sandboxes_lock:
        for sandbox in _sandboxes.values():
            sandbox.close()
        _sandboxes.clear()


def run_dask(
    items: Iterable[CatalogItem],
    options: ScanOptions,
    parcel: KnowledgeParcel,
    workers: int,
    scheduler: str | None,
    on_worker_ready: Callable[[WorkerInfo], None] | None = None,
) -> Iterator[ItemResult]:
    """Yield one result per item, in completion order. Without a scheduler
    address a ``LocalCluster`` of ``workers`` single-threaded processes is
    started (and stopped at the end). Raises ScanError when Dask is not
    installed or the scheduler cannot be reached."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise ScanError(
            "the dask engine needs dask and distributed: pip install 'consistency[dask]'"
        ) from exc

    cluster = None
    try:
        if scheduler is None:
            cluster = LocalCluster(
                n_workers=max(1, workers),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster, set_as_default=False)
        else:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        where = f"the Dask scheduler at {scheduler}" if scheduler else "a local Dask cluster"
        raise ScanError(f"cannot start or reach {where}: {exc}") from exc

    seen_infos: set[WorkerInfo] = set()
    try:
        threads = sum(client.nthreads().values()) or max(1, workers)
        items = list(items)
        size = batch_size(len(items), threads)
        batches = iter([items[i : i + size] for i in range(0, len(items), size)])
        by_key: dict[str, list[CatalogItem]] = {}
        completed = as_completed(loop=client.loop)
        scattered = client.scatter(parcel, broadcast=True)

        def submit_next() -> bool:
            batch = next(batches, None)
            if batch is None:
                return False
            key = f"consistency-items-{uuid.uuid4().hex}"
            future = client.submit(run_in_sandbox, batch, options, scattered, key=key, pure=False)
            by_key[future.key] = batch
            completed.add(future)
            return True

        for _ in range(2 * threads):
            if not submit_next():
                break
        for future in completed:
            batch = by_key.pop(future.key)
            try:
                results, info = future.result()
            except ScanError:
                raise
            except ImportError as exc:  # a worker without the package: every item would fail alike
                raise ScanError(
                    f"a Dask worker cannot run the scan ({exc}): install consistency on every worker"
                ) from exc
            except Exception as exc:  # the Dask worker itself was lost (KilledWorker) or similar
                results, info = [_lost(item, exc) for item in batch], None
            if info is not None and on_worker_ready is not None and info not in seen_infos:
                seen_infos.add(info)
                on_worker_ready(info)
            future.release()
            submit_next()  # before handing the results on, so the cluster never waits for the store
            yield from results
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def batch_size(items: int, threads: int) -> int:
    """Items per Dask task. One task per item costs the scheduler and the worker
    a round trip each (about as much CPU as a small app's whole check, measured
    on a LocalCluster), so items travel in small batches; never so large that a
    thread would hold more than a quarter of its share of the catalog, so the
    load stays balanced and the progress bar moves."""
    return max(1, min(MAX_BATCH, items // (4 * max(1, threads))))


def _lost(item: CatalogItem, exc: Exception) -> ItemResult:
    from .. import __version__

    reason = f"dask: {type(exc).__name__}: {exc}".splitlines()[0]
    return ItemResult(item_id=item.item_id, status="failed", error=reason, tool_version=__version__)
