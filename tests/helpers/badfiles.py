"""Builders of damaged and hostile zip files and DEX files, for the zip reader and
DEX index tests (the manifest side has its own builders).

Everything is built from real bytes: a real zip written by :mod:`zipfile`, the
committed ``tests/data/dex/tiny.dex`` assembled by smali, then damaged the way
real bad input is (cut short, flags flipped, sizes lying, header fields patched).
Hostile zips that :mod:`zipfile` refuses to write (lying sizes, encrypted flags)
are assembled by :func:`raw_zip` record by record, as an attacker would.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from .paths import TEST_DATA

TINY_DEX = TEST_DATA / "dex" / "tiny.dex"
TINY_DEX_SMALI = TEST_DATA / "dex" / "smali"

DEX_HEADER_FIELDS = {
    "file_size": 0x20,
    "header_size": 0x24,
    "endian_tag": 0x28,
    "string_ids_size": 0x38,
    "string_ids_off": 0x3C,
    "type_ids_size": 0x40,
    "type_ids_off": 0x44,
    "proto_ids_size": 0x48,
    "proto_ids_off": 0x4C,
    "method_ids_size": 0x58,
    "method_ids_off": 0x5C,
    "class_defs_size": 0x60,
    "class_defs_off": 0x64,
}
"""Offsets of the little-endian u32 header fields of a DEX file."""


def tiny_dex() -> bytes:
    return TINY_DEX.read_bytes()


def dex_field(dex: bytes, field: str) -> int:
    return struct.unpack_from("<I", dex, DEX_HEADER_FIELDS[field])[0]


def patch_dex(dex: bytes, **fields: int) -> bytes:
    """A copy of ``dex`` with header fields replaced (``patch_dex(d, string_ids_off=...)``)."""
    out = bytearray(dex)
    for field, value in fields.items():
        struct.pack_into("<I", out, DEX_HEADER_FIELDS[field], value & 0xFFFFFFFF)
    return bytes(out)


def patch_u32(data: bytes, offset: int, value: int) -> bytes:
    out = bytearray(data)
    struct.pack_into("<I", out, offset, value & 0xFFFFFFFF)
    return bytes(out)


# ----------------------------------------------------------------------- zips


def zip_bytes(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A well-formed zip written by the standard library."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@dataclass(frozen=True)
class RawEntry:
    """One entry of a hand-assembled zip: the stored ``payload`` (already
    compressed) and whatever sizes, CRC and flags the headers should claim."""

    name: str
    payload: bytes
    method: int
    crc: int
    file_size: int
    flags: int = 0
    extra: bytes = b""

    @classmethod
    def deflated(cls, name: str, data: bytes, **overrides: int) -> RawEntry:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
        payload = compressor.compress(data) + compressor.flush()
        values = {"crc": zlib.crc32(data), "file_size": len(data), **overrides}
        return cls(name=name, payload=payload, method=zipfile.ZIP_DEFLATED, **values)


def raw_zip(entries: Iterable[RawEntry], declared_count: int | None = None) -> bytes:
    """Assemble a zip byte by byte so its headers can say anything."""
    body = bytearray()
    directory = bytearray()
    count = 0
    for entry in entries:
        name = entry.name.encode("utf-8")
        offset = len(body)
        body += struct.pack(
            "<4sHHHHHIIIHH", b"PK\x03\x04", 20, entry.flags, entry.method, 0, 0,
            entry.crc, len(entry.payload), entry.file_size, len(name), len(entry.extra),
        )  # fmt: skip
        body += name + entry.extra + entry.payload
        directory += struct.pack(
            "<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, entry.flags, entry.method, 0, 0,
            entry.crc, len(entry.payload), entry.file_size, len(name), len(entry.extra), 0, 0, 0, 0, offset,
        )  # fmt: skip
        directory += name + entry.extra
        count += 1
    shown = count if declared_count is None else declared_count
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, shown, shown, len(directory), len(body), 0)
    return bytes(body + directory + end)


def zeros_deflated(size: int, chunk: int = 1 << 20) -> bytes:
    """A raw DEFLATE stream of ``size`` zero bytes, built without ever holding
    them: a few hundred bytes per MiB."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    zeros = bytes(chunk)
    parts = []
    remaining = size
    while remaining:
        step = min(chunk, remaining)
        parts.append(compressor.compress(zeros[:step] if step < chunk else zeros))
        remaining -= step
    parts.append(compressor.flush())
    return b"".join(parts)


def zip_bomb(name: str, size: int, declared_size: int | None = None) -> bytes:
    """A zip whose entry inflates to ``size`` zero bytes. With ``declared_size``
    the headers lie and claim that many bytes instead (CRC of the claimed prefix,
    so only the length gives it away)."""
    payload = zeros_deflated(size)
    claimed = size if declared_size is None else declared_size
    crc = zlib.crc32(bytes(min(claimed, size)))
    return raw_zip([RawEntry(name, payload, zipfile.ZIP_DEFLATED, crc, claimed)])


def set_encrypted(zip_data: bytes, name: str) -> bytes:
    """Set general-purpose flag bit 0 (encrypted) on ``name`` in both its local
    and its central header, as "fake encryption" anti-analysis tricks do."""
    out = bytearray(zip_data)
    for header_offset, central_offset in _header_offsets(zip_data, name):
        for flag_at in (header_offset + 6, central_offset + 8):
            (flags,) = struct.unpack_from("<H", out, flag_at)
            struct.pack_into("<H", out, flag_at, flags | 0x1)
    return bytes(out)


