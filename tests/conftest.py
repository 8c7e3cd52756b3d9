"""Suite-wide set-up.

* The parse cache of the mapping tables lives in a temporary directory for the
  whole run (and the processes the tests start inherit it), so the suite never
  reads or writes the user's real ``~/.cache``.
* ``CONSISTENCY_FUZZ_EXAMPLES`` (an int) sets how many examples every Hypothesis
  property test without its own ``max_examples`` tries (every fuzz target under
  ``tests/fuzz``): ``make fuzz`` raises it, ``make test`` keeps Hypothesis' small
  default. The profile is loaded here, before any test module is imported, since
  a ``settings(...)`` object inherits what it does not set from the profile
  current when it is created.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest
from hypothesis import settings

_CACHE_ENV = "CONSISTENCY_CACHE_DIR"
FUZZ_EXAMPLES_ENV = "CONSISTENCY_FUZZ_EXAMPLES"

if os.environ.get(FUZZ_EXAMPLES_ENV, "").strip():
    settings.register_profile("fuzz-budget", max_examples=int(os.environ[FUZZ_EXAMPLES_ENV]), deadline=None)
    settings.load_profile("fuzz-budget")


def pytest_configure(config: pytest.Config) -> None:
    # set before collection: some test modules load the tables at import time
    directory = tempfile.mkdtemp(prefix="consistency-test-cache-")
    config.stash[_cache_key] = (directory, os.environ.get(_CACHE_ENV))
    os.environ[_CACHE_ENV] = directory


def pytest_unconfigure(config: pytest.Config) -> None:
    directory, previous = config.stash.get(_cache_key, (None, None))
    if directory is None:
        return
    shutil.rmtree(directory, ignore_errors=True)
    if previous is None:
        os.environ.pop(_CACHE_ENV, None)
    else:
        os.environ[_CACHE_ENV] = previous


_cache_key = pytest.StashKey[tuple[str, "str | None"]]()
