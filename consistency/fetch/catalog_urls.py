"""Give every catalog item with a ``policy_url`` (and no policy file) its policy, fetched once.

Before a scan dispatches items, the parent process fetches each distinct URL
not yet in the store's cache, with a few threads overall and at most
``per_host`` requests at a time to any one host (a catalog of one publisher's
hundred apps must not hammer its web server). Each fetched page is kept in the
store (:mod:`.cache`) and written once, by content hash, beside the store, so
the item's policy is an ordinary file: workers, the resume check and a Dask
cluster on a shared filesystem need nothing new. A URL that cannot be fetched
makes that item fail with the reason; the rest go on.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import FetchError
from .cache import PolicyCache
from .client import FetchedPage, FetchLimits, fetch


def attach_fetched_policies(
    items, db: Path, limits: FetchLimits, *, refetch: bool = False, workers: int = 8, per_host: int = 2
):
    """``items`` with ``policy`` pointing at the fetched copy of ``policy_url``
    (or ``problem`` saying why it could not be fetched)."""
    wanted = sorted(
        {item.policy_url for item in items if item.policy_url and not item.policy and not item.problem}
    )
    if not wanted:
        return items
    folder = Path(str(db) + ".policies")
    folder.mkdir(parents=True, exist_ok=True)
    cache = PolicyCache(db)
    try:
        pages = {} if refetch else {url: page for url in wanted if (page := cache.get(url)) is not None}
        missing = [url for url in wanted if url not in pages]
        fetched, failures = _fetch_all(missing, limits, workers, per_host)
        for page in fetched.values():
            cache.put(page)
        pages.update(fetched)
    finally:
        cache.close()
    files = {url: _materialise(folder, page) for url, page in pages.items()}
    return tuple(_attach(item, files, failures) for item in items)


def _fetch_all(urls: list[str], limits: FetchLimits, workers: int, per_host: int):
    gates: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(per_host))
    for url in urls:  # made up front: defaultdict is not safe to grow from several threads
        gates[_host(url)]

    def one(url: str) -> tuple[str, FetchedPage | str]:
        with gates[_host(url)]:
            try:
                return url, fetch(url, limits)
            except FetchError as exc:
                return url, exc.reason

    fetched: dict[str, FetchedPage] = {}
    failures: dict[str, str] = {}
    if urls:
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(urls)))) as pool:
            for url, outcome in pool.map(one, urls):
                if isinstance(outcome, FetchedPage):
                    fetched[url] = outcome
                else:
                    failures[url] = outcome
    return fetched, failures


def _materialise(folder: Path, page: FetchedPage) -> Path:
    path = folder / f"{page.sha256}{page.suffix}"
    if not path.is_file():
        partial = path.with_suffix(path.suffix + ".part")
        partial.write_bytes(page.body)
        partial.replace(path)
    return path


def _attach(item, files: dict[str, Path], failures: dict[str, str]):
    url = item.policy_url
    if not url or item.policy or item.problem:
        return item
    if url in files:
        return dataclasses.replace(item, policy=str(files[url].resolve()))
    return dataclasses.replace(item, problem=f"policy URL {url}: {failures.get(url, 'not fetched')}")


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
