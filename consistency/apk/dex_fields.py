"""The framework fields a DEX file references, read from ``field_ids``.

Method references do not show every use of a guarded platform API: an app
reads the call log, the calendar, contacts, SMS or the media store through a
content provider, and the only trace in its code is the static field naming
that provider's URI (``sget-object Landroid/provider/CallLog$Calls;->CONTENT_URI``).
Such ``Uri`` constants are objects, not compile-time constants, so javac and
D8 never inline them: every use leaves a ``field_ids`` entry. (``String`` and
``int`` constants such as column names are inlined and leave none; the
permission table lists only fields that cannot be.)

``field_ids`` has the layout of ``method_ids`` (u16 class, u16 type, u32 name,
sorted by class), so it is read the same way: the whole table is checked
against the type and string tables, and only the entries whose class this DEX
does not define are decoded. A separate small reader rather than a change to
:mod:`consistency.apk.dex_index`, whose method path is tuned on its own.
"""

from __future__ import annotations

import struct
import sys
from array import array
from bisect import bisect_left, bisect_right

from ..errors import ApkReadError
from .dex_index import _HEADER_SIZE, _DexReader, _u32_table

_FIELD_IDS = struct.Struct("<II")
"""field_ids_size, field_ids_off."""
_FIELD_IDS_AT = 0x50
"""Where those two words sit in a DEX header."""
_FIELD_ID = 8


def foreign_field_refs(reader: _DexReader, start: int, foreign_to: set[int]) -> list[str]:
    """``Lpkg/Cls;->NAME`` of every ``field_ids`` entry of the DEX at ``start`` whose
    class is not among ``foreign_to`` (the type indices of the classes this DEX
    defines), deduplicated. Raises :class:`ApkReadError` on a damaged table."""
    count, offset = _FIELD_IDS.unpack_from(reader.data, start + _FIELD_IDS_AT)
    if not count:
        return []
    if offset < _HEADER_SIZE or offset + count * _FIELD_ID > reader.end:
        raise ApkReadError(f"{reader.name}: field_ids out of range ({count} items at offset {offset})")
    class_list = _class_indices(reader.data, offset, count)
    name_indices = _u32_table(reader.data, offset, count * (_FIELD_ID // 4))[1::2]
    in_order = class_list == sorted(class_list)
    _within(reader, "type", class_list[-1] if in_order else max(class_list), len(reader.type_strings))
    _within(reader, "string", max(name_indices), len(reader.string_offsets))
    wanted: set[tuple[int, int]] = set()
    if in_order:
        # Sorted by class, as the format requires: each foreign class's entries are one
        # run, found by bisection, so only those entries become Python ints.
        for type_idx in set(class_list).difference(foreign_to):
            low = bisect_left(class_list, type_idx)
            high = bisect_right(class_list, type_idx, low)
            wanted.update((type_idx, name) for name in name_indices[low:high])
    else:  # Android refuses a DEX whose field_ids are not sorted by class; read it anyway
        wanted = {
            (type_idx, name_indices[i]) for i, type_idx in enumerate(class_list) if type_idx not in foreign_to
        }
    if not wanted:
        return []
    owners = reader.type_names({cls for cls, _ in wanted}, "field_ids")
    strings = reader.strings({name for _, name in wanted}, "field_ids")
    return [f"{owners[cls]}->{strings[name]}" for cls, name in wanted]


def _within(reader: _DexReader, table: str, highest: int, size: int) -> None:
    """Every entry is checked, decoded or not, so a damaged table is refused whatever is asked."""
    if highest >= size:
        raise ApkReadError(f"{reader.name}: field_ids refers to {table} {highest} of {size}")


def _class_indices(data: bytes, offset: int, count: int) -> list[int]:
    """The u16 ``class_idx`` that starts each of ``count`` items: one copy of the table
    as u16s (put in host order), every fourth taken, in C."""
    table = array("H")
    table.frombytes(memoryview(data)[offset : offset + _FIELD_ID * count])
    if sys.byteorder == "big":
        table.byteswap()
    return table[0 :: _FIELD_ID // 2].tolist()
