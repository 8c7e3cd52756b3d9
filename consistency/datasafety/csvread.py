"""Read a Data safety form exported from Play Console (CSV), strictly.

What is accepted, and why (a user who exports from Play Console and may pass the
file through a spreadsheet on the way):

* UTF-8, with or without a byte-order mark (Play Console writes plain UTF-8;
  "CSV UTF-8" in Excel and LibreOffice adds the BOM);
* UTF-16 with a byte-order mark (Excel's "Unicode Text"), which is also
  tab-separated, so the separator is taken from the header row: comma, tab, or
  semicolon (spreadsheets in locales with a decimal comma);
* blank rows (spreadsheets leave them at the end) and empty trailing columns.

Everything else is refused with the row it happens in: another encoding (a
legacy code page would silently garble the labels, and a form is exported from
Play Console, never typed in one), UTF-16 without a BOM, a header other than
Play's five columns, a (question, response) pair Play's template does not have,
the same pair twice, a value that is not TRUE, FALSE or blank where Play expects
one of them, two answers to a single-choice question. Rows are numbered as a
spreadsheet numbers them: the header is row 1.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from ..errors import DataSafetyFormError
from .model import DataSafetyForm, DeclaredType, FormRow
from .table import FormTable

MAX_FORM_BYTES = 8 * 1024 * 1024
"""A full export is about 80 KB; anything near this is not a Data safety form."""
REQUIREMENTS = frozenset({"REQUIRED", "MAYBE_REQUIRED", "OPTIONAL", "MULTIPLE_CHOICE", "SINGLE_CHOICE"})
BOOLEAN_VALUES = frozenset({"TRUE", "FALSE", ""})


def read_form(path: str | Path, table: FormTable) -> DataSafetyForm:
    """Read and validate a form file. Raises DataSafetyFormError (one line, with the row)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FORM_BYTES + 1)
    except OSError as exc:
        raise DataSafetyFormError(f"cannot read the Data safety form: {exc.strerror or exc}", path) from exc
    if len(data) > MAX_FORM_BYTES:
        raise DataSafetyFormError(
            f"larger than {MAX_FORM_BYTES // (1024 * 1024)} MiB: not a Data safety form", path
        )
    return parse_form(data, table, str(path))


def parse_form(data: bytes, table: FormTable, source: str = "<form>") -> DataSafetyForm:
    """Parse the bytes of a form (see the module docstring for what is accepted)."""
    text, encoding = _decode(data, source)
    if not text.strip():
        raise DataSafetyFormError("empty file: expected Play Console's Data safety CSV", source)
    delimiter = _delimiter(text)
    rows = _rows(text, delimiter, table, source)
    return DataSafetyForm(
        source=source,
        encoding=encoding,
        delimiter=delimiter,
        rows=rows,
        declared=_declared(rows, table),
        collects_data=_boolean(next((r.value for r in rows if _role(r, table) == "collects_data"), "")),
    )


def _decode(data: bytes, source: str) -> tuple[str, str]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise DataSafetyFormError(
                f"row {_row_of(data[: exc.start].decode('utf-16', 'replace'))}: invalid UTF-16", source
            ) from None
    if b"\x00" in data[:4096]:
        raise DataSafetyFormError(
            "row 1: NUL bytes without a byte-order mark (UTF-16 without BOM or a binary file); "
            "export the form again from Play Console or save it as CSV UTF-8",
            source,
        )
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        raise DataSafetyFormError(
            f"row {row}: not UTF-8 (byte 0x{data[exc.start]:02x}); export the form again from Play Console "
            "or save it as CSV UTF-8",
            source,
        ) from None


def _row_of(prefix: str) -> int:
    return prefix.count("\n") + 1


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _rows(text: str, delimiter: str, table: FormTable, source: str) -> tuple[FormRow, ...]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[FormRow] = []
    seen: dict[tuple[str, str], int] = {}
    single_choice: dict[str, int] = {}
    number = 0
    try:
        for number, fields in enumerate(reader, start=1):
            if number == 1:
                _check_header(fields, table, source)
                continue
            if not any(f.strip() for f in fields):
                continue
            row = _row(number, fields, source)
            _check_row(row, table, seen, single_choice, source)
            rows.append(row)
    except csv.Error as exc:
        raise DataSafetyFormError(f"row {number + 1}: {exc}", source) from None
    if number == 0:
        raise DataSafetyFormError("empty file: expected Play Console's Data safety CSV", source)
    return tuple(rows)


