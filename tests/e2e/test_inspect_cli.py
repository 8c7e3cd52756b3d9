"""``consistency inspect`` end to end, through the real command line and the
shipped tables, on the sample apps and on every APK of the real corpus.

What each sample must show is read from its *sources*, independently of the
binary path under test: the plain-text ``AndroidManifest.xml`` (parsed here with
lxml), the ``lib/`` folder, the ``smali*/`` trees (one class per file, one DEX
per tree), the JAR signature block (parsed with ``cryptography``), and the
sample's ``expected.yaml`` (the SDKs and permissions its author put in).
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from cryptography.hazmat.primitives.serialization import Encoding, pkcs7
from lxml import etree

from consistency.cli import main
from tests.helpers.paths import SAMPLES, corpus_apks, corpus_sdk_hints

pytestmark = pytest.mark.e2e

ANDROID = "{http://schemas.android.com/apk/res/android}"
PERMISSION_ELEMENTS = {
    "uses-permission": "uses-permission",
    "uses-permission-sdk-23": "uses-permission-sdk-23",
    "uses-permission-sdk-m": "uses-permission-sdk-23",
}
COMPONENTS = ("activity", "activity-alias", "service", "receiver", "provider")


def sample_folders() -> list[Path]:
    if not SAMPLES.is_dir():
        return []
    return sorted(
        d
        for d in SAMPLES.iterdir()
        if (d / f"{d.name}.apk").is_file() and (d / "AndroidManifest.xml").is_file()
    )


def run_inspect(apk: Path, tmp_path: Path, fmt: str = "json") -> str:
    out = tmp_path / f"{apk.stem}.{fmt}"
    code = main(["inspect", str(apk), "--format", fmt, "--output", str(out)])
    assert code == 0, f"inspect {apk.name} exited {code}"
    return out.read_text(encoding="utf-8")


class SourceManifest:
    """What the plain-text manifest of a sample declares, read with lxml."""

    def __init__(self, path: Path) -> None:
        self.root = etree.parse(str(path)).getroot()
        self.package = self.root.get("package")
        self.application = self.root.find("application")

    def get(self, element, name: str) -> str | None:
        return element.get(ANDROID + name)

    def permissions(self) -> set[tuple[str, str, int | None]]:
        found = set()
        for child in self.root:
            if isinstance(child.tag, str) and child.tag in PERMISSION_ELEMENTS:
                max_sdk = self.get(child, "maxSdkVersion")
                found.add(
                    (
                        self.get(child, "name"),
                        PERMISSION_ELEMENTS[child.tag],
                        int(max_sdk) if max_sdk else None,
                    )
                )
        return found

    def components(self) -> list[tuple[str, str, bool | None]]:
        result = []
        for child in self.application if self.application is not None else []:
            if isinstance(child.tag, str) and child.tag in COMPONENTS:
                name = self.get(child, "name")
                if name.startswith("."):
                    name = self.package + name
                exported = self.get(child, "exported")
                result.append((child.tag, name, None if exported is None else exported == "true"))
        return result

    def meta_data_names(self) -> set[str]:
        if self.application is None:
            return set()
        return {self.get(c, "name") for c in self.application if c.tag == "meta-data"}

    def features(self) -> set[tuple[str, bool]]:
        return {
            (self.get(c, "name"), self.get(c, "required") != "false")
            for c in self.root
            if c.tag == "uses-feature" and self.get(c, "name")
        }


@pytest.fixture(scope="module")
def shipped_tables():
    from consistency.mappings import load_mappings

    return load_mappings()


@pytest.fixture(scope="module")
def inspect_schema():
    from consistency.report.inspect import load_inspect_schema

    return load_inspect_schema()


@pytest.mark.parametrize("folder", sample_folders(), ids=lambda d: d.name)
def test_sample_facts_match_their_sources(folder, tmp_path, inspect_schema):
    import jsonschema

    apk = folder / f"{folder.name}.apk"
    report = json.loads(run_inspect(apk, tmp_path))
    jsonschema.validate(report, inspect_schema)
    source = SourceManifest(folder / "AndroidManifest.xml")

    assert report["package"] == source.package
    assert report["sha256"] == hashlib.sha256(apk.read_bytes()).hexdigest()
    ours = {(p["name"], p["element"], p["max_sdk_version"]) for p in report["permissions"]}
    assert ours == source.permissions()
    for permission in report["permissions"]:
        below_target = (
            permission["max_sdk_version"] is not None and permission["max_sdk_version"] < report["target_sdk"]
        )
        if below_target:
            assert not permission["in_effect"] and "maxSdkVersion" in permission["not_in_effect_reason"]
    assert [(c["kind"], c["name"], c["exported"]) for c in report["components"]] == source.components()
    assert {m["name"] for m in report["meta_data"]} == source.meta_data_names()
    assert {(f["name"], f["required"]) for f in report["features"]} == source.features()

    libs = (
        {(p.parent.name, p.name) for p in (folder / "lib").glob("*/*.so")}
        if (folder / "lib").is_dir()
        else set()
    )
    assert {(lib["abi"], lib["name"]) for lib in report["native_libs"]} == libs

    trees = sorted(d for d in folder.iterdir() if d.is_dir() and re.fullmatch(r"smali(_classes\d+)?", d.name))
    assert len(report["dex"]["files"]) == len(trees)
    assert report["dex"]["classes"] == sum(1 for tree in trees for _ in tree.rglob("*.smali"))

    with zipfile.ZipFile(apk) as archive:
        blocks = [n for n in archive.namelist() if re.fullmatch(r"META-INF/[^/]+\.(RSA|DSA|EC)", n)]
        certs = {
            hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest()
            for name in blocks
            for cert in pkcs7.load_der_pkcs7_certificates(archive.read(name))
        }
    assert set(report["signing_certificates"]) == certs


def test_shopper_is_multidex_with_native_libs_for_two_abis(tmp_path):
    apk = SAMPLES / "shopper" / "shopper.apk"
    if not apk.is_file():
        pytest.skip("sample shopper not built")
    report = json.loads(run_inspect(apk, tmp_path))
    assert [f["name"] for f in report["dex"]["files"]] == ["classes.dex", "classes2.dex", "classes3.dex"]
    assert all(f["classes"] > 0 for f in report["dex"]["files"])
    assert len({lib["abi"] for lib in report["native_libs"]}) == 2


def expected_folders() -> list[Path]:
    return [d for d in sample_folders() if (d / "expected.yaml").is_file()]


def descriptor_to_java(descriptor: str) -> str:
    return descriptor[1:-1].replace("/", ".") if descriptor.startswith("L") else descriptor


@pytest.mark.parametrize("folder", expected_folders(), ids=lambda d: d.name)
def test_sample_matches_its_expected_yaml(folder, tmp_path, shipped_tables):
    """expected.yaml is the sample author's hand-written ground truth; inspect
    with the shipped tables must report exactly it."""
    from consistency.apk.facts import read_apk_facts
    from consistency.apk.sdk_match import sdks_matching_example

    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8")) or {}
    apk = folder / f"{folder.name}.apk"
    report = json.loads(run_inspect(apk, tmp_path))
    for key in ("package", "app_label", "version_name", "version_code", "min_sdk", "target_sdk"):
        if key in expected:
            assert report[key] == expected[key], key
    if "dex_files" in expected:
        assert [f["name"] for f in report["dex"]["files"]] == expected["dex_files"]
    if "native_libs" in expected:
        assert sorted(f"{lib['abi']}/{lib['name']}" for lib in report["native_libs"]) == sorted(
            expected["native_libs"]
        )
    if expected.get("permissions") is not None:
        assert {p["name"] for p in report["permissions"]} == set(expected["permissions"])
    if "permissions_sdk23" in expected:
        sdk23 = {p["name"] for p in report["permissions"] if p["element"] == "uses-permission-sdk-23"}
        assert sdk23 == set(expected["permissions_sdk23"])
    if expected.get("max_sdk_versions") is not None:
        ours = {
            p["name"]: p["max_sdk_version"] for p in report["permissions"] if p["max_sdk_version"] is not None
        }
        assert ours == expected["max_sdk_versions"]
    by_name = {p["name"]: p for p in report["permissions"]}
    for name in expected.get("not_in_effect_at_target") or []:
        assert not by_name[name]["in_effect"] and "maxSdkVersion" in by_name[name]["not_in_effect_reason"]
    for name in expected.get("grants_nothing_at_target") or []:
        assert not by_name[name]["in_effect"] and "grants nothing" in by_name[name]["not_in_effect_reason"]
    if expected.get("declared_permissions") is not None:
        ours = {d["name"]: d["protection_level"] for d in report["declared_permissions"]}
        assert ours == expected["declared_permissions"]
    if expected.get("meta_data_keys") is not None:
        assert {m["name"] for m in report["meta_data"]} == set(expected["meta_data_keys"])
    if expected.get("exported_components") is not None:
        exported = {c["name"] for c in report["components"] if c["exported"]}
        assert exported == set(expected["exported_components"])
    if expected.get("sdks") is not None:
        assert {s["id"] for s in report["sdks"]} == set(expected["sdks"])
    tables = shipped_tables
    for descriptor in expected.get("non_sdk_classes") or []:
        assert sdks_matching_example(descriptor_to_java(descriptor), tables.sdk_signatures) == frozenset(), (
            descriptor
        )
    if expected.get("api_calls"):
        assert set(expected["api_calls"]) <= read_apk_facts(apk).api_refs
    for sdk_id, dex_name in (expected.get("sdk_dex_files") or {}).items():
        assert any(
            sdk_id in sdks_matching_example(c, tables.sdk_signatures) for c in dex_classes(apk, dex_name)
        ), sdk_id


def dex_classes(apk: Path, dex_name: str) -> tuple[str, ...]:
    from consistency.apk.dex_index import index_dex

    with zipfile.ZipFile(apk) as archive:
        return index_dex(archive.read(dex_name), dex_name).classes


@pytest.mark.parametrize("folder", sample_folders()[:2], ids=lambda d: d.name)
def test_text_report_is_plain_and_repeatable(folder, tmp_path):
    apk = folder / f"{folder.name}.apk"
    text = run_inspect(apk, tmp_path, "text")
    assert "\x1b[" not in text  # no colour codes in a file
    assert SourceManifest(folder / "AndroidManifest.xml").package in text
    for name, _, _ in SourceManifest(folder / "AndroidManifest.xml").permissions():
        assert name.removeprefix("android.permission.") in text
    assert run_inspect(apk, tmp_path, "text") == text
    assert run_inspect(apk, tmp_path, "json") == run_inspect(apk, tmp_path, "json")


# ---------------------------------------------------------------- the corpus


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.parametrize("apk", corpus_apks(), ids=lambda p: p.name)
def test_inspect_never_crashes_on_the_corpus(apk, tmp_path, inspect_schema, shipped_tables):
    """Every real APK gives a schema-valid report, and where the corpus's hints name
    a package that some SDK of the shipped tables covers (the SDK's prefix is the
    hint or an ancestor of it, so every class under the hint is that SDK's),
    an SDK with class evidence related to that package is detected."""
    import jsonschema

    report = json.loads(run_inspect(apk, tmp_path))
    jsonschema.validate(report, inspect_schema)
    tables = shipped_tables
    evidence = [e["value"] for s in report["sdks"] for e in s["evidence"] if e["kind"] == "class"]
    for hint in corpus_sdk_hints().get(apk.name, ()):
        covering = [
            spec.id
            for spec in tables.sdks.sdks
            if any(hint == p or hint.startswith(p + ".") for p in spec.signatures.classes)
        ]
        if covering:
            related = [
                v for v in evidence if v == hint or v.startswith(hint + ".") or hint.startswith(v + ".")
            ]
            assert related, f"{apk.name}: hint {hint} is covered by {covering} but nothing was detected there"


def test_androguard_logging_does_not_reach_the_terminal() -> None:
    """androguard logs every parsing step through loguru to stderr; a user of
    ``inspect`` must see only our report. Run as a user would, in a new process,
    on the largest real APK available (or the walkie sample)."""
    import subprocess
    import sys

    apks = sorted(corpus_apks(), key=lambda p: p.stat().st_size)
    apk = apks[-1] if apks else SAMPLES / "walkie" / "walkie.apk"
    run = subprocess.run(
        [sys.executable, "-m", "consistency", "inspect", str(apk), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0
    assert run.stderr == ""
    assert json.loads(run.stdout)["package"]
