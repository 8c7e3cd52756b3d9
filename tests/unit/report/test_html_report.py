"""The HTML report: one self-contained file, untrusted text escaped, findings linked to
their evidence in the policy text, filters that degrade to "all visible", print CSS."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from consistency.report.html import HtmlReporter
from tests.factories import HOSTILE_SENTENCE, varied_result


class Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)


def parse(html):
    c = Collector()
    c.feed(html)
    return c


def test_self_contained_no_external_loads():
    html = HtmlReporter().render(varied_result())
    doc = parse(html)
    for tag, attrs in doc.tags:
        for attr in ("src", "href", "srcset", "data", "action", "poster"):
            value = attrs.get(attr) or ""
            assert not re.match(r"\s*(https?:)?//", value), f"<{tag} {attr}={value!r}> loads from the network"
    assert not any(tag in ("link", "img", "iframe", "object", "embed") for tag, _ in doc.tags)
    assert "@import" not in html and "url(" not in html


def test_untrusted_policy_text_is_escaped():
    html = HtmlReporter().render(varied_result())
    doc = parse(html)
    assert len(doc.scripts) == 1 and "alert" not in doc.scripts[0]
    assert [t for t, _ in doc.tags].count("script") == 1
    assert HOSTILE_SENTENCE in "".join(doc.text)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_every_evidence_link_reaches_a_mark_in_the_policy_text():
    result = varied_result()
    doc = parse(HtmlReporter().render(result))
    ids = {a["id"] for t, a in doc.tags if "id" in a}
    links = [a["href"][1:] for t, a in doc.tags if t == "a" and a.get("href", "").startswith("#")]
    assert links and all(link in ids for link in links)
    marks = {a["id"]: a for t, a in doc.tags if t == "mark"}
    for f in result.findings:
        for ev in f.evidence:
            assert f"ev-{ev.start}" in marks
    assert marks[f"ev-{result.findings[0].evidence[0].start}"]["class"] == "denial"


def test_verdict_filters_app_section_and_print_css():
    result = varied_result()
    html = HtmlReporter().render(result)
    doc = parse(html)
    text = " ".join(doc.text)
    assert "FAIL: 2 high, 2 medium, 2 low, 1 info findings (threshold: high)" in text
    nav = next(a for t, a in doc.tags if t == "nav")
    assert "hidden" in nav  # visible only once the script runs: without JS, all findings show
    buttons = [a["data-show"] for t, a in doc.tags if t == "button"]
    assert buttons == ["all", "contradicted", "omitted", "vague", "unsupported", "disclosed"]
    articles = [a["class"].split()[1] for t, a in doc.tags if t == "article"]
    assert articles == [f.status for f in result.findings]
    assert "android.permission.ACCESS_FINE_LOCATION" in text and "com.umeng.analytics" in text
    assert "@media print" in html


def test_deterministic():
    assert HtmlReporter().render(varied_result()) == HtmlReporter().render(varied_result())
