"""CharMap: a translation table applied only where it maps something."""

from __future__ import annotations

import pytest

from consistency.policy.charmap import CharMap
from consistency.policy.document.normalize import normalize_text
from consistency.policy.extract.hanzi import fold_chinese

TABLE = CharMap(str.maketrans({"\u2019": "'", "①": "(1)", "\u00ad": None}))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we don\u2019t sell", "we don't sell"),  # one character to one
        ("① 位置信息", "(1) 位置信息"),  # to several
        ("pri\u00advacy", "privacy"),  # deleted
        ("我们收集您的位置信息", "我们收集您的位置信息"),  # nothing mapped
        ("", ""),
    ],
)
def test_applies_the_table_exactly_as_translate(text, expected):
    assert TABLE.apply(text) == expected == text.translate(TABLE.table)


def test_unmapped_text_is_returned_as_it_is():
    text = "我们不会收集您的通讯录"
    assert TABLE.apply(text) is text


def test_the_readers_tables_still_apply():
    assert fold_chinese("我們會蒐集您的個人資料") == "我们会收集您的个人资料"
    assert fold_chinese("我们会收集您的个人资料") == "我们会收集您的个人资料"
    assert normalize_text("\u2460 we don\u2019t \u2014 ever") == "(1) we don't - ever"
