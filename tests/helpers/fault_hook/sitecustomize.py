"""Fault injection for the batch tests, installed only by the test suite.

The worker's failure handling (timeouts, dead workers, memory limits) can only be
tested with items that really hang, die or eat memory, and no honest APK does
that on demand. The installed package has no such switch: the tests put this
folder on ``PYTHONPATH`` (see :func:`tests.helpers.faults.fault_env`), so every
Python process they start (the scan, its sandboxes, Dask workers) imports this
``sitecustomize`` at start-up, which wraps ``consistency.batch.worker.process_item``
when ``CONSISTENCY_TEST_FAULTS`` names faults::

    CONSISTENCY_TEST_FAULTS="hang:slow-*,exit:crash-1,hog:hog-*,delay=0.05:*"

Each entry is ``MODE[=ARG]:PATTERN`` (``fnmatch`` on the item id). ``hang`` sleeps
for an hour, ``exit`` ends the process with ``os._exit(70)``, ``kill`` sends it
SIGKILL, ``hog`` allocates memory until the worker's limit stops it,
``delay=SECONDS`` sleeps that long and then runs the item normally.
"""

from __future__ import annotations

import os

ENV = "CONSISTENCY_TEST_FAULTS"
_HOG_BLOCK = 16 << 20
_HOG_CAP_UNLIMITED = 1 << 30
"""Without an address-space limit a hog stops at 1 GiB and raises MemoryError
itself, so a mistaken in-process run cannot exhaust the test machine."""


def _misbehave(mode: str) -> None:
    import signal
    import time

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
    from consistency.batch.memory import address_space_limited

    blocks = []
    limited = address_space_limited()
    while limited or len(blocks) * _HOG_BLOCK < _HOG_CAP_UNLIMITED:
        blocks.append(bytearray(_HOG_BLOCK))
    raise MemoryError("hog stopped at its cap")


def _install(spec: str) -> None:
    import fnmatch

    from consistency.batch import worker

    original = worker.process_item
    entries = [entry.strip().partition(":") for entry in spec.split(",")]

    def process_item(item, options, tables):  # type: ignore[no-untyped-def]
        for mode, _, pattern in entries:
            if pattern and fnmatch.fnmatchcase(item.item_id, pattern):
                _misbehave(mode)
        return original(item, options, tables)

    worker.process_item = process_item


if os.environ.get(ENV):
    _install(os.environ[ENV])
