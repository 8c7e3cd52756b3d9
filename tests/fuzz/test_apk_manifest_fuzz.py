"""Hostile binary manifests: arbitrary bytes, and the real edge manifest with
bytes flipped, cut or spliced, go through read_apk_facts; the only acceptable
outcomes are facts or an ApkReadError (never another exception, never a hang)."""

from __future__ import annotations

import io
import zipfile

from hypothesis import given
from hypothesis import strategies as st

from consistency.apk.facts import read_apk_facts
from consistency.errors import ApkReadError
from tests.helpers.fuzzing import FUZZ
from tests.helpers.paths import TEST_DATA

EDGE = TEST_DATA / "apk" / "edge" / "edge.apk"
with zipfile.ZipFile(EDGE) as _archive:
    MANIFEST = _archive.read("AndroidManifest.xml")
    DEX = _archive.read("classes.dex")


def read_manifest(tmp_path, manifest: bytes):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("AndroidManifest.xml", manifest)
        archive.writestr("classes.dex", DEX)
    path = tmp_path / "fuzz.apk"
    path.write_bytes(buffer.getvalue())
    try:
        facts = read_apk_facts(path)
    except ApkReadError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc)
        return None
    assert facts.package
    return facts


@FUZZ
@given(data=st.binary(max_size=4096))
def test_arbitrary_bytes(tmp_path, data):
    read_manifest(tmp_path, data)


@FUZZ
@given(
    flips=st.lists(st.tuples(st.integers(0, len(MANIFEST) - 1), st.integers(1, 255)), min_size=1, max_size=12)
)
def test_real_manifest_with_flipped_bytes(tmp_path, flips):
    damaged = bytearray(MANIFEST)
    for at, mask in flips:
        damaged[at] ^= mask
    read_manifest(tmp_path, bytes(damaged))


@FUZZ
@given(cut=st.integers(0, len(MANIFEST)), junk=st.binary(max_size=64), keep=st.integers(0, len(MANIFEST)))
def test_real_manifest_cut_and_spliced(tmp_path, cut, junk, keep):
    read_manifest(tmp_path, MANIFEST[:cut] + junk + MANIFEST[keep:])
