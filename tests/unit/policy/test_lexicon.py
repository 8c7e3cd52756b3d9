"""The compiled policy lexicon: tokens, word boundaries, longest match, Chinese
substrings, and that every table contributes its phrases."""

from __future__ import annotations

import pickle

from consistency.mappings import load_mappings
from consistency.policy.extract.lexicon import (
    CueEntry,
    DataEntry,
    PartyEntry,
    compile_lexicon,
    phrase_tokens,
    tokenize,
)
from tests.helpers.policy_docs import builtin_mappings


def lexicon():
    return builtin_mappings().lexicon


def mentions(text: str) -> list[tuple[str, tuple]]:
    """(phrase as written, its entries) for every mention in text."""
    _tokens, found, _cues = lexicon().scan(text)
    return [(text[m.start : m.end], m.entries) for m in found]


def data_phrases(text: str) -> dict[str, set[str]]:
    return {
        phrase: {t for e in entries if isinstance(e, DataEntry) for t in e.data_types}
        for phrase, entries in mentions(text)
        if any(isinstance(e, DataEntry) for e in entries)
    }


def cue_roles(text: str) -> list[tuple[str, str]]:
    _tokens, _found, cues = lexicon().scan(text)
    return [(text[c.start : c.end], e.role) for c in cues for e in c.entries if isinstance(e, CueEntry)]


def test_tokens_keep_offsets_and_fold_case_and_apostrophes():
    text = "We DON’T sell your e-mail; 我们收集"
    tokens = tokenize(text, offset=100)
    assert [t.text for t in tokens] == [
        "we",
        "don't",
        "sell",
        "your",
        "e",
        "mail",
        ";",
        "我",
        "们",
        "收",
        "集",
    ]
    for token in tokens:
        assert text[token.start - 100 : token.end - 100].lower().replace("’", "'") == token.text


def test_phrase_tokens_drop_hyphens_and_keep_wildcards():
    assert phrase_tokens("third-party SDK*") == ("third", "party", "sdk*")
    assert phrase_tokens("第三方SDK") == ("第", "三", "方", "sdk")


def test_longest_match_wins():
    found = data_phrases("We collect your precise location.")
    assert list(found) == ["precise location"]
    assert found["precise location"] == {"location.precise"}


def test_words_match_on_boundaries_only():
    assert data_phrases("The allocation of resources is fair.") == {}


def test_matching_ignores_case():
    assert "location.precise" in {
        t for ts in data_phrases("WE COLLECT YOUR PRECISE LOCATION").values() for t in ts
    }


def test_chinese_matches_as_substring():
    types = {t for ts in data_phrases("我们会收集您的精确位置信息。").values() for t in ts}
    assert "location.precise" in types


def test_wildcard_words_match_inflections():
    roles = cue_roles("Data collected by us")
    assert ("collected", "action") in roles


def test_cue_inside_a_data_phrase_is_dropped():
    roles = cue_roles("We keep crash logs.")
    assert ("logs", "action") not in roles


def test_longest_cue_wins_over_the_negation_inside_it():
    roles = dict(cue_roles("including but not limited to"))
    assert roles.get("not limited to") == "negation_exception"
    assert "not" not in roles


def test_permission_names_are_exact_mentions_via_permission():
    mappings = builtin_mappings()
    permission = next(p for p in mappings.permissions.permissions if p.data_types and p.policy_names.en)
    phrase = permission.policy_names.en[0]
    found = mentions(f"The app requests the {phrase}.")
    entries = [e for _p, es in found for e in es if isinstance(e, DataEntry)]
    assert any(
        e.via_permission == permission.name and set(permission.data_types) <= set(e.data_types)
        for e in entries
    )


def test_sdk_names_are_party_mentions():
    mappings = builtin_mappings()
    sdk = next(s for s in mappings.sdks.sdks if s.policy_names.en)
    found = mentions(f"We use {sdk.policy_names.en[0]} in the app.")
    assert any(
        isinstance(e, PartyEntry) and e.kind == "sdk" and e.id == sdk.id for _p, es in found for e in es
    )


def test_every_category_phrase_covers_all_its_types():
    mappings = builtin_mappings()
    category = next(c for c in mappings.datatypes.categories if c.phrases.en)
    members = {d.id for d in mappings.datatypes.datatypes if d.category == category.id}
    found = mentions(f"about {category.phrases.en[0]} here")
    entries = [
        e
        for _p, es in found
        for e in es
        if isinstance(e, DataEntry) and e.source == f"category:{category.id}"
    ]
    assert entries and set(entries[0].data_types) == members and entries[0].level == "exact"


def test_compiled_once_per_knowledge_object_and_shipped_with_it():
    mappings = load_mappings()
    assert mappings.lexicon is mappings.lexicon
    assert load_mappings().lexicon is not mappings.lexicon, "two loads share nothing"
    shipped = pickle.loads(pickle.dumps(mappings.compiled()))
    assert "lexicon" in vars(shipped), "the compiled lexicon travels with the object"
    fresh = compile_lexicon(mappings)
    text = "We collect your precise location and share it with advertisers."
    assert [m.entries for m in fresh.scan(text)[1]] == [m.entries for m in shipped.lexicon.scan(text)[1]]
