"""Hostile protobuf manifests and resource tables: arbitrary bytes and the real
Field Notes manifest with bytes flipped, cut or spliced go through the protobuf
reader and the whole bundle reader; the only acceptable outcomes are a result or
an ApkReadError (never another exception, never a hang).

The example budget comes from ``CONSISTENCY_FUZZ_EXAMPLES`` (tests/conftest.py),
as for every fuzz target; the whole-bundle target, five times dearer per input,
takes a fifth of it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from consistency.apk.bundle import read_bundle_facts
from consistency.apk.proto_manifest import decode_proto_manifest, string_resources
from consistency.apk.proto_messages import build_messages
from consistency.errors import ApkReadError
from tests.helpers.fuzzing import FUZZ
from tests.helpers.paths import SAMPLES

NOTES_AAB = SAMPLES / "notes" / "notes.aab"
with zipfile.ZipFile(NOTES_AAB) as _archive:
    ENTRIES = {name: _archive.read(name) for name in _archive.namelist()}
MANIFEST = ENTRIES["base/manifest/AndroidManifest.xml"]
RESOURCES = ENTRIES["base/resources.pb"]
MESSAGES = build_messages()
WHERE = Path("fuzz.aab")


def decode(data: bytes) -> None:
    try:
        root = decode_proto_manifest(data, "m", WHERE, MESSAGES)
    except ApkReadError as exc:
        assert "\n" not in str(exc)
        return
    assert etree.QName(root).localname == "manifest"


def mutate(base: bytes, flips) -> bytes:
    out = bytearray(base)
    for at, value in flips:
        out[at % len(out)] ^= value
    return bytes(out)


FLIPS = st.lists(st.tuples(st.integers(0, 1 << 16), st.integers(1, 255)), min_size=1, max_size=12)


@FUZZ
@given(data=st.binary(max_size=4096))
def test_arbitrary_bytes_as_a_manifest(data):
    decode(data)


@FUZZ
@given(flips=FLIPS)
def test_the_real_manifest_with_bytes_flipped(flips):
    decode(mutate(MANIFEST, flips))


@FUZZ
@given(cut=st.integers(0, len(MANIFEST)), splice=st.binary(max_size=64))
def test_the_real_manifest_cut_and_spliced(cut, splice):
    decode(MANIFEST[:cut] + splice + MANIFEST[cut:][: len(splice)])


@FUZZ
@given(flips=FLIPS)
def test_the_real_resource_table_with_bytes_flipped(flips):
    try:
        strings = string_resources(mutate(RESOURCES, flips), "r", WHERE, MESSAGES)
    except ApkReadError as exc:
        assert "\n" not in str(exc)
        return
    assert all(isinstance(s.name, str) and isinstance(s.value, str) for s in strings)


@settings(FUZZ, max_examples=max(10, settings.default.max_examples // 5))
@given(flips=FLIPS)
def test_the_whole_bundle_reader_on_a_flipped_manifest(tmp_path_factory, flips):
    entries = dict(ENTRIES, **{"base/manifest/AndroidManifest.xml": mutate(MANIFEST, flips)})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.aab"
    path.write_bytes(buffer.getvalue())
    try:
        facts = read_bundle_facts(path)
    except ApkReadError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc)
        return
    assert facts.package
