"""The manifest facts of real, aapt-built APKs: permissions with maxSdkVersion and
both sdk-23 spellings, duplicates, misplaced and namespaced elements, declared
permissions, features, components with their exported flag, masked meta-data.

``tests/data/apk/edge/edge.apk`` is built from the commented
``AndroidManifest.xml`` next to it (``tests/data/apk/build.sh``); the expected
values below are read off that source, and where ``aapt`` is installed the
permission list is also checked against ``aapt dump permissions``.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from consistency.apk.facts import read_apk_facts
from consistency.apk.manifest import parse_int, protection_level_name, qualify
from consistency.models import Component, DeclaredPermission, Feature, MetaData, Permission
from tests.helpers.paths import CORPUS_APKS, TEST_DATA

EDGE = TEST_DATA / "apk" / "edge" / "edge.apk"


@pytest.fixture(scope="module")
def edge():
    return read_apk_facts(EDGE)


def test_identity_and_sdk_levels(edge):
    assert edge.package == "org.example.edge"
    assert edge.app_label == "Edge"
    assert (edge.version_name, edge.version_code) == ("7.0-edge", 7)
    # no targetSdkVersion in the source: it defaults to minSdkVersion, and the facts say so
    assert (edge.min_sdk, edge.target_sdk) == (21, 21)
    assert any("targetSdkVersion is not declared" in note for note in edge.notes)


def test_permissions_follow_the_platform_rules(edge):
    assert edge.permissions == (
        Permission("android.permission.ACCESS_FINE_LOCATION", "uses-permission-sdk-23"),
        Permission("android.permission.INTERNET"),
        # written <uses-permission-sdk-m>, the older spelling
        Permission("android.permission.READ_CONTACTS", "uses-permission-sdk-23"),
        Permission("android.permission.READ_EXTERNAL_STORAGE", max_sdk_version=18, in_effect=False),
        Permission("android.permission.READ_PHONE_STATE"),  # written <android:uses-permission>
        Permission("com.example.permission.CUSTOM"),
    )
    # CAMERA is requested only inside <application>, where the platform ignores it
    assert "android.permission.CAMERA" not in {p.name for p in edge.permissions}
    assert any("outside <manifest>" in note for note in edge.notes)
    assert any("1 duplicate permission" in note for note in edge.notes)


@pytest.mark.skipif(shutil.which("aapt") is None, reason="aapt is not installed")
def test_permissions_agree_with_aapt(edge):
    """aapt prints one line per element (the duplicate INTERNET twice) and ignores
    requests outside <manifest>; after removing duplicates we agree with it."""
    out = subprocess.run(
        ["aapt", "dump", "permissions", str(EDGE)], capture_output=True, text=True, check=True
    ).stdout
    lines = re.findall(
        r"^(uses-permission(?:-sdk-23)?): name='([^']+)'(?: maxSdkVersion='(\d+)')?", out, re.M
    )
    aapt = {(name, element, int(max_sdk) if max_sdk else None) for element, name, max_sdk in lines}
    ours = {(p.name, p.element, p.max_sdk_version) for p in edge.permissions}
    assert ours == aapt
    assert len(lines) == len(ours) + 1  # the duplicate


def test_declared_permissions_and_features(edge):
    assert edge.declared_permissions == (
        DeclaredPermission("org.example.edge.OPEN", "normal"),
        DeclaredPermission("org.example.edge.PRIVATE", "signature|appop"),
    )
    assert edge.features == (
        Feature("android.hardware.camera", required=False),
        Feature("glEsVersion=0x00020000", required=True),
    )


def test_components_have_qualified_names_and_explicit_exported_flags(edge):
    assert edge.components == (
        Component("activity", "org.example.edge.Main", True),
        Component("activity", "org.example.edge.Settings", None),
        Component("activity-alias", "org.example.edge.Alias", False),
        Component("service", "org.example.edge.Sync", False),
        Component("receiver", "org.example.edge.Boot", None),
        Component("provider", "org.example.edge.Files", True),
    )


def test_meta_data_values_that_look_secret_are_masked(edge):
    assert edge.meta_data == (
        MetaData("SHORT_TOKEN", "\u2026"),
        MetaData("UMENG_CHANNEL", "googleplay"),
        MetaData("com.amap.api.v2.apikey", "0123\u2026"),
    )


@pytest.mark.corpus
def test_namespaced_uses_permission_in_a_real_app():
    """InsecureBankv2 writes three requests as <android:uses-permission>; Android
    and aapt both honour them (12 requests), so must we."""
    apk = CORPUS_APKS / "quark-vuln-InsecureBankv2.apk"
    if not apk.is_file():
        pytest.skip("corpus absent")
    facts = read_apk_facts(apk)
    names = {p.name for p in facts.permissions}
    assert len(names) == 12
    assert {"android.permission.READ_PHONE_STATE", "android.permission.READ_CALL_LOG"} <= names
    external = next(p for p in facts.permissions if p.name == "android.permission.READ_EXTERNAL_STORAGE")
    assert external.max_sdk_version == 18 and not external.in_effect  # target SDK 22


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "normal"),
        ("0x00000000", "normal"),
        ("0x00000001", "dangerous"),
        ("0x00000002", "signature"),
        ("0x00000042", "signature|appop"),
        ("0x00000012", "signature|privileged"),
        ("signature", "signature"),
    ],
)
def test_protection_level_flags_are_decoded(value, expected):
    assert protection_level_name(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("21", 21), ("0x15", 21), (" 34 ", 34), ("Q", None), ("@7F010001", None), (None, None)],
)
def test_integer_attributes(value, expected):
    assert parse_int(value) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [(".Main", "org.ex.Main"), ("Main", "org.ex.Main"), ("com.other.Main", "com.other.Main"), ("a.B", "a.B")],
)
def test_relative_component_names(name, expected):
    assert qualify(name, "org.ex") == expected
