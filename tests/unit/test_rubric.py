"""The review rubric (consistency.rubric), one rule at a time, on small built apps
checked against the real tables: each rule's flags live in those tables."""

from __future__ import annotations

import dataclasses
from functools import cache

import pytest

from consistency.compare import compare
from consistency.config import CheckConfig
from consistency.mappings import load_mappings
from consistency.models import PolicyLanguage, SdkEvidence
from consistency.rubric import AppSignals, is_denial_of_everything, requirement_outcome
from tests.factories import PolicyBuilder, app_profile, permission_source, sdk_hit, sdk_source

STORAGE = permission_source("READ_EXTERNAL_STORAGE", api_used=None)
CONTACTS = permission_source("READ_CONTACTS")
AD_ID = permission_source("com.google.android.gms.permission.AD_ID", dangerous=False, api_used=None)
ANALYTICS = sdk_hit(
    "firebase-analytics", name="Google Analytics for Firebase", vendor="Google", category="analytics"
)
ADS = sdk_hit("google-mobile-ads", name="Google Mobile Ads", vendor="Google", category="advertising")
SIGN_IN = sdk_hit("google-sign-in", name="Google Sign-In", vendor="Google", category="social")
STORAGE_SDK = sdk_hit(
    "firebase-storage", name="Cloud Storage for Firebase", vendor="Google", category="cloud_backend"
)


@cache
def tables():
    return load_mappings()


def run(profile, reading):
    return {f.subject: f for f in compare(profile, reading, tables(), CheckConfig())}


def silent_policy():
    p = PolicyBuilder()
    p.sentence("Thank you for using the app.", actions=())
    return p


# ------------------------------------------------------------------ rule 1


def test_offline_app_reaches_data_only_on_the_device():
    p = silent_policy()
    st = p.sentence(
        "We do not collect photos.", data={"photos": ["media.photos"]}, actions=(), denied={"collect"}
    )
    p.data("media.photos", "denied", [st])
    profile = app_profile({"media.photos": [STORAGE], "contacts.contacts": [CONTACTS]}, network=False)
    found = run(profile, p.build())
    assert (found["media.photos"].status, found["media.photos"].severity) == ("contradicted", "info")
    assert (found["contacts.contacts"].status, found["contacts.contacts"].severity) == ("omitted", "info")
    assert found["contacts.contacts"].message.endswith("Rule: no network permission: on-device only.")


def test_the_same_access_in_an_app_that_can_transmit_stays_high():
    found = run(app_profile({"contacts.contacts": [CONTACTS]}), silent_policy().build())
    assert (found["contacts.contacts"].status, found["contacts.contacts"].severity) == ("omitted", "high")


# ------------------------------------------------------------------ rule 2


def test_storage_permission_is_file_access_at_most_medium():
    found = run(app_profile({"audio.music": [STORAGE]}), silent_policy().build())
    assert (found["audio.music"].severity, found["audio.music"].rule) == ("medium", "storage_access")


def test_storage_with_a_file_uploading_sdk_is_not_capped():
    found = run(app_profile({"audio.music": [STORAGE]}, sdks=[STORAGE_SDK]), silent_policy().build())
    assert found["audio.music"].rule == ""
    assert found["audio.music"].severity == "high"


# ------------------------------------------------------------------ rule 3


def test_named_sdk_discloses_its_data_by_reference():
    p = silent_policy()
    st = p.sentence(
        "We use Firebase Analytics.", parties={"Firebase Analytics": ("sdk", "firebase-analytics")}
    )
    p.party("sdk", "firebase-analytics", "Firebase Analytics", [st])
    profile = app_profile({"app_activity.interactions": [sdk_source("firebase-analytics")]}, sdks=[ANALYTICS])
    f = run(profile, p.build())["app_activity.interactions"]
    assert (f.status, f.severity, f.rule) == ("vague", "low", "by_reference")
    assert [e.text for e in f.evidence] == ["We use Firebase Analytics."]
    assert f.message.endswith("Rule: named SDK, data disclosed by reference.")


def test_a_category_of_provider_discloses_by_reference_too():
    p = silent_policy()
    st = p.sentence("We use analytics providers.", parties={"analytics providers": ("category", "analytics")})
    p.party("category", "analytics", "analytics providers", [st])
    profile = app_profile({"app_activity.interactions": [sdk_source("firebase-analytics")]}, sdks=[ANALYTICS])
    f = run(profile, p.build())["app_activity.interactions"]
    assert (f.status, f.rule) == ("vague", "by_reference")


def test_unnamed_sdk_data_stays_omitted():
    profile = app_profile({"app_activity.interactions": [sdk_source("firebase-analytics")]}, sdks=[ANALYTICS])
    f = run(profile, silent_policy().build())["app_activity.interactions"]
    assert (f.status, f.severity, f.rule) == ("omitted", "medium", "sdk_data_unnamed")


