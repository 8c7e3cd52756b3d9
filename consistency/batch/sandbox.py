"""A worker process that runs items one at a time and may be killed at any moment.

Both engines run every item in such a process (``python -m
consistency.batch.sandbox``), so a hang, a crash of the interpreter or a memory
hog costs one item and one process, never the scan: the local pool runs
several sandboxes; a Dask task hands its item to a sandbox owned by its Dask
worker (:mod:`consistency.batch.dask_engine`).

Why a plain subprocess and not ``multiprocessing``: a Dask worker is a daemonic
process, and ``multiprocessing`` refuses to start children from one; a
subprocess talking over its own pipes works the same under both engines, and
owning the pipes means a killed worker can never leave a shared queue's lock
held (each sandbox has its own channel, so the parent always knows which item
a dead process had).

The protocol, over the child's stdin and a private duplicate of its stdout
(fd 1 itself is pointed at stderr so a stray ``print`` in a library cannot
corrupt it), is a stream of frames: a 4-byte big-endian length and a pickle.

* parent -> child: ``("start", ScanOptions, KnowledgeParcel)``, then ``("item", CatalogItem)`` per item;
* child -> parent: ``("ready", mappings_digest, tool_version)`` or
  ``("error", message)`` once, then ``("result", ItemResult)`` per item.

The child limits its own address space (``RLIMIT_AS``, ``--item-memory``), asks
Linux to kill it when its parent dies (``PR_SET_PDEATHSIG``: a scan killed with
SIGKILL leaves no worker running on), loads the tables once, and exits at end
of input. The parent enforces the per-item deadline by killing the process.
Its stderr goes to a temporary file whose tail explains a death (a
``MemoryError`` raised where Python could not catch it, a fatal error).
"""

from __future__ import annotations

import os
import pickle
import selectors
import signal
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import Any, BinaryIO, Literal

from ..childproc import MEMORY_SIGNS, die_with_parent, read_frame, write_frame
from ..errors import ScanError
from . import worker
from .inputs import CatalogItem
from .worker import ItemResult, KnowledgeParcel, ScanOptions

_HEADER = struct.Struct(">I")  # the framing of :mod:`consistency.childproc`
_MAX_FRAME = 1 << 30
STARTUP_TIMEOUT = 120.0
"""Seconds a new worker may take to import the package and load the tables."""
_MEMORY_SIGNS = MEMORY_SIGNS

State = Literal["starting", "idle", "busy", "dead"]


# ------------------------------------------------------------------ the child


def _child_main() -> int:
    """Body of ``python -m consistency.batch.sandbox``."""
    channel = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)  # stray prints of libraries go to stderr, never into the protocol
    sys.stdout = sys.stderr
    inbox = sys.stdin.buffer
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    message = _read_frame(inbox)
    if message is None or message[0] != "start":
        return 2
    options: ScanOptions = message[1]
    parcel: KnowledgeParcel = message[2]
    try:
        from .. import __version__
        from .memory import limit_address_space

        limit_address_space(options.item_memory_mb)
        tables = parcel.unpack()
        _warm_up()
    except MemoryError:
        _write_frame(
            channel, ("error", f"the worker does not fit in --item-memory {options.item_memory_mb} MiB")
        )
        return 2
    except Exception as exc:  # tables unreadable on this machine, a broken install
        _write_frame(channel, ("error", f"{type(exc).__name__}: {exc}"))
        return 2
    _write_frame(channel, ("ready", tables.digest, __version__))
    while (message := _read_frame(inbox)) is not None:
        # looked up on the module at each call, so a test-suite hook that wraps it is honoured
        _write_frame(channel, ("result", worker.process_item(message[1], options, tables)))
    return 0


def _warm_up() -> None:
    """Import every stage now (androguard included), while the worker starts in
    parallel with the others, so the first item's timings measure the item. The
    tables arrive compiled in the parcel."""
    import importlib

    for module in (
        "androguard.core.axml",
        "androguard.core.apk",
        "consistency.apk.profile",
        "consistency.policy.document.read",
        "consistency.policy.document.html",
        "consistency.policy.document.markdown",
        "consistency.policy.document.pdf",
        "pdfminer.pdfinterp",  # PDF children are forks of the worker: they start with it loaded
        "consistency.compare",
        "consistency.report.json",
    ):
        importlib.import_module(module)


_die_with_parent = die_with_parent
_read_frame = read_frame
_write_frame = write_frame


# ----------------------------------------------------------------- the parent


@dataclass(frozen=True)
class WorkerInfo:
    """What a worker reported when it started."""

    mappings_digest: str
    tool_version: str


