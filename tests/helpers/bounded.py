"""Run a piece of a test in a child process with a wall-clock and memory bound.

The hostile-input tests assert that an input ends in *bounded* time and memory,
never how fast: the work runs in a forked child with ``RLIMIT_AS`` set, and
the parent waits at most ``seconds`` before killing it. A hang or a blow-up
fails the test with a clear reason instead of hanging the suite; the bounds
are generous so a slow, shared machine never fails a correct build.

The callable's return value (or the exception it raised, as ``type: message``)
comes back through a pipe.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from consistency.batch.memory import address_space_mib, limit_address_space


@dataclass(frozen=True)
class Outcome:
    """What the child did: returned ``value``, or raised ``error`` (``Type: message``)."""

    value: Any = None
    error: str | None = None


def _child(conn, fn: Callable[..., Any], args: tuple, memory_mb: int) -> None:
    try:
        limit_address_space(address_space_mib() + memory_mb)  # the fork carries pytest's own memory
        conn.send(Outcome(value=fn(*args)))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent as text
        first = (str(exc).splitlines() or [""])[0]
        tail = "".join(traceback.format_exception(exc)[-3:]) if isinstance(exc, MemoryError) else ""
        conn.send(Outcome(error=f"{type(exc).__name__}: {first}{tail}"))
    finally:
        conn.close()


def run_bounded(fn: Callable[..., Any], *args: Any, seconds: float = 60, memory_mb: int = 1024) -> Outcome:
    """Run ``fn(*args)`` in a forked child; fail the calling test when it takes
    longer than ``seconds``, dies, or needs more than ``memory_mb`` MiB of
    address space beyond what the test process already had."""
    import pytest

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, fn, args, memory_mb), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            process.kill()
            process.join()
            pytest.fail(f"did not finish within {seconds:g} s (bounded-time check)")
        try:
            outcome: Outcome = receiver.recv()
        except EOFError:
            process.join()
            pytest.fail(f"the child died without an answer (exit code {process.exitcode})")
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()
    if outcome.error and outcome.error.startswith("MemoryError"):
        pytest.fail(f"exceeded {memory_mb} MiB (bounded-memory check): {outcome.error}")
    return outcome
