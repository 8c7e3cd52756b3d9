"""An on-disk cache of parsed mapping tables, keyed by the bytes' SHA-256.

Parsing the YAML tables is most of the cost of starting ``consistency``
(about 0.2 s for the built-in tables, in every CLI run and every batch worker),
while the tables change rarely. The parsed form (plain dicts, lists, tuples,
strings, numbers) is stored once per content hash and read back with an
unpickler that refuses every global, so a tampered cache file can at worst
produce data that the schema validation then rejects, never run code. An
edited table has another hash and is parsed again; a corrupt or unreadable
cache entry is ignored. Validation is never cached: it runs on every load.

Where: ``$CONSISTENCY_CACHE_DIR``, else ``$XDG_CACHE_HOME/consistency``, else
``~/.cache/consistency``; ``CONSISTENCY_CACHE_DIR=off`` turns the cache off,
and an unwritable directory just means no cache.
"""

from __future__ import annotations

import io
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
_FORMAT = "v1"
"""Bumped whenever the shape of what is cached changes."""


def cache_dir() -> Path | None:
    """The cache directory, or None when caching is off."""
    configured = os.environ.get("CONSISTENCY_CACHE_DIR")
    if configured is not None:
        return None if configured.lower() in ("", "off", "0", "none") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "consistency"


class _DataOnlyUnpickler(pickle.Unpickler):
    """Builtin containers and scalars only: any class or function is refused."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the parse cache")


_MISS = object()
"""What :func:`read_entry` gives for an absent, unreadable or refused entry."""


def read_entry(path: Path, unpickler: type[pickle.Unpickler]) -> Any:
    """The entry at ``path`` read through ``unpickler`` (which decides what globals
    it may hold), or :data:`_MISS`: a corrupt or tampered entry is just a miss."""
    try:
        return unpickler(io.BytesIO(path.read_bytes())).load()
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError):
        return _MISS


def write_entry(path: Path, value: Any) -> None:
    """Store ``value`` at ``path`` whole or not at all (a temporary file renamed
    into place, so a reader never sees half an entry); a read-only home, a full
    disk or an unpicklable value only costs speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except (OSError, pickle.PicklingError):
        pass


def cached(kind: str, digest: str, compute: Callable[[], T]) -> T:
    """``compute()``, or its stored result for this ``kind`` and content ``digest``."""
    directory = cache_dir()
    if directory is None:
        return compute()
    path = directory / f"{kind}-{_FORMAT}-{digest}.pickle"
    value = read_entry(path, _DataOnlyUnpickler)
    if value is _MISS:
        value = compute()
        write_entry(path, value)
    return value
