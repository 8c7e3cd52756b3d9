"""APKs built to hang the reader, and APKs Android installs that analysers
refuse. Each is built here from the edge test APK; each must end in bounded
time and memory (checked in a child process, never by timing) and be read as
Android reads it, with the zip trick recorded in the facts."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from consistency.apk.facts import read_apk_facts
from consistency.apk.signing_block import V2_ID, V3_ID, read_signing_block, scheme_certificates, scheme_value
from consistency.apk.zipread import open_apk
from consistency.cli import main
from consistency.report.inspect import ZIP_TRICKS_WARNING
from tests.helpers.badfiles import (
    RawEntry,
    many_entries_zip,
    padded_signing_block,
    patch_central,
    raw_zip,
    set_encrypted,
)
from tests.helpers.bounded import run_bounded
from tests.helpers.paths import TEST_DATA

EDGE = TEST_DATA / "apk" / "edge" / "edge.apk"


def edge_entries() -> list[RawEntry]:
    """Every entry of the edge APK, deflated anew (so headers can be rewritten)."""
    with zipfile.ZipFile(EDGE) as archive:
        return [RawEntry.deflated(name, archive.read(name)) for name in archive.namelist()]


def facts_summary(path: Path) -> tuple[str, tuple[str, ...], tuple[str, ...], int]:
    facts = read_apk_facts(path)
    return facts.package, facts.signing_certificates, facts.zip_anomalies, len(facts.classes)


@pytest.fixture(scope="module")
def edge_summary():
    return facts_summary(EDGE)


def write(tmp_path: Path, data: bytes, name: str = "app.apk") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -------------------------------------------------------------- signing block


def test_v2_and_v3_certificates_are_the_v1_signer(edge_summary):
    """Our own signing-block reader finds the certificate androguard's v1 reader does."""
    with open_apk(EDGE) as archive:
        pairs = read_signing_block(archive.read_range, archive.central_directory_offset)
    assert pairs is not None
    for scheme in (V2_ID, V3_ID):
        value = scheme_value(pairs, scheme)
        assert value is not None
        import hashlib

        assert tuple(hashlib.sha256(der).hexdigest() for der in scheme_certificates(value)) == edge_summary[1]


def test_signing_block_with_200k_tiny_pairs_is_read_in_bounded_time(tmp_path, edge_summary):
    """200,000 pairs of 12 bytes (2.4 MB): androguard's quadratic scan took over
    120 s. Read in one pass; the certificates are still found after them."""
    path = write(tmp_path, padded_signing_block(EDGE.read_bytes(), 200_000))
    outcome = run_bounded(facts_summary, path, seconds=120, memory_mb=1536)
    assert outcome.error is None, outcome.error
    assert outcome.value == edge_summary


# ------------------------------------------------------ zips Android installs


def _version_needed_64(_tmp: Path) -> bytes:
    return patch_central(EDGE.read_bytes(), "AndroidManifest.xml", 6, 64, local_offset=4)


def _encrypted_everywhere(_tmp: Path) -> bytes:
    data = EDGE.read_bytes()
    with zipfile.ZipFile(EDGE) as archive:
        for name in archive.namelist():
            data = set_encrypted(data, name)
    return data


def _encrypted_signature_files(_tmp: Path) -> bytes:
    data = EDGE.read_bytes()
    for name in ("META-INF/SAMPLE.SF", "META-INF/SAMPLE.RSA", "META-INF/MANIFEST.MF"):
        data = set_encrypted(data, name)
    return data


def _unknown_method(_tmp: Path) -> bytes:
    entries = [
        RawEntry(e.name, e.payload, 0x5A4D, e.crc, e.file_size) if e.name.endswith(".dex") else e
        for e in edge_entries()
    ]
    return raw_zip(entries)


def _corrupt_extra(_tmp: Path) -> bytes:
    """An extra block whose length runs past the field (zipfile: "Corrupt extra field") on an asset."""
    junk = RawEntry.deflated("assets/readme.txt", b"hello", extra=b"\x99\x99\x10\x00ab")
    return raw_zip([*edge_entries(), junk])


TRICKS = [
    ("version-needed-6.4", _version_needed_64, "version needed"),
    ("encrypted-flag-everywhere", _encrypted_everywhere, "encryption flag"),
    ("encrypted-flag-on-meta-inf-only", _encrypted_signature_files, "encryption flag"),
    ("unknown-method-over-deflate", _unknown_method, "unknown compression method"),
    ("corrupt-extra-field-elsewhere", _corrupt_extra, "damaged extra field"),
]


@pytest.mark.parametrize(("build", "words"), [t[1:] for t in TRICKS], ids=[t[0] for t in TRICKS])
def test_zip_tricks_android_reads_through_are_read_and_noted(tmp_path, edge_summary, build, words):
    path = write(tmp_path, build(tmp_path))
    package, _certs, anomalies, classes = facts_summary(path)
    assert (package, classes) == (edge_summary[0], edge_summary[3])
    assert any(words in anomaly for anomaly in anomalies), anomalies


def test_the_tricks_are_ones_pythons_zipfile_refuses(tmp_path):
    """The control: these are the inputs that used to end as "internal error"."""
    import io

    with pytest.raises(NotImplementedError):
        zipfile.ZipFile(io.BytesIO(_version_needed_64(tmp_path)))
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(io.BytesIO(_corrupt_extra(tmp_path)))


def test_signing_certificates_survive_the_fake_encryption_of_meta_inf(tmp_path, edge_summary):
    path = write(tmp_path, _encrypted_signature_files(tmp_path))
    assert facts_summary(path)[1] == edge_summary[1]


def test_the_cli_shows_zip_tricks(tmp_path, capsys):
    path = write(tmp_path, _version_needed_64(tmp_path))
    assert main(["inspect", str(path)]) == 0
    out = capsys.readouterr().out
    assert ZIP_TRICKS_WARNING in out
    assert main(["inspect", str(path), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert any("version needed" in a for a in document["zip_anomalies"])


def test_an_ordinary_apk_has_no_zip_tricks(edge_summary):
    assert edge_summary[2] == ()


def test_more_than_200k_entries_are_read_within_bounds(tmp_path, edge_summary):
    """250,000 entries (Android installs it; the old limit refused it): read,
    noted, memory bounded because only the entries the tool reads are kept."""
    path = write(tmp_path, many_entries_zip(edge_entries(), 250_000))
    outcome = run_bounded(facts_summary, path, seconds=120, memory_mb=1024)
    assert outcome.error is None, outcome.error
    package, _certs, anomalies, classes = outcome.value
    assert (package, classes) == (edge_summary[0], edge_summary[3])
    assert any("250000 zip entries" in anomaly for anomaly in anomalies), anomalies
