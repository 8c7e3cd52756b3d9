"""Read entries of an APK (a zip file) without trusting anything the zip says.

An APK is attacker-controlled input: in a batch scan of thousands of apps one of
them will be a zip bomb, a truncated download, a zip with "tricks" meant to
break analysers, or a central directory with millions of entries. Everything
here is bounded before it is allocated:

* the central directory is read by our own loop, in bounded chunks, the way
  Android's installer reads it (not by :mod:`zipfile`, which refuses APKs that
  Android installs: a "version needed to extract" above 6.3, a damaged extra
  field on an entry nobody reads); entries are counted as they are read, and
  past ``max_listed_entries`` only the entries the tool reads are kept;
* tricks Android reads through are read through, and recorded
  (:attr:`ApkArchive.anomalies`) because they are a finding in themselves:
  the "encrypted" flag on entries that are not encrypted, an unknown
  compression method over deflate data, damaged extra fields, absurd counts;
* an entry whose *declared* size is over the limit is refused without reading it;
* the data is inflated in chunks by our own loop so we can stop as soon as the
  *actual* output exceeds the declared size or the limit: a zip bomb lies about
  its sizes;
* the sum of everything read from one archive is capped too.

Nothing is ever extracted to disk. Every refusal is an :class:`ApkReadError`
with a one-line message.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from ..errors import ApkReadError
from ..regular_file import open_regular
from .inflate import crc32, inflate_exact

_MIB = 1 << 20
_CHUNK = 1 << 20
"""Bytes of compressed input fed to the inflater at a time, and the most it may
produce per step: peak memory while inflating is a few chunks plus the output."""

_EOCD_SIG = b"PK\x05\x06"
_EOCD_LEN = 22
_ZIP64_LOCATOR_SIG = b"PK\x06\x07"
_ZIP64_LOCATOR_LEN = 20
_ZIP64_EOCD_SIG = b"PK\x06\x06"
_ZIP64_EOCD_LEN = 56
_CENTRAL_SIG = b"PK\x01\x02"
_CENTRAL_LEN = 46
_LOCAL_SIG = b"PK\x03\x04"
_LOCAL_LEN = 30
_MAX_COMMENT = 0xFFFF

_STORED = zipfile.ZIP_STORED
_DEFLATED = zipfile.ZIP_DEFLATED
_FLAG_ENCRYPTED = 0x1

_DEX_NAME = re.compile(r"classes(\d*)\.dex")
_NATIVE_LIB = re.compile(r"lib/([^/]+)/([^/]+\.so)")


@dataclass(frozen=True)
class ApkLimits:
    """How much of an APK we are willing to inflate. Picklable, so a batch scan
    can hand the same limits to every worker."""

    max_entry_bytes: int = 256 * _MIB
    """Uncompressed size of one entry. The largest DEX files in real apps are a
    few tens of MB (the 64K-method limit caps them), so 256 MiB is generous."""
    max_total_bytes: int = 1024 * _MIB
    """Sum of the uncompressed sizes of every entry read from one archive."""
    max_ratio: float = 200.0
    """Declared compression ratio (uncompressed / compressed) above which an
    entry is a bomb. Real DEX files compress 2-5x and binary XML 3-10x; DEFLATE
    cannot exceed about 1032x, so only deliberately degenerate data gets near 200."""
    ratio_floor_bytes: int = _MIB
    """Entries smaller than this are never judged by their ratio: a small file of
    zeros compresses absurdly well and is harmless."""
    max_entries: int = 1_000_000
    """Entries in the central directory. Large real APKs have a few thousand, but
    Android installs more, so an app could hide from analysis behind a bigger
    count; counting costs one pass over the directory in bounded chunks."""
    max_listed_entries: int = 200_000
    """Up to this many entries every name is kept (``ApkArchive.names``); past it,
    only the entries the tool reads are, so memory does not grow with the count."""


@dataclass(frozen=True, slots=True)
class ZipEntry:
    """One central-directory record, as read by :func:`_scan_central_directory`."""

    name: str
    flags: int
    method: int
    crc: int
    compress_size: int
    file_size: int
    header_offset: int


class ApkArchive:
    """An open APK: the list of its entries and bounded reads of their contents.

    Use as a context manager (or call :meth:`close`) so the file is closed."""

    def __init__(self, path: Path, handle: BinaryIO, directory: CentralDirectory, size: int) -> None:
        self.path = path
        self._handle = handle
        self._size = size
        self._bytes_read = 0
        self._infos = directory.entries
        self.entry_count = directory.count
        """Records in the central directory (``names()`` may list fewer, see there)."""
        self.central_directory_offset = directory.start
        self.anomalies = directory.anomalies
        """Zip tricks Android reads through but analysers trip on (see :func:`open_apk`)."""

    # -- listing

    def names(self) -> list[str]:
        """Entry names, in central-directory order: every entry of an archive of
        up to :attr:`ApkLimits.max_listed_entries`; of a larger one, only the
        entries the tool reads (root files, ``META-INF/``, ``lib/``)."""
        return list(self._infos)

    def __contains__(self, name: object) -> bool:
        return name in self._infos

    def dex_names(self) -> list[str]:
        """The ``classes*.dex`` entries at the root, in load order: ``classes.dex``
        first, then ``classes2.dex``, ``classes3.dex``, ... by number.

        Like androguard we take every ``classes<digits>.dex``, even one the runtime
        would skip because of a gap in the numbering: the app can still load it
        itself, so its classes are evidence of what the app ships."""
        found = [(name, match.group(1)) for name in self._infos if (match := _DEX_NAME.fullmatch(name))]
        return [
            name for name, _ in sorted(found, key=lambda item: (item[1] != "", int(item[1] or 0), item[0]))
        ]

    def native_libs(self) -> list[tuple[str, str]]:
        """``(abi, file name)`` of every ``lib/<abi>/<name>.so``, sorted. Only files
        directly in the ABI folder count: that is all the installer extracts."""
        return sorted(
            (match.group(1), match.group(2)) for name in self._infos if (match := _NATIVE_LIB.fullmatch(name))
        )

    def sha256(self) -> str:
        """SHA-256 of the whole file, read in chunks (never held whole)."""
        digest = hashlib.sha256()
        for chunk in self._compressed_chunks(0, self._size):
            digest.update(chunk)
        return digest.hexdigest()

    def read_range(self, offset: int, length: int) -> bytes:
        """Raw bytes of the file (for the signing block before the central directory)."""
        return self._pread(offset, length)

    def flagged_encrypted(self, name: str) -> bool:
        """Whether the entry carries the "encrypted" flag (which :meth:`read`
        ignores, as Android does; a container format may give it meaning)."""
        info = self._infos.get(name)
        return info is not None and bool(info.flags & _FLAG_ENCRYPTED)

    def declared_size(self, name: str) -> int:
        """The uncompressed size the central directory declares (not trusted by :meth:`read`)."""
        info = self._infos.get(name)
        return info.file_size if info is not None else 0

    # -- reading

    def read(self, name: str, limits: ApkLimits) -> bytes:
        """The uncompressed content of one entry, refusing bombs, lies and damage.

        Read as Android's installer reads it: the "encrypted" flag is ignored
        (APKs are never encrypted; the flag alone is an anti-analysis trick),
        and any method other than stored is inflated as deflate (an unknown
        method number over deflate data is another). :func:`open_apk` records
        both as anomalies."""
        info = self._infos.get(name)
        if info is None:
            raise ApkReadError(f"no entry named {name!r}", self.path)
        self._check_declared(info, limits)
        start = self._data_start(info)
        if info.method == _STORED:
            data = self._read_stored(info, start)
        else:
            data = self._inflate(info, start)
        if crc32(data) != info.crc:
            raise ApkReadError(f"corrupt entry {name!r}: CRC-32 mismatch", self.path)
        self._bytes_read += len(data)
        return data

    def _check_declared(self, info: ZipEntry, limits: ApkLimits) -> None:
        name = info.name
        if info.file_size > limits.max_entry_bytes:
            raise ApkReadError(
                f"entry {name!r} declares {info.file_size} bytes, over the limit of {limits.max_entry_bytes}",
                self.path,
            )
        if self._bytes_read + info.file_size > limits.max_total_bytes:
            raise ApkReadError(
                f"reading entry {name!r} would exceed the limit of {limits.max_total_bytes} bytes read per APK",
                self.path,
            )
        if info.method == _STORED and info.compress_size != info.file_size:
            raise ApkReadError(f"corrupt entry {name!r}: stored entry with two different sizes", self.path)
        if info.file_size >= limits.ratio_floor_bytes and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            ratio = info.file_size / max(info.compress_size, 1)
            raise ApkReadError(
                f"entry {name!r} is a zip bomb: compression ratio {ratio:.0f} is over {limits.max_ratio:g}",
                self.path,
            )

    def _data_start(self, info: ZipEntry) -> int:
        """Offset of the entry's data: after its local header, whose name and extra
        field lengths may differ from the central directory's."""
        offset = info.header_offset
        header = self._pread(offset, _LOCAL_LEN)
        if len(header) < _LOCAL_LEN or header[:4] != _LOCAL_SIG:
            raise ApkReadError(f"corrupt entry {info.name!r}: no local header at offset {offset}", self.path)
        name_len, extra_len = struct.unpack_from("<HH", header, 26)
        start = offset + _LOCAL_LEN + name_len + extra_len
        if start + info.compress_size > self._size:
            raise ApkReadError(f"truncated zip: entry {info.name!r} runs past the end of the file", self.path)
        return start

    def _read_stored(self, info: ZipEntry, start: int) -> bytes:
        data = self._pread(start, info.file_size)
        if len(data) != info.file_size:
            raise ApkReadError(f"truncated zip: entry {info.name!r} is cut short", self.path)
        return data

    def _inflate(self, info: ZipEntry, start: int) -> bytes:
        """Inflate in bounded steps, never asking zlib for more than one byte past
        the declared size (itself within the limit): memory stays at about that
        size whatever the compressed stream really holds, and a stream that would
        produce more is caught at its first extra byte."""
        declared = info.file_size
        if (
            info.compress_size <= declared + declared // 1000 + 1024
        ):  # holding it costs no more than the output
            whole = self._pread(start, info.compress_size)
            if len(whole) == info.compress_size and (fast := inflate_exact(whole, declared)) is not None:
                return fast  # libdeflate, exactly the declared size (see .inflate); else stream below
            del whole
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        parts: list[bytes] = []
        produced = 0
        try:
            for chunk in self._compressed_chunks(start, info.compress_size):
                pending = chunk
                while pending:
                    out = inflater.decompress(pending, min(_CHUNK, declared - produced + 1))
                    produced += len(out)
                    if produced > declared:
                        raise self._overflow(info)
                    parts.append(out)
                    pending = inflater.unconsumed_tail
                if inflater.eof:
                    break
            # With all input consumed, what zlib still holds is at most one match.
            tail = b"" if inflater.eof else inflater.flush()
        except zlib.error as exc:
            method = (
                "" if info.method == _DEFLATED else f" (compression method {info.method}, read as deflate)"
            )
            raise ApkReadError(f"corrupt entry {info.name!r}{method}: {exc}", self.path) from exc
        produced += len(tail)
        if produced > declared:
            raise self._overflow(info)
        if not inflater.eof or produced != declared:
            raise ApkReadError(
                f"corrupt entry {info.name!r}: inflated {produced} bytes, expected {declared}", self.path
            )
        parts.append(tail)
        return b"".join(parts)

    def _overflow(self, info: ZipEntry) -> ApkReadError:
        return ApkReadError(
            f"corrupt entry {info.name!r}: it inflates to more than the {info.file_size} bytes it declares"
            " (damaged, or a zip bomb)",
            self.path,
        )

    def _compressed_chunks(self, start: int, length: int) -> Iterator[bytes]:
        position, end = start, start + length
        while position < end:
            chunk = self._pread(position, min(_CHUNK, end - position))
            if not chunk:
                raise ApkReadError("truncated zip: compressed data cut short", self.path)
            position += len(chunk)
            yield chunk

    def _pread(self, offset: int, length: int) -> bytes:
        try:
            self._handle.seek(offset)
            return self._handle.read(length)
        except OSError as exc:
            raise ApkReadError(f"cannot read: {exc.strerror or exc}", self.path) from exc

    # -- lifetime

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> ApkArchive:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def open_apk(path: str | Path, limits: ApkLimits | None = None) -> ApkArchive:
    """Open an APK for bounded reading. Raises :class:`ApkReadError` (one line)
    when the path is missing, not a regular file, empty, not a zip, a truncated
    zip, or has more entries than ``limits.max_entries``.

    The central directory is read by our own loop, the way Android's installer
    reads it, not by :mod:`zipfile`: zipfile refuses APKs that Android installs
    (a "version needed to extract" above 6.3, a damaged extra field on an entry
    nobody reads) and builds one object per entry. What Android reads through
    but is unusual is kept in :attr:`ApkArchive.anomalies`."""
    limits = limits or ApkLimits()
    path = Path(path)
    if not path.exists():
        raise ApkReadError("no such file", path)
    if path.is_dir():
        raise ApkReadError("is a directory, not an APK", path)
    try:
        handle = open_regular(path)
    except OSError as exc:
        raise ApkReadError(f"cannot open: {exc.strerror or exc}", path) from exc
    try:
        size = _file_size(handle)
        if size == 0:
            raise ApkReadError("empty file, not an APK", path)
        directory = _scan_central_directory(handle, size, limits, path)
        return ApkArchive(path, handle, directory, size)
    except OSError as exc:
        handle.close()
        raise ApkReadError(f"cannot read: {exc.strerror or exc}", path) from exc
    except BaseException:
        handle.close()
        raise


