"""Fault injection for the batch tests, and for nothing else.

The worker's failure handling (timeouts, dead workers, memory limits) can only
be tested with items that really hang, die or eat memory, and no honest APK
does that on demand. So :func:`inject` lets a test name items that misbehave,
through one environment variable that worker processes inherit (local pool and
Dask LocalCluster alike)::

    CONSISTENCY_BATCH_FAULTS="hang:slow-*,exit:crash-1,hog:hog-*,delay=0.05:*"

Each entry is ``MODE[=ARG]:PATTERN`` (``fnmatch`` on the item id). Modes:
``hang`` sleeps for an hour, ``exit`` ends the process with ``os._exit(70)``,
``kill`` sends the process SIGKILL, ``hog`` allocates memory until the worker's
limit stops it, ``delay=SECONDS`` sleeps that long then runs the item normally
(to slow a scan down enough to interrupt it). Unset, it costs one dictionary
lookup per item.
"""

from __future__ import annotations

import fnmatch
import os
import signal
import time

ENV = "CONSISTENCY_BATCH_FAULTS"
_HOG_BLOCK = 16 << 20
_HOG_CAP_UNLIMITED = 1 << 30
"""Without an address-space limit a hog stops at 1 GiB and raises MemoryError
itself, so a mistaken in-process run cannot exhaust the test machine."""


def inject(item_id: str) -> None:
    spec = os.environ.get(ENV)
    if not spec:
        return
    for entry in spec.split(","):
        mode, _, pattern = entry.strip().partition(":")
        if pattern and fnmatch.fnmatchcase(item_id, pattern):
            _misbehave(mode)


def _misbehave(mode: str) -> None:
    name, _, arg = mode.partition("=")
    if name == "hang":
        time.sleep(3600)
    elif name == "exit":
        os._exit(70)
    elif name == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif name == "hog":
        _hog()
    elif name == "delay":
        time.sleep(float(arg or "0.05"))


def _hog() -> None:
    from .memory import address_space_limited

    blocks = []
    limited = address_space_limited()
    while limited or len(blocks) * _HOG_BLOCK < _HOG_CAP_UNLIMITED:
        blocks.append(bytearray(_HOG_BLOCK))
    raise MemoryError("hog stopped at its cap")
