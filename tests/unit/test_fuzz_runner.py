"""``make fuzz``'s runner counts every crash and hang of a target without stopping at the first."""

from __future__ import annotations

import pytest

from bench.fuzz import run_target, top_up

TARGET = """
import time
from hypothesis import given, settings, strategies as st
import tests.conftest  # the profile every fuzz target gets (this file lies outside tests/)

@settings(database=None, deadline=None)
@given(st.integers(0, 10**6))
def test_target(n):
    if n % 3 == 1:
        raise ValueError("one in three")
    if n % 3 == 2 and n > 10:
        time.sleep(0.06)
"""


@pytest.mark.slow
def test_every_crash_and_hang_is_counted_and_the_budget_is_the_variable(tmp_path, monkeypatch):
    path = tmp_path / "test_target.py"
    path.write_text(TARGET, encoding="utf-8")
    monkeypatch.delenv("CONSISTENCY_FUZZ_EXAMPLES", raising=False)
    result = run_target(f"{path}::test_target", examples=60, hang_seconds=0.05, timeout=300)
    assert result["status"] == 0  # crashes are counted, not raised: the run goes on
    assert result["inputs"] == 60  # the budget reached the child through CONSISTENCY_FUZZ_EXAMPLES
    assert result["crashes"] >= 5 and result["hangs"] >= 5
    assert result["crashes"] + result["hangs"] < result["inputs"]
    (signature,) = result["signatures"]
    assert signature.startswith("ValueError at test_target.py:")
    assert result["signatures"][signature]["count"] == result["crashes"]
    assert result["peak_rss_mib"] > 0


CAPPED = """
from hypothesis import given, settings, strategies as st
import tests.conftest  # the profile every fuzz target gets (this file lies outside tests/)

@settings(database=None, deadline=None)
@given(st.integers())
def test_full(n):
    pass

@settings(database=None, deadline=None, max_examples=5)
@given(st.integers())
def test_capped(n):
    pass
"""


@pytest.mark.slow
def test_a_target_that_caps_its_budget_is_made_up_by_the_others(tmp_path, monkeypatch):
    path = tmp_path / "test_capped.py"
    path.write_text(CAPPED, encoding="utf-8")
    monkeypatch.delenv("CONSISTENCY_FUZZ_EXAMPLES", raising=False)
    full, capped = (f"{path}::{name}" for name in ("test_full", "test_capped"))
    results = [run_target(node, examples=30, hang_seconds=5, timeout=300) for node in (full, capped)]
    assert [r["inputs"] for r in results] == [30, 5]
    assert top_up(results, examples=30, total=60) == (25, 25, [full])
    assert run_target(full, examples=25, hang_seconds=5, timeout=300, seed=1)["inputs"] == 25
    assert top_up(results, examples=30, total=35) == (0, 0, [])
