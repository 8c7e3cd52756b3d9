"""StatementSet: statements each once, compared only with those about the same sentence."""

from __future__ import annotations

from consistency.models import DataMention, Sentence, Statement
from consistency.policy.extract.aggregate import StatementSet


def _statement(text: str, start: int, actions=("collect",)) -> Statement:
    sentence = Sentence(text, start, start + len(text))
    data = (DataMention(("personal.email",), "exact", "email address", start, start + 13),)
    return Statement(sentence, data, (), frozenset(actions), frozenset())


def test_equal_statements_are_kept_once_in_first_order():
    a, b = _statement("email address we collect", 0), _statement("email address we keep", 40)
    again = _statement("email address we collect", 0)  # equal to a, another object
    found = StatementSet([a, b])
    assert found.add(again) is False and found.add(b) is False
    assert found.order == [a, b] and found.order[0] is a
    assert again in found and _statement("email address", 90) not in found


def test_statements_about_one_sentence_that_differ_are_both_kept():
    collected = _statement("email address we collect", 0)
    shared = _statement("email address we collect", 0, actions=("share",))
    found = StatementSet([collected, shared, collected])
    assert found.order == [collected, shared]
    assert found.order == list(dict.fromkeys([collected, shared, collected]))  # what a dict would keep
