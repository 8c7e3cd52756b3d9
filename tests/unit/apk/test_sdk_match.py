"""SDK detection on the classes, native libraries and meta-data of real APKs,
with signature tables pinned in the tests (tests/helpers/tables.py).

``edge.apk`` defines near misses on purpose: ``com.amapx.Fake``,
``com.amap.apix.Z`` and ``com.amap.Api`` must never match ``com.amap.api``.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consistency.apk.facts import read_apk_facts
from consistency.apk.sdk_match import match_sdks
from consistency.models import SdkEvidence
from tests.helpers.corpus import corpus_facts
from tests.helpers.paths import CORPUS_APKS, TEST_DATA
from tests.helpers.tables import mini_mappings, sdk

EDGE = TEST_DATA / "apk" / "edge" / "edge.apk"


@pytest.fixture(scope="module")
def edge():
    return read_apk_facts(EDGE)


def detect(facts, tmp_path, *sdks):
    tables = mini_mappings(tmp_path, sdks=list(sdks))
    hits = match_sdks(
        facts.classes, facts.native_libs, [m.name for m in facts.meta_data], tables.sdk_signatures
    )
    return {hit.sdk_id: hit for hit in hits}


def test_prefixes_match_on_package_boundaries_only(edge, tmp_path):
    hits = detect(edge, tmp_path, sdk("amap", ["com.amap.api"]))
    hit = hits["amap"]
    assert hit.evidence == (SdkEvidence("class", "com.amap.api", 2),)
    assert hit.examples == ("com.amap.api.Sub", "com.amap.api.location.AMapLocationClient")
    for near_miss in ("com.amapx.Fake", "com.amap.apix.Z", "com.amap.Api"):
        assert near_miss in edge.classes and near_miss not in hit.examples


def test_a_near_miss_prefix_matches_nothing(edge, tmp_path):
    assert detect(edge, tmp_path, sdk("amap-typo", ["com.amap.ap"]), sdk("amapx", ["com.amapx.Fak"])) == {}


def test_native_libs_with_wildcards_and_meta_data_keys(edge, tmp_path):
    hit = detect(
        edge,
        tmp_path,
        sdk("amap", native_libs=["libAMapSDK_MAP_*.so"], meta_data=["com.amap.api.v2.apikey"]),
    )["amap"]
    assert hit.evidence == (
        SdkEvidence("meta_data", "com.amap.api.v2.apikey", 1),
        SdkEvidence("native_lib", "libAMapSDK_MAP_*.so", 2),  # arm64-v8a and x86
    )
    assert "lib/x86/libAMapSDK_MAP_v9_8_0.so" in hit.examples
    assert "meta:com.amap.api.v2.apikey" in hit.examples


def test_a_wildcard_does_not_match_a_nested_or_different_library(edge, tmp_path):
    # lib/arm64-v8a/sub/libnested.so is not installed by Android, so it is not a native lib
    assert detect(edge, tmp_path, sdk("nested", native_libs=["libnested*.so"])) == {}
    assert detect(edge, tmp_path, sdk("foo", native_libs=["libfo.so"])) == {}


def test_the_more_specific_sdk_gets_the_classes_both_match(edge, tmp_path):
    hits = detect(
        edge,
        tmp_path,
        sdk("gms", ["com.google.android.gms"]),
        sdk("gms-ads", ["com.google.android.gms.ads"], more_specific_than=["gms"]),
    )
    assert hits["gms-ads"].evidence == (SdkEvidence("class", "com.google.android.gms.ads", 2),)
    assert hits["gms"].evidence == (SdkEvidence("class", "com.google.android.gms", 1),)
    assert hits["gms"].examples == ("com.google.android.gms.common.GoogleApiAvailability",)


def test_a_signature_may_name_one_class_and_covers_its_inner_classes(edge, tmp_path):
    hit = detect(edge, tmp_path, sdk("bugly", ["com.tencent.bugly.crashreport.CrashReport"]))["bugly"]
    assert hit.examples == (
        "com.tencent.bugly.crashreport.CrashReport",
        "com.tencent.bugly.crashreport.CrashReport$UserStrategy",
    )


def test_classes_in_the_default_package(edge, tmp_path):
    assert detect(edge, tmp_path, sdk("default", ["DefaultPackaged"]))["default"].evidence == (
        SdkEvidence("class", "DefaultPackaged", 1),
    )


def test_data_types_from_the_vendor_or_the_category_defaults(edge, tmp_path):
    hits = detect(
        edge,
        tmp_path,
        sdk("vendor-said", ["com.amap.api"], category="maps_location", data_types=["location.precise"]),
        sdk("category-based", ["com.tencent.bugly"], category="crash_reporting", basis="category"),
    )
    assert hits["vendor-said"].data_types == ("location.precise",)
    assert hits["category-based"].data_types == ("app_info.crash_logs",)


@pytest.mark.corpus
def test_one_hit_per_sdk_however_many_classes(tmp_path):
    """Bugly's demo app ships hundreds of Bugly classes: one hit, a count equal
    to the classes under the package (counted here by plain string tests), and
    at most five examples."""
    if not (CORPUS_APKS / "bugly-hotfix-demo-app-release.apk").is_file():
        pytest.skip("corpus absent")
    facts = corpus_facts("bugly-hotfix-demo-app-release.apk")
    hits = detect(facts, tmp_path, sdk("bugly", ["com.tencent.bugly"]), sdk("tinker", ["com.tencent.tinker"]))
    for sdk_id, prefix in (("bugly", "com.tencent.bugly"), ("tinker", "com.tencent.tinker")):
        expected = sum(1 for c in facts.classes if c.startswith(prefix + "."))
        assert expected > 100
        assert hits[sdk_id].evidence == (SdkEvidence("class", prefix, expected),)
        assert len(hits[sdk_id].examples) == 5
        assert all(example.startswith(prefix + ".") for example in hits[sdk_id].examples)


@pytest.mark.parametrize(
    ("example", "expected"),
    [
        ("com.amap.api.location.AMapLocationClient", {"amap"}),
        ("com.amapx.Fake", set()),
        ("lib/arm64-v8a/libAMapSDK_MAP_v9_8_0.so", {"amap"}),
        ("lib/arm64-v8a/libAMapSDK_NAVI.so", set()),
        ("meta:com.amap.api.v2.apikey", {"amap"}),
        ("meta:com.amap.api.v2.apikeyx", set()),
    ],
)
def test_table_examples_in_their_own_notation(tmp_path, example, expected):
    """The notation of SdkSpec.examples (class, lib/<abi>/<file>, meta:<key>) runs
    through the real matcher, so the tables' match/no_match lists can be tested."""
    from consistency.apk.sdk_match import sdks_matching_example

    tables = mini_mappings(
        tmp_path,
        sdks=[
            sdk(
                "amap",
                ["com.amap.api"],
                native_libs=["libAMapSDK_MAP_*.so"],
                meta_data=["com.amap.api.v2.apikey"],
            )
        ],
    )
    assert sdks_matching_example(example, tables.sdk_signatures) == expected