def _file_size(handle: BinaryIO) -> int:
    handle.seek(0, 2)
    return handle.tell()


@dataclass(frozen=True)
class CentralDirectory:
    """What :func:`_scan_central_directory` found."""

    start: int
    """Offset of the central directory in the file (the signing block ends here)."""
    count: int
    entries: dict[str, ZipEntry]
    anomalies: tuple[str, ...]


_KEPT_NAME = re.compile(r"[^/]+|META-INF/.*|lib/[^/]+/[^/]+", re.DOTALL)
"""The entries the tool may read, listed whatever the archive's size."""
_MAX_VERSION_NEEDED = 63
_ZIP64_EXTRA = 0x0001
_UTF8_FLAG = 0x800
_U32_MAX = 0xFFFFFFFF


class _Anomalies:
    """Counts of each zip trick, with the first entry name as an example."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[int, str]] = {}

    def add(self, kind: str, name: str) -> None:
        count, first = self.seen.get(kind, (0, name))
        self.seen[kind] = (count + 1, first)

    def lines(self, count: int, limits: ApkLimits) -> tuple[str, ...]:
        out = [
            f"{kind}: {n} entr{'y' if n == 1 else 'ies'} (first: {first!r})"
            for kind, (n, first) in self.seen.items()
        ]
        if count > limits.max_listed_entries:
            out.append(f"{count} zip entries, more than any real app ships (listed: only the entries read)")
        return tuple(out)


def _scan_central_directory(handle: BinaryIO, size: int, limits: ApkLimits, path: Path) -> CentralDirectory:
    """Walk the raw central directory in bounded chunks: count its records
    (stopping past ``limits.max_entries``), keep those the tool may read, note
    tricks. The count in the end record is not trusted (zipfile ignores it, and
    so do we). Memory stays at one chunk plus the kept entries."""
    cd_start, cd_size, cd_offset, declared = _find_central_directory(handle, size, path)
    if declared > limits.max_entries:
        raise ApkReadError(f"too many entries: {declared} (limit {limits.max_entries})", path)
    shift = cd_start - cd_offset  # bytes prepended to the zip, as zipfile allows
    entries: dict[str, ZipEntry] = {}
    kept_only: dict[str, ZipEntry] = {}
    anomalies = _Anomalies()
    count = 0
    for record, position in _central_records(handle, cd_start, cd_size, path):
        count += 1
        if count > limits.max_entries:
            raise ApkReadError(f"too many entries: more than {limits.max_entries}", path)
        entry = _entry(record, shift, anomalies)
        if entry is None:
            raise ApkReadError(f"damaged zip: bad central directory record at offset {position}", path)
        keep = _KEPT_NAME.fullmatch(entry.name) is not None
        if count <= limits.max_listed_entries:
            if entry.name in entries and (keep or entry.name in kept_only):
                raise ApkReadError(f"damaged zip: duplicate entry {entry.name!r}", path)
            entries[entry.name] = entry
        if keep:
            if entry.name in kept_only:
                raise ApkReadError(f"damaged zip: duplicate entry {entry.name!r}", path)
            kept_only[entry.name] = entry
    listed = entries if count <= limits.max_listed_entries else kept_only
    return CentralDirectory(cd_start, count, listed, anomalies.lines(count, limits))


def _central_records(handle: BinaryIO, start: int, length: int, path: Path) -> Iterator[tuple[bytes, int]]:
    """Each central record's bytes (fixed part, name, extra; no comment) and offset."""
    buffer = b""
    base = start  # file offset of buffer[0]
    position = start
    end = start + length
    while position + _CENTRAL_LEN <= end:
        need = position - base + _CENTRAL_LEN
        if need > len(buffer):
            buffer, base = _refill(handle, buffer, base, position, end, path)
        at = position - base
        if buffer[at : at + 4] != _CENTRAL_SIG:
            raise ApkReadError(f"damaged zip: bad central directory record at offset {position}", path)
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", buffer, at + 28)
        record_len = _CENTRAL_LEN + name_len + extra_len
        if at + record_len > len(buffer):
            buffer, base = _refill(handle, buffer, base, position, end, path)
            at = position - base
            if at + record_len > len(buffer):
                raise ApkReadError("truncated zip: central directory cut short", path)
        yield buffer[at : at + record_len], position
        position += record_len + comment_len


