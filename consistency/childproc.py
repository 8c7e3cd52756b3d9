"""Run one job in a child Python process bounded in wall-clock time and memory.

Some parsers cannot be bounded from inside: a hostile PDF page keeps
pdfminer's interpreter busy for minutes without returning to a loop we own,
and a flate bomb allocates gigabytes in one call. A child process can be
bounded from outside: it caps its own address space (``RLIMIT_AS``, so an
allocation past it is a ``MemoryError``, not the machine swapping), asks Linux
to kill it if its parent dies, and the parent kills it at the deadline.

The same framing the batch sandbox uses (:mod:`consistency.batch.sandbox`,
which takes its helpers from here) carries one request in and one reply out:
a 4-byte big-endian length and a pickle. The child's fd 1 is pointed at its
stderr so a stray ``print`` in a library cannot corrupt the reply.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from typing import Any, BinaryIO

_HEADER = struct.Struct(">I")
MEMORY_SIGNS = (b"MemoryError", b"Cannot allocate memory", b"std::bad_alloc", b"out of memory")


class ChildTimeout(Exception):
    """The child did not answer before its deadline (it was killed)."""


class ChildDied(Exception):
    """The child ended without an answer; ``out_of_memory`` when its stderr says so."""

    def __init__(self, reason: str, out_of_memory: bool) -> None:
        super().__init__(reason)
        self.out_of_memory = out_of_memory


def read_frame(stream: BinaryIO) -> Any | None:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    payload = stream.read(size)
    if len(payload) < size:
        return None
    return pickle.loads(payload)


def write_frame(stream: BinaryIO, message: Any) -> None:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(payload)) + payload)


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent exits (no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(0)


def child_channel() -> tuple[BinaryIO, BinaryIO]:
    """In the child: (inbox, channel to the parent), with fd 1 moved out of the way."""
    channel = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    die_with_parent()
    return sys.stdin.buffer, channel


def run_child(
    module: str, request: Any, *, seconds: float, handler: Callable[[Any], Any] | None = None
) -> Any:
    """Send ``request`` to ``python -m module`` and return its one reply.
    Raises ChildTimeout after ``seconds``, ChildDied when it ends without one.

    With ``handler`` (the module's own request handler) and a process that runs
    a single thread, the child is a ``fork`` of this process instead: it
    starts in milliseconds with every module already imported (a batch worker
    has pdfminer loaded), where a fresh interpreter costs about half a second.
    With other threads running, forking could copy a lock another thread holds,
    so then the module is started afresh."""
    if handler is not None and hasattr(os, "fork") and threading.active_count() == 1:
        return _run_forked(handler, request, seconds)
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", module],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            close_fds=True,
            start_new_session=True,
        )
        try:
            assert process.stdin is not None and process.stdout is not None
            try:
                write_frame(process.stdin, request)
                process.stdin.close()
            except BrokenPipeError:
                pass
            reply = _read_reply(process.stdout, time.monotonic() + seconds)
        finally:
            if process.poll() is None:
                process.kill()
            code = process.wait()
            if process.stdout is not None:
                process.stdout.close()
        if reply is not None:
            return reply
        stderr.seek(max(0, stderr.seek(0, os.SEEK_END) - 4096))
        tail = stderr.read()
    reason = f"signal {-code}" if code < 0 else f"exit code {code}"
    raise ChildDied(reason, any(sign in tail for sign in MEMORY_SIGNS))


def _run_forked(handler: Callable[[Any], Any], request: Any, seconds: float) -> Any:
    """:func:`run_child` over ``os.fork``: the child runs ``handler(request)``,
    writes the reply frame to a pipe and exits without running any clean-up of
    the parent's state (``os._exit``)."""
    with tempfile.TemporaryFile() as stderr:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child
            code = 70
            try:
                os.close(read_end)
                os.setsid()
                die_with_parent()
                os.dup2(stderr.fileno(), 1)  # library chatter goes where run_child puts it
                os.dup2(stderr.fileno(), 2)
                with os.fdopen(write_end, "wb", buffering=0) as channel:
                    write_frame(channel, handler(request))
                code = 0
            except BaseException:  # noqa: BLE001 - nothing of the parent may run on in the child
                import traceback

                traceback.print_exc()
            finally:
                os._exit(code)
        os.close(write_end)
        try:
            with os.fdopen(read_end, "rb", buffering=0) as stream:
                reply = _read_reply(stream, time.monotonic() + seconds)
        finally:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            _, status = os.waitpid(pid, 0)
        if reply is not None:
            return reply
        stderr.seek(max(0, stderr.seek(0, os.SEEK_END) - 4096))
        tail = stderr.read()
    code = os.waitstatus_to_exitcode(status)
    reason = f"signal {-code}" if code < 0 else f"exit code {code}"
    raise ChildDied(reason, any(sign in tail for sign in MEMORY_SIGNS))


def _read_reply(stream: BinaryIO, deadline: float) -> Any | None:
    """The reply frame, read without blocking past ``deadline``."""
    buffer = bytearray()
    fd = stream.fileno()
    while True:
        wait = deadline - time.monotonic()
        if wait <= 0:
            raise ChildTimeout()
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return None
        buffer += chunk
        if len(buffer) >= _HEADER.size:
            (size,) = _HEADER.unpack_from(buffer)
            if len(buffer) >= _HEADER.size + size:
                return pickle.loads(bytes(buffer[_HEADER.size : _HEADER.size + size]))
