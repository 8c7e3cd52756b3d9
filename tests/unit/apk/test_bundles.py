"""App Bundles and split APK sets read into one set of facts.

The Field Notes samples (samples/notes/) are one app packed three ways; what
each must show is written here from its text sources (manifests, strings.xml,
smali), not from any output of the reader. The real bundles of
``../shared/corpus/bundles`` are compared with the independently obtained
INDEX.tsv / PERMISSIONS.tsv (protoc --decode_raw, aapt)."""

from __future__ import annotations

import csv

import pytest

from consistency.apk.app_file import read_app_facts
from consistency.cli import main
from tests.helpers.paths import SAMPLES, SHARED

NOTES = SAMPLES / "notes"
BUNDLES = SHARED / "corpus" / "bundles"
CONTAINERS = {"notes.aab": "aab", "notes.apks": "apks", "notes.xapk": "xapk"}


@pytest.mark.parametrize("name", sorted(CONTAINERS))
def test_each_container_of_the_sample_gives_the_facts_its_sources_declare(name):
    facts = read_app_facts(NOTES / name)
    assert facts.container == CONTAINERS[name]
    assert facts.package == "org.example.notes"
    assert (facts.version_code, facts.version_name) == (7, "1.3.0")
    assert (facts.min_sdk, facts.target_sdk) == (24, 34)
    assert facts.app_label == "Field Notes"
    # base requests three, the scanner feature module adds CAMERA
    assert {(p.name, p.max_sdk_version) for p in facts.permissions} == {
        ("android.permission.INTERNET", None),
        ("android.permission.ACCESS_COARSE_LOCATION", None),
        ("android.permission.READ_EXTERNAL_STORAGE", 32),
        ("android.permission.CAMERA", None),
    }
    assert {c.name for c in facts.components} == {
        "org.example.notes.MainActivity",
        "org.example.notes.scanner.ScanActivity",
    }
    assert [m.name for m in facts.meta_data] == ["io.sentry.dsn"]
    assert [(lib.abi, lib.name) for lib in facts.native_libs] == [("arm64-v8a", "libnotes.so")]
    assert {"org.example.notes.MainActivity", "io.sentry.Sentry"} <= facts.classes
    assert len(facts.dex) == 1
    assert len(facts.parts) == (2 if name.endswith(".aab") else 3)


@pytest.mark.parametrize("name", sorted(CONTAINERS))
def test_the_policy_url_of_the_sample_is_found_first_with_where(name):
    urls = read_app_facts(NOTES / name).policy_urls
    assert urls[0].url == "https://notes.example.org/legal/privacy.html"
    assert "string/privacy_policy_url" in urls[0].source
    # the DEX constant "Read our privacy policy: https://notes.example.org/p" ranks below it
    dex = [u for u in urls if u.url == "https://notes.example.org/p"]
    assert dex and "dex" in dex[0].source and dex[0].score < urls[0].score
    # terms and the home page are not candidates
    assert not {u.url for u in urls} & {
        "https://notes.example.org/legal/terms.html",
        "https://notes.example.org/",
    }


def test_inspect_json_lists_the_parts_and_the_policy_url(tmp_path):
    import json

    out = tmp_path / "inspect.json"
    assert main(["inspect", str(NOTES / "notes.apks"), "--format", "json", "--output", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["container"] == "apks"
    assert doc["parts"][0] == "splits/base-master.apk"
    assert doc["policy_urls"][0]["url"] == "https://notes.example.org/legal/privacy.html"


# ------------------------------------------------------------------ real corpus


def _index() -> list[dict[str, str]]:
    if not (BUNDLES / "INDEX.tsv").is_file():
        return []
    with (BUNDLES / "INDEX.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _permissions() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    if (BUNDLES / "PERMISSIONS.tsv").is_file():
        with (BUNDLES / "PERMISSIONS.tsv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                found.setdefault(row["file"], []).append(row["permission"])
    return found


@pytest.mark.corpus
@pytest.mark.parametrize(
    "row",
    _index() or [pytest.param(None, marks=pytest.mark.skip(reason="../shared/corpus/bundles is absent"))],
    ids=lambda row: row["file"] if row else "absent",
)
def test_every_real_bundle_gives_the_package_and_permissions_of_its_index(row):
    facts = read_app_facts(BUNDLES / row["file"])
    assert facts.package == row["package"]
    expected = _permissions().get(row["file"], [])
    assert len(expected) == int(row["permissions_count"])
    assert sorted(p.name for p in facts.permissions) == sorted(expected)
    assert facts.container == row["kind"].split("-")[0]
    assert facts.dex and facts.classes


@pytest.mark.corpus
def test_a_bundle_and_the_apk_set_built_from_it_agree():
    aab, apks = (BUNDLES / f"limajonatas__listall__app-release.{ext}" for ext in ("aab", "apks"))
    if not (aab.is_file() and apks.is_file()):
        pytest.skip("the listall pair of ../shared/corpus/bundles is absent")
    bundle, split_set = read_app_facts(aab), read_app_facts(apks)
    assert bundle.package == split_set.package
    assert bundle.permissions == split_set.permissions
    assert bundle.classes == split_set.classes  # the README: base dex byte-identical
    assert bundle.components == split_set.components
    # the SDK evidence beyond classes: version files under the module's root/, assets, hosts
    assert bundle.version_files == split_set.version_files and bundle.version_files
    assert bundle.assets == split_set.assets and bundle.hosts == split_set.hosts
    assert len(split_set.parts) == 82
