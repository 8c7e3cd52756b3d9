"""The terminal report: grouped worst first, one evidence line per finding, a verdict line;
colours only when asked, fixed width for files."""

from __future__ import annotations

from consistency.report.interface import Presentation
from consistency.report.text import TextReporter
from tests.factories import varied_result


def test_groups_in_class_order_with_verdict_last():
    text = TextReporter().render(varied_result())
    headers = [
        line.split(" (")[0]
        for line in text.splitlines()
        if line.split(" (")[0] in ("CONTRADICTED", "OMITTED", "VAGUE", "UNSUPPORTED", "DISCLOSED")
    ]
    assert headers == ["CONTRADICTED", "OMITTED", "VAGUE", "UNSUPPORTED", "DISCLOSED"]
    assert text.rstrip().splitlines()[-1] == (
        "FAIL: 2 high, 2 medium, 2 low, 1 info findings (threshold: high); 1 suppressed by the baseline"
    )


def test_rows_show_sources_and_evidence():
    text = TextReporter(Presentation(width=400)).render(varied_result())
    assert "ACCESS_FINE_LOCATION (dangerous, API used), SDK amap-location" in text
    assert "\u201cWe never collect your location.\u201d" in text
    assert "RECORD_AUDIO (dangerous, API not referenced)" in text
    assert "Stale baseline entries (matched nothing this run): 1" in text
    assert "e" * 64 in text


def test_plain_and_width_stable_for_files():
    text = TextReporter().render(varied_result())
    assert "\x1b[" not in text
    assert max(len(line) for line in text.splitlines()) <= TextReporter.FILE_WIDTH
    assert text == TextReporter().render(varied_result())


def test_colours_on_a_terminal():
    assert "\x1b[" in TextReporter(Presentation(color=True, width=100)).render(varied_result())


def test_pass_line_under_a_higher_threshold():
    text = TextReporter().render(varied_result(fail_on="none"))
    assert (
        text.rstrip().splitlines()[-1]
        == "PASS (--fail-on none): 2 high, 2 medium, 2 low, 1 info findings; 1 suppressed by the baseline"
    )