# ------------------------------------------------------------------ rule 4


def test_requirement_examples_in_the_tables_hold():
    for req in tables().sdks.requires:
        assert req.examples, f"requirement {req.id} has no examples"
        for example in req.examples:
            hits = {h: tables().sdk(h).category for h in example.app.sdks}
            reached = frozenset(
                dt for name in example.app.permissions for dt in (tables().permission(name).data_types or ())
            )
            signals = AppSignals(
                transmits=True,
                weak_sdks=frozenset(),
                requested=frozenset(example.app.permissions),
                permission_data_types=reached,
                sdk_categories=hits,
                uploads_files=False,
                readable_policy=True,
            )
            category = tables().sdk(example.app.sdks[0]).category
            assert requirement_outcome(tables(), signals, category, req.data_type) == example.outcome, (
                req.id,
                example,
            )


def test_no_purchase_history_without_billing():
    profile = app_profile(
        {"financial.purchase_history": [sdk_source("firebase-analytics")]}, sdks=[ANALYTICS]
    )
    assert "financial.purchase_history" not in run(profile, silent_policy().build())
    billing = permission_source("com.android.vending.BILLING", dangerous=False, api_used=None)
    profile = app_profile(
        {"financial.purchase_history": [sdk_source("firebase-analytics")], "device.ids": [billing]},
        sdks=[ANALYTICS],
    )
    assert "financial.purchase_history" in run(profile, silent_policy().build())


def test_sdk_location_without_a_location_permission_is_derived_from_ip():
    profile = app_profile({"location.approximate": [sdk_source("firebase-analytics")]}, sdks=[ANALYTICS])
    f = run(profile, silent_policy().build())["location.approximate"]
    assert (f.severity, f.rule) == ("low", "derived_from_ip")


# ------------------------------------------------------------------ rule 5


def test_advertising_id_not_mentioned_stays_high_even_with_the_ad_sdk_named():
    p = silent_policy()
    st = p.sentence("We show ads with AdMob.", parties={"AdMob": ("sdk", "google-mobile-ads")})
    p.party("sdk", "google-mobile-ads", "AdMob", [st])
    profile = app_profile({"device.ids": [sdk_source("google-mobile-ads")]}, sdks=[ADS])
    f = run(profile, p.build())["device.ids"]
    assert (f.status, f.severity, f.rule) == ("omitted", "high", "advertising_id_unmentioned")
    f = run(app_profile({"device.ids": [AD_ID]}), silent_policy().build())["device.ids"]
    assert (f.severity, f.rule) == ("high", "advertising_id_unmentioned")


def test_unnamed_sign_in_sdk_and_its_identity_data_stay_high():
    profile = app_profile({"personal.email": [sdk_source("google-sign-in")]}, sdks=[SIGN_IN])
    found = run(profile, silent_policy().build())
    assert (found["personal.email"].severity, found["personal.email"].rule) == (
        "high",
        "identity_sdk_unnamed",
    )
    assert (found["google-sign-in"].severity, found["google-sign-in"].rule) == (
        "high",
        "identity_sdk_unnamed",
    )


def test_we_collect_nothing_with_an_analytics_sdk_is_contradicted():
    p = silent_policy()
    p.sentence("We do not collect any personal information.", actions=(), denied={"collect"})
    profile = app_profile({"app_activity.interactions": [sdk_source("firebase-analytics")]}, sdks=[ANALYTICS])
    f = run(profile, p.build())["app_activity.interactions"]
    assert (f.status, f.severity, f.rule) == ("contradicted", "high", "nothing_collected_contradicted")
    assert [e.role for e in f.evidence] == ["denial"]


def test_denial_of_everything_examples_in_the_tables():
    spec = tables().statements.denials_of_everything
    phrases = [x.lower() for x in (*spec.phrases.en, *spec.phrases.zh)]
    exclude = [x.lower() for x in (*spec.exclude.en, *spec.exclude.zh)]
    for text in spec.examples.match:
        assert is_denial_of_everything(text, phrases, exclude), text
    for text in spec.examples.no_match:
        assert not is_denial_of_everything(text, phrases, exclude), text


@pytest.mark.parametrize(("api_used", "severity"), [(True, "high"), (None, "high"), (False, "medium")])
def test_a_denial_is_high_when_the_permission_api_is_used(api_used, severity):
    p = silent_policy()
    st = p.sentence(
        "We never collect your contacts.",
        data={"contacts": ["contacts.contacts"]},
        actions=(),
        denied={"collect"},
    )
    p.data("contacts.contacts", "denied", [st])
    source = permission_source("READ_CONTACTS", api_used=api_used)
    f = run(app_profile({"contacts.contacts": [source]}), p.build())["contacts.contacts"]
    assert (f.status, f.severity) == ("contradicted", severity)


# ------------------------------------------------------------------ rule 6


