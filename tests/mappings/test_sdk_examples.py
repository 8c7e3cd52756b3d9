"""The shipped SDK table (``mappings/sdks.yaml``) run through the real matcher.

Every SDK carries its own test cases: ``examples.match`` class names (or
``lib/<abi>/x.so`` / ``meta:KEY``) that must be detected as that SDK, and
``examples.no_match`` near misses (a package-boundary neighbour, the vendor's
unrelated library, a class of a shared base library) that must not. They go
through :func:`consistency.apk.sdk_match.sdks_matching_example`, i.e. the same
code that reads a real APK, with the whole table loaded, so an example also
fails when *another* SDK's signature swallows it.

The real corpus then checks what examples cannot: that classes of libraries that
collect nothing (AndroidX, Kotlin, OkHttp, Glide...) as they really occur in APKs
match no SDK, and that the SDKs really bundled in corpus APKs are found, while
the shared Google Play services base classes next to them are not taken for
Sign-In, Places or Analytics.
"""

from __future__ import annotations

from functools import cache

import pytest

from consistency.apk.sdk_match import CompiledSignatures, match_sdks, sdks_matching_example
from consistency.mappings import Mappings, check_mappings, load_mappings
from consistency.mappings.schema import SdkSpec, SdksTable
from tests.helpers.corpus import corpus_facts
from tests.helpers.paths import corpus_apks, require_shared

NON_SDK_PREFIXES = (
    "androidx.",
    "kotlin.",
    "kotlinx.",
    "okhttp3.",
    "okio.",
    "retrofit2.",
    "com.bumptech.glide.",
    "com.google.gson.",
    "io.reactivex.",
    "dagger.",
    "com.squareup.okhttp.",
    "com.google.android.material.",
    "com.google.android.exoplayer2.",
)
"""Libraries that send nothing anywhere: they are not SDKs in this table."""

NON_SDK_CLASSES = (
    "androidx.appcompat.app.AppCompatActivity",
    "androidx.work.impl.WorkManagerImpl",
    "androidx.ads.identifier.AdvertisingIdClient",
    "kotlin.collections.CollectionsKt",
    "kotlinx.coroutines.BuildersKt",
    "okhttp3.OkHttpClient",
    "okio.Buffer",
    "retrofit2.Retrofit",
    "com.bumptech.glide.Glide",
    "com.google.gson.Gson",
    "io.reactivex.Observable",
    "io.reactivex.rxjava3.core.Observable",
    "dagger.internal.DoubleCheck",
    "com.squareup.okhttp.OkHttpClient",
    "com.google.android.material.button.MaterialButton",
    "com.google.android.exoplayer2.ExoPlayer",
    # Vendors' libraries that are not their tracking SDKs.
    "com.facebook.react.ReactActivity",
    "com.facebook.imagepipeline.core.ImagePipeline",
    "com.facebook.soloader.SoLoader",
    "com.squareup.picasso.Picasso",
    "com.squareup.moshi.Moshi",
    "com.unity3d.player.UnityPlayer",
    "com.google.android.gms.common.GoogleApiAvailability",
    "com.google.android.gms.tasks.Task",
    "com.google.android.gms.auth.api.signin.GoogleSignInAccount",
    "com.google.android.gms.auth.api.signin.GoogleSignInOptions",
    "com.google.firebase.FirebaseApp",
    "com.google.firebase.components.ComponentDiscoveryService",
    "com.google.firebase.provider.FirebaseInitProvider",
    "com.google.firebase.installations.FirebaseInstallations",
    "com.google.firebase.iid.FirebaseInstanceId",
    "com.google.firebase.analytics.connector.AnalyticsConnector",
    "com.google.firebase.auth.internal.InternalAuthProvider",
)
"""Real class names of libraries that collect nothing, and of infrastructure that
every product of a vendor pulls in (documented in the head of sdks.yaml)."""


@cache
@cache
def tables() -> Mappings:
    return load_mappings()


def table() -> SdksTable:
    return tables().sdks


def compiled() -> CompiledSignatures:
    return tables().sdk_signatures


def _sdk_params() -> list:
    return [pytest.param(spec, id=spec.id) for spec in table().sdks]


def _is_class_name(example: str) -> bool:
    return not example.startswith(("meta:", "lib/"))


# ------------------------------------------------------------ the table itself


def test_the_sdk_table_has_no_problems():
    """Schema, known data types and categories, and no two SDKs claiming the same
    classes unless one says ``more_specific_than`` (checked by the loader)."""
    problems = [str(p) for p in check_mappings() if p.path.endswith("sdks.yaml")]
    assert problems == []


def test_the_table_covers_the_global_ecosystem():
    counts: dict[str, int] = {}
    for spec in table().sdks:
        counts[spec.category] = counts.get(spec.category, 0) + 1
    assert len(table().sdks) >= 260
    for category in ("analytics", "advertising", "attribution", "crash_reporting", "push", "payments"):
        assert counts.get(category, 0) >= 10, category


