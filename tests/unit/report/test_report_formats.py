"""Every format the CLI offers has a reporter, and every reporter renders every result."""

from __future__ import annotations

import pytest

from consistency.cli import CheckFormat
from consistency.report.interface import Reporter, ReportFormat, reporter_for
from tests.factories import check_result, varied_result


def test_cli_formats_and_reporters_agree():
    assert {f.value for f in CheckFormat} == {f.value for f in ReportFormat}


@pytest.mark.parametrize("fmt", [f.value for f in ReportFormat])
def test_each_format_renders(fmt):
    reporter = reporter_for(fmt)
    assert isinstance(reporter, Reporter)
    assert reporter.render(varied_result()).endswith("\n")
    assert reporter.render(check_result()).strip()


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        reporter_for("pdf")
