"""Markdown policies: headings, lists, tables and inline markup."""

from __future__ import annotations

from consistency.policy.document.read import read_document

POLICY = """---
title: Privacy
---
# Privacy Policy

We collect **your location** and [device identifiers](https://example.com/ids) (e.g. `IMEI`).
This line continues the paragraph.

## 1. Data we collect

- Precise location;
* Contacts, with
  a continuation line
1. First numbered
2) Second numbered

**Camera**

Camera photos are _only_ used for QR codes.

| Permission | Purpose |
|------------|---------|
| CAMERA     | Scan QR \\| codes |

Sharing
-------

```
code line one
```

> We do not sell your data.

***
Contact us at <privacy@example.com> &amp; <b>thanks</b>.
"""


def test_markdown_structure_and_inline_markup():
    document = read_document(POLICY.encode(), name="policy.md")
    assert document.format == "markdown"
    units = [(s.kind, s.text, s.section[-1] if s.section else None) for s in document.sentences]
    assert units == [
        ("heading", "Privacy Policy", "Privacy Policy"),
        ("sentence", "We collect your location and device identifiers (e.g. IMEI).", "Privacy Policy"),
        ("sentence", "This line continues the paragraph.", "Privacy Policy"),
        ("heading", "1. Data we collect", "1. Data we collect"),
        ("list_item", "Precise location;", "1. Data we collect"),
        ("list_item", "Contacts, with a continuation line", "1. Data we collect"),
        ("list_item", "First numbered", "1. Data we collect"),
        ("list_item", "Second numbered", "1. Data we collect"),
        ("heading", "Camera", "Camera"),
        ("sentence", "Camera photos are only used for QR codes.", "Camera"),
        ("table_cell", "Permission", "Camera"),
        ("table_cell", "Purpose", "Camera"),
        ("table_cell", "CAMERA", "Camera"),
        ("table_cell", "Scan QR ¦ codes", "Camera"),
        ("heading", "Sharing", "Sharing"),
        ("sentence", "code line one", "Sharing"),
        ("sentence", "We do not sell your data.", "Sharing"),
        ("sentence", "Contact us at privacy@example.com & thanks.", "Sharing"),
    ]
    by_text = {s.text: s for s in document.sentences}
    assert by_text["Camera"].section == ("Privacy Policy", "1. Data we collect", "Camera")
    assert by_text["Sharing"].section == ("Privacy Policy", "Sharing")
    assert "title: Privacy" not in document.text and "```" not in document.text
    assert read_document(document.text.encode()).text == document.text


def test_markdown_detected_from_content_despite_txt_name():
    document = read_document(b"# Policy\n\nWe collect **location**.\n", name="policy.txt")
    assert document.format == "markdown"
    assert document.text == "Policy\n\nWe collect location."


def test_plain_text_named_md_without_markdown_is_read_as_text():
    document = read_document(b"Privacy Policy\n\nWe collect your location.\n", name="policy.md")
    assert document.format == "text"
