"""Reading Play Console's Data safety CSV: what a real export and spreadsheets produce
is accepted; everything else is refused with one line that names the row."""

from __future__ import annotations

import codecs
from functools import lru_cache
from pathlib import Path

import pytest

from consistency.cli import main
from consistency.datasafety.csvread import parse_form, read_form
from consistency.datasafety.csvwrite import write_form
from consistency.datasafety.table import FormTable, load_form_table
from consistency.errors import DataSafetyFormError
from consistency.mappings import load_mappings
from tests.helpers.paths import SAMPLES

HEADER = (
    '"Question ID (machine readable)","Response ID (machine readable)","Response value",'
    '"Answer requirement","Human-friendly question label"\n'
)
# Rows in the shape of a real Play Console export (every field quoted, TRUE/FALSE).
COLLECTS = '"PSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA","","TRUE","REQUIRED","Does your app collect or share any of the required user data types?"\n'
EMAIL = '"PSL_DATA_TYPES_PERSONAL","PSL_EMAIL","TRUE","MULTIPLE_CHOICE","Personal info / Email address"\n'
EMAIL_COLLECTED = (
    '"PSL_DATA_USAGE_RESPONSES:PSL_EMAIL:PSL_DATA_USAGE_COLLECTION_AND_SHARING","PSL_DATA_USAGE_ONLY_COLLECTED",'
    '"TRUE","MULTIPLE_CHOICE","Data usage and handling (Email address) / Is this data collected, shared, or both? / Collected"\n'
)
EMAIL_SHARED = (
    '"PSL_DATA_USAGE_RESPONSES:PSL_EMAIL:PSL_DATA_USAGE_COLLECTION_AND_SHARING","PSL_DATA_USAGE_ONLY_SHARED",'
    '"FALSE","MULTIPLE_CHOICE","Data usage and handling (Email address) / Is this data collected, shared, or both? / Shared"\n'
)
GOOD = HEADER + COLLECTS + EMAIL + EMAIL_COLLECTED + EMAIL_SHARED


@lru_cache(maxsize=1)
def table() -> FormTable:
    return load_form_table(load_mappings())


def parse(text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_form(data, table(), "form.csv")


def refused(text: str | bytes) -> str:
    with pytest.raises(DataSafetyFormError) as caught:
        parse(text)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_form_in_play_consoles_shape_is_read_with_its_declared_types() -> None:
    form = parse(GOOD)
    assert form.collects_data is True
    assert [(d.datatype, d.collected, d.shared, d.line) for d in form.declared] == [
        ("personal.email", True, False, 3)
    ]
    assert form.declared[0].shared_line == 5


def test_the_committed_sample_forms_are_read() -> None:
    form = read_form(SAMPLES / "chatter" / "datasafety.csv", table())
    assert len(form.rows) == len(table().rows)
    declared = {d.datatype: d for d in form.declared}
    assert declared["device.ids"].shared is False
    assert declared["location.approximate"].shared is True
    assert "audio.recordings" not in declared


def test_the_committed_sample_form_is_written_back_byte_for_byte() -> None:
    data = (SAMPLES / "chatter" / "datasafety.csv").read_bytes()
    form = parse_form(data, table(), "datasafety.csv")
    assert write_form(table().header, form.rows).encode(form.encoding) == data


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (codecs.BOM_UTF8 + GOOD.encode("utf-8"), "utf-8-sig"),  # Excel / LibreOffice "CSV UTF-8"
        (GOOD.encode("utf-16"), "utf-16"),  # UTF-16 with a byte-order mark
        (GOOD.replace('","', '"\t"').encode("utf-16"), "utf-16"),  # Excel's "Unicode Text": UTF-16, tabs
    ],
)
def test_spreadsheet_encodings_play_console_users_meet_are_accepted(encoded: bytes, encoding: str) -> None:
    form = parse(encoded)
    assert form.encoding == encoding
    assert [d.datatype for d in form.declared] == ["personal.email"]


