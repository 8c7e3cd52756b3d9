"""Open an input file only if it is a regular file.

Every path the tool reads (APK, policy, configuration, baseline, mapping
tables, catalog manifest) may name a FIFO, a character device or a socket:
``open()`` on a FIFO with no writer blocks forever, and ``/dev/zero`` never
ends. The file is opened without blocking (``O_NONBLOCK``) and its type is
checked on the open descriptor (no window between check and use), so a
non-regular file is refused at once. The refusal is an :class:`OSError`
whose ``strerror`` is the one-line reason, so every caller's existing
"cannot read: ..." handling turns it into its own error type.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


class NotRegularFile(OSError):
    """The path exists but is not a regular file (``strerror`` says what it is)."""


def open_regular(path: str | Path) -> BinaryIO:
    """``open(path, "rb")`` for a regular file; :class:`NotRegularFile` otherwise
    (other failures raise the usual :class:`OSError`)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(errno.EINVAL, f"is {_kind(mode)}, not a regular file", str(path))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str | Path, max_bytes: int) -> bytes:
    """At most ``max_bytes + 1`` bytes of a regular file (one more than allowed,
    so the caller can tell a file over its limit without reading all of it)."""
    with open_regular(path) as handle:
        return handle.read(max_bytes + 1)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"
