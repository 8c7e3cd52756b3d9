"""The privacy-policy URL rules (mappings/apk/policy_urls.yaml): every example in
the table behaves as it says, and ranking follows the weights."""

from __future__ import annotations

import pytest

from consistency.apk.policy_urls import PolicyUrlFinder, load_policy_url_rules
from consistency.errors import MappingError

RULES = load_policy_url_rules()


def candidates(name: str, value: str):
    finder = PolicyUrlFinder(RULES)
    if name:
        finder.add_strings([(name, value)])
    else:
        finder.add_text(value, "test")
    return finder.result()


@pytest.mark.parametrize("example", RULES.examples.match, ids=lambda e: e.value[:40])
def test_match_examples_give_a_candidate(example):
    assert candidates(example.name, example.value)


@pytest.mark.parametrize("example", RULES.examples.no_match, ids=lambda e: e.value[:40])
def test_no_match_examples_give_none(example):
    assert candidates(example.name, example.value) == ()


def test_a_named_resource_outranks_a_url_in_code_and_library_policies_drop_out():
    finder = PolicyUrlFinder(RULES)
    finder.add_dex(
        "classes.dex",
        b"\x00\x2ahttps://app.example.org/privacy\x00\x1fhttps://policies.google.com/privacy\x00",
    )
    finder.add_strings([("privacy_policy_url", "https://app.example.org/legal")])
    urls = finder.result()
    assert [u.url for u in urls] == ["https://app.example.org/legal", "https://app.example.org/privacy"]
    assert urls[0].source == "resource string/privacy_policy_url" and urls[1].source == "dex classes.dex"


def test_a_dex_string_is_judged_only_with_its_own_text():
    finder = PolicyUrlFinder(RULES)
    # "privacy" sits in the previous string: another constant, not this URL's context
    finder.add_dex("classes.dex", b"\x00\x0eprivacy policy\x00\x1chttps://app.example.org/shop\x00")
    assert finder.result() == ()


def test_a_broken_rules_file_is_a_mapping_error(tmp_path):
    bad = tmp_path / "policy_urls.yaml"
    bad.write_text("schema_version: 1\nkeywords: ['(']\n", encoding="utf-8")
    with pytest.raises(MappingError):
        load_policy_url_rules(bad)


def test_malformed_yaml_is_a_mapping_error_on_every_load(tmp_path, monkeypatch):
    monkeypatch.setenv("CONSISTENCY_CACHE_DIR", str(tmp_path / "cache"))
    bad = tmp_path / "policy_urls.yaml"
    bad.write_bytes(b"keywords: [unclosed\n")
    for _ in range(2):  # a failed parse is not cached
        with pytest.raises(MappingError, match="invalid policy URL rules"):
            load_policy_url_rules(bad)


def test_rules_read_back_from_the_parse_cache_equal_a_fresh_parse(tmp_path, monkeypatch):
    from consistency.mappings import builtin_mappings_dir

    shipped = (builtin_mappings_dir() / "apk" / "policy_urls.yaml").read_bytes()
    rules = tmp_path / "policy_urls.yaml"
    rules.write_bytes(shipped)
    monkeypatch.setenv("CONSISTENCY_CACHE_DIR", "off")
    fresh = load_policy_url_rules(rules)
    monkeypatch.setenv("CONSISTENCY_CACHE_DIR", str(tmp_path / "cache"))
    assert load_policy_url_rules(rules) == fresh  # computes and stores
    assert list((tmp_path / "cache").glob("policy-urls-*.pickle"))
    assert load_policy_url_rules(rules) == fresh  # read back
    # an edited file has another key: parsed again, and its broken pattern refused
    rules.write_bytes(shipped.replace(b"keywords:\n", b"keywords:\n  - '('\n", 1))
    with pytest.raises(MappingError):
        load_policy_url_rules(rules)