def test_semicolons_and_lower_case_values_and_trailing_blank_rows_are_accepted() -> None:
    text = GOOD.replace('","', '";"').replace('"TRUE"', '"true"') + ";;;;\n\n"
    form = parse(text)
    assert form.delimiter == ";"
    assert [d.datatype for d in form.declared] == ["personal.email"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "empty file"),
        ("Question ID,Answer\n" + COLLECTS, "row 1: not Play Console's Data safety header"),
        (
            "Question ID (machine readable - do not modify),Question (human readable - do not modify),"
            "Answer ID (machine readable - do not modify)\n",
            "row 1: not Play Console's Data safety header",
        ),
        (
            HEADER + COLLECTS + '"PSL_DATA_TYPES_PERSONAL","PSL_SHOE_SIZE","TRUE","MULTIPLE_CHOICE",""\n',
            "row 3: unknown response id 'PSL_SHOE_SIZE' for question PSL_DATA_TYPES_PERSONAL",
        ),
        (
            HEADER + '"PSL_DATA_TYPES_HOBBIES","PSL_NAME","TRUE","MULTIPLE_CHOICE",""\n',
            "row 2: unknown question id 'PSL_DATA_TYPES_HOBBIES'",
        ),
        (
            HEADER + COLLECTS + EMAIL + EMAIL,
            "row 4: duplicate of row 3 (PSL_DATA_TYPES_PERSONAL / PSL_EMAIL)",
        ),
        (
            HEADER + EMAIL.replace('"TRUE"', '"yes"'),
            "row 2: PSL_DATA_TYPES_PERSONAL / PSL_EMAIL: response value 'yes'",
        ),
        (
            HEADER + EMAIL.replace("MULTIPLE_CHOICE", "SOMETIMES"),
            "row 2: unknown answer requirement 'SOMETIMES'",
        ),
        (HEADER + '"PSL_DATA_TYPES_PERSONAL","PSL_EMAIL","TRUE"\n', "row 2: 3 columns, expected 5"),
        (HEADER + COLLECTS + '"PSL_DATA_TYPES_PERSONAL","PSL_EMAIL,"TRUE","MULTIPLE_CHOICE",""\n', "row 3:"),
        (
            HEADER
            + '"PSL_SUPPORT_DATA_DELETION_BY_USER","DATA_DELETION_YES","TRUE","SINGLE_CHOICE",""\n'
            + '"PSL_SUPPORT_DATA_DELETION_BY_USER","DATA_DELETION_NO","TRUE","SINGLE_CHOICE",""\n',
            "row 3: a second answer to the single-choice question PSL_SUPPORT_DATA_DELETION_BY_USER (row 2",
        ),
    ],
)
def test_bad_forms_are_refused_with_the_row(text: str, expected: str) -> None:
    assert expected in refused(text)


def test_a_legacy_code_page_is_refused_with_the_row_of_the_first_bad_byte() -> None:
    text = HEADER + COLLECTS + EMAIL.replace("Email address", "Adresse électronique")
    message = refused(text.encode("cp1252"))
    assert message.startswith("form.csv: row 3: not UTF-8 (byte 0xe9)")


def test_utf16_without_a_byte_order_mark_is_refused() -> None:
    assert "row 1: NUL bytes without a byte-order mark" in refused(GOOD.encode("utf-16-le"))


def test_a_bad_form_exits_2_with_one_line_naming_the_row(tmp_path: Path, capsys) -> None:
    form = tmp_path / "form.csv"
    form.write_text(HEADER + COLLECTS + COLLECTS, encoding="utf-8")
    apk, policy = SAMPLES / "walkie" / "walkie.apk", SAMPLES / "walkie" / "policy.md"
    code = main(["check", str(apk), str(policy), "--data-safety", str(form)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err.strip().splitlines() == [
        f"consistency: error: {form}: row 3: duplicate of row 2 (PSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA / -)"
    ]
