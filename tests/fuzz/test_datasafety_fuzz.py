"""Property tests of the Data safety form reader: arbitrary and mutated forms.

Whatever the bytes, ``parse_form`` returns a form or raises DataSafetyFormError
(an InputError) with a one-line message naming a row; any other exception is a
bug. A form it accepts and that was written in Play Console's shape is written
back byte for byte.
"""

from __future__ import annotations

import re
from functools import lru_cache

from hypothesis import given
from hypothesis import strategies as st

from consistency.datasafety.csvread import parse_form
from consistency.datasafety.csvwrite import write_form
from consistency.datasafety.table import load_form_table
from consistency.errors import DataSafetyFormError
from consistency.mappings import load_mappings
from tests.helpers.fuzzing import FUZZ
from tests.helpers.paths import SAMPLES

SAMPLE = (SAMPLES / "chatter" / "datasafety.csv").read_bytes()
ROWS = SAMPLE.split(b"\n")


@lru_cache(maxsize=1)
def table():
    return load_form_table(load_mappings())


def attempt(data: bytes) -> None:
    try:
        form = parse_form(data, table(), "fuzz.csv")
    except DataSafetyFormError as exc:
        message = str(exc)
        assert "\n" not in message
        assert re.search(r"row \d+|empty file|larger than", message), message
        return
    if data.decode(form.encoding, "replace") == write_form(table().header, form.rows):
        assert write_form(table().header, form.rows).encode(form.encoding) == data


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    attempt(data)


@FUZZ
@given(
    st.lists(st.integers(min_value=0, max_value=len(ROWS) - 1), min_size=1, max_size=40),
    st.sampled_from([b"", b",", b'"', b"\t", b";", b"\x00", b"\xff", b"TRUE", b"\r", b"PSL_X"]),
    st.integers(min_value=0, max_value=200),
)
def test_mutated_sample_form(picks: list[int], noise: bytes, at: int) -> None:
    rows = [ROWS[0]] + [ROWS[i] for i in picks if i]
    data = b"\n".join(rows)
    data = data[:at] + noise + data[at:]
    attempt(data)
