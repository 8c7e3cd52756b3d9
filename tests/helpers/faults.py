"""Switch on the test-only fault hook (``tests/helpers/fault_hook``) for the
processes a test starts: the hook's folder goes first on ``PYTHONPATH`` and the
faults into ``CONSISTENCY_TEST_FAULTS``, both inherited by scan workers."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pytest

HOOK_DIR = Path(__file__).resolve().parent / "fault_hook"
ENV = "CONSISTENCY_TEST_FAULTS"


def _pythonpath(environ: Mapping[str, str]) -> str:
    return os.pathsep.join(p for p in (str(HOOK_DIR), environ.get("PYTHONPATH", "")) if p)


def fault_env(spec: str, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """An environment for a subprocess whose scan workers misbehave as ``spec`` says."""
    environ = dict(os.environ if base is None else base)
    return {**environ, "PYTHONPATH": _pythonpath(environ), ENV: spec}


def install_faults(patch: pytest.MonkeyPatch, spec: str) -> None:
    """Make the worker processes this test starts misbehave as ``spec`` says."""
    patch.setenv("PYTHONPATH", _pythonpath(os.environ))
    patch.setenv(ENV, spec)
