"""Which defined classes are empty stubs.

Some apps ship an SDK's class names with nothing in them, to satisfy a linker
or a reflection check without bundling the SDK. Such a class has no code: no
fields and no method other than a constructor. A detection that rests only on
stubs is reported at low confidence with a note, not as a bundled SDK.

Read from ``class_defs`` and each ``class_data_item`` (a handful of ULEB128
numbers); method names are looked up only for the rare class whose only
methods are direct ones.
"""

from __future__ import annotations

from .dex_index import _CLASS_DEF, _METHOD_ID, _DexReader, _u32_table

_CONSTRUCTORS = frozenset({"<init>", "<clinit>"})
_CLASS_DATA_WORD = 6
"""class_data_off is the seventh u32 of a class_def_item."""


def stub_class_positions(reader: _DexReader) -> list[int]:
    """Positions (in ``class_defs`` order) of the classes that hold no code."""
    if not reader.class_count:
        return []
    words = _u32_table(reader.data, reader.class_off, reader.class_count * (_CLASS_DEF // 4))
    data_offsets = words[_CLASS_DATA_WORD :: _CLASS_DEF // 4]
    data, end = reader.data, reader.end
    stubs = []
    for position, offset in enumerate(data_offsets):
        if offset == 0:
            stubs.append(position)
        elif offset + 4 <= end and data[offset + 3] and data[offset + 3] < 0x80:
            continue  # the usual class: some virtual method (four one-byte counts, the last non-zero)
        elif _only_constructors(reader, offset):
            stubs.append(position)
    return stubs


def _only_constructors(reader: _DexReader, offset: int) -> bool:
    """Whether a class_data_item declares no field, no virtual method and only
    constructors as direct methods. A malformed item counts as code (not a stub):
    this is evidence strength, and doubt must not weaken a detection."""
    data, end = reader.data, reader.end
    if offset >= end:
        return False
    numbers, position = _ulebs(data, offset, end, 4)
    if numbers is None:
        return False
    static_fields, instance_fields, direct, virtual = numbers
    if static_fields or instance_fields or virtual:
        return False
    if direct == 0:
        return True
    method_idx = 0
    indices = []
    for _ in range(direct):
        triple, position = _ulebs(data, position, end, 3)
        if triple is None:
            return False
        method_idx += triple[0]
        indices.append(method_idx)
    if max(indices) >= reader.method_count:
        return False
    name_ids = [_method_name_idx(reader, idx) for idx in indices]
    names = reader.strings(name_ids, "class_data")
    return all(names[i] in _CONSTRUCTORS for i in name_ids)


def _method_name_idx(reader: _DexReader, method_idx: int) -> int:
    base = reader.method_off + method_idx * _METHOD_ID + 4
    return int.from_bytes(reader.data[base : base + 4], "little")


def _ulebs(data: bytes, position: int, end: int, count: int) -> tuple[list[int] | None, int]:
    values = []
    for _ in range(count):
        result = shift = 0
        for _ in range(5):
            if position >= end:
                return None, position
            byte = data[position]
            position += 1
            result |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                break
        else:
            return None, position
        values.append(result)
    return values, position