@pytest.mark.parametrize("spec", _sdk_params())
def test_every_sdk_documents_its_data_and_has_examples(spec: SdkSpec):
    assert [e for e in spec.examples.match if _is_class_name(e)], "needs a class name that must match"
    assert spec.examples.no_match, "needs a near miss that must not match"
    if spec.basis == "vendor":
        assert spec.source and spec.source.startswith("https://"), "basis: vendor needs the vendor's page"
        assert spec.data_types, "basis: vendor needs the data types the vendor names"
    else:
        assert not spec.data_types, "basis: category takes the category defaults; list none"


@pytest.mark.parametrize("spec", _sdk_params())
def test_match_examples_are_detected_as_their_sdk(spec: SdkSpec):
    for example in spec.examples.match:
        assert spec.id in sdks_matching_example(example, compiled()), example


@pytest.mark.parametrize("spec", _sdk_params())
def test_no_match_examples_are_not_detected_as_their_sdk(spec: SdkSpec):
    for example in spec.examples.no_match:
        assert spec.id not in sdks_matching_example(example, compiled()), example


def test_an_sdk_without_vendor_data_reports_its_category_defaults():
    defaults = {c.id: set(c.default_data_types) for c in table().categories}
    for spec in table().sdks:
        first_class = next(e for e in spec.examples.match if _is_class_name(e))
        hits = match_sdks([first_class], (), (), compiled())
        hit = next(h for h in hits if h.sdk_id == spec.id)
        expected = set(spec.data_types) if spec.basis == "vendor" else defaults[spec.category]
        assert set(hit.data_types) == expected, spec.id
        assert hit.data_types, spec.id


def test_libraries_that_collect_nothing_match_no_sdk():
    assert match_sdks(NON_SDK_CLASSES, (), (), compiled()) == ()


def test_no_signature_lies_inside_a_non_sdk_library():
    for spec in table().sdks:
        for prefix in spec.signatures.classes:
            assert not (prefix + ".").startswith(NON_SDK_PREFIXES), (spec.id, prefix)


def test_policy_names_are_specific():
    """A name that says nothing on its own would disclose an SDK whenever a policy
    mentions Google Play or a "batch" of data."""
    generic = {"google", "android", "play", "ads", "analytics", "maps", "cloud", "batch", "branch", "adjust"}
    for spec in table().sdks:
        for name in spec.policy_names.en:
            assert name.lower() not in generic and len(name) >= 2, (spec.id, name)


# ------------------------------------------------------------- the real corpus


@pytest.mark.corpus
def test_classes_of_non_sdk_libraries_in_real_apks_match_no_sdk():
    require_shared("corpus", "apks")
    classes = {
        c for apk in corpus_apks() for c in corpus_facts(apk.name).classes if c.startswith(NON_SDK_PREFIXES)
    }
    assert len(classes) > 1000, "the corpus should hold AndroidX, Kotlin and OkHttp classes"
    assert match_sdks(classes, (), (), compiled()) == ()


CORPUS_SDKS = {
    # APK: (SDKs it bundles, SDKs whose neighbours it bundles but which it does not)
    "bugly-hotfix-demo-app-release.apk": ({"tencent-bugly", "tencent-bugly-upgrade"}, set()),
    "myweixintest-app-release.apk": ({"wechat-opensdk"}, set()),
    "flowdroid-9458cfb51c90130938abcef7173c3f6d44a02720.apk": ({"google-mobile-ads"}, set()),
    "quark-vuln-dvba.apk": ({"firebase-auth"}, {"google-sign-in", "firebase-analytics"}),
    "npm-io.appium.settings-settings_apk-debug.apk": (
        {"google-location"},
        {"google-sign-in", "google-places"},
    ),
    "androguard-com.example.android.wearable.wear.weardrawers.apk": (
        {"google-ad-id"},
        {"google-mobile-ads", "google-location", "google-places", "google-sign-in"},
    ),
    "okgo-demo-v2.1.3.apk": (set(), set()),
}
"""Read from the corpus's SDK_HINTS.tsv and the APKs' own class lists: Play
services base and place-report classes sit next to the real SDKs."""


@pytest.mark.corpus
@pytest.mark.parametrize("apk", sorted(CORPUS_SDKS))
def test_sdks_bundled_in_real_apks_are_found(apk: str):
    require_shared("corpus", "apks", apk)
    facts = corpus_facts(apk)
    present, absent = CORPUS_SDKS[apk]
    hits = match_sdks(facts.classes, facts.native_libs, [m.name for m in facts.meta_data], compiled())
    found = {hit.sdk_id for hit in hits}
    assert present <= found
    assert not (absent & found)
    if not present:
        assert found == set()