class Sandbox:
    """One worker process seen from its parent: a small state machine driven by
    :meth:`feed` (bytes arrived), :meth:`overdue` (deadline passed) and
    :meth:`submit` (an item to run). Nothing here blocks except :meth:`run_one`."""

    def __init__(self, options: ScanOptions, parcel: KnowledgeParcel) -> None:
        self.options = options
        self.parcel = parcel
        self.state: State = "dead"
        self.item: CatalogItem | None = None
        self.deadline = float("inf")
        self.info: WorkerInfo | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._buffer = bytearray()
        self._stderr: BinaryIO | None = None

    # -- lifecycle

    def spawn(self) -> None:
        """Start a fresh process (the old one, if any, is killed first)."""
        self.kill()
        self._stderr = tempfile.TemporaryFile()
        self._process = subprocess.Popen(
            [sys.executable, "-m", "consistency.batch.sandbox"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            close_fds=True,
            start_new_session=True,  # Ctrl-C in a terminal reaches the scan, not its workers
        )
        self._buffer.clear()
        self.state = "starting"
        self.item = None
        self.deadline = time.monotonic() + STARTUP_TIMEOUT
        self._send(("start", self.options, self.parcel))

    def kill(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            if process.poll() is None:
                process.kill()
            process.wait()
            for pipe in (process.stdin, process.stdout):
                if pipe is not None:
                    pipe.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        self.state = "dead"

    def close(self) -> None:
        """End the process. A worker holds no state worth a polite shutdown (every
        result is already in the parent's hands), and the interpreter's own
        teardown of the tables takes longer than the kill."""
        self.kill()

    def fileno(self) -> int:
        assert self._process is not None and self._process.stdout is not None
        return self._process.stdout.fileno()

    # -- driving it

    def submit(self, item: CatalogItem) -> bool:
        """Hand an idle sandbox an item. False when the process turns out to have
        died while idle: it is respawned and the caller keeps the item for later."""
        assert self.state == "idle"
        try:
            self._send(("item", item))
        except OSError:
            self.spawn()
            return False
        self.item = item
        self.state = "busy"
        self.deadline = time.monotonic() + self.options.item_timeout
        return True

    def feed(self) -> ItemResult | None:
        """Read what the process wrote; returns a result when one is complete, or
        a failed result when the process died with an item in hand. Raises
        ScanError when a process fails to start."""
        assert self._process is not None and self._process.stdout is not None
        try:
            chunk = os.read(self._process.stdout.fileno(), 1 << 16)
        except OSError:
            chunk = b""
        if not chunk:
            return self._died()
        self._buffer += chunk
        while len(self._buffer) >= _HEADER.size:
            (size,) = _HEADER.unpack_from(self._buffer)
            if size > _MAX_FRAME:
                raise ScanError(f"worker protocol error: a frame of {size} bytes")
            if len(self._buffer) < _HEADER.size + size:
                break
            payload = bytes(self._buffer[_HEADER.size : _HEADER.size + size])
            del self._buffer[: _HEADER.size + size]
            result = self._receive(pickle.loads(payload))
            if result is not None:
                return result
        return None

    def overdue(self, now: float) -> ItemResult | None:
        """Kill a process past its deadline; returns the item's failure (or raises
        ScanError for a process that never finished starting)."""
        if now < self.deadline:
            return None
        if self.state == "starting":
            self.kill()
            raise ScanError(f"a worker process did not start within {STARTUP_TIMEOUT:.0f} s")
        item = self.item
        self.kill()
        self.spawn()
        assert item is not None
        return _failure(item, f"timeout after {_seconds(self.options.item_timeout)} s")

    def run_one(self, item: CatalogItem) -> ItemResult:
        """Run one item to its end, blocking (the Dask engine's way in)."""
        if self.state == "dead" or (self._process is not None and self._process.poll() is not None):
            self.spawn()
        submitted = False
        with selectors.DefaultSelector() as selector:
            while True:
                if self.state == "idle" and not submitted:
                    submitted = self.submit(item)
                selector.register(self.fileno(), selectors.EVENT_READ)
                try:
                    wait = max(0.0, self.deadline - time.monotonic())
                    ready = selector.select(timeout=wait)
                finally:
                    selector.unregister(self.fileno())
                result = self.feed() if ready else self.overdue(time.monotonic())
                if result is not None:
                    return result

    # -- internals

    def _send(self, message: Any) -> None:
        assert self._process is not None and self._process.stdin is not None
        _write_frame(self._process.stdin, message)
        self._process.stdin.flush()

    def _receive(self, message: tuple) -> ItemResult | None:
        kind = message[0]
        if kind == "ready":
            self.info = WorkerInfo(mappings_digest=message[1], tool_version=message[2])
            self.state = "idle"
            self.deadline = float("inf")
            return None
        if kind == "error":
            self.kill()
            raise ScanError(f"a worker process cannot start: {message[1]}")
        if kind == "result" and self.state == "busy":
            self.state = "idle"
            self.item = None
            self.deadline = float("inf")
            return message[1]
        raise ScanError(f"worker protocol error: unexpected {kind!r} message")

    def _died(self) -> ItemResult | None:
        process = self._process
        assert process is not None
        code = process.wait()
        tail = self._stderr_tail()
        item, state = self.item, self.state
        self.kill()
        if state == "starting":
            why = _last_line(tail) or _exit_reason(code)
            raise ScanError(f"a worker process died while starting: {why}")
        self.spawn()
        if item is None:
            return None
        if any(sign in tail for sign in _MEMORY_SIGNS):
            return _failure(
                item, f"memory limit {self.options.item_memory_mb} MiB exceeded ({_exit_reason(code)})"
            )
        return _failure(item, _exit_reason(code))

    def _stderr_tail(self) -> bytes:
        if self._stderr is None:
            return b""
        try:
            size = self._stderr.seek(0, os.SEEK_END)
            self._stderr.seek(max(0, size - 4096))
            return self._stderr.read()
        except OSError:
            return b""


def _failure(item: CatalogItem, reason: str) -> ItemResult:
    from .. import __version__

    return ItemResult(item_id=item.item_id, status="failed", error=reason, tool_version=__version__)


def _exit_reason(code: int) -> str:
    if code < 0:
        return f"worker died (signal {-code})"
    return f"worker died (exit code {code})"


def _seconds(value: float) -> str:
    return f"{value:g}"


def _last_line(tail: bytes) -> str:
    lines = [line.strip() for line in tail.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1] if lines else ""


if __name__ == "__main__":
    sys.exit(_child_main())
