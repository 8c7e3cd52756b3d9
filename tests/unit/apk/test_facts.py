"""read_apk_facts on real APKs: identity, signers (checked against an independent
PKCS#7 parse or apksigner), resources, code and native libraries, and the
permission counts of the whole corpus against ``aapt``."""

from __future__ import annotations

import hashlib
import pickle
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from cryptography.hazmat.primitives.serialization import Encoding, pkcs7

from consistency.apk.facts import read_apk_facts
from tests.helpers.corpus import corpus_facts
from tests.helpers.paths import CORPUS_APKS, SAMPLES, TEST_DATA, corpus_apks, corpus_index

EDGE = TEST_DATA / "apk" / "edge" / "edge.apk"
PERMISSION_TRUTH = TEST_DATA / "corpus_permission_truth.yaml"


def v1_certificate_digests(apk: Path) -> set[str]:
    """SHA-256 of the certificates in the JAR signature blocks, read with
    ``cryptography`` (not androguard)."""
    digests = set()
    with zipfile.ZipFile(apk) as archive:
        for name in archive.namelist():
            if re.fullmatch(r"META-INF/[^/]+\.(RSA|DSA|EC)", name):
                for cert in pkcs7.load_der_pkcs7_certificates(archive.read(name)):
                    digests.add(hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest())
    return digests


@pytest.fixture(scope="module")
def edge():
    return read_apk_facts(EDGE)


def test_file_identity(edge):
    data = EDGE.read_bytes()
    assert edge.sha256 == hashlib.sha256(data).hexdigest()
    assert edge.size == len(data)
    assert edge.path == str(EDGE)


def test_signer_matches_the_jar_signature_block(edge):
    # signed v1 + v2 + v3 with one key: one certificate, the one in META-INF/SAMPLE.RSA
    assert edge.signing_certificates == tuple(v1_certificate_digests(EDGE))


def test_dex_files_classes_and_external_api_refs(edge):
    assert [(d.name, d.classes) for d in edge.dex] == [("classes.dex", 12), ("classes2.dex", 1)]
    assert "org.example.edge.second.Later" in edge.classes  # from classes2.dex
    assert "DefaultPackaged" in edge.classes
    assert "com.google.android.gms.ads.AdView$Listener" in edge.classes
    assert len(edge.classes) == 13
    # the framework call in Main is an external reference; the app's own classes are not
    assert "Landroid/location/LocationManager;->getLastKnownLocation" in edge.api_refs
    assert not any(ref.startswith("Lorg/example/edge/") for ref in edge.api_refs)


def test_native_libs_are_the_files_directly_under_an_abi_folder(edge):
    assert [(lib.abi, lib.name) for lib in edge.native_libs] == [
        ("arm64-v8a", "libAMapSDK_MAP_v9_8_0.so"),
        ("x86", "libAMapSDK_MAP_v9_8_0.so"),
        ("x86", "libfoo.so"),
    ]


def test_facts_are_hashable_picklable_and_repeatable(edge):
    """Process pools and Dask ship facts between processes; the same APK must give
    equal facts every time."""
    assert pickle.loads(pickle.dumps(edge)) == edge
    assert hash(edge) == hash(read_apk_facts(EDGE))


def test_androguard_logs_nothing(capfd):
    """androguard logs every step through loguru to stderr; the CLI's stderr must
    carry only our own one-line messages."""
    read_apk_facts(EDGE)
    assert capfd.readouterr().err == ""


def test_label_from_resources():
    """chatter's label is @string/app_name: resolved through resources.arsc."""
    apk = SAMPLES / "chatter" / "chatter.apk"
    if not apk.is_file():
        pytest.skip("sample chatter not built")
    strings = (SAMPLES / "chatter" / "res" / "values" / "strings.xml").read_text(encoding="utf-8")
    expected = re.search(r'<string name="app_name">([^<]+)</string>', strings).group(1)
    assert read_apk_facts(apk).app_label == expected


# ---------------------------------------------------------------- the corpus


def _corpus_or_skip() -> list[Path]:
    apks = corpus_apks()
    if not apks:
        pytest.skip("corpus absent (../shared/corpus/apks)")
    return apks


def _truth() -> dict[str, dict]:
    return yaml.safe_load(PERMISSION_TRUTH.read_text(encoding="utf-8"))["exceptions"]


@pytest.mark.corpus
def test_permission_counts_match_aapt_except_where_justified():
    """INDEX.tsv gives, per APK, how many uses-permission lines ``aapt dump
    permissions`` prints. We report one Permission per distinct request; where
    the two differ, tests/data/corpus_permission_truth.yaml says which is right
    and why, and this test holds both sides to it."""
    _corpus_or_skip()
    index, truth = corpus_index(), _truth()
    mismatches = []
    for name, row in sorted(index.items()):
        apk = CORPUS_APKS / name
        if not apk.is_file():
            continue
        ours = len(corpus_facts(name).permissions)
        aapt = int(row["n_uses_permission"])
        if name in truth:
            assert truth[name]["aapt"] == aapt, f"{name}: the truth table misquotes aapt"
            assert truth[name]["reason"].strip()
            expected = truth[name]["ours"]
        else:
            expected = aapt
        if ours != expected:
            mismatches.append((name, aapt, ours))
    assert mismatches == []
    assert set(truth) <= set(index), "the truth table names APKs that are not in the corpus"


@pytest.mark.corpus
@pytest.mark.skipif(shutil.which("aapt") is None, reason="aapt is not installed")
def test_permission_requests_equal_aapt_after_removing_duplicates():
    """Not just the counts: every (name, element, maxSdkVersion) aapt prints, and no other."""
    for apk in _corpus_or_skip():
        out = subprocess.run(["aapt", "dump", "permissions", str(apk)], capture_output=True, text=True).stdout
        lines = re.findall(
            r"^(uses-permission(?:-sdk-23)?): name='([^']+)'(?: maxSdkVersion='(\d+)')?", out, re.M
        )
        aapt = {(name, element, int(max_sdk) if max_sdk else None) for element, name, max_sdk in lines}
        ours = {(p.name, p.element, p.max_sdk_version) for p in corpus_facts(apk.name).permissions}
        assert ours == aapt, apk.name


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("apksigner") is None, reason="apksigner is not installed")
@pytest.mark.parametrize(
    "name",
    [
        "androguard-golden-aligned-v1v2v3-out.apk",  # v1 + v2 + v3
        "npm-appium-espresso-server-app-debug-androidTest.apk",  # v2 only
        "androguard-a2dp.Vol_137.apk",  # v1 only
    ],
)
def test_signers_agree_with_apksigner(name):
    apk = CORPUS_APKS / name
    if not apk.is_file():
        pytest.skip("corpus absent")
    out = subprocess.run(
        ["apksigner", "verify", "--print-certs", str(apk)], capture_output=True, text=True
    ).stdout
    expected = set(re.findall(r"certificate SHA-256 digest: ([0-9a-f]{64})", out))
    assert expected, out
    assert set(corpus_facts(name).signing_certificates) == expected
