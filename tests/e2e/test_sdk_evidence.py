"""SDK detection beyond class names, on real sample APKs built from smali.

``samples/obfuscated``: Google Mobile Ads with its classes renamed (a.a, a.b)
but its manifest components, version files and ad hosts kept, plus Tencent
Bugly as one empty stub class. ``samples/host-decoy``: vendors' hosts in
strings and the usual libraries (AndroidX, Kotlin, OkHttp, Gson), no SDK.
"""

from __future__ import annotations

import pytest
import yaml

from consistency.apk.facts import read_apk_facts
from consistency.apk.profile import build_profile
from consistency.mappings import load_mappings
from tests.helpers.paths import SAMPLES

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def shipped_tables():
    return load_mappings()


def _profile(name: str, tables):
    apk = SAMPLES / name / f"{name}.apk"
    expected = yaml.safe_load((SAMPLES / name / "expected.yaml").read_text(encoding="utf-8"))
    return build_profile(read_apk_facts(apk), tables), expected


def test_an_obfuscated_sdk_is_found_by_what_the_build_keeps(shipped_tables) -> None:
    profile, expected = _profile("obfuscated", shipped_tables)
    hits = {hit.sdk_id: hit for hit in profile.sdks}
    assert {s: h.confidence for s, h in hits.items()} == expected["sdk_confidence"]
    ads = hits["google-mobile-ads"]
    kinds = {e.kind for e in ads.evidence}
    assert kinds == {"component", "version_file", "host"}
    assert ads.version == "22.6.0"
    components = next(e for e in ads.evidence if e.kind == "component")
    assert components.count == 2 and components.detail == "com.google.android.gms.ads.AdActivity"
    assert {e.detail for e in ads.evidence if e.kind == "host"} == {
        "googleads.g.doubleclick.net",
        "pagead2.googlesyndication.com",
    }
    assert "obfuscated" in (ads.note or "")


def test_stub_classes_alone_are_low_confidence_with_a_note(shipped_tables) -> None:
    profile, _ = _profile("obfuscated", shipped_tables)
    bugly = next(hit for hit in profile.sdks if hit.sdk_id == "tencent-bugly")
    assert bugly.confidence == "low"
    assert [e.kind for e in bugly.evidence] == ["class"]
    assert "stub" in (bugly.note or "")


def test_hosts_in_strings_alone_report_nothing(shipped_tables) -> None:
    profile, expected = _profile("host-decoy", shipped_tables)
    assert set(expected["hosts_seen"]) <= profile.facts.hosts  # seen, and deliberately not enough
    assert [hit.sdk_id for hit in profile.sdks] == expected["sdks"] == []


@pytest.mark.parametrize("name", ["blank", "host-decoy"])
def test_no_sdk_on_apps_without_one(name: str, shipped_tables) -> None:
    profile, _ = _profile(name, shipped_tables)
    assert profile.sdks == ()


def test_check_lowers_a_stub_only_sdk_and_says_why(shipped_tables) -> None:
    """The review rubric's weak-evidence rule (issue 11) reads the confidence."""
    from consistency import check

    result = check(
        SAMPLES / "obfuscated" / "obfuscated.apk", SAMPLES / "blank" / "policy.txt", shipped_tables
    )
    by_subject = {f.subject: f for f in result.findings if f.subject_type == "sdk"}
    bugly, ads = by_subject["tencent-bugly"], by_subject["google-mobile-ads"]
    assert (bugly.status, bugly.severity, bugly.rule) == ("omitted", "info", "weak_evidence")
    assert bugly.message.endswith("Rule: weak evidence that the SDK is bundled.")
    assert (ads.status, ads.severity) == ("omitted", "medium")  # medium confidence is still a detection
    assert ads.rule != "weak_evidence"
