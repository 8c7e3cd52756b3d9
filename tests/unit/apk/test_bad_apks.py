"""Bad input through the real command line: every broken or hostile "APK" gives
exit code 2 and exactly one line on stderr naming the file and the problem,
never a traceback. Each file is built here, in tmp_path, from real parts (the
edge test APK, its binary manifest, a smali-built DEX)."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest

from consistency.cli import main
from tests.helpers.badfiles import (
    RawEntry,
    patch_dex,
    raw_zip,
    tiny_dex,
    zeros_deflated,
    zip_bytes,
)
from tests.helpers.paths import TEST_DATA

EDGE = TEST_DATA / "apk" / "edge" / "edge.apk"
GIB = 1 << 30
MIB = 1 << 20


def edge_manifest() -> bytes:
    with zipfile.ZipFile(EDGE) as archive:
        return archive.read("AndroidManifest.xml")


def with_manifest(*entries: RawEntry) -> bytes:
    """A hand-assembled zip: the real binary manifest first, then ``entries``."""
    return raw_zip([RawEntry.deflated("AndroidManifest.xml", edge_manifest()), *entries])


def _missing(tmp: Path) -> Path:
    return tmp / "missing.apk"


def _directory(tmp: Path) -> Path:
    (tmp / "folder.apk").mkdir()
    return tmp / "folder.apk"


def _fifo(tmp: Path, name: str) -> Path:
    """A named pipe with no writer: opening it for reading would block forever."""
    import os

    path = tmp / name
    os.mkfifo(path)
    return path


def _write(name: str, data: bytes):
    def build(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data() if callable(data) else data)
        return path

    return build


def _bomb_declared() -> bytes:
    """Headers claim classes.dex is 3 GiB (the payload is a few bytes): refused on
    the declared size, before anything is inflated."""
    entry = RawEntry.deflated("classes.dex", b"dex\n035\0")
    return with_manifest(RawEntry("classes.dex", entry.payload, entry.method, entry.crc, 3 * GIB))


def _bomb_ratio() -> bytes:
    """64 MiB of zeros, honestly declared: a compression ratio no DEX has."""
    payload = zeros_deflated(64 * MIB)
    return with_manifest(RawEntry("classes.dex", payload, zipfile.ZIP_DEFLATED, 0, 64 * MIB))


def _bomb_lying() -> bytes:
    """Headers claim 512 KiB, the stream inflates to 64 MiB: the reader stops at
    the declared size instead of inflating the rest."""
    payload = zeros_deflated(64 * MIB)
    return with_manifest(RawEntry("classes.dex", payload, zipfile.ZIP_DEFLATED, 0, 512 * 1024))


CASES = [
    # (id, builder, words the one-line message must contain)
    ("missing", _missing, "no such file"),
    ("directory", _directory, "is a directory"),
    ("empty", _write("empty.apk", b""), "empty file"),
    ("text", _write("notes.apk", b"These are my notes, not an app.\n" * 40), "not a zip file"),
    (
        "zip-without-manifest",
        _write("nomanifest.apk", lambda: zip_bytes({"classes.dex": tiny_dex()})),
        "no AndroidManifest.xml",
    ),
    (
        "truncated",
        _write("truncated.apk", lambda: EDGE.read_bytes()[: EDGE.stat().st_size // 2]),
        "truncated zip",
    ),
    (
        "garbage-manifest",
        _write("garbage.apk", lambda: zip_bytes({"AndroidManifest.xml": random.Random(7).randbytes(3000)})),
        "corrupt binary manifest",
    ),
    (
        "damaged-manifest",
        _write(
            "damaged.apk",
            lambda: zip_bytes(
                {
                    "AndroidManifest.xml": (m := edge_manifest())[:1000]
                    + bytes(b ^ 0xFF for b in m[1000:1400])
                    + m[1400:]
                }
            ),
        ),
        "corrupt binary manifest",
    ),
    (
        "half-manifest",
        _write("half.apk", lambda: zip_bytes({"AndroidManifest.xml": edge_manifest()[:1500]})),
        "corrupt binary manifest",
    ),
    ("fifo", lambda tmp: _fifo(tmp, "pipe.apk"), "named pipe"),
    ("bomb-declared", _write("bomb1.apk", _bomb_declared), "over the limit"),
    ("bomb-ratio", _write("bomb2.apk", _bomb_ratio), "zip bomb"),
    ("bomb-lying", _write("bomb3.apk", _bomb_lying), "zip bomb"),
    (
        "dex-offsets-out-of-range",
        _write(
            "dex.apk",
            lambda: zip_bytes(
                {
                    "AndroidManifest.xml": edge_manifest(),
                    "classes.dex": patch_dex(tiny_dex(), string_ids_off=0xFFFFFF00),
                }
            ),
        ),
        "classes.dex",
    ),
    (
        "dex-too-many-classes",
        _write(
            "dex2.apk",
            lambda: zip_bytes(
                {
                    "AndroidManifest.xml": edge_manifest(),
                    "classes.dex": patch_dex(tiny_dex(), class_defs_size=0x7FFFFFFF),
                }
            ),
        ),
        "classes.dex",
    ),
]


@pytest.mark.parametrize(("build", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_apk_gives_one_line_and_exit_code_2(tmp_path, capsys, build, words):
    path = build(tmp_path)
    code = main(["inspect", str(path), "--format", "json"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("consistency: error: ")
    assert str(path) in lines[0]
    assert words in lines[0]
    assert "Traceback" not in captured.err and "internal error" not in captured.err


def test_the_edge_apk_itself_is_fine():
    """The control: the APK every damaged file above is made from reads cleanly."""
    from consistency.apk.facts import read_apk_facts

    assert read_apk_facts(EDGE).package == "org.example.edge"
