"""The default engine: a small pool of worker processes on this machine.

Not ``concurrent.futures.ProcessPoolExecutor``: when one of its workers dies the
whole executor is broken and every pending item fails with it. Here each worker
is a :class:`~consistency.batch.sandbox.Sandbox` with its own pipes; one event
loop hands items to idle workers, collects results, kills a worker whose item
is past its deadline and starts a replacement, so a hang, a crash or a memory
hog costs exactly one item. Items are taken from the iterable lazily, so a
catalog of a million rows is never all in flight.
"""

from __future__ import annotations

import selectors
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from .inputs import CatalogItem
from .sandbox import Sandbox, WorkerInfo
from .worker import ItemResult, KnowledgeParcel, ScanOptions


def run_local(
    items: Iterable[CatalogItem],
    options: ScanOptions,
    parcel: KnowledgeParcel,
    workers: int,
    on_worker_ready: Callable[[WorkerInfo], None] | None = None,
) -> Iterator[ItemResult]:
    """Yield one result per item, in completion order. ``on_worker_ready(info)``
    is called as each worker process reports its tables digest (the caller
    checks it against its own). Raises ScanError when workers cannot start."""
    pending = iter(items)
    retry: deque[CatalogItem] = deque()
    pool = [Sandbox(options, parcel) for _ in range(max(1, workers))]
    selector = selectors.DefaultSelector()
    registered: dict[int, Sandbox] = {}
    busy = 0
    exhausted = False

    def next_item() -> CatalogItem | None:
        nonlocal exhausted
        if retry:
            return retry.popleft()
        if exhausted:
            return None
        item = next(pending, None)
        exhausted = item is None
        return item

    def watch(sandbox: Sandbox) -> None:
        for fd, owner in list(registered.items()):
            if owner is sandbox:
                selector.unregister(fd)
                del registered[fd]
        if sandbox.state != "dead":
            selector.register(sandbox.fileno(), selectors.EVENT_READ, sandbox)
            registered[sandbox.fileno()] = sandbox

    def dispatch() -> None:
        """Give every idle worker an item. Called before a result is handed on,
        so workers never wait while the caller writes the store."""
        nonlocal busy
        for sandbox in pool:
            if sandbox.state != "idle":
                continue
            item = next_item()
            if item is None:
                return
            if sandbox.submit(item):
                busy += 1
            else:  # died while idle and was respawned: the item waits for the next idle worker
                retry.append(item)
                watch(sandbox)

    try:
        for sandbox in pool:
            sandbox.spawn()
            watch(sandbox)
        while True:
            dispatch()
            if busy == 0 and not retry and exhausted:
                return
            deadline = min(s.deadline for s in pool)
            wait = None if deadline == float("inf") else max(0.0, deadline - time.monotonic())
            finished: list[ItemResult] = []
            for key, _ in selector.select(timeout=wait):
                sandbox = key.data
                was_starting = sandbox.state == "starting"
                result = sandbox.feed()
                if was_starting and sandbox.state == "idle" and on_worker_ready is not None:
                    on_worker_ready(sandbox.info)
                if sandbox.state in ("starting", "dead") or was_starting:
                    watch(sandbox)  # the process was replaced (or became ready): refresh
                if result is not None:
                    finished.append(result)
            now = time.monotonic()
            for sandbox in pool:
                result = sandbox.overdue(now)
                if result is not None:
                    watch(sandbox)
                    finished.append(result)
            busy -= len(finished)
            dispatch()
            yield from finished
    finally:
        selector.close()
        for sandbox in pool:
            sandbox.close()
