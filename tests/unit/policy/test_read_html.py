"""HTML policies: structure kept, page furniture dropped, hostile markup harmless."""

from __future__ import annotations

import socket
import time

import pytest

from consistency.errors import PolicyReadError
from consistency.policy.document.read import read_document

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Example - Privacy</title>
<style>.banner { color: red } body::before { content: "STYLE TEXT" }</style>
<script>var tracking = "SCRIPT TEXT"; document.write("<p>WRITTEN</p>");</script>
</head>
<body>
<header><div class="logo">HEADER TEXT</div><nav><a href="/">NAV TEXT</a></nav></header>
<div id="onetrust-consent-sdk" class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<aside class="sidebar">SIDEBAR TEXT</aside>
<noscript>NOSCRIPT TEXT</noscript>
<template><p>TEMPLATE TEXT</p></template>
<svg><text>SVG TEXT</text></svg>
<form><label>FORM TEXT</label><input value="x"></form>
<div style="display: none">HIDDEN STYLE TEXT</div>
<div hidden>HIDDEN ATTRIBUTE TEXT</div>
<p aria-hidden="true">ARIA HIDDEN TEXT</p>
<!-- COMMENT TEXT -->
<div class="content">
  <h1>Privacy Policy</h1>
  <p>We collect your <b>precise location</b> when you use the map.
     We do not sell your data.</p>
  <h2>1. Information we collect</h2>
  <ul>
    <li>Device identifiers (e.g. IMEI);</li>
    <li>Contacts
      <ul><li>names</li><li>phone numbers</li></ul>
    </li>
  </ul>
  <ol start="3"><li>Third item</li><li>Fourth item</li></ol>
  <p><strong>Camera</strong></p>
  <p>We use the camera to scan QR codes.<br>• A bullet written by hand<br>Another line</p>
  <table>
    <tr><th>Permission</th><th>Purpose</th></tr>
    <tr><td>CAMERA</td><td>Scan QR codes</td></tr>
  </table>
  <h2>2. Cookies</h2>
  <section id="cookies"><p>We use cookies to remember your language.</p></section>
