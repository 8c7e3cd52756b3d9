"""One table file read into a layer, and the layers of one table merged in order.

A user's own directories (``--mappings DIR``) are layered over the built-in
tables, in order: their list entries are added to the built-in ones, an entry
with the same id (or permission name) replaces the earlier one (so an in-house
table can correct a signature), and a single-valued entry (``catch_all``)
replaces the earlier one. A layer file may hold only the keys it adds;
completeness is checked on the merged result.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel, ValidationError, create_model

from ..regular_file import open_regular
from .cache import cached
from .problems import Problem
from .schema import (
    TABLES_SCHEMA_VERSION,
    DataTypesTable,
    PartiesTable,
    PermissionsTable,
    SdksTable,
)
from .statements_schema import StatementsTable
from .yaml_reader import Loc, YamlProblem, parse_yaml

TABLE_CLASSES: Mapping[str, type[BaseModel]] = MappingProxyType(
    {
        "datatypes.yaml": DataTypesTable,
        "permissions.yaml": PermissionsTable,
        "sdks.yaml": SdksTable,
        "parties.yaml": PartiesTable,
        "statements.yaml": StatementsTable,
    }
)
"""Every table file there is, with the model that validates it."""

TABLE_FILES = tuple(TABLE_CLASSES)


def _layer_model(table_cls: type[BaseModel]) -> type[BaseModel]:
    """The table's model with every top-level field optional, so that a user's
    layer may hold only what it adds. Entries keep their full schema."""
    fields: dict[str, Any] = {
        fname: (info.annotation | None, None) for fname, info in table_cls.model_fields.items()
    }
    return create_model(f"{table_cls.__name__}Layer", __config__=table_cls.model_config, **fields)


_LAYER_MODELS: Mapping[str, type[BaseModel]] = MappingProxyType(
    {name: _layer_model(cls) for name, cls in TABLE_CLASSES.items()}
)
"""Derived once from the fixed table models: a constant, not a cache."""


@dataclass(frozen=True)
class Layer:
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


def read_layer(path: str, name: str) -> Layer:
    """Read one file; parse and validate it unless these exact bytes were seen
    before (reading and hashing cost little next to parsing)."""
    try:
        with open_regular(path) as handle:  # a FIFO named like a table would block
            data = handle.read()
    except OSError as exc:
        return Layer(
            path,
            name,
            b"",
            None,
            MappingProxyType({}),
            (Problem(path, None, f"cannot read: {exc.strerror or exc}"),),
        )
    return _parse_layer(path, name, hashlib.sha256(data).digest(), data)


def _parse_layer(path: str, name: str, sha: bytes, data: bytes) -> Layer:
    """Parse and validate one file's bytes. Parsing is served from the on-disk
    cache by content hash; validation runs every time."""
    try:
        doc, lines = cached("table", sha.hex(), lambda: parse_yaml(data))
    except YamlProblem as exc:
        return Layer(path, name, sha, None, MappingProxyType({}), (Problem(path, exc.line, exc.message),))
    layer = Layer(path, name, sha, None, MappingProxyType(lines), ())
    if not isinstance(doc, dict):
        return replace(
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
        model = _LAYER_MODELS[name].model_validate(doc)
    except ValidationError as exc:
        problems += [
            Problem(path, layer.line(tuple(err["loc"])), describe_error(err, doc)) for err in exc.errors()
        ]
        return replace(layer, problems=tuple(problems))
    return replace(layer, model=model, problems=tuple(problems))


def describe_error(err: Mapping[str, Any], doc: Any = None) -> str:
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
class Placed:
    """A merged list entry and where it was written."""

    entry: Any
    layer: Layer
    loc: Loc

    def problem(self, message: str, *sub: str | int) -> Problem:
        return Problem(self.layer.path, self.layer.line((*self.loc, *sub)), message)


def entry_key(entry: Any) -> str | None:
    for attr in ("id", "name"):
        value = getattr(entry, attr, None)
        if isinstance(value, str):
            return value
    return None


def merge_layers(
    layers: list[Layer], problems: list[Problem]
) -> tuple[dict[str, Any], dict[str, list[Placed]]]:
    """Layer the files of one table, in directory order (see the module docstring)."""
    values: dict[str, Any] = {}
    placed: dict[str, dict[str | int, Placed]] = {}
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
                    key: str | int | None = entry_key(entry)
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
                    slot[key] = Placed(entry, layer, (fname, index))
                values[fname] = tuple(p.entry for p in slot.values())
            elif isinstance(value, tuple):
                values[fname] = tuple(dict.fromkeys((*values.get(fname, ()), *value)))
            else:
                values[fname] = value
                placed[fname] = {0: Placed(value, layer, (fname,))}
    return values, {fname: list(slot.values()) for fname, slot in placed.items()}
