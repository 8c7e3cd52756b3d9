"""The one CSV cell rule (OWASP CSV injection), on every kind of cell."""

from __future__ import annotations

import csv
import io

import pytest

from consistency.batch.csvcells import SafeCsvWriter, safe_cell


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("http://x.invalid","y")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"],
)
def test_formula_starts_are_quoted(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["com.example.app", "1.2.3", "a=b", "", "'quoted", 7, -3, 0.5, None])
def test_everything_else_is_left_alone(value):
    assert safe_cell(value) == value


def test_writer_quotes_formulas_and_keeps_numbers():
    out = io.StringIO()
    SafeCsvWriter(out).writerow(["=1+1", -5, "x,y", "@me"])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["'=1+1", "-5", "x,y", "'@me"]