</div>
<footer>FOOTER TEXT</footer>
</body></html>
"""


def _read(html: str | bytes, name: str = "policy.html"):
    data = html.encode("utf-8") if isinstance(html, str) else html
    return read_document(data, name=name)


def test_page_furniture_is_dropped():
    document = _read(PAGE)
    assert document.format == "html"
    for hidden in (
        "STYLE TEXT",
        "SCRIPT TEXT",
        "WRITTEN",
        "HEADER TEXT",
        "NAV TEXT",
        "Accept all",
        "cookies to improve",
        "SIDEBAR TEXT",
        "NOSCRIPT TEXT",
        "TEMPLATE TEXT",
        "SVG TEXT",
        "FORM TEXT",
        "HIDDEN STYLE TEXT",
        "HIDDEN ATTRIBUTE TEXT",
        "ARIA HIDDEN TEXT",
        "COMMENT TEXT",
        "FOOTER TEXT",
        "Example - Privacy",
    ):
        assert hidden not in document.text, hidden
    # the policy's own cookie section is not a cookie banner
    assert "We use cookies to remember your language." in {s.text for s in document.sentences}


def test_structure_is_kept():
    document = _read(PAGE)
    units = [(s.kind, s.text) for s in document.sentences]
    assert units == [
        ("heading", "Privacy Policy"),
        ("sentence", "We collect your precise location when you use the map."),
        ("sentence", "We do not sell your data."),
        ("heading", "1. Information we collect"),
        ("list_item", "Device identifiers (e.g. IMEI);"),
        ("list_item", "Contacts"),
        ("list_item", "names"),
        ("list_item", "phone numbers"),
        ("list_item", "Third item"),
        ("list_item", "Fourth item"),
        ("heading", "Camera"),
        ("sentence", "We use the camera to scan QR codes."),
        ("list_item", "A bullet written by hand"),
        ("sentence", "Another line"),
        ("table_cell", "Permission"),
        ("table_cell", "Purpose"),
        ("table_cell", "CAMERA"),
        ("table_cell", "Scan QR codes"),
        ("heading", "2. Cookies"),
        ("sentence", "We use cookies to remember your language."),
    ]
    by_text = {s.text: s for s in document.sentences}
    assert by_text["names"].section == ("Privacy Policy", "1. Information we collect")
    assert by_text["Scan QR codes"].section == ("Privacy Policy", "1. Information we collect", "Camera")
    assert by_text["CAMERA"].line == by_text["Scan QR codes"].line == by_text["Permission"].line + 2
    assert "\n3. Third item\n\n4. Fourth item\n" in document.text
    assert "\n| CAMERA | Scan QR codes |" in document.text
    for sentence in document.sentences:
        assert document.text[sentence.start : sentence.end] == sentence.text
    assert read_document(document.text.encode()).text == document.text


def test_each_ordered_list_is_numbered_on_its_own():
    """Numbering follows the list element, not where Python kept a passing proxy
    of it: lists one after another each start at 1 (an earlier reader counted on
    from the list before, as soon as the freed proxy's address was reused)."""
    html = (
        "<html><body>"
        + "".join(
            f"<h2>Part {k}</h2><ol>"
            + "".join(f"<li>Clause {k}.{i} of the terms.</li>" for i in range(3))
            + "</ol>"
            for k in range(4)
        )
        + '<ol start="7"><li>Seventh clause.</li><li value="9">Ninth clause.</li></ol></body></html>'
    )
    text = _read(html).text
    for k in range(4):
        assert f"\n1. Clause {k}.0 of the terms.\n\n2. Clause {k}.1 of the terms.\n\n3. Clause {k}.2" in text
    assert "\n7. Seventh clause.\n\n9. Ninth clause." in text


def test_main_element_is_preferred():
    html = (
        "<html><body><div>Site menu: Home, Shop, Blog, About us, Careers and more links</div>"
        "<main><h1>Privacy</h1><p>We collect your email address to create your account.</p></main>"
        "<div>Unrelated promotional text that is not part of the policy at all.</div></body></html>"
    )
    document = _read(html)
    assert document.text == "Privacy\n\nWe collect your email address to create your account."


@pytest.mark.parametrize("wrapper", ["form", "header"])
def test_an_element_wrapping_the_whole_page_is_not_chrome(wrapper):
    # ASP.NET pages put the whole body in one <form>; some sites put it in <header>
    html = (
        f"<html><body><{wrapper} id='page'><input type='hidden' value='STATE'>"
        "<h1>Privacy</h1><p>We collect your email address to create your account.</p>"
        "<p>We share your device identifiers with analytics providers.</p>"
        f"<button>SEARCH BUTTON</button></{wrapper}>"
        "<footer>FOOTER TEXT</footer></body></html>"
    )
    document = _read(html)
    assert "We collect your email address to create your account." in {s.text for s in document.sentences}
    assert "SEARCH BUTTON" not in document.text
    assert "FOOTER TEXT" not in document.text


def test_html_fragment_without_doctype_is_detected_from_tag_density():
    document = read_document(
        b"<h2>Data</h2><p>We collect your location.</p><p>We share it with Amap.</p>", name="policy.txt"
    )
    assert document.format == "html"
    assert [s.text for s in document.sentences] == [
        "Data",
        "We collect your location.",
        "We share it with Amap.",
    ]


def test_html_with_only_scripts_has_no_readable_text():
    with pytest.raises(PolicyReadError, match="no readable text in HTML"):
        _read(
            "<!DOCTYPE html><html><head><script>var x = 'We collect everything';</script></head>"
            "<body><script>track()</script><style>p{}</style></body></html>"
        )


def test_meta_charset_is_honoured_for_non_utf8_pages():
    html = '<html><head><meta charset="gbk"></head><body><p>我们收集您的位置信息。</p></body></html>'
    document = _read(html.encode("gbk"))
    assert document.encoding == "gb18030"
    assert document.text == "我们收集您的位置信息。"


# ------------------------------------------------------------------ hostile input


@pytest.fixture
def no_sockets(monkeypatch):
    """Fail the test if any Python code opens a connection; plus a loopback listener
    that the test points external entities at, to see whether C code connects."""
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.setblocking(False)
    yield listener.getsockname()[1], attempts
    try:
        connection, _ = listener.accept()
    except BlockingIOError:
        connection = None
    listener.close()
    assert connection is None, "the reader connected to the loopback listener"
    assert not attempts


def test_external_entities_are_neither_fetched_nor_expanded(tmp_path, no_sockets):
    port, _ = no_sockets
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER")
    xhtml = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://127.0.0.1:{port}/xhtml1-strict.dtd" [
  <!ENTITY passwd SYSTEM "file:///etc/passwd">
  <!ENTITY secret SYSTEM "file://{secret}">
  <!ENTITY remote SYSTEM "http://127.0.0.1:{port}/entity.txt">
  <!ENTITY % param SYSTEM "http://127.0.0.1:{port}/param.dtd">
  %param;
]>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head>
<body><h1>Policy</h1><p>Start &passwd; &secret; &remote; end. We collect your location.</p>
<img src="http://127.0.0.1:{port}/pixel.png"/></body></html>"""
    document = _read(xhtml, "policy.xhtml")
    assert document.format == "html"
    assert "TOP-SECRET-MARKER" not in document.text
    assert "root:" not in document.text
    assert "ENTITY" not in document.text and "SYSTEM" not in document.text
    assert "We collect your location." in {s.text for s in document.sentences}
    time.sleep(0.2)  # give a stray connection time to reach the listener


def test_billion_laughs_is_not_expanded():
    declarations = '<!ENTITY lol "lol">\n' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">\n'
        for i in range(1, 10)
    )
    html = f'<?xml version="1.0"?>\n<!DOCTYPE html [\n{declarations}]>\n<html><body><p>We collect &lol9; data.</p></body></html>'
    started = time.perf_counter()
    document = _read(html)
    assert time.perf_counter() - started < 5  # a bound against exponential expansion, not a timing claim
    assert "lollol" not in document.text
    assert len(document.text) < 100


def test_ten_thousand_nested_divs_read_fully():
    html = (
        "<html><body>"
        + "<div>" * 10_000
        + "<p>Deep sentence.</p>"
        + "</div>" * 10_000
        + "<p>After the nest.</p></body></html>"
    )
    document = _read(html)
    assert [s.text for s in document.sentences] == ["Deep sentence.", "After the nest."]


def test_many_unclosed_list_items_stay_separate():
    html = "<html><body><ul>" + "".join(f"<li>Item {i}" for i in range(600)) + "</ul></body></html>"
    document = _read(html)
    assert len(document.sentences) == 600
    assert document.sentences[-1].text == "Item 599"


def test_entities_escaped_twice_are_read_as_their_characters():
    # a page whose text was HTML-escaped twice shows "&ldquo;" after parsing; the
    # quotes around a defined term must reach the reader; a third escape is decoded once
    page = (
        "<html><body><p>We do not collect Personal Information. &amp;ldquo;Personal Information&amp;rdquo;"
        " is information that identifies you.</p><p>Fish &amp;amp;amp; chips &amp;#8212; R&amp;D</p></body></html>"
    )
    text = read_document(page.encode(), name="p.html").text
    assert '"Personal Information" is information' in text  # curly quotes are normalised
    assert "Fish &amp; chips - R&D" in text
