"""Recognising a policy's language from its text (consistency.policy.extract.language)."""

from __future__ import annotations

from functools import cache

import pytest

from consistency.mappings import load_mappings
from consistency.policy.extract.language import detect_language


@cache
def spec():
    return load_mappings().statements.languages


def _long(text: str) -> str:
    """The examples are one or two sentences; a policy is longer than min_letters."""
    return " ".join([text] * 12)


@pytest.mark.parametrize("example", spec().examples, ids=lambda e: e.language)
def test_examples_in_the_tables(example):
    lang = detect_language(_long(example.text), spec())
    assert lang is not None and lang.id == example.language
    covered = {e.id for e in spec().entries if e.covered}
    assert lang.covered == (example.language in covered)


def test_short_text_is_not_judged():
    assert detect_language("Nous ne collectons rien.", spec()) is None


def test_chinese_with_latin_sdk_names_is_chinese():
    text = _long("我们使用 Firebase Analytics 和 Google AdMob 收集设备信息，用于统计和广告。")
    assert detect_language(text, spec()).id == "zh"


def test_japanese_is_told_from_chinese_by_kana():
    text = _long("当アプリは個人情報を収集しません。広告のために端末の識別子を使用することがあります。")
    lang = detect_language(text, spec())
    assert (lang.id, lang.covered) == ("ja", False)


def test_latin_text_in_no_listed_language_is_undetermined_and_not_covered():
    text = _long("Aplikasi kami tidak mengumpulkan apa pun.").replace("kami", "xq").replace("tidak", "zzv")
    lang = detect_language(text, spec())
    assert lang is not None and not lang.covered


def test_no_language_table_means_no_detection():
    assert detect_language(_long("We collect nothing."), None) is None
