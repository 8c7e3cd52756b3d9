"""PDF policies through pdfminer.six, on PDFs assembled by hand (tests/helpers/pdf_builder.py)."""

from __future__ import annotations

import pytest

from consistency.errors import PolicyReadError
from consistency.policy.document.limits import PolicyLimits
from consistency.policy.document.read import read_document
from tests.helpers.pdf_builder import IMAGE_ONLY_STREAM, build_pdf, text_stream

PAGE_ONE = [
    "Privacy Policy",
    "",
    "1. Information we collect",
    "We collect your precise location when you use the map",
    "feature, and your device identifiers (IMEI). We do not",
    "sell your data.",
]
PAGE_TWO = ["2. Sharing", "We share crash logs with Google Firebase Crashlytics."]


def test_text_pdf_is_read_with_structure(tmp_path):
    path = tmp_path / "policy.pdf"
    path.write_bytes(build_pdf([text_stream(PAGE_ONE), text_stream(PAGE_TWO)]))
    document = read_document(path)
    assert document.format == "pdf" and document.encoding == "pdf"
    assert [(s.kind, s.text) for s in document.sentences] == [
        ("heading", "Privacy Policy"),
        ("heading", "1. Information we collect"),
        (
            "sentence",
            "We collect your precise location when you use the map feature, and your device identifiers (IMEI).",
        ),
        ("sentence", "We do not sell your data."),
        ("heading", "2. Sharing"),
        ("sentence", "We share crash logs with Google Firebase Crashlytics."),
    ]
    assert document.sentences[-1].section == ("2. Sharing",)  # the title does not stay open
    for sentence in document.sentences:
        assert document.text[sentence.start : sentence.end] == sentence.text


def test_format_comes_from_the_signature_not_the_name(tmp_path):
    path = tmp_path / "policy.txt"
    path.write_bytes(build_pdf([text_stream(PAGE_TWO)]))
    assert read_document(path).format == "pdf"


def test_pdf_without_text_layer_is_refused():
    with pytest.raises(PolicyReadError, match=r"no text layer \(scanned PDF\?\)"):
        read_document(build_pdf([IMAGE_ONLY_STREAM, IMAGE_ONLY_STREAM]), name="scan.pdf")


def test_encrypted_pdf_is_refused_clearly():
    with pytest.raises(PolicyReadError, match="encrypted PDF"):
        read_document(build_pdf([text_stream(PAGE_TWO)], encrypt=True), name="locked.pdf")


def test_page_bound():
    pdf = build_pdf([text_stream([f"Page {i}."]) for i in range(5)])
    assert len(read_document(pdf, limits=PolicyLimits(max_pdf_pages=5)).sentences) == 5
    with pytest.raises(PolicyReadError, match="more than 4 pages"):
        read_document(pdf, limits=PolicyLimits(max_pdf_pages=4))


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
        b"%PDF-" + bytes(200),
    ],
    ids=["header-only", "no-pages", "nul-body"],
)
def test_malformed_pdf_is_one_line_error(data):
    with pytest.raises(PolicyReadError) as info:
        read_document(data, name="broken.pdf")
    assert "\n" not in str(info.value)


def test_truncated_real_pdf_is_refused_or_read():
    pdf = build_pdf([text_stream(PAGE_ONE)])
    for cut in range(20, len(pdf), 37):
        try:
            document = read_document(pdf[:cut])
        except PolicyReadError as exc:
            assert "\n" not in str(exc)
        else:
            assert document.sentences


def test_pdfminer_complaints_are_warnings_not_stderr(tmp_path):
    """A page without a MediaBox makes pdfminer log a warning; a fresh process (no
    logging configured, so Python's last-resort handler would print it) keeps stderr
    clean and the Document says what happened (issue 14, item 14)."""
    import json
    import subprocess
    import sys

    pdf = build_pdf([text_stream(PAGE_ONE)]).replace(b"/MediaBox [0 0 612 792]", b" " * 23)
    path = tmp_path / "policy.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        [sys.executable, "-m", "consistency", "policy", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    warnings = json.loads(done.stdout)["warnings"]
    assert any("pdfminer reported" in w and "MediaBox" in w for w in warnings)
