"""Write rows in Play Console's Data safety CSV format.

The shape follows a real export: the five-column header, every field quoted,
``\\n`` line ends, UTF-8 without a byte-order mark. Rows are written as given, so
``read_form`` followed by :func:`write_form` reproduces the file it read
(when that file was written in this shape), and a written draft reads back to
the same rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from ..batch.csvcells import SafeCsvWriter
from .model import FormRow


def write_form(header: Iterable[str], rows: Iterable[FormRow]) -> str:
    """The CSV text of a form."""
    out = io.StringIO()
    writer = SafeCsvWriter(out, quoting=csv.QUOTE_ALL)  # no cell a spreadsheet would run
    writer.writerow(list(header))
    for row in rows:
        writer.writerow([row.question, row.response, row.value, row.requirement, row.label])
    return out.getvalue()
