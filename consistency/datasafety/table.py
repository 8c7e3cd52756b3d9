"""The Data safety form's shape and the draft's knowledge, loaded from ``datasafety.yaml``.

The YAML is validated with closed models (a misspelt key is an error) and turned
into a :class:`FormTable`: the template's rows in Play Console's export order,
lookups by (question, response), and per-SDK guidance. Loaded explicitly and
passed along; never cached.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import MappingError
from ..mappings import Mappings, builtin_mappings_dir
from ..mappings.yaml_reader import Loc, YamlProblem, parse_yaml

TABLE_FILE = "datasafety.yaml"
RowKind = Literal["boolean", "choice", "text"]
UsageRole = Literal["collected", "shared", "ephemeral", "optional", "required", "collection", "sharing"]


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Question(_Closed):
    question: str
    response: str = ""
    kind: RowKind
    requirement: str
    label: str
    role: Literal["collects_data"] | None = None


class _Type(_Closed):
    question: str
    response: str
    label: str
    datatype: str


class _Usage(_Closed):
    part: str
    response: str = ""
    kind: RowKind
    requirement: str
    label: str
    role: UsageRole | None = None
    purposes: Literal["collection", "sharing"] | None = None


class _Purpose(_Closed):
    id: str
    response: str
    label: str


class _Practice(_Closed):
    shared: bool
    purposes: tuple[str, ...] = ()


class _Guidance(_Closed):
    source: str
    types: dict[str, _Practice]


class _DevQuestion(_Closed):
    id: str
    text: str


class _File(_Closed):
    schema_version: Literal[1]
    header: tuple[str, str, str, str, str]
    questions: tuple[_Question, ...]
    types: tuple[_Type, ...]
    usage_question: str
    usage_label: str
    usage: tuple[_Usage, ...]
    purposes: tuple[_Purpose, ...]
    unmapped: dict[str, str] = {}
    category_defaults: dict[str, _Practice] = {}
    sdk_guidance: dict[str, _Guidance] = {}
    developer_questions: tuple[_DevQuestion, ...] = ()


@dataclass(frozen=True)
class TemplateRow:
    """One row of Play's template: what may appear in a form, and how to read its value."""

    question: str
    response: str
    kind: RowKind
    requirement: str
    label: str
    type_response: str | None = None
    """For usage rows: the data type (its response id, ``PSL_NAME``) the row is about."""
    role: str | None = None
    """``type`` for the rows that tick a data type; ``collects_data`` for the form's
    first question; for usage rows: collected, shared, ephemeral, optional,
    required, collection or sharing."""
    purpose: str | None = None
    """For purpose rows: our purpose id (``analytics``)."""


@dataclass(frozen=True)
class FormType:
    """A Play data type and the data type of ``datatypes.yaml`` it is."""

    question: str
    response: str
    label: str
    datatype: str

    @property
    def short_label(self) -> str:
        """``Email address`` for ``Personal info / Email address``."""
        return self.label.split(" / ", 1)[-1]


@dataclass(frozen=True)
class Practice:
    """Whether a type goes to the SDK's vendor as *shared*, and why, with the source."""

    shared: bool
    purposes: tuple[str, ...]
    source: str
    """The vendor's page, or ``category:<id>`` when the SDK's category decided."""


