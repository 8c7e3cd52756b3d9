"""A fast index of the classes a DEX file defines and the methods it references.

SDK detection needs two lists per ``classes*.dex``: the classes it defines and
the methods it calls. Androguard's ``DEX`` parses and disassembles everything
(2.7 s for the 7 MB DEX of ApiDemos); reading only the tables those two lists
come from (header, ``string_ids``, ``type_ids``, ``method_ids``, ``class_defs``)
and decoding only the strings they reach is well over an order of magnitude
faster (``make bench`` measures both).

The DEX is untrusted: every offset and count is checked against the buffer
before it is used, so a damaged or hostile file ends in :class:`ApkReadError`,
never in ``IndexError``, ``struct.error`` or a huge allocation. The tables are
read through zero-copy ``memoryview`` casts, so memory stays at the size of the
input plus the decoded names.
"""

from __future__ import annotations

import struct
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import ApkReadError

if TYPE_CHECKING:
    from .zipread import ApkArchive, ApkLimits

_MAGIC = b"dex\n"
_VERSIONS = range(35, 42)
"""035 (every Android) to 041 (Android 15 containers); 036 was never used but is harmless."""
_CONTAINER_VERSION = 41
_HEADER_SIZE = 0x70
_CONTAINER_HEADER_SIZE = 0x78
_ENDIAN_CONSTANT = 0x12345678
_NO_INDEX = 0xFFFFFFFF

_HEADER = struct.Struct("<8sI20sIIIIIIIIIIIIIIIIIII")
"""magic, checksum, signature, file_size, header_size, endian_tag, link_size,
link_off, map_off, then (size, off) for string_ids, type_ids, proto_ids,
field_ids, method_ids, class_defs, data."""
_CONTAINER_FIELDS = struct.Struct("<II")
"""container_size, header_offset: the two words a v41 header adds at 0x70."""

_STRING_ID = 4
_TYPE_ID = 4
_PROTO_ID = 12
_METHOD_ID = 8
_CLASS_DEF = 32


@dataclass(frozen=True)
class DexIndex:
    """What one ``classes*.dex`` defines and references."""

    name: str
    """Entry name in the APK, e.g. ``classes2.dex``."""
    size: int
    """Size of the DEX in bytes."""
    classes: tuple[str, ...]
    """Every class defined in ``class_defs``, in Java form (``com.amap.api.Foo$Bar``), file order."""
    foreign_refs: tuple[str, ...] = ()
    """The ``method_ids`` entries whose class this DEX does not define, as
    ``Lpkg/Cls;->name`` (no prototype), deduplicated, sorted: the candidates for
    external API references (another DEX of the app may still define the class).
    Only these are decoded: in a large app most references are to its own classes,
    and building a string for each was most of the cost of indexing."""
    method_ref_count: int = 0
    """Entries of ``method_ids``: every method the code defines or calls, one per
    prototype (the figure Android's 64K method-reference limit counts)."""
    hosts: frozenset[str] = frozenset()
    """Host-like names in the string table (see ``dex_strings``)."""
    stub_classes: frozenset[str] = frozenset()
    """Defined classes that hold no code (see ``dex_stubs``)."""
    foreign_field_refs: tuple[str, ...] = ()
    """The ``field_ids`` entries whose class this DEX does not define, as
    ``Lpkg/Cls;->NAME``, sorted (see ``dex_fields``): provider URIs and other
    framework constants that are objects, hence never inlined."""
    content_uris: frozenset[str] = frozenset()
    """``content://`` URIs written as strings (see ``dex_uris``)."""


def descriptor_to_java(desc: str) -> str:
    """``Lcom/a/B;`` -> ``com.a.B``. Array and primitive descriptors are returned
    unchanged: they have no Java class name of their own."""
    if len(desc) > 2 and desc[0] == "L" and desc[-1] == ";":
        return desc[1:-1].replace("/", ".")
    return desc


def java_to_descriptor(name: str) -> str:
    """``com.a.B`` -> ``Lcom/a/B;`` (the inverse of :func:`descriptor_to_java` for
    class names: a DEX class name cannot contain a dot)."""
    return "L" + name.replace(".", "/") + ";"


