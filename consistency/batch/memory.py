"""Memory of a worker process: its address-space limit and its peak resident size.

The limit is ``RLIMIT_AS`` (virtual address space), set by the worker on itself
at start-up. It bounds the whole process (interpreter, tables and the item in
hand; about 120 MiB before any item on a 64-bit Linux), so an allocation past it
fails with ``MemoryError`` in the worker instead of the machine swapping or the
kernel's OOM killer choosing a victim. Address space is not resident memory: a
limit of N MiB is a safe upper bound of what the item can make resident.

The peak is read from ``/proc/self/status`` (``VmHWM``) after resetting it
through ``/proc/self/clear_refs`` before each item, so it is the item's own
high-water mark; where that is unavailable (not Linux) it falls back to
``getrusage``, the process's high-water mark so far, an upper bound.
"""

from __future__ import annotations

try:
    import resource
except ImportError:  # pragma: no cover - not POSIX: no limit, peak from nowhere
    resource = None  # type: ignore[assignment]

_MIB = 1 << 20


def limit_address_space(megabytes: int) -> None:
    """Cap this process's address space (never raises the hard limit)."""
    if resource is None:
        return
    wanted = megabytes * _MIB
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def address_space_mib() -> int:
    """This process's current address space (``VmSize``) in MiB; 0 where unknown.
    A forked child starts with its parent's: a limit for what the child's own
    work may add is this plus the budget."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def address_space_limited() -> bool:
    if resource is None:
        return False
    return resource.getrlimit(resource.RLIMIT_AS)[0] != resource.RLIM_INFINITY


def reset_peak_rss() -> None:
    """Make the next :func:`peak_rss_kib` measure from now (Linux; no-op elsewhere)."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        pass


def peak_rss_kib() -> int:
    """Peak resident set size since the last reset, in KiB."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) if resource is not None else 0
