"""build_profile: the edge APK's facts read through small pinned tables.

Edge (target SDK 21, from its minSdkVersion) requests ACCESS_FINE_LOCATION
(sdk-23) and its code calls LocationManager.getLastKnownLocation; READ_PHONE_STATE
with no call to getDeviceId; READ_CONTACTS (no API listed in the table);
READ_EXTERNAL_STORAGE with maxSdkVersion 18; a custom permission no table knows.
"""

from __future__ import annotations

import pytest

from consistency.apk.facts import read_apk_facts
from consistency.apk.profile import build_profile
from consistency.models import DataSource, ReachableData
from tests.helpers.paths import TEST_DATA
from tests.helpers.tables import PERMISSIONS, mini_mappings, sdk

EDGE = TEST_DATA / "apk" / "edge" / "edge.apk"
FINE = "android.permission.ACCESS_FINE_LOCATION"
PHONE = "android.permission.READ_PHONE_STATE"
CONTACTS = "android.permission.READ_CONTACTS"
STORAGE = "android.permission.READ_EXTERNAL_STORAGE"


@pytest.fixture(scope="module")
def edge():
    return read_apk_facts(EDGE)


@pytest.fixture
def profile(edge, tmp_path):
    tables = mini_mappings(
        tmp_path,
        sdks=[
            sdk("amap", ["com.amap.api"], category="maps_location", data_types=["location.precise"]),
            sdk("bugly", ["com.tencent.bugly"], category="crash_reporting", basis="category"),
        ],
    )
    return build_profile(edge, tables), tables


def test_reachable_data_with_every_source_sorted(profile):
    result, _ = profile
    fine = DataSource("permission", FINE, dangerous=True, in_effect=True, api_used=True)
    assert result.data == (
        ReachableData("app_info.crash_logs", (DataSource("sdk", "bugly"),)),
        ReachableData(
            "contacts.contacts", (DataSource("permission", CONTACTS, dangerous=True, api_used=None),)
        ),
        ReachableData("device.ids", (DataSource("permission", PHONE, dangerous=True, api_used=False),)),
        ReachableData("location.approximate", (fine,)),
        ReachableData("location.precise", (fine, DataSource("sdk", "amap"))),
    )


def test_a_request_not_in_effect_is_no_source_but_is_listed_with_its_reason(profile):
    result, _ = profile
    assert "files.files_docs" not in {r.data_type for r in result.data}
    storage = next(u for u in result.permissions if u.permission.name == STORAGE)
    assert not storage.in_effect and storage.known
    assert storage.reason == "maxSdkVersion 18 is below the target SDK 21"
    assert storage.data_types == ("files.files_docs",)


def test_unknown_permissions_and_digest(profile):
    result, tables = profile
    assert result.unknown_permissions == ("com.example.permission.CUSTOM",)
    custom = next(u for u in result.permissions if not u.known)
    assert (custom.protection, custom.data_types, custom.in_effect) == (None, (), True)
    assert result.mappings_digest == tables.digest
    assert [u.permission for u in result.permissions] == list(result.facts.permissions)


def test_sdks_are_reported_with_their_data_types(profile):
    result, _ = profile
    assert [(h.sdk_id, h.data_types) for h in result.sdks] == [
        ("amap", ("location.precise",)),
        ("bugly", ("app_info.crash_logs",)),
    ]


def test_effective_until_compares_with_the_target_sdk(edge, tmp_path):
    """A table may say a permission grants nothing from some API level on (as
    READ_EXTERNAL_STORAGE from 33); edge targets 21, so a limit of 20 applies."""
    permissions = [
        {**p, "effective_until": 20} if p["name"] == CONTACTS else p for p in PERMISSIONS["permissions"]
    ]
    result = build_profile(edge, mini_mappings(tmp_path, permissions=permissions))
    contacts = next(u for u in result.permissions if u.permission.name == CONTACTS)
    assert not contacts.in_effect
    assert contacts.reason == "grants nothing to apps targeting API 21 or later (target SDK 21)"
    assert "contacts.contacts" not in {r.data_type for r in result.data}


def test_a_limit_at_the_target_sdk_still_grants(edge, tmp_path):
    permissions = [
        {**p, "effective_until": 21} if p["name"] == CONTACTS else p for p in PERMISSIONS["permissions"]
    ]
    result = build_profile(edge, mini_mappings(tmp_path, permissions=permissions))
    assert "contacts.contacts" in {r.data_type for r in result.data}


def test_the_profile_is_picklable_and_deterministic(profile, edge):
    import pickle

    result, tables = profile
    assert pickle.loads(pickle.dumps(result)) == result
    assert build_profile(edge, tables) == result
