"""The whole-buffer inflater gives zlib's bytes or nothing, never more than declared."""

from __future__ import annotations

import os
import zlib

import pytest

from consistency.apk.inflate import crc32, inflate_exact

pytest.importorskip("deflate", reason="libdeflate's wrapper is not installed: the zlib reader is used")


def raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


@pytest.mark.parametrize("data", [b"a", os.urandom(70_000), b"classes " * 200_000])
def test_same_bytes_as_zlib(data):
    assert inflate_exact(raw_deflate(data), len(data)) == data


def test_a_stream_longer_or_shorter_than_declared_is_left_to_the_bounded_reader():
    data = b"x" * 100_000
    stream = raw_deflate(data)
    assert inflate_exact(stream, len(data) - 1) is None  # a bomb: would write past the size
    assert inflate_exact(stream, len(data) + 1) is None  # a lie the other way
    assert inflate_exact(stream[: len(stream) // 2], len(data)) is None  # cut short
    assert inflate_exact(b"\xff" * 64, 10) is None  # not deflate at all


@pytest.mark.parametrize("data", [b"", b"a", os.urandom(70_001), b"classes " * 200_000])
def test_crc32_is_zlibs(data):
    assert crc32(data) == zlib.crc32(data)
