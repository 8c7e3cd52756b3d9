"""direct_init: a frozen dataclass built through its own __dict__ is the same object."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from consistency.policy.extract.frozen_init import direct_init
from consistency.policy.extract.lexicon import Match
from consistency.policy.extract.negation import Event


@direct_init
@dataclasses.dataclass(frozen=True)
class _Point:
    x: int
    y: int = 0
    label: str = "origin"


def test_same_values_defaults_and_equality_as_the_generated_init():
    @dataclasses.dataclass(frozen=True)
    class Generated:
        x: int
        y: int = 0
        label: str = "origin"

    for args, kwargs in (((1,), {}), ((1, 2), {}), ((1,), {"label": "a"}), ((), {"x": 3, "y": 4})):
        mine, theirs = _Point(*args, **kwargs), Generated(*args, **kwargs)
        assert dataclasses.astuple(mine) == dataclasses.astuple(theirs)
    assert _Point(1) == _Point(1, 0, "origin") and hash(_Point(1)) == hash(_Point(1, 0))
    assert _Point(1) != _Point(2)
    with pytest.raises(TypeError):
        _Point()  # a field without a default is still required


def test_still_frozen_replaceable_and_picklable():
    point = _Point(1, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 5  # type: ignore[misc]
    assert dataclasses.replace(point, y=7) == _Point(1, 7)
    assert pickle.loads(pickle.dumps(point)) == point


def test_the_readers_classes_keep_their_fields():
    event = Event("comma", 3)
    assert (event.kind, event.index, event.action, event.ref, event.verb_follows) == (
        "comma",
        3,
        None,
        None,
        False,
    )
    match = Match(0, 5, 0, 1, ())
    assert match.roles == frozenset() and match == Match(
        0, 5, 0, 1, (), frozenset({"action"})
    )  # roles not compared


def test_refuses_what_it_cannot_build():
    with pytest.raises(TypeError):

        @direct_init
        @dataclasses.dataclass(frozen=True)
        class _Listed:
            items: list = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError):

        @direct_init
        @dataclasses.dataclass
        class _Mutable:
            x: int
