"""The certificate list of a v1 signature block, and when the v1 verification is
skipped: the list is checked against ``cryptography``'s own PKCS#7 reader on a
real block, anything not plain DER is refused, and a block carrying a
certificate not yet known always goes to androguard's verification."""

from __future__ import annotations

import hashlib
import zipfile

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, pkcs7

from consistency.apk.facts import _v1_adds_nothing, read_apk_facts
from consistency.apk.signing_v1 import block_certificates
from tests.helpers.paths import CORPUS_APKS, TEST_DATA

EDGE = TEST_DATA / "apk" / "edge" / "edge.apk"


def edge_block() -> bytes:
    with zipfile.ZipFile(EDGE) as archive:
        return archive.read("META-INF/SAMPLE.RSA")


def test_certificates_of_a_real_block_match_cryptography():
    block = edge_block()
    theirs = [c.public_bytes(Encoding.DER) for c in pkcs7.load_der_pkcs7_certificates(block)]
    assert block_certificates(block) == theirs
    assert len(theirs) == 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[:-1],  # cut short
        lambda b: b + b"\0",  # trailing bytes after the ContentInfo
        lambda b: b"\x30\x80" + b[4:] + b"\0\0",  # indefinite length (BER, not DER)
        lambda b: b[:14] + b"\x01" + b[15:],  # pkcs7-data (1.2.840.113549.1.7.1), not signedData
        lambda b: b"",
        lambda b: b"\x30",
    ],
)
def test_anything_but_plain_der_signed_data_is_refused(damage):
    block = edge_block()
    assert block[:2] == b"\x30\x82"  # the shape the damages above assume
    assert block_certificates(damage(block)) is None


def test_long_form_lengths_must_be_minimal():
    # a SEQUENCE of 3 bytes written with a two-byte long-form length
    assert block_certificates(b"\x30\x82\x00\x03\x06\x01\x00") is None


def test_v1_is_skipped_only_when_every_block_certificate_is_known():
    block = edge_block()
    (der,) = block_certificates(block)
    digest = hashlib.sha256(der).hexdigest()
    files = {"META-INF/SAMPLE.SF": b"sf", "META-INF/SAMPLE.RSA": block}
    assert _v1_adds_nothing(files, {digest: None})
    assert not _v1_adds_nothing(files, {})  # v1-only APK: androguard verifies
    assert not _v1_adds_nothing(files, {"0" * 64: None})  # another signer in v2/v3
    assert not _v1_adds_nothing({**files, "META-INF/OTHER.EC": block[:-1]}, {digest: None})
    assert not _v1_adds_nothing({"META-INF/SAMPLE.SF": b"sf"}, {digest: None})


@pytest.mark.corpus
def test_a_v1_only_apk_still_gets_its_signer_from_the_v1_block():
    apk = CORPUS_APKS / "androguard-a2dp.Vol_137.apk"
    if not apk.is_file():
        pytest.skip("corpus absent")
    with zipfile.ZipFile(apk) as archive:
        blocks = [n for n in archive.namelist() if n.endswith((".RSA", ".DSA", ".EC"))]
        expected = {
            hashlib.sha256(c.public_bytes(Encoding.DER)).hexdigest()
            for name in blocks
            for c in pkcs7.load_der_pkcs7_certificates(archive.read(name))
        }
    assert set(read_apk_facts(apk).signing_certificates) == expected