@dataclass(frozen=True)
class FormTable:
    """Everything ``datasafety.yaml`` says, validated, with lookups."""

    header: tuple[str, ...]
    rows: tuple[TemplateRow, ...]
    """Play's template in export order: questions, type rows, then a usage block per type."""
    types: tuple[FormType, ...]
    purposes: tuple[tuple[str, str, str], ...]
    """(id, response id, label) in export order."""
    unmapped: tuple[tuple[str, str], ...]
    category_defaults: tuple[tuple[str, Practice], ...]
    sdk_guidance: tuple[tuple[str, tuple[tuple[str, Practice], ...]], ...]
    developer_questions: tuple[tuple[str, str], ...]
    _by_key: dict[tuple[str, str], TemplateRow] = field(
        default_factory=dict, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        self._by_key.update({(r.question, r.response): r for r in self.rows})

    def row(self, question: str, response: str) -> TemplateRow | None:
        return self._by_key.get((question, response))

    def type_for_datatype(self, datatype: str) -> FormType | None:
        return next((t for t in self.types if t.datatype == datatype), None)

    def type_for_response(self, response: str) -> FormType | None:
        return next((t for t in self.types if t.response == response), None)

    def purpose_label(self, purpose: str) -> str:
        return next((label for pid, _, label in self.purposes if pid == purpose), purpose)

    def practice(self, sdk_id: str, category: str, datatype: str) -> Practice:
        """What the vendor says about one type an SDK collects, else its category's default."""
        for gid, types in self.sdk_guidance:
            if gid == sdk_id:
                for dt, practice in types:
                    if dt == datatype:
                        return practice
        for cid, practice in self.category_defaults:
            if cid == category:
                return practice
        return Practice(shared=False, purposes=(), source=f"category:{category}")


def load_form_table(mappings: Mappings) -> FormTable:
    """The form table of the built-in directory, with each ``--mappings``
    directory's ``datasafety.yaml`` layered on top (its sections replace the
    built-in ones; guidance is merged by SDK id). Raises MappingError."""
    merged: dict[str, object] = {}
    guidance: dict[str, object] = {}
    origin: dict[str, tuple[Path, dict[Loc, int]]] = {}
    """Per top-level key (per SDK for guidance): the file it came from and its lines."""
    sources: list[Path] = []
    for directory in _directories(mappings):
        path = directory / TABLE_FILE
        if not path.is_file():
            continue
        sources.append(path)
        try:
            raw, lines = parse_yaml(path.read_bytes())
        except OSError as exc:
            raise MappingError(f"cannot read: {exc.strerror or exc}", path) from exc
        except YamlProblem as exc:
            raise MappingError(exc.message, path, exc.line) from exc
        if not isinstance(raw, dict):
            raise MappingError("expected a mapping at the top level", path)
        for sdk_id in raw.get("sdk_guidance") or {}:
            origin[f"sdk_guidance/{sdk_id}"] = (path, lines)
        guidance.update(raw.pop("sdk_guidance", None) or {})
        merged.update(raw)
        origin.update({key: (path, lines) for key in raw})
    if not sources:
        raise MappingError(f"{TABLE_FILE} is missing from the mapping tables")
    merged["sdk_guidance"] = guidance
    try:
        parsed = _File.model_validate(merged)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(first["loc"])
        where = ".".join(str(p) for p in loc) or "(top level)"
        key = (
            f"sdk_guidance/{loc[1]}"
            if loc[:1] == ("sdk_guidance",) and len(loc) > 1
            else str(loc[0] if loc else "")
        )
        path, lines = origin.get(key, (sources[-1], {}))
        line = next((lines[loc[:end]] for end in range(len(loc), 0, -1) if loc[:end] in lines), None)
        raise MappingError(f"{where}: {first['msg']}", path, line) from exc
    table = _to_table(parsed)
    _check_references(table, mappings, sources[-1])
    return table


def _directories(mappings: Mappings) -> list[Path]:
    dirs = [Path(d) for d in mappings.directories]
    builtin = builtin_mappings_dir()
    return dirs if any(d.resolve() == builtin.resolve() for d in dirs) else [builtin, *dirs]


def _to_table(parsed: _File) -> FormTable:
    purposes = tuple((p.id, p.response, p.label) for p in parsed.purposes)
    types = tuple(FormType(t.question, t.response, t.label, t.datatype) for t in parsed.types)
    rows = [
        TemplateRow(q.question, q.response, q.kind, q.requirement, q.label, role=q.role)
        for q in parsed.questions
    ]
    rows += [
        TemplateRow(t.question, t.response, "choice", "MULTIPLE_CHOICE", t.label, role="type") for t in types
    ]
    for t in types:
        for u in parsed.usage:
            question = parsed.usage_question.format(type=t.response, part=u.part)
            if u.purposes is None:
                label = parsed.usage_label.format(type=t.short_label, label=u.label)
                rows.append(
                    TemplateRow(question, u.response, u.kind, u.requirement, label, t.response, u.role)
                )
                continue
            for pid, response, plabel in purposes:
                label = parsed.usage_label.format(type=t.short_label, label=u.label.format(purpose=plabel))
                rows.append(
                    TemplateRow(question, response, u.kind, u.requirement, label, t.response, u.purposes, pid)
                )
    return FormTable(
        header=parsed.header,
        rows=tuple(rows),
        types=types,
        purposes=purposes,
        unmapped=tuple(sorted(parsed.unmapped.items())),
        category_defaults=tuple(
            (c, Practice(p.shared, p.purposes, f"category:{c}"))
            for c, p in sorted(parsed.category_defaults.items())
        ),
        sdk_guidance=tuple(
            (sid, tuple((dt, Practice(p.shared, p.purposes, g.source)) for dt, p in sorted(g.types.items())))
            for sid, g in sorted(parsed.sdk_guidance.items())
        ),
        developer_questions=tuple((q.id, q.text) for q in parsed.developer_questions),
    )


def _check_references(table: FormTable, mappings: Mappings, path: Path) -> None:
    """Every data type, SDK, category and purpose the table names must exist."""
    known_types = set(mappings.datatype_ids)
    purpose_ids = {pid for pid, _, _ in table.purposes}
    keys = [(r.question, r.response) for r in table.rows]
    if len(keys) != len(set(keys)):
        raise MappingError("the template lists a (question, response) pair twice", path)
    for t in table.types:
        if t.datatype not in known_types:
            raise MappingError(f"types: unknown data type {t.datatype!r} (see datatypes.yaml)", path)
    for dt, _ in table.unmapped:
        if dt not in known_types:
            raise MappingError(f"unmapped: unknown data type {dt!r}", path)
    for cid, practice in table.category_defaults:
        if mappings.sdk_category(cid) is None:
            raise MappingError(f"category_defaults: unknown SDK category {cid!r}", path)
        _check_purposes(practice, purpose_ids, path)
    for sid, types in table.sdk_guidance:
        try:
            mappings.sdk(sid)
        except KeyError:
            raise MappingError(f"sdk_guidance: unknown SDK {sid!r} (see sdks.yaml)", path) from None
        for dt, practice in types:
            if dt not in known_types:
                raise MappingError(f"sdk_guidance.{sid}: unknown data type {dt!r}", path)
            _check_purposes(practice, purpose_ids, path)


def _check_purposes(practice: Practice, purpose_ids: set[str], path: Path) -> None:
    for p in practice.purposes:
        if p not in purpose_ids:
            raise MappingError(f"unknown purpose {p!r} (see purposes)", path)
