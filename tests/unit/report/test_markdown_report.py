"""Markdown for pull-request comments: verdict, a table of problems, disclosed ones folded."""

from __future__ import annotations

from consistency.report.markdown import MarkdownReporter, cell
from tests.factories import HOSTILE_SENTENCE, PolicyBuilder, app_profile, check_result, finding, varied_result
from tests.factories import evidence as make_evidence


def table_rows(text):
    return [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| class")]


def test_verdict_table_and_details():
    result = varied_result()
    text = MarkdownReporter().render(result)
    assert text.splitlines()[0].startswith("### \u274c consistency: FAIL: 2 high")
    problems = [f for f in result.findings if f.status != "disclosed"]
    rows = table_rows(text.split("<details>")[0])
    assert len(rows) == len(problems)
    assert rows[0].startswith("| contradicted | high | Precise location (`location.precise`)")
    assert "L3: \u201cWe never collect your location.\u201d" in rows[0]
    details = text.split("<details>")[1]
    assert "1 disclosed" in details and "audio.recordings" in details
    assert "1 finding(s) suppressed by the baseline." in text


def test_cells_cannot_break_the_table():
    p = PolicyBuilder()
    st = p.sentence(HOSTILE_SENTENCE, actions=())
    ev = make_evidence(st.sentence.text, start=st.sentence.start, role="catch_all", highlight=())
    result = check_result(
        [finding("contacts.contacts", evidence_=[ev])], policy=p.build(), profile=app_profile({})
    )
    row = table_rows(MarkdownReporter().render(result))[0]
    unescaped_pipes = row.replace("\\|", "").count("|")
    assert unescaped_pipes == 6  # five cells
    assert "<script>" not in row and "&lt;script&gt;" in row


def test_cell_escaping():
    assert cell("a|b\nc *d* <i>") == "a\\|b c \\*d\\* &lt;i&gt;"


def test_header_names_app_version_and_policy():
    line = MarkdownReporter().render(varied_result()).splitlines()[2]
    assert line == "`com.example.walkietalkie` 1.0 checked against `samples/walkie/policy.md`."


PINGS = "Write to @privacy-team or @acme/legal, see #12, acme/site#3 and GH-7; mail dpo@example.com."


def test_policy_text_and_app_metadata_ping_no_one():
    """A PR comment must not notify users or teams, nor cross-reference issues, from
    untrusted text (issue 14, item 13): policy sentences and APK strings alike."""
    p = PolicyBuilder()
    st = p.sentence(PINGS, actions=())
    ev = make_evidence(st.sentence.text, start=st.sentence.start, role="catch_all", highlight=())
    result = check_result(
        [finding("contacts.contacts", evidence_=[ev])],
        policy=p.build(),
        profile=app_profile({}, version_name="@everyone #1"),
    )
    text = MarkdownReporter().render(result)
    import re

    assert not re.search(r"(?<![\w&])@\w", text)  # no mention survives
    assert not re.search(r"(?<!&)#\d", text)  # no issue reference (the break itself is &#8203;)
    assert not re.search(r"GH-\d", text, re.I)
    assert "dpo@example.com" in text  # an e-mail address mentions no one and stays readable
    assert "@&#8203;privacy-team" in text and "@&#8203;everyone" in text


def test_neutralised_text_reads_the_same():
    import html

    flat = html.unescape(cell(PINGS).replace("\\", "")).replace("\u200b", "")
    assert flat == PINGS
