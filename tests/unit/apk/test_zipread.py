"""The bounded zip reader against bad files built in tmp_path and real APKs."""

from __future__ import annotations

import hashlib
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

from consistency.apk.zipread import ApkLimits, open_apk
from consistency.errors import ApkReadError, InputError
from tests.helpers.badfiles import (
    RawEntry,
    corrupt_payload,
    raw_zip,
    set_encrypted,
    tiny_dex,
    zip_bomb,
    zip_bytes,
)
from tests.helpers.paths import corpus_apks

MIB = 1 << 20


def write(tmp_path: Path, data: bytes, name: str = "app.apk") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refused(path: Path, limits: ApkLimits | None = None, entry: str | None = None) -> ApkReadError:
    """Open ``path`` (and read ``entry``) expecting an ApkReadError with a one-line message."""
    with pytest.raises(ApkReadError) as caught:
        with open_apk(path, limits) as archive:
            if entry is not None:
                archive.read(entry, limits or ApkLimits())
    message = str(caught.value)
    assert "\n" not in message and message.strip() == message and message
    assert isinstance(caught.value, InputError)
    return caught.value


def a_real_apk(tmp_path: Path) -> Path:
    """A zip laid out like an APK, written by the standard library."""
    dex = tiny_dex()
    return write(
        tmp_path,
        zip_bytes(
            {
                "AndroidManifest.xml": b"\x03\x00\x08\x00" + bytes(200),
                "classes.dex": dex,
                "res/raw/big.bin": bytes(range(256)) * 400,
            }
        ),
    )


# ------------------------------------------------------------- open_apk refusals


def test_missing_path(tmp_path: Path) -> None:
    error = refused(tmp_path / "nope.apk")
    assert "no such file" in str(error) and "nope.apk" in str(error)


def test_directory(tmp_path: Path) -> None:
    assert "directory" in str(refused(tmp_path))


def test_empty_file(tmp_path: Path) -> None:
    assert "empty" in str(refused(write(tmp_path, b"")))


def test_text_file(tmp_path: Path) -> None:
    error = refused(write(tmp_path, b"We value your privacy.\n" * 50, "policy.apk"))
    assert "not a zip" in str(error)


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.99])
def test_truncated_zip(tmp_path: Path, keep: float) -> None:
    whole = a_real_apk(tmp_path).read_bytes()
    error = refused(write(tmp_path, whole[: int(len(whole) * keep)], "cut.apk"))
    assert "truncated" in str(error)


def test_central_directory_pointing_outside_the_file(tmp_path: Path) -> None:
    whole = bytearray(a_real_apk(tmp_path).read_bytes())
    end = whole.rfind(b"PK\x05\x06")
    whole[end + 12 : end + 16] = (len(whole) * 3).to_bytes(4, "little")  # central directory size
    error = refused(write(tmp_path, bytes(whole), "offsets.apk"))
    assert "truncated" in str(error) or "damaged" in str(error)


def test_damaged_central_directory_record(tmp_path: Path) -> None:
    whole = bytearray(a_real_apk(tmp_path).read_bytes())
    record = whole.find(b"PK\x01\x02")
    whole[record : record + 4] = b"XXXX"
    assert "damaged" in str(refused(write(tmp_path, bytes(whole), "cd.apk")))


@pytest.mark.parametrize("declared", [None, 1, 0xFFFF])
def test_too_many_entries(tmp_path: Path, declared: int | None) -> None:
    """Counted from the raw directory: the end record's count may lie either way."""
    entries = [RawEntry.deflated(f"assets/{i}.txt", b"x") for i in range(11)]
    path = write(tmp_path, raw_zip(entries, declared_count=declared))
    error = refused(path, ApkLimits(max_entries=10))
    assert "too many entries" in str(error)
    if declared != 0xFFFF:  # a count too large is refused whatever the directory holds
        with open_apk(path, ApkLimits(max_entries=11)) as archive:
            assert len(archive.names()) == 11


def test_duplicate_entry_names(tmp_path: Path) -> None:
    dex = tiny_dex()
    path = write(
        tmp_path, raw_zip([RawEntry.deflated("classes.dex", dex), RawEntry.deflated("classes.dex", b"x")])
    )
    assert "duplicate" in str(refused(path))


# ------------------------------------------------------------------ reading


def test_reads_entries_exactly_as_zipfile_does(tmp_path: Path) -> None:
    path = a_real_apk(tmp_path)
    with zipfile.ZipFile(path) as reference, open_apk(path) as archive:
        assert archive.names() == reference.namelist()
        for name in reference.namelist():
            assert archive.read(name, ApkLimits()) == reference.read(name)


def test_reads_stored_entries(tmp_path: Path) -> None:
    dex = tiny_dex()
    path = write(tmp_path, zip_bytes({"classes.dex": dex}, zipfile.ZIP_STORED))
    with open_apk(path) as archive:
        assert archive.read("classes.dex", ApkLimits()) == dex


def test_missing_entry(tmp_path: Path) -> None:
    assert "no entry named" in str(refused(a_real_apk(tmp_path), entry="classes2.dex"))


def test_dex_names_in_load_order_and_native_libs(tmp_path: Path) -> None:
    names = [
        "classes10.dex", "lib/x86/libb.so", "classes2.dex", "assets/classes3.dex", "classes.dex",
        "lib/arm64-v8a/liba.so", "lib/arm64-v8a/nested/libc.so", "lib/arm64-v8a/readme.txt", "classes3.dex",
        "classes.dex.bak",
    ]  # fmt: skip
    path = write(tmp_path, zip_bytes({name: b"" for name in names}))
    with open_apk(path) as archive:
        assert archive.dex_names() == ["classes.dex", "classes2.dex", "classes3.dex", "classes10.dex"]
        assert archive.native_libs() == [("arm64-v8a", "liba.so"), ("x86", "libb.so")]


