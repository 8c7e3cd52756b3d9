"""A policy's permission list (权限列表, 申请权限说明, "List of permissions") read into
one :class:`~consistency.models.ListedPermission` per entry, with its purpose.

Layouts read:

* a table with a permission column ("权限名称", "Permission"), in any of the table
  layouts of ``list_records`` (real, pipe text, flattened one cell per line);
* blocks of labelled lines ("权限名称：相机权限 使用目的：扫码");
* "X权限：purpose" lines, anywhere (the label names a permission);
* under a permission-list title, or as a heading of its own, each heading, bullet
  or short line that names a permission ("Phone status read permission", "位置权限
  （ACCESS_FINE_LOCATION）"), the lines after it up to the next one being its purpose.

A permission is named by the ``policy_names`` of ``permissions.yaml`` (so "位置权限"
stands for both location permissions) or by its Android name written out
("android.permission.CAMERA", "READ_PHONE_STATE").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...models import DataTypeId, ListedPermission, PermissionName
from ..extract.hanzi import fold_chinese
from ..extract.lexicon import DataEntry, Lexicon
from .cues import ListCues
from .records import block_records, flat_table_records, table_records
from .units import Span, Unit, label_of

_CONSTANT = re.compile(r"(?<![\w.])(?:android\.permission\.)?([A-Z][A-Z0-9_]{2,})(?![\w])")
MAX_HEAD_CHARS = 80
"""A line longer than this that names a permission is prose, not a list entry,
unless the permission is named before a colon."""
PURPOSE_UNITS = 8
"""How many lines after a heading-like entry may give its purpose."""


@dataclass(frozen=True)
class PermissionIndex:
    """How a list entry can name a permission, besides the lexicon's permission phrases."""

    names: dict[str, str]
    """Written Android names (full and short) -> full name."""
    types: dict[str, tuple[str, ...]]
    """Full name -> the data types it exposes."""
    plain: tuple[tuple[str, str], ...]
    """(folded policy name, full name) of permissions that expose no data ("通知权限"):
    the lexicon holds only data phrases, but a list entry names these too."""
    any_plain: re.Pattern[str] | None = None
    """Finds whether a text holds any of ``plain`` at all: most lines hold none, and one
    search spares looking for each name in turn."""


def permission_index(mappings) -> PermissionIndex:
    """The permission names of the tables, for reading list entries."""
    names: dict[str, str] = {}
    types: dict[str, tuple[str, ...]] = {}
    plain: list[tuple[str, str]] = []
    for perm in mappings.permissions.permissions:
        names[perm.name] = perm.name
        names.setdefault(perm.name.rsplit(".", 1)[-1], perm.name)
        types[perm.name] = tuple(perm.named_data_types)
        if not perm.named_data_types:
            plain += [(fold_chinese(p).lower(), perm.name) for p in perm.policy_names.all()]
    ordered = tuple(sorted(plain, key=lambda pn: -len(pn[0])))
    any_plain = re.compile("|".join(re.escape(phrase) for phrase, _ in ordered)) if ordered else None
    return PermissionIndex(names, types, ordered, any_plain)


def permissions_named(lexicon: Lexicon, span: Span, index: PermissionIndex) -> tuple[PermissionName, ...]:
    """The permissions a piece of text names, in order of appearance."""
    found: list[tuple[int, str]] = []
    _, mentions, _ = lexicon.scan(span.text, span.start)
    for match in mentions:
        for entry in match.entries:
            if isinstance(entry, DataEntry) and entry.via_permission:
                found.append((match.start, entry.via_permission))
    for constant in _CONSTANT.finditer(span.text):
        full = index.names.get(constant.group(0)) or index.names.get(constant.group(1))
        if full:
            found.append((span.start + constant.start(), full))
    folded = fold_chinese(span.text).lower()
    if index.any_plain is not None and index.any_plain.search(folded):
        for phrase, name in index.plain:
            at = folded.find(phrase)
            if at >= 0 and (not phrase.isascii() or _word_at(folded, at, len(phrase))):
                found.append((span.start + at, name))
    found.sort()
    return tuple(dict.fromkeys(PermissionName(name) for _, name in found))


def _word_at(text: str, at: int, size: int) -> bool:
    before = text[at - 1] if at else " "
    after = text[at + size] if at + size < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def read_permission_list(
    units: list[Unit],
    lexicon: Lexicon,
    cues: ListCues,
    index: PermissionIndex,
) -> tuple[bool, tuple[ListedPermission, ...]]:
    """Whether the policy has a permission list, and its entries in document order."""
    entries: dict[int, ListedPermission] = {}
    memo: dict[int, tuple[PermissionName, ...]] = {}

    def named(position: int) -> tuple[PermissionName, ...]:
        """The permissions line ``position`` names (each line is scanned once)."""
        if position not in memo:
            memo[position] = permissions_named(lexicon, units[position].span, index)
        return memo[position]

    def add(name: Span, purpose: str, start: int, end: int, line: int) -> None:
        perms = permissions_named(lexicon, name, index)
        if not perms or any(s <= start < e.end for s, e in entries.items()):
            return
        data = tuple(dict.fromkeys(DataTypeId(t) for p in perms for t in index.types.get(p, ())))
        denied = _denies(lexicon, f"{name.text} {purpose}")
        entries[start] = ListedPermission(name.text, perms, data, start, end, line, purpose, denied)

    records = [
        *table_records(units, cues.permission, cues.sdk),
        *block_records(units, cues.permission, cues.sdk, cues.permission.max_label_chars),
        *flat_table_records(units, cues.permission, cues.sdk),
    ]
    for record in records:
        purpose = record.fields.get("purpose") or record.fields.get("scenario")
        add(record.fields["name"], purpose.text if purpose else "", record.start, record.end, record.line)
    in_list = False
    for position, unit in enumerate(units):
        if unit.kind == "table_row":
            continue
        head = unit.text.split(":", 1)[0].split("：", 1)[0]
        if cues.permission.is_title(head) and len(head) <= cues.permission.max_label_chars * 3:
            if not named(position):
                in_list = True
                continue
        elif unit.kind == "heading" and not named(position):
            in_list = False
        labelled = label_of(unit, cues.permission.max_label_chars)
        if labelled is not None:
            label, rest = labelled
            label_span = Span(
                label, unit.start + unit.text.find(label), unit.start + unit.text.find(label) + len(label)
            )
            if permissions_named(lexicon, label_span, index):
                add(label_span, rest.text, unit.start, unit.end, unit.line)
                continue
        if unit.kind == "heading" or (in_list and len(unit.text) <= MAX_HEAD_CHARS):
            if not named(position):
                continue
            purpose = _purpose_after(units, position, named)
            add(unit.span, purpose, unit.start, unit.end, unit.line)
    ordered = tuple(entries[k] for k in sorted(entries))
    return bool(ordered), ordered


def _denies(lexicon: Lexicon, text: str) -> bool:
    """The entry denies ("不会申请", "not requested")."""
    _, _, cues = lexicon.scan(text)
    return any("negation" in c.roles or "negated_object" in c.roles for c in cues)


def _purpose_after(units: list[Unit], position: int, named) -> str:
    """The lines after a heading-like entry, up to the next heading or short line that
    names a permission (the next entry); prose that names one is still its purpose."""
    parts = []
    for after in range(position + 1, min(len(units), position + 1 + PURPOSE_UNITS)):
        unit = units[after]
        if unit.kind == "heading" or (len(unit.text) <= MAX_HEAD_CHARS and named(after)):
            break
        parts.append(unit.text)
    return " ".join(parts)