def index_dex(data: bytes, name: str = "classes.dex") -> DexIndex:
    """Index one DEX file (a v41 container: every DEX inside it). Raises
    :class:`ApkReadError` naming the entry and the table at fault on any bad DEX."""
    from .dex_fields import foreign_field_refs
    from .dex_strings import string_table_hosts
    from .dex_stubs import stub_class_positions
    from .dex_uris import content_uri_strings

    classes: list[str] = []
    refs: set[str] = set()
    count = 0
    hosts: set[str] = set()
    stubs: list[str] = []
    fields: set[str] = set()
    uris: set[str] = set()
    for start in _dex_starts(data, name):
        reader = _DexReader(data, name, start)
        class_types = reader.class_types()
        defined = reader.defined_classes(class_types)
        classes.extend(defined)
        count += reader.method_count
        refs.update(reader.method_refs(reader.method_keys(foreign_to=set(class_types))))
        hosts |= string_table_hosts(reader)
        stubs.extend(defined[i] for i in stub_class_positions(reader))
        fields.update(foreign_field_refs(reader, start, set(class_types)))
        uris |= content_uri_strings(reader)
    return DexIndex(
        name=name,
        size=len(data),
        classes=tuple(classes),
        foreign_refs=tuple(sorted(refs)),
        method_ref_count=count,
        hosts=frozenset(hosts),
        stub_classes=frozenset(stubs),
        foreign_field_refs=tuple(sorted(fields)),
        content_uris=frozenset(uris),
    )


def all_method_refs(data: bytes, name: str = "classes.dex") -> frozenset[str]:
    """Every ``method_ids`` entry as ``Lpkg/Cls;->name``: the whole table, decoded.
    :func:`index_dex` decodes only the foreign ones; this is for checking it
    (against androguard, dexdump or the sources) and for anyone who needs them all."""
    refs: set[str] = set()
    for start in _dex_starts(data, name):
        reader = _DexReader(data, name, start)
        refs.update(reader.method_refs(reader.method_keys()))
    return frozenset(refs)


def index_apk_dex(
    archive: ApkArchive, limits: ApkLimits, on_dex: Callable[[str, bytes], None] | None = None
) -> tuple[DexIndex, ...]:
    """Index every ``classes*.dex`` of an open APK, in load order. Each DEX is read
    (bounded by ``limits``), indexed, shown to ``on_dex`` (so other readers of DEX
    bytes need not inflate it again) and dropped before the next is read."""
    indexes = []
    for dex_name in archive.dex_names():
        data = archive.read(dex_name, limits)
        try:
            indexes.append(index_dex(data, dex_name))
        except ApkReadError as exc:
            raise ApkReadError(exc.reason, archive.path) from exc
        if on_dex is not None:
            on_dex(dex_name, data)
        del data
    return tuple(indexes)


def external_api_refs(indexes: Iterable[DexIndex]) -> frozenset[str]:
    """Method references whose class no DEX of the app defines: calls into the
    Android framework or other code the app does not ship, in ``Lpkg/Cls;->name`` form."""
    indexes = tuple(indexes)
    return _not_defined(indexes, (ref for index in indexes for ref in index.foreign_refs))


def external_field_refs(indexes: Iterable[DexIndex]) -> frozenset[str]:
    """Field references whose class no DEX of the app defines (framework constants
    such as ``Landroid/provider/CallLog$Calls;->CONTENT_URI``)."""
    indexes = tuple(indexes)
    return _not_defined(indexes, (ref for index in indexes for ref in index.foreign_field_refs))


def _not_defined(indexes: Sequence[DexIndex], refs: Iterable[str]) -> frozenset[str]:
    """The ``Lpkg/Cls;->name`` references whose class no DEX of these defines."""
    defined = {java_to_descriptor(cls) for index in indexes for cls in index.classes}
    return frozenset(ref for ref in refs if ref[: ref.index("->")] not in defined)


# ------------------------------------------------------------------ internals


def _dex_starts(data: bytes, name: str) -> list[int]:
    """Offsets of the DEX headers in ``data``: just 0, except in a v41 container,
    which chains several DEX files one after another (each header's ``file_size``
    leads to the next) inside ``container_size`` bytes."""
    _check_magic(data, 0, name)
    if int(data[4:7]) != _CONTAINER_VERSION:
        return [0]
    header = _HEADER.unpack_from(data, 0)
    if header[4] < _CONTAINER_HEADER_SIZE:
        return [0]
    container_size, _ = _unpack_container(data, 0, name)
    end = min(container_size, len(data))
    starts, start = [], 0
    while start < end:
        _check_magic(data, start, name)
        file_size = _HEADER.unpack_from(data, start)[3]
        if file_size < _CONTAINER_HEADER_SIZE:
            raise ApkReadError(f"{name}: DEX container entry at offset {start} has an impossible size")
        starts.append(start)
        start += file_size
    return starts


