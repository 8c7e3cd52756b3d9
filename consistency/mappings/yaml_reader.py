"""A line-keeping, bounded YAML reader for the mapping tables.

Built straight from libyaml's event stream with an explicit stack: no recursion
(a deeply nested file is an error, not a crash), aliases are counted at their
full size (no "billion laughs"), merge keys and duplicate keys are refused, and
the line of every key and list item is recorded, so a schema error found later
can be reported as ``file:line``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

Loc = tuple[str | int, ...]
"""Where a value sits in a document: its keys and list indexes from the root."""

MAX_YAML_NODES = 2_000_000
"""More nodes than any real table has: a guard against alias bombs ("billion laughs")."""


class YamlProblem(Exception):
    """The document cannot be read as a table; ``line`` is 1-based when known."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"
MAX_DEPTH = 64
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


def parse_yaml(data: bytes) -> tuple[Any, dict[Loc, int]]:
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
            raise YamlProblem(
                f"nested deeper than {MAX_DEPTH} levels", None if mark is None else mark.line + 1
            ) from exc
        raise YamlProblem(f"malformed YAML: {problem}", None if mark is None else mark.line + 1) from exc
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
    budget = MAX_YAML_NODES
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
                raise YamlProblem("a table must be a single YAML document", line)
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
                raise YamlProblem(f"unknown alias *{event.anchor}", line)
            value, size = anchors[event.anchor]
        else:
            if len(stack) >= MAX_DEPTH:
                raise YamlProblem(f"nested deeper than {MAX_DEPTH} levels", line)
            is_map = kind == _OPEN_MAP
            value, size = ({} if is_map else []), 0
            stack.append(_Frame(value, loc, event.anchor, is_map=is_map, expects_key=is_map))
        budget -= size or 1
        if budget < 0:
            raise YamlProblem("the YAML document is too large (alias expansion?)", line)
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
        raise YamlProblem("a mapping key must be a plain string", line)
    if event.value == "<<" and event.implicit[0]:
        raise YamlProblem("YAML merge keys (<<) are not supported in mapping tables", line)
    key = _scalar(loader, event, line, resolved)
    if not isinstance(key, (str, int)) or isinstance(key, bool):
        raise YamlProblem(f"a mapping key must be a string, not {key!r}", line)
    if key in parent.value:
        raise YamlProblem(f"duplicate key {key!r}", line)
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
        raise YamlProblem(f"malformed YAML value {event.value!r}: {problem}", line) from exc
