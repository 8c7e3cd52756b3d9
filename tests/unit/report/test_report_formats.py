"""One format enum and one reporter table for every output: each command's
``--format`` choices are exactly the formats its subject has a reporter for,
and every check reporter renders every result."""

from __future__ import annotations

import pytest

from consistency import cli
from consistency.report.interface import (
    OutputFormat,
    Reporter,
    Subject,
    formats_for,
    reporter_for,
)
from tests.factories import check_result, varied_result

CLI_CHOICES = {
    Subject.check: cli.CheckFormat,
    Subject.inspect: cli.InspectFormat,
    Subject.policy: cli.PolicyFormat,
    Subject.summary: cli.SummaryFormat,
    Subject.export: cli.ExportFormat,
    Subject.coverage: cli.CoverageFormat,
    Subject.datasafety: cli.DraftFormat,
}


@pytest.mark.parametrize("subject", list(CLI_CHOICES))
def test_cli_formats_and_reporters_agree(subject):
    assert {f.value for f in CLI_CHOICES[subject]} == {f.value for f in formats_for(subject)}


@pytest.mark.parametrize("subject", list(Subject))
def test_every_listed_reporter_imports_and_implements_the_interface(subject):
    assert formats_for(subject), subject
    for fmt in formats_for(subject):
        assert isinstance(reporter_for(subject, fmt), Reporter)


@pytest.mark.parametrize("fmt", formats_for(Subject.check))
def test_each_check_format_renders(fmt):
    reporter = reporter_for(Subject.check, fmt)
    assert reporter.render(varied_result()).endswith("\n")
    assert reporter.render(check_result()).strip()


def test_a_pair_that_is_not_offered_is_refused():
    with pytest.raises(ValueError, match="inspect has no sarif output"):
        reporter_for(Subject.inspect, OutputFormat.sarif)
    with pytest.raises(ValueError):
        reporter_for(Subject.check, "pdf")