def test_encryption_flag_on_an_unencrypted_entry_is_read_as_android_does(tmp_path: Path) -> None:
    """APKs are never encrypted: the flag alone is an anti-analysis trick, which
    Android reads through; we read the entry and record the trick."""
    path = write(tmp_path, set_encrypted(a_real_apk(tmp_path).read_bytes(), "classes.dex"), "enc.apk")
    with open_apk(path) as archive:
        assert archive.read("classes.dex", ApkLimits()) == tiny_dex()
        assert any("encryption flag" in a and "classes.dex" in a for a in archive.anomalies)


def test_corrupt_deflate_data(tmp_path: Path) -> None:
    path = write(tmp_path, corrupt_payload(a_real_apk(tmp_path).read_bytes(), "res/raw/big.bin"), "bad.apk")
    assert "corrupt entry" in str(refused(path, entry="res/raw/big.bin"))


def test_crc_mismatch(tmp_path: Path) -> None:
    dex = tiny_dex()
    path = write(tmp_path, raw_zip([RawEntry.deflated("classes.dex", dex, crc=zlib.crc32(dex) ^ 1)]))
    assert "CRC" in str(refused(path, entry="classes.dex"))


def test_unknown_compression_method_over_bzip2_data_is_corrupt(tmp_path: Path) -> None:
    """Android inflates any method but stored; bzip2 data does not inflate."""
    path = write(tmp_path, zip_bytes({"classes.dex": tiny_dex()}, zipfile.ZIP_BZIP2))
    assert "compression method 12" in str(refused(path, entry="classes.dex"))


def test_unknown_compression_method_over_deflate_data_is_read(tmp_path: Path) -> None:
    """The malware trick: method 0x5A4D over deflate data. Read, and noted."""
    entry = RawEntry.deflated("classes.dex", tiny_dex())
    path = write(
        tmp_path, raw_zip([RawEntry("classes.dex", entry.payload, 0x5A4D, entry.crc, entry.file_size)])
    )
    with open_apk(path) as archive:
        assert archive.read("classes.dex", ApkLimits()) == tiny_dex()
        assert any("compression method 23117" in a for a in archive.anomalies)


def test_total_bytes_per_archive(tmp_path: Path) -> None:
    path = write(tmp_path, zip_bytes({"a.bin": bytes(3000), "b.bin": bytes(3000)}))
    limits = ApkLimits(max_total_bytes=5000)
    with open_apk(path) as archive:
        archive.read("a.bin", limits)
        with pytest.raises(ApkReadError, match="would exceed"):
            archive.read("b.bin", limits)


# ------------------------------------------------------------------ zip bombs


def peak_while(action) -> int:
    tracemalloc.start()
    try:
        action()
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak


def test_bomb_over_the_entry_limit_is_refused_before_inflating(tmp_path: Path) -> None:
    """300 MiB of zeros in a few hundred KB, honest about its size: refused on the
    declared size with the default limits, without allocating it."""
    path = write(tmp_path, zip_bomb("classes.dex", 300 * MIB))
    assert path.stat().st_size < 2 * MIB
    errors: list[ApkReadError] = []
    peak = peak_while(lambda: errors.append(refused(path, entry="classes.dex")))
    assert "over the limit" in str(errors[0])
    assert peak < 4 * MIB


def test_bomb_by_compression_ratio(tmp_path: Path) -> None:
    path = write(tmp_path, zip_bomb("classes.dex", 64 * MIB))
    errors: list[ApkReadError] = []
    peak = peak_while(lambda: errors.append(refused(path, entry="classes.dex")))
    assert "zip bomb" in str(errors[0]) and "ratio" in str(errors[0])
    assert peak < 4 * MIB


def test_bomb_that_lies_about_its_size(tmp_path: Path) -> None:
    """Declares 4 KB, inflates to 64 MiB: passes every declared check, so the
    streaming inflater must notice the lie and stop early."""
    path = write(tmp_path, zip_bomb("classes.dex", 64 * MIB, declared_size=4096))
    errors: list[ApkReadError] = []
    peak = peak_while(lambda: errors.append(refused(path, entry="classes.dex")))
    assert "more than the 4096 bytes it declares" in str(errors[0])
    assert peak < 4 * MIB


def test_entry_limit_is_configurable(tmp_path: Path) -> None:
    path = a_real_apk(tmp_path)
    size = len(tiny_dex())
    with open_apk(path) as archive:
        assert len(archive.read("classes.dex", ApkLimits(max_entry_bytes=size))) == size
    assert "over the limit" in str(refused(path, ApkLimits(max_entry_bytes=size - 1), entry="classes.dex"))


# ------------------------------------------------------------------ real APKs


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.parametrize("apk", corpus_apks(), ids=lambda p: p.name)
def test_corpus_dex_entries_match_zipfile(apk: Path) -> None:
    with zipfile.ZipFile(apk) as reference, open_apk(apk) as archive:
        assert archive.names() == reference.namelist()
        assert archive.dex_names(), "every corpus APK has code"
        for name in archive.dex_names():
            ours = archive.read(name, ApkLimits())
            assert hashlib.sha256(ours).digest() == hashlib.sha256(reference.read(name)).digest()
