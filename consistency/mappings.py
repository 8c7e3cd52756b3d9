"""Load the mapping tables (``mappings/*.yaml``) into one immutable :class:`Mappings`.

The built-in tables ship inside the package (``consistency/_mappings`` in an
installed wheel, the repository's ``mappings/`` in a checkout) and are found
through ``importlib.resources``, never relative to the working directory. A
user's own directories (``--mappings DIR``) are layered on top, in order: their
list entries are added to the built-in ones, an entry with the same id (or
permission name) replaces the earlier one (so an in-house table can correct a
signature), and a single-valued entry (``catch_all``) replaces the earlier one.
A layer file may hold only the keys it adds; completeness is checked on the
merged result.

Every problem is collected before anything is raised, so one run of
``consistency mappings check`` lists them all as ``file:line: message``: YAML
syntax, schema violations (a pydantic error's location is mapped back to the
line of the YAML node), unknown data type / category / SDK ids, duplicate ids
inside one file, SDKs without a signature or a policy name, overlapping class
signatures without ``more_specific_than``, and phrases listed twice.

Each file is read on every call, but parsed and validated only once per
process for the same bytes (a private ``lru_cache`` of immutable results keyed
by content hash); a :class:`Mappings` is built fresh for every call. The result records
a digest of every table it was built from, so each report and each batch row
says which tables produced it.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError, create_model

from .errors import MappingError
from .mapping_schema import (
    TABLES_SCHEMA_VERSION,
    DataCategorySpec,
    DataTypeSpec,
    DataTypesTable,
    PartiesTable,
    PermissionSpec,
    PermissionsTable,
    Phrases,
    SdkCategorySpec,
    SdkSpec,
    SdksTable,
)
from .parse_cache import cached

TABLE_FILES = ("datatypes.yaml", "permissions.yaml", "sdks.yaml", "parties.yaml", "statements.yaml")

_MAX_YAML_NODES = 2_000_000
"""More nodes than any real table has: a guard against alias bombs ("billion laughs")."""

Loc = tuple[str | int, ...]


# ------------------------------------------------------------------ public API


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a table, located as precisely as the YAML allows."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.message}"
            if self.line is not None
            else f"{self.path}: {self.message}"
        )


def builtin_mappings_dir() -> Path:
    """Where the shipped tables are: inside the installed package, or the
    repository's ``mappings/`` when running from a checkout (editable install)."""
    packaged = resources.files("consistency") / "_mappings"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parent.parent / "mappings"
    if checkout.is_dir():
        return checkout
    raise MappingError("the built-in mapping tables are missing from this installation")


