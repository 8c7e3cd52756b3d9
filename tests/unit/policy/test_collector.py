"""The collector pause around a reading (``consistency.policy.collector``)."""

from __future__ import annotations

import gc

import pytest

from consistency.policy import read_policy
from consistency.policy.collector import collector_paused
from tests.helpers.policy_docs import builtin_mappings


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_inside_and_back_on_after(collector_on):
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_back_on_after_an_error(collector_on):
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("bad input")
    assert gc.isenabled()


def test_a_caller_who_turned_it_off_keeps_it_off(collector_on):
    gc.disable()
    with collector_paused():
        with collector_paused():  # a reading inside a reading
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_a_reading_leaves_the_collector_as_it_found_it(collector_on, tmp_path):
    path = tmp_path / "policy.txt"
    path.write_text("We collect your email address.\n\n我们不会收集您的位置信息。\n", encoding="utf-8")
    reading = read_policy(path, builtin_mappings())
    assert reading.statements
    assert gc.isenabled()
    gc.disable()
    read_policy(path, builtin_mappings())
    assert not gc.isenabled()
