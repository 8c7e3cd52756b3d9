"""The reader on the labelled policies of tests/data/policies (txt, md, html, pdf,
bilingual, GBK, UTF-16, mojibake): every one reads, keeps its invariants, and the
encoding accidents its notes describe are undone."""

from __future__ import annotations

import pytest

from consistency.policy.document.read import read_document
from tests.helpers.paths import TEST_DATA

POLICIES = TEST_DATA / "policies"
FILES = sorted(p for p in POLICIES.glob("*") if p.is_file() and p.suffix in (".txt", ".md", ".html", ".pdf"))
EXPECTED_FORMAT = {".txt": "text", ".md": "markdown", ".html": "html", ".pdf": "pdf"}


@pytest.mark.skipif(not FILES, reason="no labelled policies yet")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_labelled_policy_reads(path):
    document = read_document(path)
    assert document.format == EXPECTED_FORMAT[path.suffix]
    assert len(document.sentences) >= 5
    for sentence in document.sentences:
        assert document.text[sentence.start : sentence.end] == sentence.text
    assert read_document(document.text.encode()).text == document.text
    assert "\ufffd" not in document.text


def _policy(name: str):
    path = POLICIES / name
    if not path.is_file():
        pytest.skip(f"{name} is not in the labelled set")
    return path, read_document(path)


def test_gbk_policy_is_decoded():
    path, document = _policy("gbk_reader.txt")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    assert document.encoding == "gb18030"
    assert "银行卡" in document.text  # its notes quote "不会收集银行卡信息"
    assert any("GB18030" in w for w in document.warnings)


def test_utf16_policy_is_decoded():
    path, document = _policy("utf16_vpn.txt")
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert document.encoding.startswith("utf-16")
    assert "\x00" not in document.text and "\ufeff" not in document.text


def test_mojibake_policy_is_repaired():
    path, document = _policy("mojibake_scanner.txt")
    raw = path.read_text(encoding="utf-8")
    assert "â€™" in raw and "ï‚·" in raw
    for garbage in ("â€", "ï‚·", "Ã"):
        assert garbage not in document.text
    assert any("mojibake" in w for w in document.warnings)
    # the negation hidden in the mojibake is readable again
    assert any("don't upload your scans" in s.text for s in document.sentences)
