"""The central-directory and signing-block readers on mutated real bytes: the
edge APK with bytes flipped anywhere in its central directory, end record or
APK Signing Block, and arbitrary signing-block contents. The only acceptable
outcomes are a result, an ApkReadError (one line) or, for the signing block
alone, a SigningBlockError: never another exception.

The number of examples comes from ``CONSISTENCY_FUZZ_EXAMPLES`` (tests/conftest.py).
"""

from __future__ import annotations

import struct

from hypothesis import given
from hypothesis import strategies as st

from consistency.apk.facts import read_apk_facts
from consistency.apk.signing_block import (
    V2_ID,
    V3_ID,
    SigningBlockError,
    read_signing_block,
    scheme_certificates,
    scheme_value,
)
from consistency.errors import ApkReadError
from tests.helpers.fuzzing import FUZZ
from tests.helpers.paths import TEST_DATA

EDGE = TEST_DATA / "apk" / "edge" / "edge.apk"
ORIGINAL = EDGE.read_bytes()
_END = ORIGINAL.rfind(b"PK\x05\x06")
_CD_OFFSET = struct.unpack_from("<I", ORIGINAL, _END + 16)[0]
_BLOCK_START = _CD_OFFSET - struct.unpack_from("<Q", ORIGINAL, _CD_OFFSET - 24)[0] - 8
STRUCTURE = range(_BLOCK_START, len(ORIGINAL))
"""Signing block, central directory and end record: the bytes these readers parse."""


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(STRUCTURE), st.integers(0, 255)), min_size=1, max_size=8))
def test_flipped_structure_bytes_give_facts_or_one_line(tmp_path, flips):
    data = bytearray(ORIGINAL)
    for offset, value in flips:
        data[offset] = value
    path = tmp_path / "fuzz.apk"
    path.write_bytes(bytes(data))
    try:
        facts = read_apk_facts(path)
    except ApkReadError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc)
        return
    assert facts.package


@FUZZ
@given(st.binary(max_size=4096), st.sampled_from([V2_ID, V3_ID]))
def test_arbitrary_signing_block_values(value, scheme):
    pair = struct.pack("<QI", len(value) + 4, scheme) + value
    pairs_and_footer = pair + struct.pack("<Q", len(pair) + 24) + b"APK Sig Block 42"
    file = struct.pack("<Q", len(pair) + 24) + pairs_and_footer
    try:
        pairs = read_signing_block(lambda offset, length: file[offset : offset + length], len(file))
        assert pairs == pair
        found = scheme_value(pairs, scheme)
        assert found == value
        for certificate in scheme_certificates(found):
            assert isinstance(certificate, bytes)
    except SigningBlockError as exc:
        assert "\n" not in str(exc)
