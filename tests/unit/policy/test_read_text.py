"""Plain-text structure: headings, numbering depth, lists, wrapped lines, tables."""

from __future__ import annotations

from consistency.policy.document.read import read_document


def _units(text: str):
    document = read_document(text.encode("utf-8"), name="policy.txt")
    assert document.format == "text"
    for sentence in document.sentences:
        assert document.text[sentence.start : sentence.end] == sentence.text
    assert read_document(document.text.encode()).text == document.text
    return document, [(s.kind, s.text) for s in document.sentences]


def test_chinese_numbering_gives_section_depth():
    document, units = _units(
        "隐私政策\n\n"
        "一、我们如何收集信息\n"
        "（一）位置信息\n"
        "我们会收集您的位置信息。我们不会出售您的位置信息！\n"
        "（二）设备信息\n"
        "① 设备型号；\n"
        "② IMEI。\n"
        "二、我们如何共享信息\n"
        "我们不会与第三方共享。\n"
    )
    assert units == [
        ("heading", "隐私政策"),
        ("heading", "一、我们如何收集信息"),
        ("heading", "(一)位置信息"),
        ("sentence", "我们会收集您的位置信息。"),
        ("sentence", "我们不会出售您的位置信息!"),
        ("heading", "(二)设备信息"),
        ("list_item", "设备型号;"),
        ("list_item", "IMEI。"),
        ("heading", "二、我们如何共享信息"),
        ("sentence", "我们不会与第三方共享。"),
    ]
    sections = {s.text: s.section for s in document.sentences}
    assert sections["IMEI。"] == ("一、我们如何收集信息", "(二)设备信息")
    assert sections["我们不会与第三方共享。"] == ("二、我们如何共享信息",)
    assert "\n(1) 设备型号;\n\n(2) IMEI。" in document.text  # circled numbers keep their list meaning


def test_decimal_numbering_depth():
    document, units = _units(
        "1. Information We Collect\n\n"
        "1.1 Location\n\nWe collect your precise location.\n\n"
        "1.2 Device Data\n\nWe collect your IMEI.\n\n"
        "2. Sharing\n\nWe share nothing.\n"
    )
    sections = {s.text: s.section for s in document.sentences}
    assert sections["We collect your IMEI."] == ("1. Information We Collect", "1.2 Device Data")
    assert sections["We share nothing."] == ("2. Sharing",)


def test_hard_wrapped_paragraphs_are_joined():
    _, units = _units(
        "Our services have optional features that, if you use them, require us to collect additional\n"
        "information in order to provide such features. The data is sent to\n"
        "Google Analytics and\n"
        "Firebase.\n"
        "We will get your browser type\n"
        "We will get the MAC address of your device\n"
    )
    assert units == [
        (
            "sentence",
            "Our services have optional features that, if you use them, require us to collect additional "
            "information in order to provide such features.",
        ),
        ("sentence", "The data is sent to Google Analytics and Firebase."),
        ("sentence", "We will get your browser type"),
        ("sentence", "We will get the MAC address of your device"),
    ]


def test_wrapped_chinese_lines_join_without_space():
    _, units = _units(
        "我们会收集您的设备信息，包括设备型号、操作系统版本、设备设置、唯一设备标识符等软硬件特征信息，\n"
        "以及您的位置信息。\n"
    )
    assert units == [
        (
            "sentence",
            "我们会收集您的设备信息,包括设备型号、操作系统版本、设备设置、唯一设备标识符等软硬件特征信息,以及您的位置信息。",
        )
    ]


def test_bullets_and_numbered_lists():
    _, units = _units(
        "We collect:\n"
        "• location\n"
        "- contacts,\n"
        "  including names\n"
        "* photos\n"
        "1. first item;\n"
        "2. second item;\n"
        "(a) alpha item\n"
        "i. roman item\n"
    )
    assert units == [
        ("sentence", "We collect:"),
        ("list_item", "location"),
        ("list_item", "contacts, including names"),
        ("list_item", "photos"),
        ("list_item", "first item;"),
        ("list_item", "second item;"),
        ("list_item", "alpha item"),
        ("list_item", "roman item"),
    ]


def test_tab_separated_and_pipe_tables():
    document, units = _units(
        "Permissions\n\n"
        "Permission\tPurpose\n"
        "CAMERA\tScan QR codes\n"
        "RECORD_AUDIO\tVoice messages\n\n"
        "| SDK | Data |\n| Amap | location |\n"
    )
    cells = [text for kind, text in units if kind == "table_cell"]
    assert cells == [
        "Permission",
        "Purpose",
        "CAMERA",
        "Scan QR codes",
        "RECORD_AUDIO",
        "Voice messages",
        "SDK",
        "Data",
        "Amap",
        "location",
    ]
    assert "| CAMERA | Scan QR codes |\n\n| RECORD_AUDIO | Voice messages |" in document.text


def test_heading_heuristics():
    _, units = _units(
        "PRIVACY NOTICE\n"
        "This notice explains what we do.\n\n"
        "What do we collect?\n"
        "We collect your email address when you register an account with us.\n\n"
        "Use vibration: allowed vibration\n\n"
        "Information Security Specification\n\n"
        "Keep your password safe.\n"
    )
    kinds = dict((text, kind) for kind, text in units)
    assert kinds["PRIVACY NOTICE"] == "heading"
    assert kinds["What do we collect?"] == "heading"
    assert kinds["Use vibration: allowed vibration"] == "sentence"
    assert kinds["Information Security Specification"] == "heading"
    assert kinds["Keep your password safe."] == "sentence"


def test_normalisation_of_characters():
    document, units = _units(
        "We\u2019ll collect \u201cIMEI\u201d\u200b and ＩＭＳＩ \u2013 in\u00adformation\u00a0only.\r\n"
    )
    assert units == [("sentence", 'We\'ll collect "IMEI" and IMSI - information only.')]


def test_title_and_part_headings():
    document, units = _units(
        "Example Privacy Policy\n\n"
        "Part One: Information We Collect\n\n"
        "Location permission\n\n"
        "- Used to find nearby shops.\n\n"
        "Part Two: Sharing\n\n"
        "We share nothing.\n"
    )
    sections = {s.text: s.section for s in document.sentences}
    assert sections["Used to find nearby shops."] == (
        "Part One: Information We Collect",
        "Location permission",
    )
    assert sections["We share nothing."] == ("Part Two: Sharing",)
    assert [text for kind, text in units if kind == "heading"] == [
        "Example Privacy Policy",
        "Part One: Information We Collect",
        "Location permission",
        "Part Two: Sharing",
    ]
