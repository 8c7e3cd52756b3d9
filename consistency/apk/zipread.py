"""Read entries of an APK (a zip file) without trusting anything the zip says.

An APK is attacker-controlled input: in a batch scan of thousands of apps one of
them will be a zip bomb, a truncated download, an "encrypted" entry meant to
break analysers, or a central directory with millions of entries. Everything
here is bounded before it is allocated:

* the number of entries is counted from the raw central directory *before*
  :mod:`zipfile` builds one object per entry;
* an entry whose *declared* size is over the limit is refused without reading it;
* the data is inflated in chunks by our own loop (not ``ZipFile.open``) so we can
  stop as soon as the *actual* output exceeds the declared size or the limit:
  a zip bomb lies about its sizes, and ``zipfile`` would silently truncate the
  output to the declared size instead of telling us the entry lied;
* the sum of everything read from one archive is capped too.

Nothing is ever extracted to disk. Every refusal is an :class:`ApkReadError`
with a one-line message.
"""

from __future__ import annotations

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
    max_entries: int = 200_000
    """Entries in the central directory. Large real APKs have a few thousand."""


class ApkArchive:
    """An open APK: the list of its entries and bounded reads of their contents.

    Use as a context manager (or call :meth:`close`) so the file is closed."""

    def __init__(self, path: Path, handle: BinaryIO, zf: zipfile.ZipFile, size: int) -> None:
        self.path = path
        self._handle = handle
        self._zip = zf
        self._size = size
        self._bytes_read = 0
        self._infos = {info.filename: info for info in zf.infolist()}

    # -- listing

    def names(self) -> list[str]:
        """Every entry name, in central-directory order."""
        return [info.filename for info in self._zip.infolist()]

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

    def declared_size(self, name: str) -> int:
        """The uncompressed size the central directory declares (not trusted by :meth:`read`)."""
        info = self._infos.get(name)
        return info.file_size if info is not None else 0

    # -- reading

    def read(self, name: str, limits: ApkLimits) -> bytes:
        """The uncompressed content of one entry, refusing bombs, lies and damage."""
        info = self._infos.get(name)
        if info is None:
            raise ApkReadError(f"no entry named {name!r}", self.path)
        self._check_declared(info, limits)
        start = self._data_start(info)
        if info.compress_type == _STORED:
            data = self._read_stored(info, start)
        else:
            data = self._inflate(info, start)
        if zlib.crc32(data) != info.CRC:
            raise ApkReadError(f"corrupt entry {name!r}: CRC-32 mismatch", self.path)
        self._bytes_read += len(data)
        return data

    def _check_declared(self, info: zipfile.ZipInfo, limits: ApkLimits) -> None:
        name = info.filename
        if info.flag_bits & _FLAG_ENCRYPTED:
            raise ApkReadError(f"entry {name!r} is encrypted", self.path)
        if info.compress_type not in (_STORED, _DEFLATED):
            raise ApkReadError(
                f"entry {name!r} uses compression method {info.compress_type} (APKs use only stored or deflate)",
                self.path,
            )
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
        if info.compress_type == _STORED and info.compress_size != info.file_size:
            raise ApkReadError(f"corrupt entry {name!r}: stored entry with two different sizes", self.path)
        if info.file_size >= limits.ratio_floor_bytes and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            ratio = info.file_size / max(info.compress_size, 1)
            raise ApkReadError(
                f"entry {name!r} is a zip bomb: compression ratio {ratio:.0f} is over {limits.max_ratio:g}",
                self.path,
            )

    def _data_start(self, info: zipfile.ZipInfo) -> int:
        """Offset of the entry's data: after its local header, whose name and extra
        field lengths may differ from the central directory's."""
        offset = info.header_offset
        header = self._pread(offset, _LOCAL_LEN)
        if len(header) < _LOCAL_LEN or header[:4] != _LOCAL_SIG:
            raise ApkReadError(
                f"corrupt entry {info.filename!r}: no local header at offset {offset}", self.path
            )
        name_len, extra_len = struct.unpack_from("<HH", header, 26)
        start = offset + _LOCAL_LEN + name_len + extra_len
        if start + info.compress_size > self._size:
            raise ApkReadError(
                f"truncated zip: entry {info.filename!r} runs past the end of the file", self.path
            )
        return start

    def _read_stored(self, info: zipfile.ZipInfo, start: int) -> bytes:
        data = self._pread(start, info.file_size)
        if len(data) != info.file_size:
            raise ApkReadError(f"truncated zip: entry {info.filename!r} is cut short", self.path)
        return data

    def _inflate(self, info: zipfile.ZipInfo, start: int) -> bytes:
        """Inflate in bounded steps, never asking zlib for more than one byte past
        the declared size (itself within the limit): memory stays at about that
        size whatever the compressed stream really holds, and a stream that would
        produce more is caught at its first extra byte."""
        declared = info.file_size
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
            raise ApkReadError(f"corrupt entry {info.filename!r}: {exc}", self.path) from exc
        produced += len(tail)
        if produced > declared:
            raise self._overflow(info)
        if not inflater.eof or produced != declared:
            raise ApkReadError(
                f"corrupt entry {info.filename!r}: inflated {produced} bytes, expected {declared}", self.path
            )
        parts.append(tail)
        return b"".join(parts)

    def _overflow(self, info: zipfile.ZipInfo) -> ApkReadError:
        return ApkReadError(
            f"corrupt entry {info.filename!r}: it inflates to more than the {info.file_size} bytes it declares"
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
        self._zip.close()
        self._handle.close()

    def __enter__(self) -> ApkArchive:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def open_apk(path: str | Path, limits: ApkLimits | None = None) -> ApkArchive:
    """Open an APK for bounded reading. Raises :class:`ApkReadError` (one line)
    when the path is missing, a directory, empty, not a zip, a truncated zip, or
    has more entries than ``limits.max_entries``."""
    limits = limits or ApkLimits()
    path = Path(path)
    if not path.exists():
        raise ApkReadError("no such file", path)
    if path.is_dir():
        raise ApkReadError("is a directory, not an APK", path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise ApkReadError(f"cannot open: {exc.strerror or exc}", path) from exc
    try:
        size = _file_size(handle)
        if size == 0:
            raise ApkReadError("empty file, not an APK", path)
        _count_entries(handle, size, limits.max_entries, path)
        try:
            zf = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, struct.error) as exc:
            raise ApkReadError(f"damaged zip: {_one_line(exc)}", path) from exc
        except OSError as exc:
            raise ApkReadError(f"cannot read: {exc.strerror or exc}", path) from exc
        archive = ApkArchive(path, handle, zf, size)
        _check_unique_names(zf, path)
        return archive
    except BaseException:
        handle.close()
        raise


def _file_size(handle: BinaryIO) -> int:
    handle.seek(0, 2)
    return handle.tell()


def _count_entries(handle: BinaryIO, size: int, max_entries: int, path: Path) -> int:
    """Walk the raw central directory and count its records, stopping past the
    limit, before ``zipfile`` builds one Python object per record. The count in
    the end record is not trusted: ``zipfile`` ignores it, and so do we."""
    cd_start, cd_size, declared = _find_central_directory(handle, size, path)
    if declared > max_entries:
        raise ApkReadError(f"too many entries: {declared} (limit {max_entries})", path)
    handle.seek(cd_start)
    directory = handle.read(cd_size)
    if len(directory) != cd_size:
        raise ApkReadError("truncated zip: central directory cut short", path)
    count, position = 0, 0
    while position + _CENTRAL_LEN <= cd_size:
        if directory[position : position + 4] != _CENTRAL_SIG:
            raise ApkReadError(
                f"damaged zip: bad central directory record at offset {cd_start + position}", path
            )
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", directory, position + 28)
        position += _CENTRAL_LEN + name_len + extra_len + comment_len
        count += 1
        if count > max_entries:
            raise ApkReadError(f"too many entries: more than {max_entries}", path)
    return count


def _find_central_directory(handle: BinaryIO, size: int, path: Path) -> tuple[int, int, int]:
    """``(start, size, declared entry count)`` of the central directory, located
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
    return cd_start, cd_size, entries


def _check_unique_names(zf: zipfile.ZipFile, path: Path) -> None:
    """Two entries with one name are read differently by different tools (the
    Janus-style trick of hiding a second ``classes.dex``); refuse rather than guess."""
    seen: set[str] = set()
    for info in zf.infolist():
        if info.filename in seen:
            raise ApkReadError(f"damaged zip: duplicate entry {info.filename!r}", path)
        seen.add(info.filename)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