def _refill(
    handle: BinaryIO, buffer: bytes, base: int, position: int, end: int, path: Path
) -> tuple[bytes, int]:
    """Drop what lies before ``position`` and read up to one more chunk."""
    kept = buffer[position - base :] if position - base < len(buffer) else b""
    read_from = position + len(kept)
    want = min(_CHUNK, end - read_from)
    handle.seek(read_from)
    more = handle.read(want) if want > 0 else b""
    if want > 0 and len(more) != want:
        raise ApkReadError("truncated zip: central directory cut short", path)
    return kept + more, position


_CENTRAL_RECORD = struct.Struct("<4xHHHHHHIIIHHHHHII")
"""The fixed part of a central record, unpacked at once (a large app has thousands)."""


def _entry(record: bytes, shift: int, anomalies: _Anomalies) -> ZipEntry | None:
    (_made_by, version_needed, flags, method, _time, _date, crc, csize, usize, name_len, extra_len,
     _comment_len, _disk, _internal, _external, offset) = _CENTRAL_RECORD.unpack_from(record)  # fmt: skip
    raw_name = record[_CENTRAL_LEN : _CENTRAL_LEN + name_len]
    name = raw_name.decode("utf-8", "surrogateescape") if flags & _UTF8_FLAG else raw_name.decode("cp437")
    if (version_needed & 0xFF) > _MAX_VERSION_NEEDED:
        anomalies.add("'version needed to extract' above 6.3", name)
    if flags & _FLAG_ENCRYPTED:
        anomalies.add("encryption flag on an unencrypted entry (read as Android does)", name)
    if method not in (_STORED, _DEFLATED):
        anomalies.add(f"unknown compression method {method} (read as deflate, as Android does)", name)
    if not extra_len and _U32_MAX not in (usize, csize, offset):
        return ZipEntry(name, flags, method, crc, csize, usize, offset + shift)  # the usual record
    extra = record[_CENTRAL_LEN + name_len : _CENTRAL_LEN + name_len + extra_len]
    fields = _extra_fields(extra)
    if fields is None or len(fields.get(_ZIP64_EXTRA, b"")) % 8:
        anomalies.add("damaged extra field", name)
        fields = fields or {}
    if _U32_MAX in (usize, csize, offset):
        wide = fields.get(_ZIP64_EXTRA, b"")
        values = []
        for index in range(len(wide) // 8):
            values.append(struct.unpack_from("<Q", wide, index * 8)[0])
        try:
            if usize == _U32_MAX:
                usize = values.pop(0)
            if csize == _U32_MAX:
                csize = values.pop(0)
            if offset == _U32_MAX:
                offset = values.pop(0)
        except IndexError:
            return None
    return ZipEntry(name, flags, method, crc, csize, usize, offset + shift)


def _extra_fields(extra: bytes) -> dict[int, bytes] | None:
    """Extra field blocks by header id; None when the blocks do not add up."""
    fields: dict[int, bytes] = {}
    position = 0
    while position + 4 <= len(extra):
        header_id, length = struct.unpack_from("<HH", extra, position)
        if position + 4 + length > len(extra):
            return None
        fields.setdefault(header_id, extra[position + 4 : position + 4 + length])
        position += 4 + length
    if position != len(extra) and any(extra[position:]):
        return None  # a few trailing zero bytes are alignment padding (zipalign)
    return fields


def _find_central_directory(handle: BinaryIO, size: int, path: Path) -> tuple[int, int, int, int]:
    """``(start, size, offset it declares, declared entry count)`` of the central directory, located
    the way ``zipfile`` does (backwards from the end record), so a zip with data
    prepended is read the same by both."""
    tail_len = min(size, _EOCD_LEN + _MAX_COMMENT + _ZIP64_LOCATOR_LEN)
    handle.seek(size - tail_len)
    tail = handle.read(tail_len)
    eocd = tail.rfind(_EOCD_SIG)
    while eocd >= 0 and eocd + _EOCD_LEN > len(tail):
        eocd = tail.rfind(_EOCD_SIG, 0, eocd)
    if eocd < 0:
        handle.seek(0)
        if handle.read(4) == _LOCAL_SIG:
            raise ApkReadError("truncated zip: end of central directory not found", path)
        raise ApkReadError("not a zip file (an APK is a zip archive)", path)
    entries, cd_size, cd_offset = struct.unpack_from("<HII", tail, eocd + 10)
    eocd_pos = size - tail_len + eocd
    if entries == 0xFFFF or cd_size == 0xFFFFFFFF or cd_offset == 0xFFFFFFFF:
        locator = eocd - _ZIP64_LOCATOR_LEN
        if locator >= 0 and tail[locator : locator + 4] == _ZIP64_LOCATOR_SIG:
            (z64_pos,) = struct.unpack_from("<Q", tail, locator + 8)
            handle.seek(min(z64_pos, size))
            record = handle.read(_ZIP64_EOCD_LEN)
            if len(record) < _ZIP64_EOCD_LEN or record[:4] != _ZIP64_EOCD_SIG:
                raise ApkReadError("damaged zip: bad zip64 end of central directory", path)
            entries, cd_size, cd_offset = struct.unpack_from("<QQQ", record, 32)
            eocd_pos = size - tail_len + locator - _ZIP64_EOCD_LEN
    cd_start = eocd_pos - cd_size
    if cd_start < 0 or cd_offset > size:
        raise ApkReadError("truncated zip: central directory offsets point outside the file", path)
    return cd_start, cd_size, cd_offset, entries


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
