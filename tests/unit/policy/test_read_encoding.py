"""Decoding: the encodings real policies are saved in, mojibake, and binary input."""

from __future__ import annotations

import pytest

from consistency.errors import PolicyReadError
from consistency.policy.document.read import read_document

EN = "Privacy Policy\n\nWe collect your location. We never sell it.\n"
ZH = "隐私政策\n\n我们会收集您的位置信息，用于提供附近的服务。我们不会出售您的个人信息。\n"
MIXED = "Privacy Policy\n\nWe collect your location. 我们收集您的位置信息。\n"


def _read(tmp_path, data: bytes, name: str = "policy.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return read_document(path)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b"\xff\xfe" + MIXED.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + MIXED.encode("utf-16-be"), "utf-16-be"),
        (b"\xef\xbb\xbf" + MIXED.encode("utf-8"), "utf-8"),
        (MIXED.encode("utf-16-le"), "utf-16-le"),
        (MIXED.encode("utf-16-be"), "utf-16-be"),
        (MIXED.encode("utf-32-le"), "utf-32-le"),
    ],
    ids=["utf16le-bom", "utf16be-bom", "utf8-bom", "utf16le", "utf16be", "utf32le"],
)
def test_unicode_encodings_with_and_without_bom(tmp_path, data, encoding):
    document = _read(tmp_path, data)
    assert document.encoding == encoding
    assert document.text == "Privacy Policy\n\nWe collect your location. 我们收集您的位置信息。"
    assert [s.text for s in document.sentences] == [
        "Privacy Policy",
        "We collect your location.",
        "我们收集您的位置信息。",
    ]
    assert "\ufeff" not in document.text
    if not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        assert any("no byte order mark" in w for w in document.warnings)


def test_utf16_without_bom_of_chinese_only_text(tmp_path):
    document = _read(tmp_path, ZH.encode("utf-16-le"))
    assert document.encoding == "utf-16-le"
    assert "我们会收集您的位置信息,用于提供附近的服务。" in document.text  # full-width comma normalised


@pytest.mark.parametrize("codec", ["gb18030", "gbk"])
def test_gb18030_and_gbk(tmp_path, codec):
    document = _read(tmp_path, ZH.encode(codec))
    assert document.encoding == "gb18030"
    assert [s.text for s in document.sentences] == [
        "隐私政策",
        "我们会收集您的位置信息,用于提供附近的服务。",
        "我们不会出售您的个人信息。",
    ]
    assert any("GB18030" in w for w in document.warnings)


def test_big5(tmp_path):
    document = _read(tmp_path, "隱私政策\n\n我們會收集您的位置資訊，用於提供附近的服務。\n".encode("big5"))
    assert document.encoding == "big5"
    assert document.sentences[1].text == "我們會收集您的位置資訊,用於提供附近的服務。"


def test_latin1_accents(tmp_path):
    document = _read(
        tmp_path, "Politique de confidentialité\n\nNous collectons votre adresse e-mail.\n".encode("latin-1")
    )
    assert document.encoding in ("cp1252", "latin-1")
    assert document.sentences[0].text == "Politique de confidentialité"


def test_cp1252_curly_quotes_become_straight(tmp_path):
    raw = "We\u2019ll collect your \u201clocation\u201d \u2013 only with consent.\n".encode("cp1252")
    document = _read(tmp_path, raw)
    assert document.encoding == "cp1252"
    assert document.text == 'We\'ll collect your "location" - only with consent.'


def test_double_encoded_utf8_mojibake_is_repaired_and_reported(tmp_path):
    garbled = (
        "We\u2019ll collect your location.\nWe don\u2019t sell it.\n".encode("utf-8")
        .decode("cp1252")
        .encode("utf-8")
    )
    assert "Weâ€™ll".encode() in garbled
    document = _read(tmp_path, garbled)
    assert document.encoding == "utf-8"
    assert document.text == "We'll collect your location.\n\nWe don't sell it."
    warning = next(w for w in document.warnings if "mojibake" in w)
    assert "2 line(s)" in warning and "sloppy-windows-1252" in warning


def test_correct_non_ascii_text_is_not_touched_by_the_repair(tmp_path):
    document = _read(tmp_path, "Café résumé naïve: 我们收集位置信息。\n".encode())
    assert document.text == "Café résumé naïve: 我们收集位置信息。"
    assert document.warnings == ()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(300), "ZIP archive"),
        (b"\x7fELF\x02\x01\x01" + bytes(300), "ELF"),
        (b"dex\n035\x00" + bytes(300), "DEX"),
    ],
    ids=["png", "apk", "elf", "dex"],
)
def test_binary_files_are_refused_by_kind(tmp_path, data, kind):
    with pytest.raises(PolicyReadError) as info:
        _read(tmp_path, data, "policy.txt")
    message = str(info.value)
    assert "binary file" in message and kind in message and "\n" not in message
    assert message.startswith(str(tmp_path))


def test_real_apk_given_as_policy_is_refused(tmp_path):
    import zipfile

    path = tmp_path / "app.apk"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("AndroidManifest.xml", b"\x03\x00\x08\x00" + bytes(64))
        archive.writestr("classes.dex", b"dex\n035\x00" + bytes(64))
    with pytest.raises(PolicyReadError, match="binary file .*APK"):
        read_document(path)


def test_nul_heavy_and_random_bytes_are_refused(tmp_path):
    with pytest.raises(PolicyReadError, match="binary file"):
        _read(tmp_path, b"abc\x00\x00\x01def\x00" * 200)
    with pytest.raises(PolicyReadError, match="undecodable|binary"):
        _read(tmp_path, bytes(range(1, 256)) * 64)


def test_unit_repair_skips_ftfy_only_where_ftfy_would_change_nothing():
    """``repair_unit`` asks first whether ftfy could change a unit (to spare a Chinese
    policy ftfy's set-up on every line); its answer must be ftfy's own, on real
    policy lines and on garbled ones alike."""
    from pathlib import Path

    import ftfy

    from consistency.policy.document.repair import (
        _SYMBOL_FONT_MOJIBAKE,
        _config,
        _symbol_font_bullet,
        repair_unit,
        unit_repair_config,
    )

    folder = Path(__file__).resolve().parents[2] / "data" / "policies"
    lines = [
        line
        for path in sorted(folder.glob("*"))
        if path.suffix in (".txt", ".md", ".html")
        for line in path.read_text(encoding="utf-8", errors="replace").split("\n")
        if not line.isascii()
    ]
    garbled = [
        "Weâ€™ll collect your location",
        "Ã la carte",
        "voilÃ le travail",
        "cafÃ© menu",
        "C1 control \x85 in a line",
        "a lone surrogate \ud800 here",
        "œ at the end: œ",
        "line one\nsÃ³ on line two",
    ]
    assert len(lines) > 100  # the labelled set has Chinese and accented policies
    shared = unit_repair_config()  # what segment builds once per document
    for line in [*lines, *garbled]:
        bullets_done = _SYMBOL_FONT_MOJIBAKE.sub(_symbol_font_bullet, line)  # repair_unit's own step
        expected = ftfy.fix_text(bullets_done, _config())
        assert repair_unit(line) == expected == repair_unit(line, shared), line
    assert all(repair_unit(g) != g for g in garbled[:5])