@pytest.mark.parametrize(
    "hit",
    [
        dataclasses.replace(
            ANALYTICS,
            evidence=(SdkEvidence(kind="meta_data", value="firebase_analytics_collection_enabled"),),
        ),
        dataclasses.replace(
            ADS, evidence=(SdkEvidence(kind="meta_data", value="com.google.android.gms.ads.APPLICATION_ID"),)
        ),
    ],
    ids=["meta-data-only-analytics", "meta-data-only-ads"],
)
def test_an_sdk_seen_only_through_meta_data_is_weak_evidence(hit):
    profile = app_profile({"app_activity.interactions": [sdk_source(hit.sdk_id)]}, sdks=[hit], network=False)
    found = run(profile, silent_policy().build())
    assert found[hit.sdk_id].severity == "info" and found[hit.sdk_id].rule == "weak_evidence"
    # not a bundled networking SDK: the offline app stays offline
    assert found["app_activity.interactions"].severity == "info"


# ------------------------------------------------------------------ rule 7


def test_unreadable_policy_makes_omitted_data_unknown_but_keeps_sdk_names():
    p = silent_policy()
    reading = dataclasses.replace(p.build(), language=PolicyLanguage("pt", "Portuguese", covered=False))
    profile = app_profile(
        {"contacts.contacts": [CONTACTS], "personal.email": [sdk_source("google-sign-in")]}, sdks=[SIGN_IN]
    )
    found = run(profile, reading)
    assert (found["contacts.contacts"].status, found["contacts.contacts"].severity) == ("unknown", "info")
    assert found["personal.email"].status == "unknown"
    assert (found["google-sign-in"].status, found["google-sign-in"].severity) == ("omitted", "high")


def test_requirements_refer_to_known_ids():
    t = tables()
    categories = {c.id for c in t.sdks.categories}
    for req in t.sdks.requires:
        t.datatype(req.data_type)  # raises KeyError when unknown
        assert set(req.sdk_categories) <= categories and set(req.any_sdk_category) <= categories, req.id
        for name in req.any_permission:
            assert t.permission(name) is not None, (req.id, name)
        for dt in req.any_permission_for:
            t.datatype(dt)


@pytest.mark.parametrize(
    ("confidence", "severity"), [("low", "info"), ("medium", "medium"), ("high", "medium")]
)
def test_detection_confidence_low_is_weak_evidence(confidence, severity):
    hit = dataclasses.replace(ANALYTICS, confidence=confidence)
    found = run(app_profile({}, sdks=[hit]), silent_policy().build())
    assert found[hit.sdk_id].severity == severity


UNUSED_MIC = permission_source("RECORD_AUDIO", api_used=False)


@pytest.mark.parametrize(
    ("sources", "rule", "severity"),
    [
        ([UNUSED_MIC], "unused_permission", "medium"),
        ([permission_source("RECORD_AUDIO", api_used=True)], "", "high"),
        # no API listed for it: the tables cannot tell, so it is never called unused
        ([permission_source("RECORD_AUDIO", api_used=None)], "", "high"),
        # one used permission among unused ones keeps it high
        ([UNUSED_MIC, permission_source("BIND_VOICE_INTERACTION", api_used=True)], "", "high"),
        # a permission not in effect made it medium anyway: only the granted ones count
        (
            [UNUSED_MIC, permission_source("WRITE_VOICEMAIL", in_effect=False, api_used=None)],
            "unused_permission",
            "medium",
        ),
    ],
    ids=["unused", "used", "not-checkable", "one-used", "other-not-in-effect"],
)
def test_an_omission_through_an_unused_permission_is_at_most_medium(sources, rule, severity):
    f = run(app_profile({"audio.recordings": sources}), silent_policy().build())["audio.recordings"]
    assert (f.status, f.rule, f.severity) == ("omitted", rule, severity)
    if rule:
        assert f.message.endswith(
            "Rule: the permission is declared, but the code never references an API it guards."
        )


def test_an_unused_permission_does_not_lower_what_an_sdk_takes():
    """An unnamed identity SDK taking the data keeps its own rule, whatever the permission."""
    profile = app_profile(
        {"personal.email": [permission_source("GET_ACCOUNTS", api_used=False), sdk_source("google-sign-in")]},
        sdks=[SIGN_IN],
    )
    f = run(profile, silent_policy().build())["personal.email"]
    assert (f.rule, f.severity) == ("identity_sdk_unnamed", "high")


def test_unused_storage_with_a_file_uploading_sdk_is_capped_as_unused():
    unused = permission_source("READ_EXTERNAL_STORAGE", api_used=False)
    found = run(app_profile({"audio.music": [unused]}, sdks=[STORAGE_SDK]), silent_policy().build())
    assert (found["audio.music"].rule, found["audio.music"].severity) == ("unused_permission", "medium")
