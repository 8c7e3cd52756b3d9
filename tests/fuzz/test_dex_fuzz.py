"""Property tests: damaged DEX and zip bytes into the public reading calls.

The only acceptable failure is :class:`ApkReadError` (an ``InputError``); any
other exception is a bug. Each example must finish quickly and allocate little:
every count the reader sees is bounded by the input size, so mutated headers
cannot make it allocate or loop beyond that.
"""

from __future__ import annotations

import tempfile
import tracemalloc
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from consistency.apk.dex_index import index_apk_dex, index_dex
from consistency.apk.zipread import ApkLimits, open_apk
from consistency.errors import ApkReadError
from tests.helpers.badfiles import DEX_HEADER_FIELDS, dex_container, patch_dex, tiny_dex, zip_bytes
from tests.helpers.fuzzing import FUZZ

MEMORY_BOUND = 8 << 20
"""Bytes an example may allocate at peak: the inputs are a few KB."""

TINY = tiny_dex()
SEEDS = [TINY, dex_container([TINY, TINY])]
LIMITS = ApkLimits(max_entry_bytes=1 << 20, max_total_bytes=4 << 20, max_entries=64)

INTERESTING_U32 = [0, 1, 2, 4, 0x70, 0x78, len(TINY) - 1, len(TINY), len(TINY) + 1, 0x7FFFFFFF, 0xFFFFFFFF]


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """``seed`` with some header fields replaced, some bytes flipped, and maybe cut short."""
    data = bytearray(seed)
    for field in draw(st.lists(st.sampled_from(sorted(DEX_HEADER_FIELDS)), max_size=3)):
        value = draw(st.one_of(st.sampled_from(INTERESTING_U32), st.integers(0, 0xFFFFFFFF)))
        data = bytearray(patch_dex(bytes(data), **{field: value}))
    for _ in range(draw(st.integers(0, 8))):
        position = draw(st.integers(0, len(data) - 1))
        data[position] ^= draw(st.integers(1, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


dex_inputs = st.one_of(*(mutated(seed) for seed in SEEDS), st.binary(max_size=512))


def bounded(action) -> None:
    """Run ``action``; it may only refuse with ApkReadError, within the memory bound."""
    tracemalloc.start()
    try:
        action()
    except ApkReadError as error:
        assert "\n" not in str(error)
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert peak < MEMORY_BOUND


@FUZZ
@given(dex_inputs)
def test_index_dex_refuses_or_indexes(data: bytes) -> None:
    bounded(lambda: index_dex(data, "classes.dex"))


ZIP_SEED = zip_bytes({"AndroidManifest.xml": bytes(64), "classes.dex": TINY, "classes2.dex": TINY})


@st.composite
def mutated_zip(draw: st.DrawFn) -> bytes:
    data = bytearray(ZIP_SEED)
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(data) - 1))
        data[position] ^= draw(st.integers(1, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


def read_apk(path: Path) -> None:
    with open_apk(path, LIMITS) as archive:
        archive.names()
        archive.native_libs()
        index_apk_dex(archive, LIMITS)


@FUZZ
@given(st.one_of(mutated_zip(), st.binary(max_size=256)))
def test_open_apk_refuses_or_indexes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.apk"
        path.write_bytes(data)
        bounded(lambda: read_apk(path))