# ------------------------------------------------- user patterns cannot backtrack


def _match_many_wildcards(tmp_path, pattern: str, lib_name: str) -> list[str]:
    from consistency.models import NativeLib

    tables = mini_mappings(tmp_path, sdks=[sdk("inhouse", native_libs=[pattern])])
    hits = match_sdks((), [NativeLib("arm64-v8a", lib_name)], (), tables.sdk_signatures)
    return [hit.sdk_id for hit in hits]


@pytest.mark.parametrize("matches", [False, True])
def test_a_user_pattern_with_many_wildcards_matches_in_bounded_time(tmp_path, matches):
    """``lib*a*a*...*a*X.so`` on ``libaaaa...a.so``: a regular expression of
    ``.*`` backtracks for longer than any timeout; the glob matcher does not."""
    from tests.helpers.bounded import run_bounded

    pattern = "lib" + "*a" * 40 + "*" + ("" if matches else "X") + ".so"
    outcome = run_bounded(
        _match_many_wildcards, tmp_path, pattern, "lib" + "a" * 20_000 + ".so", seconds=60, memory_mb=1024
    )
    assert outcome.error is None, outcome.error
    assert outcome.value == (["inhouse"] if matches else [])


@given(
    st.text(alphabet="ab*.", max_size=12),
    st.text(alphabet="ab.", max_size=16),
)
def test_the_glob_matcher_agrees_with_fnmatch(pattern, name):
    """Same answers as ``fnmatch`` with ``*`` the only special character."""
    import fnmatch

    from consistency.apk.wildcard import Wildcard

    assert Wildcard.compile(pattern).fullmatch(name) == fnmatch.fnmatchcase(name, pattern)