def _check_header(fields: list[str], table: FormTable, source: str) -> None:
    got = [f.strip() for f in fields]
    while got and not got[-1]:
        got.pop()
    if tuple(got) != table.header:
        raise DataSafetyFormError(
            f"row 1: not Play Console's Data safety header (expected {', '.join(table.header)}; "
            f"got {', '.join(got)[:160] or 'nothing'})",
            source,
        )


def _row(number: int, fields: list[str], source: str) -> FormRow:
    extra = fields[5:]
    if any(f.strip() for f in extra):
        raise DataSafetyFormError(f"row {number}: {len(fields)} columns, expected 5", source)
    if len(fields) < 4:
        raise DataSafetyFormError(f"row {number}: {len(fields)} columns, expected 5", source)
    question, response, value, requirement = (f.strip() for f in fields[:4])
    label = fields[4] if len(fields) > 4 else ""
    return FormRow(number, question, response, value, requirement, label)


def _check_row(
    row: FormRow,
    table: FormTable,
    seen: dict[tuple[str, str], int],
    single_choice: dict[str, int],
    source: str,
) -> None:
    where = f"row {row.line}"
    template = table.row(row.question, row.response)
    if template is None:
        if not any(r.question == row.question for r in table.rows):
            raise DataSafetyFormError(f"{where}: unknown question id {row.question!r}", source)
        raise DataSafetyFormError(
            f"{where}: unknown response id {row.response!r} for question {row.question}", source
        )
    key = (row.question, row.response)
    if key in seen:
        raise DataSafetyFormError(
            f"{where}: duplicate of row {seen[key]} ({row.question} / {row.response or '-'})", source
        )
    seen[key] = row.line
    if row.requirement not in REQUIREMENTS:
        raise DataSafetyFormError(f"{where}: unknown answer requirement {row.requirement!r}", source)
    if template.kind != "text" and row.value.upper() not in BOOLEAN_VALUES:
        raise DataSafetyFormError(
            f"{where}: {row.question} / {row.response or '-'}: response value {row.value!r} is not TRUE, FALSE or blank",
            source,
        )
    if template.requirement == "SINGLE_CHOICE" and row.value.upper() == "TRUE":
        if row.question in single_choice:
            raise DataSafetyFormError(
                f"{where}: a second answer to the single-choice question {row.question} "
                f"(row {single_choice[row.question]} already answers it)",
                source,
            )
        single_choice[row.question] = row.line


def _role(row: FormRow, table: FormTable) -> str | None:
    template = table.row(row.question, row.response)
    return template.role if template else None


def _boolean(value: str) -> bool | None:
    upper = value.upper()
    return True if upper == "TRUE" else False if upper == "FALSE" else None


def _declared(rows: tuple[FormRow, ...], table: FormTable) -> tuple[DeclaredType, ...]:
    """The types the form ticks, each with its usage answers."""
    usage: dict[str, list[tuple[FormRow, str | None, str | None]]] = {}
    ticked: list[tuple[FormRow, str]] = []
    for row in rows:
        template = table.row(row.question, row.response)
        assert template is not None  # checked while reading
        if template.type_response is not None:
            usage.setdefault(template.type_response, []).append((row, template.role, template.purpose))
        elif template.role == "type" and _boolean(row.value):
            ticked.append((row, row.response))
    declared = []
    for row, response in ticked:
        form_type = table.type_for_response(response)
        assert form_type is not None
        answers = usage.get(response, [])
        on = {
            role
            for r, role, _ in answers
            if _boolean(r.value) and role in ("collected", "shared", "optional", "required")
        }
        shared_row = next((r for r, role, _ in answers if role == "shared"), None)
        ephemeral = next((_boolean(r.value) for r, role, _ in answers if role == "ephemeral"), None)
        required = True if "required" in on else False if "optional" in on else None
        declared.append(
            DeclaredType(
                response=response,
                datatype=form_type.datatype,
                label=form_type.label,
                line=row.line,
                # A ticked type with no usage answer still declares collection.
                collected="collected" in on or "shared" not in on,
                shared="shared" in on,
                shared_line=shared_row.line if shared_row else None,
                ephemeral=ephemeral,
                required=required,
                collection_purposes=tuple(
                    p for r, role, p in answers if role == "collection" and p and _boolean(r.value)
                ),
                sharing_purposes=tuple(
                    p for r, role, p in answers if role == "sharing" and p and _boolean(r.value)
                ),
            )
        )
    return tuple(declared)