def _check_magic(data: bytes, start: int, name: str) -> None:
    if len(data) - start < _HEADER_SIZE:
        raise ApkReadError(f"{name}: too short for a DEX header ({len(data) - start} bytes)")
    magic = bytes(data[start : start + 8])
    if magic[:4] != _MAGIC or magic[7] != 0 or not magic[4:7].isdigit():
        raise ApkReadError(f"{name}: not a DEX file (bad magic)")
    version = int(magic[4:7])
    if version not in _VERSIONS:
        raise ApkReadError(f"{name}: unsupported DEX version {magic[4:7].decode('ascii')}")


def _unpack_container(data: bytes, start: int, name: str) -> tuple[int, int]:
    if len(data) - start < _CONTAINER_HEADER_SIZE:
        raise ApkReadError(f"{name}: DEX container header is cut short")
    return _CONTAINER_FIELDS.unpack_from(data, start + _HEADER_SIZE)


def _u32_table(data: bytes, offset: int, count: int) -> Sequence[int]:
    """``count`` little-endian u32 at ``offset``, without copying on little-endian hosts."""
    view = memoryview(data)[offset : offset + 4 * count]
    if sys.byteorder == "little":
        return view.cast("I")
    table = array("I", view)
    table.byteswap()
    return table


class _DexReader:
    """The tables of one DEX (at ``start`` in ``data``) and a cache of the strings
    decoded so far. Offsets inside a v41 container are taken as relative to the
    container, i.e. to ``data``, as jadx reads them (no real v41 APK was at hand
    to confirm; with one DEX per container, the usual case, both readings agree)."""

    def __init__(self, data: bytes, name: str, start: int) -> None:
        self.data = data
        self.name = name
        fields = _HEADER.unpack_from(data, start)
        file_size, header_size, endian_tag = fields[3], fields[4], fields[5]
        if endian_tag != _ENDIAN_CONSTANT:
            raise ApkReadError(f"{name}: unsupported byte order (endian tag {endian_tag:#x})")
        version = int(bytes(data[start + 4 : start + 7]))
        min_header = _CONTAINER_HEADER_SIZE if version >= _CONTAINER_VERSION else _HEADER_SIZE
        if not min_header <= header_size <= file_size:
            raise ApkReadError(f"{name}: impossible header size {header_size}")
        if start + file_size > len(data):
            raise ApkReadError(
                f"{name}: truncated: the header says {file_size} bytes, only {len(data) - start} present"
            )
        if version >= _CONTAINER_VERSION:
            container_size, header_offset = _unpack_container(data, start, name)
            if header_offset != start or container_size > len(data):
                raise ApkReadError(f"{name}: DEX container header does not match its position")
        self.end = len(data)
        (string_count, string_off, type_count, type_off, proto_count, proto_off,
         _field_count, _field_off, method_count, method_off, class_count, class_off) = fields[9:21]  # fmt: skip
        self._check_table("string_ids", string_count, string_off, _STRING_ID)
        self._check_table("type_ids", type_count, type_off, _TYPE_ID)
        self._check_table("proto_ids", proto_count, proto_off, _PROTO_ID)
        self._check_table("method_ids", method_count, method_off, _METHOD_ID)
        self._check_table("class_defs", class_count, class_off, _CLASS_DEF)
        self.string_offsets = _u32_table(data, string_off, string_count)
        self.type_strings = _u32_table(data, type_off, type_count)
        self.method_count, self.method_off = method_count, method_off
        self.class_count, self.class_off = class_count, class_off
        self._strings: dict[int, str] = {}

    def _check_table(self, table: str, count: int, offset: int, item_size: int) -> None:
        """A table must lie wholly inside the buffer, past the header. This also
        bounds every count by the input size, so no count can cause a huge allocation."""
        if count == 0:
            return
        if offset < _HEADER_SIZE or offset + count * item_size > self.end:
            raise ApkReadError(f"{self.name}: {table} out of range ({count} items at offset {offset})")

    def class_types(self) -> Sequence[int]:
        """The type index of every ``class_defs`` entry, in file order."""
        if not self.class_count:
            return ()
        return _u32_table(self.data, self.class_off, self.class_count * (_CLASS_DEF // 4))[:: _CLASS_DEF // 4]

    def defined_classes(self, class_types: Sequence[int]) -> list[str]:
        if not class_types:
            return []
        descriptors = self.type_names(class_types, "class_defs")
        ordered = [descriptors[type_idx] for type_idx in class_types]
        # All at once when every descriptor is a plain ``L...;`` on one line: joined by
        # newlines, the boundaries are exactly the ";\nL" between them, so one replace
        # and one split convert them all (no per-class work in Python).
        joined = "\n".join(ordered)
        if (
            joined.startswith("L")
            and joined.endswith(";")
            and joined.count("\n") == len(ordered) - 1
            and joined.count(";\nL") == len(ordered) - 1
        ):
            names = joined[1:-1].replace("/", ".").split(";\nL")
            if "" not in names:
                return names
        names = []
        for type_idx in class_types:
            descriptor = descriptors[type_idx]
            if not (len(descriptor) > 2 and descriptor[0] == "L" and descriptor[-1] == ";"):
                raise ApkReadError(f"{self.name}: class_defs names {descriptor!r}, which is not a class")
            names.append(descriptor[1:-1].replace("/", "."))
        return names

    def method_keys(self, foreign_to: set[int] | None = None) -> set[int]:
        """The distinct ``(class, name)`` pairs of ``method_ids`` as ints (class index in
        the low 16 bits, name index in the high 32): all of them, or only those whose
        class is not in ``foreign_to`` (type indices of the classes this DEX defines)."""
        if not self.method_count:
            return set()
        keys, classes = self._method_table()
        class_list = classes.tolist()
        if foreign_to is None:
            return set(keys)
        if class_list != sorted(class_list):
            # Android refuses a DEX whose method_ids are not sorted by class; read it anyway.
            return {key for key in set(keys) if key & 0xFFFF not in foreign_to}
        # Sorted by class, as the format requires: the entries of each foreign class
        # are one run, found by bisection, so only those entries become Python ints.
        wanted: set[int] = set()
        for type_idx in set(class_list).difference(foreign_to):
            low = bisect_left(class_list, type_idx)
            wanted.update(keys[low : bisect_right(class_list, type_idx, low)])
        return wanted

    def _method_table(self) -> tuple[Sequence[int], Sequence[int]]:
        """``method_ids`` with the prototype masked out, read as one u64 per entry, and
        the class index of each entry; the whole table is checked against the
        string and type tables (entries no caller decodes are checked too, so a
        damaged table is refused whatever is asked of it)."""
        # A method_id_item is (u16 class_idx, u16 proto_idx, u32 name_idx). The proto
        # bytes are zeroed in one copy of the table (two strided slice assignments, in
        # C), so each item read as a u64 is its key, with no Python operation per item.
        count = self.method_count
        table = bytearray(memoryview(self.data)[self.method_off : self.method_off + 8 * count])
        table[2::8] = table[3::8] = bytes(count)
        if sys.byteorder == "little":
            keys: Sequence[int] = memoryview(table).cast("Q")
            classes: Sequence[int] = memoryview(table).cast("H")[::4]
            highest_name = max(memoryview(table).cast("I")[1::2])
        else:
            keys = array("Q", table)
            keys.byteswap()
            classes = array("H", (key & 0xFFFF for key in keys))
            highest_name = max(keys) >> 32
        if highest_name >= len(self.string_offsets):
            raise ApkReadError(
                f"{self.name}: method_ids refers to string {highest_name} of {len(self.string_offsets)}"
            )
        highest_type = max(classes)
        if highest_type >= len(self.type_strings):
            raise ApkReadError(
                f"{self.name}: method_ids refers to type {highest_type} of {len(self.type_strings)}"
            )
        return keys, classes

    def method_refs(self, keys: Iterable[int]) -> list[str]:
        """``Lpkg/Cls;->name`` for these method keys (see :meth:`method_keys`)."""
        keys = list(keys)
        if not keys:
            return []
        owners = self.type_names({key & 0xFFFF for key in keys}, "method_ids")
        names = self.strings({key >> 32 for key in keys}, "method_ids")
        prefixes = {idx: owner + "->" for idx, owner in owners.items()}
        return [prefixes[key & 0xFFFF] + names[key >> 32] for key in keys]

    def type_names(self, type_indices: Iterable[int], table: str) -> dict[int, str]:
        """The descriptors of these types, by type index."""
        wanted = set(type_indices)
        string_of_type = self.type_strings
        if wanted and max(wanted) >= len(string_of_type):
            raise ApkReadError(f"{self.name}: {table} refers to type {max(wanted)} of {len(string_of_type)}")
        strings = self.strings({string_of_type[idx] for idx in wanted}, "type_ids")
        return {idx: strings[string_of_type[idx]] for idx in wanted}

    def strings(self, string_indices: Iterable[int], table: str) -> dict[int, str]:
        """A mapping that holds (at least) these strings, by string index. One tight
        loop per batch rather than a call per string: this is the hot path."""
        decoded = self._strings
        missing = set(string_indices).difference(decoded)
        if not missing:
            return decoded
        offsets, data, end, name = self.string_offsets, self.data, self.end, self.name
        if max(missing) >= len(offsets):
            raise ApkReadError(f"{name}: {table} refers to string {max(missing)} of {len(offsets)}")
        find = data.find
        for idx in missing:
            offset = offsets[idx]
            if offset < _HEADER_SIZE or offset >= end:
                raise ApkReadError(f"{name}: string_ids points outside the file (offset {offset})")
            # string_data_item: ULEB128 length in UTF-16 units, then MUTF-8 bytes up to
            # a NUL. MUTF-8 has no NUL inside a string and needs a byte or more per
            # unit, so when the byte after ``length`` bytes is the NUL, the string is
            # exactly those bytes (all of a class or method name in ASCII: nearly
            # always), and no search is needed.
            units = data[offset]
            position = offset + 1
            if units < 0x80 and position + units < end and data[position + units] == 0:
                stop = position + units
            else:
                if units >= 0x80:
                    position = self._skip_uleb128(offset)
                stop = find(b"\0", position)
                if stop < 0:
                    raise ApkReadError(f"{name}: string at offset {offset} runs past the end of the file")
            raw = data[position:stop]
            try:
                decoded[idx] = raw.decode("utf-8")
            except UnicodeDecodeError:
                decoded[idx] = decode_mutf8(bytes(raw))
        return decoded

    def _skip_uleb128(self, offset: int) -> int:
        """The position after the ULEB128 at ``offset`` (at most five bytes for a u32)."""
        data, end = self.data, self.end
        position = offset
        while position < end and position - offset < 5:
            byte = data[position]
            position += 1
            if byte < 0x80:
                return position
        raise ApkReadError(f"{self.name}: bad string length at offset {offset}")


def decode_mutf8(raw: bytes) -> str:
    """Decode Modified UTF-8 (Java's and DEX's): NUL is ``C0 80`` and characters
    outside the BMP are UTF-16 surrogate pairs of three bytes each, both invalid in
    strict UTF-8. Built on UTF-16 code units so that pairs recombine; a lone
    surrogate or an invalid byte becomes U+FFFD, since the name must stay
    encodable in every report."""
    units = array("H")
    append = units.append
    length, i = len(raw), 0
    while i < length:
        byte = raw[i]
        if byte < 0x80:
            append(byte)
            i += 1
        elif 0xC0 <= byte < 0xE0 and i + 1 < length and raw[i + 1] & 0xC0 == 0x80:
            append(((byte & 0x1F) << 6) | (raw[i + 1] & 0x3F))
            i += 2
        elif (
            0xE0 <= byte < 0xF0 and i + 2 < length and raw[i + 1] & 0xC0 == 0x80 and raw[i + 2] & 0xC0 == 0x80
        ):
            append(((byte & 0x0F) << 12) | ((raw[i + 1] & 0x3F) << 6) | (raw[i + 2] & 0x3F))
            i += 3
        elif (
            0xF0 <= byte < 0xF8 and i + 3 < length and all(raw[j] & 0xC0 == 0x80 for j in range(i + 1, i + 4))
        ):
            # Not MUTF-8, but what strict UTF-8 (our fast path) accepts: keep both paths agreeing.
            point = (
                ((byte & 0x07) << 18)
                | ((raw[i + 1] & 0x3F) << 12)
                | ((raw[i + 2] & 0x3F) << 6)
                | (raw[i + 3] & 0x3F)
            )
            if 0x10000 <= point <= 0x10FFFF:
                point -= 0x10000
                append(0xD800 | (point >> 10))
                append(0xDC00 | (point & 0x3FF))
            else:
                append(0xFFFD)
            i += 4
        else:
            append(0xFFFD)
            i += 1
    if sys.byteorder == "big":
        units.byteswap()
    return units.tobytes().decode("utf-16-le", "replace")
