"""Matching and rating SDK evidence beyond class names, through the real matcher
and the shipped tables."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from consistency.apk.sdk_confidence import rate_detection
from consistency.apk.sdk_match import ApkEvidence, match_sdks
from consistency.mappings import load_mappings
from consistency.models import VersionFile


@pytest.fixture(scope="module")
def sdks():
    return load_mappings().sdk_signatures


def test_a_host_alone_or_a_permission_alone_reports_nothing(sdks) -> None:
    more = ApkEvidence(
        hosts=frozenset({"api.mixpanel.com", "t.appsflyer.com"}),
        permissions=("com.google.android.c2dm.permission.RECEIVE",),
    )
    assert match_sdks((), (), (), sdks, more) == ()


def test_hosts_match_on_label_boundaries_and_support_a_detection(sdks) -> None:
    more = ApkEvidence(
        components=("com.appsflyer.SingleInstallBroadcastReceiver",),
        hosts=frozenset({"launches.appsflyer.com", "notappsflyer.com"}),
    )
    (hit,) = match_sdks((), (), (), sdks, more)
    assert hit.sdk_id == "appsflyer" and hit.confidence == "medium"
    assert [(e.kind, e.detail) for e in hit.evidence if e.kind == "host"] == [
        ("host", "launches.appsflyer.com")
    ]


def test_version_files_give_the_version(sdks) -> None:
    more = ApkEvidence(
        version_files=(VersionFile("com.google.firebase_firebase-crashlytics.version", "18.6.0"),)
    )
    (hit,) = match_sdks((), (), (), sdks, more)
    assert (hit.sdk_id, hit.version, hit.confidence) == ("firebase-crashlytics", "18.6.0", "medium")


def test_meta_data_evidence_carries_the_masked_value(sdks) -> None:
    more = ApkEvidence(meta_values={"com.google.android.gms.ads.APPLICATION_ID": "ca-app-pub-****"})
    (hit,) = match_sdks((), (), ("com.google.android.gms.ads.APPLICATION_ID",), sdks, more)
    assert [(e.kind, e.detail) for e in hit.evidence] == [("meta_data", "ca-app-pub-****")]


def test_code_is_high_and_stubs_are_low(sdks) -> None:
    classes = ("com.tencent.bugly.crashreport.CrashReport", "com.tencent.bugly.Bugly")
    (real,) = match_sdks(classes, (), (), sdks)
    assert real.confidence == "high" and real.note is None
    (stub,) = match_sdks(classes, (), (), sdks, ApkEvidence(stub_classes=frozenset(classes)))
    assert stub.confidence == "low" and "stub" in (stub.note or "")
    (half,) = match_sdks(classes, (), (), sdks, ApkEvidence(stub_classes=frozenset(classes[:1])))
    assert half.confidence == "high"


@pytest.mark.parametrize(
    ("counts", "stubs", "expected"),
    [
        ({("class", "a"): 3, ("host", "h"): 1}, 0, "high"),
        ({("component", "a"): 1}, 0, "medium"),
        ({("native_lib", "a"): 1, ("host", "h"): 1}, 0, "medium"),
        ({("class", "a"): 2, ("version_file", "v"): 1}, 2, "medium"),
        ({("class", "a"): 2, ("host", "h"): 1}, 2, "low"),
        ({("host", "h"): 4, ("permission", "p"): 1}, 0, None),
    ],
)
def test_rating_follows_the_kinds_that_agree(counts, stubs, expected) -> None:
    rated = rate_detection(counts, stubs)
    assert (rated.confidence if rated else None) == expected


_HOST_DETAIL = """
from consistency.apk.sdk_match import ApkEvidence, match_sdks
from consistency.mappings import load_mappings
more = ApkEvidence(
    components=("com.appsflyer.SingleInstallBroadcastReceiver",),
    hosts=frozenset(f"{label}.appsflyer.com" for label in ("t", "launches", "sdk", "api", "conversions", "b")),
)
(hit,) = match_sdks((), (), (), load_mappings().sdk_signatures, more)
print([e.detail for e in hit.evidence if e.kind == "host"])
"""


def test_the_host_shown_for_a_suffix_is_the_same_whatever_the_hash_seed() -> None:
    # the hosts of an APK are a set, whose order changes with PYTHONHASHSEED from run to run
    shown = {
        subprocess.run(
            [sys.executable, "-c", _HOST_DETAIL],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("1", "2", "3", "4")
    }
    assert shown == {"['api.appsflyer.com']"}
