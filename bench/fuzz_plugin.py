"""A pytest plugin that times and tallies every input of every Hypothesis test it runs.

Loaded by ``bench/fuzz.py`` in each child (``-p bench.fuzz_plugin``), never by
``make test``. It wraps each test's inner function (``test.hypothesis.inner_test``,
Hypothesis' documented hook for running the body differently), so that:

* every input is timed; one over the hang threshold counts as a hang, and a
  real hang is cut by an alarm after ``FUZZ_HARD_SECONDS`` (then counted too).
  The first input of a target is its warm-up (lazy imports such as androguard,
  compiled tables) and is not counted as a hang, though it is still timed
  (``slowest_s``) and cut by the alarm;
* an exception other than Hypothesis' own control flow counts as a crash and
  is *not* raised, so exploration goes on and one run counts every crash
  instead of stopping at the first and shrinking it;
* at the end, a JSON summary (inputs, crashes with their distinct signatures
  and a sample input, hangs, slowest input, peak RSS of the process) is
  written to the file named by ``FUZZ_REPORT``.
"""

from __future__ import annotations

import functools
import json
import os
import resource
import signal
import time
import traceback
from typing import Any

import pytest

_HANG_SECONDS = float(os.environ.get("FUZZ_HANG_SECONDS", "2"))
_HARD_SECONDS = int(os.environ.get("FUZZ_HARD_SECONDS", "60"))
_SAMPLES = 3


class HardHang(BaseException):
    """Raised by the alarm in an input that runs past ``FUZZ_HARD_SECONDS``."""


class _Tally:
    def __init__(self) -> None:
        self.inputs = 0
        self.crashes = 0
        self.hangs = 0
        self.slowest = 0.0
        self.signatures: dict[str, dict[str, Any]] = {}
        self.hang_samples: list[dict[str, Any]] = []

    def crash(self, exc: BaseException, args: tuple, kwargs: dict) -> None:
        self.crashes += 1
        frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        where = f"{os.path.basename(frame.filename)}:{frame.lineno}" if frame else "?"
        signature = f"{type(exc).__name__} at {where}"
        entry = self.signatures.setdefault(
            signature, {"count": 0, "message": str(exc)[:300], "input": _sample(args, kwargs)}
        )
        entry["count"] += 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            "crashes": self.crashes,
            "hangs": self.hangs,
            "slowest_s": round(self.slowest, 3),
            "signatures": self.signatures,
            "hang_samples": self.hang_samples,
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }


_TALLY = _Tally()


def _sample(args: tuple, kwargs: dict) -> str:
    shown = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items() if k != "tmp_path"]
    return ", ".join(shown)[:2000]


def _on_alarm(signum: int, frame: Any) -> None:
    raise HardHang(f"input ran past {_HARD_SECONDS} s")


def _timed(inner):
    from hypothesis.errors import HypothesisException

    @functools.wraps(inner)
    def run(*args: Any, **kwargs: Any) -> None:
        _TALLY.inputs += 1
        signal.signal(signal.SIGALRM, _on_alarm)
        signal.alarm(_HARD_SECONDS)
        started = time.perf_counter()
        try:
            inner(*args, **kwargs)
        except HypothesisException:
            raise  # assume(), rejections: Hypothesis' own control flow
        except (Exception, HardHang) as exc:  # noqa: BLE001 - counting every crash is the point
            if not isinstance(exc, HardHang):
                _TALLY.crash(exc, args, kwargs)
        finally:
            signal.alarm(0)
            elapsed = time.perf_counter() - started
            _TALLY.slowest = max(_TALLY.slowest, elapsed)
            if elapsed > _HANG_SECONDS and _TALLY.inputs > 1:
                _TALLY.hangs += 1
                if len(_TALLY.hang_samples) < _SAMPLES:
                    _TALLY.hang_samples.append({"seconds": round(elapsed, 2), "input": _sample(args, kwargs)})

    return run


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        test = getattr(item, "obj", None)
        handle = getattr(test, "hypothesis", None)
        if handle is not None and not getattr(handle.inner_test, "_fuzz_timed", False):
            handle.inner_test = _timed(handle.inner_test)
            handle.inner_test._fuzz_timed = True


def pytest_sessionfinish(session: pytest.Session) -> None:
    path = os.environ.get("FUZZ_REPORT")
    if path:
        with open(path, "w", encoding="utf-8") as out:
            json.dump(_TALLY.to_dict(), out)