def patch_central(
    zip_data: bytes, name: str, field_offset: int, value: int, local_offset: int | None = None
) -> bytes:
    """Set a u16 field of ``name``'s central record (and of its local header,
    when ``local_offset`` is given): ``patch_central(z, n, 6, 64)`` sets
    "version needed to extract" to 6.4."""
    out = bytearray(zip_data)
    for header_offset, central_offset in _header_offsets(zip_data, name):
        struct.pack_into("<H", out, central_offset + field_offset, value)
        if local_offset is not None:
            struct.pack_into("<H", out, header_offset + local_offset, value)
    return bytes(out)


def many_entries_zip(first: list[RawEntry], count: int) -> bytes:
    """``first``, then empty stored entries up to ``count`` in all (written
    record by record: zipfile would take minutes and gigabytes)."""
    body = bytearray()
    directory = bytearray()
    for entry in first:
        one = raw_zip([entry])
        end = one.rfind(b"PK\x05\x06")
        cd_size, cd_offset = struct.unpack_from("<II", one, end + 12)
        record = bytearray(one[cd_offset : cd_offset + cd_size])
        struct.pack_into("<I", record, 42, len(body))
        directory += record
        body += one[:cd_offset]
    crc = zlib.crc32(b"")
    for index in range(count - len(first)):
        name = f"a/{index}".encode()
        offset = len(body)
        body += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 0, 0, 0, crc, 0, 0, len(name), 0) + name
        directory += struct.pack(
            "<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 0, 0, 0, crc, 0, 0, len(name), 0, 0, 0, 0, 0, offset
        ) + name  # fmt: skip
    shown = min(count, 0xFFFF)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, shown, shown, len(directory), len(body), 0)
    return bytes(body + directory + end)


def padded_signing_block(apk: bytes, pairs: int) -> bytes:
    """``apk`` (signed with v2/v3) with ``pairs`` tiny padding pairs inserted at
    the start of its APK Signing Block; the central directory offset follows."""
    end = apk.rfind(b"PK\x05\x06")
    (cd_offset,) = struct.unpack_from("<I", apk, end + 16)
    assert apk[cd_offset - 16 : cd_offset] == b"APK Sig Block 42", "the APK has no signing block"
    (size,) = struct.unpack_from("<Q", apk, cd_offset - 24)
    start = cd_offset - size - 8
    old_pairs = apk[start + 8 : cd_offset - 24]
    padding = struct.pack("<QI", 4, 0x42726577) * pairs
    new_pairs = padding + old_pairs
    new_size = len(new_pairs) + 24
    block = struct.pack("<Q", new_size) + new_pairs + struct.pack("<Q", new_size) + b"APK Sig Block 42"
    out = bytearray(apk[:start] + block + apk[cd_offset:])
    new_end = out.rfind(b"PK\x05\x06")
    struct.pack_into("<I", out, new_end + 16, start + len(block))
    return bytes(out)


def corrupt_payload(zip_data: bytes, name: str) -> bytes:
    """Flip bytes in the middle of ``name``'s compressed data (headers intact)."""
    with zipfile.ZipFile(io.BytesIO(zip_data)) as archive:
        info = archive.getinfo(name)
    ((header_offset, _),) = _header_offsets(zip_data, name)
    name_len, extra_len = struct.unpack_from("<HH", zip_data, header_offset + 26)
    start = header_offset + 30 + name_len + extra_len
    out = bytearray(zip_data)
    middle = start + info.compress_size // 2
    for i in range(middle, min(middle + 8, start + info.compress_size)):
        out[i] ^= 0xFF
    return bytes(out)


def _header_offsets(zip_data: bytes, name: str) -> list[tuple[int, int]]:
    """(local header offset, central record offset) of every entry called ``name``."""
    end = zip_data.rfind(b"PK\x05\x06")
    cd_size, cd_offset = struct.unpack_from("<II", zip_data, end + 12)
    position, found = cd_offset, []
    while position < cd_offset + cd_size:
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", zip_data, position + 28)
        (local,) = struct.unpack_from("<I", zip_data, position + 42)
        if zip_data[position + 46 : position + 46 + name_len].decode("utf-8") == name:
            found.append((local, position))
        position += 46 + name_len + extra_len + comment_len
    return found


# ------------------------------------------------------------- DEX containers


def dex_container(dexes: list[bytes]) -> bytes:
    """Chain DEX files into one version-041 container, the Android 15 layout in
    which every header is 0x78 bytes (two more words: container size, header
    offset) and offsets count from the start of the container.

    Only the tables the class index reads are relocated (header table offsets and
    ``string_ids`` entries), so the result is a faithful container for that reader,
    not for a full disassembler."""
    grown = [len(dex) + 8 for dex in dexes]
    total = sum(grown)
    out = bytearray()
    for dex in dexes:
        start = len(out)
        shift = start + 8
        body = bytearray(dex[:0x70]) + bytes(8) + bytearray(dex[0x70:])
        body[4:7] = b"041"
        struct.pack_into("<I", body, 0x20, len(dex) + 8)
        struct.pack_into("<I", body, 0x24, 0x78)
        struct.pack_into("<II", body, 0x70, total, start)
        for field in ("string_ids_off", "type_ids_off", "proto_ids_off", "method_ids_off", "class_defs_off"):
            at = DEX_HEADER_FIELDS[field]
            (value,) = struct.unpack_from("<I", body, at)
            if value:
                struct.pack_into("<I", body, at, value + shift)
        strings_at = dex_field(dex, "string_ids_off") + 8
        for i in range(dex_field(dex, "string_ids_size")):
            (value,) = struct.unpack_from("<I", body, strings_at + 4 * i)
            struct.pack_into("<I", body, strings_at + 4 * i, value + shift)
        out += body
    return bytes(out)