@dataclass(frozen=True)
class Mappings:
    """All tables, validated, with lookup indexes. Picklable: workers receive it."""

    datatypes: DataTypesTable
    permissions: PermissionsTable
    sdks: SdksTable
    parties: PartiesTable
    statements: object
    """The policy-reading lexicon (``statements.yaml``), typed by its owner module."""
    digest: str
    directories: tuple[str, ...]
    _datatype_index: dict[str, DataTypeSpec] = field(
        default_factory=dict, repr=False, compare=False, hash=False
    )
    _permission_index: dict[str, PermissionSpec] = field(
        default_factory=dict, repr=False, compare=False, hash=False
    )
    _sdk_index: dict[str, SdkSpec] = field(default_factory=dict, repr=False, compare=False, hash=False)
    _category_index: dict[str, DataCategorySpec] = field(
        default_factory=dict, repr=False, compare=False, hash=False
    )
    _sdk_category_index: dict[str, SdkCategorySpec] = field(
        default_factory=dict, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        self._datatype_index.update({d.id: d for d in self.datatypes.datatypes})
        self._permission_index.update({p.name: p for p in self.permissions.permissions})
        self._sdk_index.update({s.id: s for s in self.sdks.sdks})
        self._category_index.update({c.id: c for c in self.datatypes.categories})
        self._sdk_category_index.update({c.id: c for c in self.sdks.categories})

    def datatype(self, data_type_id: str) -> DataTypeSpec:
        return self._datatype_index[data_type_id]

    def permission(self, name: str) -> PermissionSpec | None:
        return self._permission_index.get(name)

    def sdk(self, sdk_id: str) -> SdkSpec:
        return self._sdk_index[sdk_id]

    def category(self, category_id: str) -> DataCategorySpec:
        """A Data safety category of ``datatypes.yaml`` by id (``location``)."""
        return self._category_index[category_id]

    def sdk_category(self, category_id: str) -> SdkCategorySpec | None:
        return self._sdk_category_index.get(category_id)

    def expand(self, ref: str) -> tuple[str, ...]:
        """The data type ids a reference stands for: a data type id is itself, a
        category id is every type of that category (as in ``broad_terms.covers``)."""
        if ref in self._datatype_index:
            return (ref,)
        return tuple(d.id for d in self.datatypes.datatypes if d.category == ref)

    @property
    def datatype_ids(self) -> tuple[str, ...]:
        return tuple(self._datatype_index)


def load_mappings(extra_dirs: Sequence[str | Path] = (), *, include_builtin: bool = True) -> Mappings:
    """Load, merge and validate the tables. Raises one MappingError naming the
    first problem (``file:line``) and carrying all of them in ``.problems``."""
    mappings, problems = _build(_directories(extra_dirs, include_builtin))
    if problems or mappings is None:
        first = problems[0]
        more = (
            f" (and {len(problems) - 1} more: run `consistency mappings check`)" if len(problems) > 1 else ""
        )
        error = MappingError(first.message + more, first.path, first.line)
        error.problems = tuple(problems)  # type: ignore[attr-defined]
        raise error
    return mappings


def check_mappings(extra_dirs: Sequence[str | Path] = (), *, include_builtin: bool = True) -> list[Problem]:
    """Every problem of the tables (built-in plus ``extra_dirs``), in file order;
    empty when they load."""
    return _build(_directories(extra_dirs, include_builtin))[1]


# --------------------------------------------------------------- building


def _directories(extra_dirs: Sequence[str | Path], include_builtin: bool) -> list[Path]:
    if isinstance(extra_dirs, (str, Path)):  # a lone directory is a common slip
        extra_dirs = [extra_dirs]
    return ([builtin_mappings_dir()] if include_builtin else []) + [Path(d) for d in extra_dirs]


def _build(dirs: list[Path]) -> tuple[Mappings | None, list[Problem]]:
    problems: list[Problem] = []
    layers: dict[str, list[_Layer]] = {name: [] for name in TABLE_FILES}
    unreadable: set[str] = set()  # tables with a file too broken to validate
    hasher = hashlib.sha256()
    for directory in dirs:
        if not directory.is_dir():
            problems.append(Problem(str(directory), None, "not a directory of mapping tables"))
            continue
        found = False
        for path in sorted(directory.iterdir()):
            if path.suffix not in (".yaml", ".yml") or not path.is_file():
                continue
            if path.name not in TABLE_FILES:
                problems.append(
                    Problem(str(path), None, f"unknown table file (the tables are {', '.join(TABLE_FILES)})")
                )
                continue
            found = True
            layer = _read_layer(str(path), path.name)
            hasher.update(path.name.encode() + b"\0" + layer.sha256)
            problems += layer.problems
            if layer.model is not None:
                layers[path.name].append(layer)
            else:
                unreadable.add(path.name)
        if not found:
            problems.append(
                Problem(str(directory), None, f"no mapping tables here ({', '.join(TABLE_FILES)})")
            )

    tables: dict[str, BaseModel | None] = {}
    merged: dict[str, dict[str, list[_Placed]]] = {}
    for name in TABLE_FILES:
        table_cls = _table_class(name, problems, layers[name])
        if table_cls is None:
            tables[name] = None
            continue
        if not layers[name]:
            if name not in unreadable:  # else its own problems say why
                where = str(dirs[0]) if dirs else "(no directories)"
                problems.append(Problem(where, None, f"no {name} in any mapping directory"))
            tables[name] = None
            continue
        values, merged[name] = _merge(layers[name], problems)
        try:
            tables[name] = table_cls.model_validate(values)
        except ValidationError as exc:
            last = layers[name][-1]
            problems += [Problem(last.path, None, f"merged {name}: {_describe(err)}") for err in exc.errors()]
            tables[name] = None

    problems += _cross_check(tables, merged)
    if problems or any(t is None for t in tables.values()):
        return None, problems
    return (
        Mappings(
            datatypes=tables["datatypes.yaml"],  # type: ignore[arg-type]
            permissions=tables["permissions.yaml"],  # type: ignore[arg-type]
            sdks=tables["sdks.yaml"],  # type: ignore[arg-type]
            parties=tables["parties.yaml"],  # type: ignore[arg-type]
            statements=tables["statements.yaml"],
            digest=hasher.hexdigest()[:16],
            directories=tuple(str(d) for d in dirs),
        ),
        [],
    )


def _table_class(name: str, problems: list[Problem], layers: list[_Layer]) -> type[BaseModel] | None:
    try:
        return _TABLE_CLASSES[name]()
    except ImportError as exc:  # the statements schema belongs to the policy stage
        where = layers[0].path if layers else name
        problems.append(Problem(where, None, f"cannot validate {name}: its schema module is missing ({exc})"))
        return None


def _statements_table() -> type[BaseModel]:
    from .policy.lexicon_schema import StatementsTable

    return StatementsTable


_TABLE_CLASSES: dict[str, Any] = {
    "datatypes.yaml": lambda: DataTypesTable,
    "permissions.yaml": lambda: PermissionsTable,
    "sdks.yaml": lambda: SdksTable,
    "parties.yaml": lambda: PartiesTable,
    "statements.yaml": _statements_table,
}


# ------------------------------------------------------------ one YAML file


@dataclass(frozen=True)
class _Layer:
    """One table file, parsed and validated on its own (immutable: it is cached)."""

    path: str
    name: str
    sha256: bytes
    model: BaseModel | None
    """The file's content as a *layer* model (every top-level key optional)."""
    lines: Mapping[Loc, int]
    """YAML line of every key and list item, by its location in the document."""
    problems: tuple[Problem, ...]

    def line(self, loc: Loc) -> int | None:
        """The line of ``loc``, or of its nearest ancestor the YAML records."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(loc[:end])
            if line is not None:
                return line
        return None


def _read_layer(path: str, name: str) -> _Layer:
    """Read one file; parse and validate it unless these exact bytes were seen
    before (reading and hashing cost little next to parsing)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return _Layer(
            path,
            name,
            b"",
            None,
            MappingProxyType({}),
            (Problem(path, None, f"cannot read: {exc.strerror or exc}"),),
        )
    return _parse_layer(path, name, hashlib.sha256(data).digest(), data)


@functools.lru_cache(maxsize=64)
def _parse_layer(path: str, name: str, sha: bytes, data: bytes) -> _Layer:
    """Parse and validate one file's bytes. Cached on the content hash (the bytes
    compare equal too), so an edited file is always parsed again."""
    try:
        doc, lines = cached("table", sha.hex(), lambda: _parse_yaml(data))
    except _YamlProblem as exc:
        return _Layer(path, name, sha, None, MappingProxyType({}), (Problem(path, exc.line, exc.message),))
    layer = _Layer(path, name, sha, None, MappingProxyType(lines), ())
    if not isinstance(doc, dict):
        return _with(
            layer, problems=(Problem(path, 1, "a mapping table must be a YAML mapping at the top level"),)
        )
    problems: list[Problem] = []
    version = doc.get("schema_version", TABLES_SCHEMA_VERSION)
    if version != TABLES_SCHEMA_VERSION:
        problems.append(
            Problem(
                path,
                layer.line(("schema_version",)),
                f"schema_version {version!r} is not {TABLES_SCHEMA_VERSION}",
            )
        )
    try:
        table_cls = _TABLE_CLASSES[name]()
    except ImportError:
        return _with(layer, problems=tuple(problems))  # reported once by _build
    try:
        model = _layer_model(table_cls).model_validate(doc)
    except ValidationError as exc:
        problems += [
            Problem(path, layer.line(tuple(err["loc"])), _describe(err, doc)) for err in exc.errors()
        ]
        return _with(layer, problems=tuple(problems))
    return _with(layer, model=model, problems=tuple(problems))


def _with(layer: _Layer, **changes: Any) -> _Layer:
    return replace(layer, **changes)


@functools.cache
def _layer_model(table_cls: type[BaseModel]) -> type[BaseModel]:
    """The table's model with every top-level field optional, so that a user's
    layer may hold only what it adds. Entries keep their full schema."""
    fields: dict[str, Any] = {
        fname: (info.annotation | None, None) for fname, info in table_cls.model_fields.items()
    }
    return create_model(f"{table_cls.__name__}Layer", __config__=table_cls.model_config, **fields)


class _YamlProblem(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"
_MAX_DEPTH = 64
"""Deeper than any table needs; deeper input would exhaust the parser's stack."""


@dataclass
class _Frame:
    """An open mapping or sequence while the event stream is read."""

    value: dict[Any, Any] | list[Any]
    loc: Loc
    anchor: str | None
    is_map: bool
    expects_key: bool
    size: int = 1
    key: Any = None


def _parse_yaml(data: bytes) -> tuple[Any, dict[Loc, int]]:
    """The document and the line of every key and item, keyed by its location.

    Built straight from libyaml's event stream with an explicit stack: no
    recursion (a deeply nested file is an error, not a crash), aliases are
    counted at their full size (no "billion laughs"), and each value's place is
    known, so a pydantic error ``loc`` maps directly to a line."""
    loader = _Loader(data)
    try:
        return _read_events(loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if "nesting depth" in problem:
            # Newer PyYAML/libyaml refuse deep flow nesting in the scanner, which
            # reads ahead of the events; the refusal is ours whichever layer made it.
            raise _YamlProblem(
                f"nested deeper than {_MAX_DEPTH} levels", None if mark is None else mark.line + 1
            ) from exc
        raise _YamlProblem(f"malformed YAML: {problem}", None if mark is None else mark.line + 1) from exc
    finally:
        loader.dispose()


_SCALAR, _ALIAS, _OPEN_MAP, _OPEN_SEQ, _CLOSE, _DOC, _SKIP = range(7)
_EVENT_KIND = {
    yaml.ScalarEvent: _SCALAR,
    yaml.AliasEvent: _ALIAS,
    yaml.MappingStartEvent: _OPEN_MAP,
    yaml.SequenceStartEvent: _OPEN_SEQ,
    yaml.MappingEndEvent: _CLOSE,
    yaml.SequenceEndEvent: _CLOSE,
    yaml.DocumentStartEvent: _DOC,
    yaml.DocumentEndEvent: _SKIP,
    yaml.StreamStartEvent: _SKIP,
    yaml.StreamEndEvent: _SKIP,
}


def _read_events(loader: Any) -> tuple[Any, dict[Loc, int]]:
    """One pass over the events; the hot loop of loading, so it dispatches on the
    event's type once and remembers how each plain word resolved."""
    lines: dict[Loc, int] = {}
    anchors: dict[str, tuple[Any, int]] = {}
    resolved: dict[str, Any] = {}
    stack: list[_Frame] = []
    budget = _MAX_YAML_NODES
    root: Any = None
    documents = 0
    while (event := loader.get_event()) is not None:
        kind = _EVENT_KIND[type(event)]
        if kind == _SKIP:
            continue
        line = event.start_mark.line + 1
        if kind == _CLOSE:
            done = stack.pop()
            if done.anchor:
                anchors[done.anchor] = (done.value, done.size)
            if stack:
                stack[-1].size += done.size
            continue
        if kind == _DOC:
            documents += 1
            if documents > 1:
                raise _YamlProblem("a table must be a single YAML document", line)
            continue
        parent = stack[-1] if stack else None
        if parent is not None and parent.expects_key:
            parent.key = _mapping_key(loader, event, line, parent, resolved)
            parent.expects_key = False
            lines[(*parent.loc, parent.key)] = line
            continue
        if parent is None:
            loc: Loc = ()
        elif parent.is_map:
            loc = (*parent.loc, parent.key)
        else:
            loc = (*parent.loc, len(parent.value))
        lines.setdefault(loc, line)
        if kind == _SCALAR:
            value, size = _scalar(loader, event, line, resolved), 1
            if event.anchor:
                anchors[event.anchor] = (value, 1)
        elif kind == _ALIAS:
            if event.anchor not in anchors:
                raise _YamlProblem(f"unknown alias *{event.anchor}", line)
            value, size = anchors[event.anchor]
        else:
            if len(stack) >= _MAX_DEPTH:
                raise _YamlProblem(f"nested deeper than {_MAX_DEPTH} levels", line)
            is_map = kind == _OPEN_MAP
            value, size = ({} if is_map else []), 0
            stack.append(_Frame(value, loc, event.anchor, is_map=is_map, expects_key=is_map))
        budget -= size or 1
        if budget < 0:
            raise _YamlProblem("the YAML document is too large (alias expansion?)", line)
        if parent is None:
            root = value
        elif parent.is_map:
            parent.value[parent.key] = value  # type: ignore[call-overload]
            parent.expects_key = True
            parent.size += size
        else:
            parent.value.append(value)  # type: ignore[union-attr]
            parent.size += size
    return root, lines


def _mapping_key(loader: Any, event: Any, line: int, parent: _Frame, resolved: dict[str, Any]) -> str | int:
    if not isinstance(event, yaml.ScalarEvent):
        raise _YamlProblem("a mapping key must be a plain string", line)
    if event.value == "<<" and event.implicit[0]:
        raise _YamlProblem("YAML merge keys (<<) are not supported in mapping tables", line)
    key = _scalar(loader, event, line, resolved)
    if not isinstance(key, (str, int)) or isinstance(key, bool):
        raise _YamlProblem(f"a mapping key must be a string, not {key!r}", line)
    if key in parent.value:
        raise _YamlProblem(f"duplicate key {key!r}", line)
    return key


def _scalar(loader: Any, event: Any, line: int, resolved: dict[str, Any]) -> Any:
    """A scalar's value with YAML 1.1 safe typing (ints, bools, nulls...); quoted
    scalars are strings. ``resolved`` memoises the tag of plain scalars."""
    tag = event.tag
    if tag is None or tag == "!":
        if event.implicit[0]:  # plain: its text decides (yes -> bool, 12 -> int)
            tag = resolved.get(event.value)
            if tag is None:
                tag = resolved[event.value] = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        else:
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag == _STR_TAG:
        return event.value
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if "nesting depth" in problem:
            # Newer PyYAML/libyaml refuse deep flow nesting in the scanner, which
            # reads ahead of the events; the refusal is ours whichever layer made it.
            raise _YamlProblem(
                f"nested deeper than {_MAX_DEPTH} levels", None if mark is None else mark.line + 1
            ) from exc
        raise _YamlProblem(f"malformed YAML value {event.value!r}: {problem}", line) from exc


def _describe(err: Mapping[str, Any], doc: Any = None) -> str:
    """``datatypes[3] 'location.precise' .phrases.en[0]: message`` from a pydantic error."""
    parts: list[str] = []
    node = doc
    for step in err["loc"]:
        if isinstance(step, int):
            parts.append(f"[{step}]")
            node = node[step] if isinstance(node, list) and step < len(node) else None
            if isinstance(node, dict):
                ident = node.get("id", node.get("name"))
                if isinstance(ident, str):
                    parts.append(f" ({ident})")
        else:
            parts.append(f".{step}" if parts else str(step))
            node = node.get(step) if isinstance(node, dict) else None
    where = "".join(parts)
    message = err["msg"]
    if err.get("type") == "extra_forbidden":
        message = "unknown key (misspelt?)"
    return f"{where}: {message}" if where else message


# ------------------------------------------------------------------ merging


@dataclass(frozen=True)
class _Placed:
    """A merged list entry and where it was written."""

    entry: Any
    layer: _Layer
    loc: Loc

    def problem(self, message: str, *sub: str | int) -> Problem:
        return Problem(self.layer.path, self.layer.line((*self.loc, *sub)), message)


def _key(entry: Any) -> str | None:
    for attr in ("id", "name"):
        value = getattr(entry, attr, None)
        if isinstance(value, str):
            return value
    return None


def _merge(layers: list[_Layer], problems: list[Problem]) -> tuple[dict[str, Any], dict[str, list[_Placed]]]:
    """Layer the files of one table, in directory order (see the module docstring)."""
    values: dict[str, Any] = {}
    placed: dict[str, dict[str | int, _Placed]] = {}
    for layer in layers:
        model = layer.model
        assert model is not None
        for fname in model.model_fields_set:
            value = getattr(model, fname)
            if value is None:
                continue
            if isinstance(value, tuple) and value and all(isinstance(v, BaseModel) for v in value):
                slot = placed.setdefault(fname, {})
                seen_here: set[str] = set()
                for index, entry in enumerate(value):
                    key: str | int | None = _key(entry)
                    if key is None:
                        key = len(slot)
                    elif key in seen_here:
                        problems.append(
                            Problem(
                                layer.path,
                                layer.line((fname, index)),
                                f"duplicate {fname} entry {key!r} in this file",
                            )
                        )
                        continue
                    else:
                        seen_here.add(key)
                    slot.pop(key, None)  # a later layer replaces (and re-orders) the entry
                    slot[key] = _Placed(entry, layer, (fname, index))
                values[fname] = tuple(p.entry for p in slot.values())
            elif isinstance(value, tuple):
                values[fname] = tuple(dict.fromkeys((*values.get(fname, ()), *value)))
            else:
                values[fname] = value
                placed[fname] = {0: _Placed(value, layer, (fname,))}
    return values, {fname: list(slot.values()) for fname, slot in placed.items()}


# ------------------------------------------------------------ cross checks


def _cross_check(
    tables: Mapping[str, BaseModel | None], merged: Mapping[str, Mapping[str, list[_Placed]]]
) -> list[Problem]:
    """What the schema cannot see: references between entries and tables."""
    problems: list[Problem] = []
    datatypes = merged.get("datatypes.yaml", {})
    type_ids = {p.entry.id for p in datatypes.get("datatypes", [])}
    category_ids = {p.entry.id for p in datatypes.get("categories", [])}
    if tables.get("datatypes.yaml") is not None:
        problems += _check_datatypes(datatypes, type_ids, category_ids)
    types_known = tables.get("datatypes.yaml") is not None  # else every reference would look unknown
    if tables.get("permissions.yaml") is not None and types_known:
        for placed in merged["permissions.yaml"].get("permissions", []):
            problems += _unknown_types(placed, "data_types", type_ids)
    sdks = merged.get("sdks.yaml", {})
    sdk_category_ids = {p.entry.id for p in sdks.get("categories", [])}
    if tables.get("sdks.yaml") is not None:
        problems += _check_sdks(sdks, type_ids if types_known else None, sdk_category_ids)
    if tables.get("parties.yaml") is not None:
        parties = merged["parties.yaml"]
        for placed in parties.get("categories", []):
            for i, ref in enumerate(placed.entry.sdk_categories):
                if tables.get("sdks.yaml") is not None and ref not in sdk_category_ids:
                    problems.append(
                        placed.problem(
                            f"unknown SDK category {ref!r} (see sdks.yaml categories)", "sdk_categories", i
                        )
                    )
        problems += _duplicate_phrases(parties.get("categories", []) + parties.get("catch_all", []))
    return problems


def _check_datatypes(
    datatypes: Mapping[str, list[_Placed]], type_ids: set[str], category_ids: set[str]
) -> list[Problem]:
    problems: list[Problem] = []
    used_categories: set[str] = set()
    for placed in datatypes.get("datatypes", []):
        spec = placed.entry
        used_categories.add(spec.category)
        if spec.category not in category_ids:
            problems.append(placed.problem(f"unknown category {spec.category!r}", "category"))
        elif spec.id.split(".", 1)[0] != spec.category:
            problems.append(
                placed.problem(
                    f"data type id {spec.id!r} must start with its category {spec.category!r}", "id"
                )
            )
    for placed in datatypes.get("categories", []):
        if placed.entry.id not in used_categories:
            problems.append(placed.problem(f"category {placed.entry.id!r} has no data types"))
    for placed in datatypes.get("broad_terms", []):
        for i, ref in enumerate(placed.entry.covers):
            if ref not in type_ids and ref not in category_ids:
                problems.append(placed.problem(f"unknown data type or category {ref!r}", "covers", i))
    entries = (
        datatypes.get("categories", []) + datatypes.get("datatypes", []) + datatypes.get("broad_terms", [])
    )
    problems += _duplicate_phrases(entries + datatypes.get("catch_all", []))
    return problems


def _unknown_types(placed: _Placed, field_name: str, type_ids: set[str]) -> Iterator[Problem]:
    for i, ref in enumerate(getattr(placed.entry, field_name)):
        if ref not in type_ids:
            yield placed.problem(f"unknown data type {ref!r} (see datatypes.yaml)", field_name, i)


def _normal_phrase(phrase: str) -> str:
    """How two phrases compare: case, hyphens and spacing do not tell them apart."""
    return " ".join(phrase.casefold().replace("-", " ").split())


def _duplicate_phrases(entries: Iterable[_Placed]) -> list[Problem]:
    """A phrase listed under two entries of one table makes every mention of it
    ambiguous; listed twice under one entry it is a copy-paste slip."""
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    entries = list(entries)
    for placed in entries:
        name = _key(placed.entry) or "catch_all"
        phrases: Phrases = placed.entry.phrases
        for lang in ("en", "zh"):
            for i, phrase in enumerate(getattr(phrases, lang)):
                norm = _normal_phrase(phrase)
                if norm in owner:
                    where = "this entry" if owner[norm] == name else repr(owner[norm])
                    problems.append(
                        placed.problem(
                            f"phrase {phrase!r} is already listed under {where}", "phrases", lang, i
                        )
                    )
                else:
                    owner[norm] = name
    for placed in entries:  # an exclusion equal to a phrase would cancel that phrase
        excluded: Phrases = getattr(placed.entry, "exclude", Phrases())
        for lang in ("en", "zh"):
            for i, phrase in enumerate(getattr(excluded, lang)):
                if _normal_phrase(phrase) in owner:
                    problems.append(
                        placed.problem(
                            f"excluded phrase {phrase!r} is a phrase of {owner[_normal_phrase(phrase)]!r}",
                            "exclude",
                            lang,
                            i,
                        )
                    )
    return problems


def _check_sdks(
    sdks: Mapping[str, list[_Placed]], type_ids: set[str] | None, category_ids: set[str]
) -> list[Problem]:
    """``type_ids`` is None when datatypes.yaml itself failed to load."""
    problems: list[Problem] = []
    if type_ids is not None:
        for placed in sdks.get("categories", []):
            problems += _unknown_types(placed, "default_data_types", type_ids)
    entries = sdks.get("sdks", [])
    sdk_ids = {p.entry.id for p in entries}
    for placed in entries:
        spec: SdkSpec = placed.entry
        if spec.category not in category_ids:
            problems.append(placed.problem(f"unknown SDK category {spec.category!r}", "category"))
        if type_ids is not None:
            problems += _unknown_types(placed, "data_types", type_ids)
        sig = spec.signatures
        if not (sig.classes or sig.native_libs or sig.meta_data or sig.components or sig.version_files or sig.assets):
            problems.append(
                placed.problem(
                    f"SDK {spec.id!r} has no signature that can report it (classes, native_libs, meta_data, "
                    "components, version_files or assets; hosts and permissions only support)",
                    "signatures",
                )
            )
        if not spec.policy_names.all():
            problems.append(placed.problem(f"SDK {spec.id!r} has no policy name", "policy_names"))
        for i, other in enumerate(spec.more_specific_than):
            if other not in sdk_ids:
                problems.append(
                    placed.problem(f"more_specific_than names unknown SDK {other!r}", "more_specific_than", i)
                )
            elif other == spec.id:
                problems.append(
                    placed.problem("an SDK cannot be more specific than itself", "more_specific_than", i)
                )
    problems += _overlapping_signatures(entries)
    return problems


def _overlapping_signatures(entries: list[_Placed]) -> list[Problem]:
    """Two SDKs whose class prefixes are equal, or one a package-boundary prefix of
    the other, would both claim the same classes: the more specific one must say
    so with ``more_specific_than``. One dictionary walk per prefix instead of a
    comparison of every pair (hundreds of SDKs, thousands of prefixes). Equal
    prefixes are reported once, on the later entry."""
    order = {p.entry.id: n for n, p in enumerate(entries)}
    owners: dict[str, list[tuple[_Placed, int]]] = {}
    for placed in entries:
        for i, prefix in enumerate(placed.entry.signatures.classes):
            owners.setdefault(prefix, []).append((placed, i))
    problems: list[Problem] = []
    reported: set[tuple[str, str]] = set()  # one problem per pair of SDKs
    for prefix, claimants in owners.items():
        parts = prefix.split(".")
        ancestors = [".".join(parts[:n]) for n in range(1, len(parts))]
        for placed, index in claimants:
            spec: SdkSpec = placed.entry
            same = [(p.entry, prefix) for p, _ in claimants if order[p.entry.id] < order[spec.id]]
            inside = [(p.entry, a) for a in ancestors for p, _ in owners.get(a, []) if p.entry.id != spec.id]
            for other, shared in same + inside:
                equal = shared == prefix
                declared = other.id in spec.more_specific_than or (
                    equal and spec.id in other.more_specific_than
                )
                if declared or (spec.id, other.id) in reported:
                    continue
                reported.add((spec.id, other.id))
                how = "the same class signature as" if equal else "a class signature inside"
                problems.append(
                    placed.problem(
                        f"SDK {spec.id!r} has {how} {other.id!r} ({shared!r}): "
                        f"add more_specific_than: [{other.id}] to the more specific one",
                        "signatures",
                        "classes",
                        index,
                    )
                )
    return problems
