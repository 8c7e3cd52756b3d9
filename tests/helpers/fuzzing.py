"""The settings every fuzz target under tests/fuzz shares.

The example budget is not here: it comes from ``CONSISTENCY_FUZZ_EXAMPLES``
through the Hypothesis profile of tests/conftest.py, so that ``make fuzz`` and
``make test`` set it in one place. Here: no per-input deadline (``make fuzz``
times every input itself and counts the slow ones as hangs), and no health
check that would stop a slow input generator or a target using tmp_path.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
