"""CSV cells that a spreadsheet shows as text, never runs as a formula.

Why: ``export`` and ``summary --format csv`` write strings that come from
untrusted APKs and catalogs (versionName, package, catalog ids, policy
sentences). Excel, LibreOffice and Google Sheets treat a cell starting with
``=``, ``+``, ``-`` or ``@`` as a formula (``=HYPERLINK(...)`` leaks data or
launches commands), and a leading tab or carriage return can hide such a
prefix from a naive check. As OWASP's "CSV Injection" page recommends, such
a cell is prefixed with a single quote, which spreadsheets show as text;
``csv.writer`` then quotes the cell if needed. Numbers written by the tool
itself (counts, shares) are not strings and stay numbers.

One writer for every CSV the project produces, so no output can forget it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` unchanged unless it is a string a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeCsvWriter:
    """``csv.writer`` whose every string cell goes through :func:`safe_cell`."""

    def __init__(self, out: TextIO, **fmtparams: Any) -> None:
        self._writer = csv.writer(out, **{"lineterminator": "\n", **fmtparams})

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(value) for value in row])
