"""Every example sentence of the phrase tables, through the real policy matcher.

``datatypes.yaml`` and ``parties.yaml`` entries carry ``examples.match`` (sentences
that name the entry) and ``examples.no_match`` (near misses); ``statements.yaml``
cue groups carry sentences that contain one of their cues and near misses that
do not. Each sentence is scanned by :mod:`consistency.policy.extract.lexicon` with the
whole compiled lexicon, so longest-match-wins and ``exclude`` phrases are part
of what is tested, exactly as a policy would be read.
"""

from __future__ import annotations

import pytest

from consistency.policy.extract.containment import by_first_word, phrase_at
from consistency.policy.extract.lexicon import (
    CUE_ROLES,
    CueEntry,
    DataEntry,
    PartyEntry,
    phrase_tokens,
    tokenize,
)
from tests.helpers.policy_docs import builtin_mappings


def _cases() -> list[tuple[str, str, str, bool]]:
    """(test id, source tag the lexicon gives the entry, sentence, must match)."""
    tables = builtin_mappings()
    cases: list[tuple[str, str, str, bool]] = []

    def add(tag: str, examples) -> None:
        for i, sentence in enumerate(examples.match):
            cases.append((f"{tag}-match{i}", tag, sentence, True))
        for i, sentence in enumerate(examples.no_match):
            cases.append((f"{tag}-no_match{i}", tag, sentence, False))

    datatypes = tables.datatypes
    for spec in datatypes.datatypes:
        add(f"datatype:{spec.id}", spec.examples)
    for spec in datatypes.categories:
        add(f"category:{spec.id}", spec.examples)
    for spec in datatypes.broad_terms:
        add(f"broad:{spec.id}", spec.examples)
    add("catch_all", datatypes.catch_all.examples)
    for spec in tables.parties.categories:
        add(f"party_category:{spec.id}", spec.examples)
    add("party_catch_all", tables.parties.catch_all.examples)
    statements = tables.statements
    for spec in statements.actions:
        add(f"action:{spec.action}", spec.examples)
    for group, role in CUE_ROLES.items():
        spec = getattr(statements, group)
        if spec is not None:  # optional groups a table may leave out
            add(f"cue:{role}", spec.examples)
    for index, pair in enumerate(statements.paired_negations):
        add(f"paired:{index}", pair.examples)
    return cases


CASES = _cases()


def _tags(sentence: str) -> set[str]:
    """The source tags of everything the real matcher finds in a sentence."""
    _tokens, mentions, cues = builtin_mappings().lexicon.scan(sentence)
    tags = set()
    for match in (*mentions, *cues):
        for entry in match.entries:
            if isinstance(entry, (DataEntry, PartyEntry, CueEntry)):
                tags.add(entry.source)
    return tags


def test_every_statements_group_is_exercised():
    statements = builtin_mappings().statements
    groups = {group for group in CUE_ROLES if getattr(statements, group) is not None}
    tags = {tag for _id, tag, _s, must in CASES if must}
    missing = sorted(group for group in groups if f"cue:{CUE_ROLES[group]}" not in tags)
    assert not missing, f"cue groups without a match example: {missing}"


@pytest.mark.parametrize(("tag", "sentence", "must_match"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_example_sentence(tag, sentence, must_match):
    found = _tags(sentence)
    if must_match:
        assert tag in found, f"{sentence!r} should be read as {tag}; found {sorted(found)}"
    else:
        assert tag not in found, f"{sentence!r} must not be read as {tag}; found {sorted(found)}"


def _word_group_cases() -> list[tuple[str, str, str, bool]]:
    """(test id, group, sentence, must match) for the groups the containment reader
    matches on whole words itself rather than through the lexicon."""
    statements = builtin_mappings().statements
    cases = []
    for group in CONTAINMENT_GROUPS:
        examples = getattr(statements, group).examples
        cases += [(f"{group}-match{i}", group, s, True) for i, s in enumerate(examples.match)]
        cases += [(f"{group}-no_match{i}", group, s, False) for i, s in enumerate(examples.no_match)]
    return cases


CONTAINMENT_GROUPS = ("containment_links", "container_heads")
WORD_CASES = _word_group_cases()


def test_every_containment_group_has_examples_both_ways():
    for group in CONTAINMENT_GROUPS:
        musts = {must for _id, g, _s, must in WORD_CASES if g == group}
        assert musts == {True, False}, group


@pytest.mark.parametrize(
    ("group", "sentence", "must_match"), [c[1:] for c in WORD_CASES], ids=[c[0] for c in WORD_CASES]
)
def test_containment_word_example(group, sentence, must_match):
    phrases = by_first_word(
        phrase_tokens(p) for p in getattr(builtin_mappings().statements, group).phrases.all()
    )
    tokens = tokenize(sentence)
    found = any(phrase_at(tokens, i, phrases) for i in range(len(tokens)))
    assert found == must_match, f"{sentence!r}: {group} {'not ' if must_match else ''}found"
