"""The decision table of consistency.compare, one rule at a time, on small built inputs."""

from __future__ import annotations

import pytest

from consistency.compare import compare
from consistency.config import CheckConfig
from consistency.models import FINDING_CLASSES
from consistency.severity import severity_rank
from tests.factories import PolicyBuilder, app_profile, permission_source, sdk_hit, sdk_source, tiny_mappings

TABLES = tiny_mappings()
FINE = permission_source("ACCESS_FINE_LOCATION")
CONTACTS = permission_source("READ_CONTACTS")
WIFI = permission_source("ACCESS_WIFI_STATE", dangerous=False, api_used=None)


def run(profile, reading, config=None):
    return compare(profile, reading, TABLES, config or CheckConfig())


def one(findings, subject):
    matches = [f for f in findings if f.subject == subject]
    assert len(matches) == 1, (
        f"expected one finding on {subject}, got {[(f.status, f.subject) for f in findings]}"
    )
    return matches[0]


# ------------------------------------------------------------------ data types


def test_specific_words_disclose_a_permission_data_type():
    p = PolicyBuilder()
    st = p.sentence(
        "We collect your precise location to show nearby channels.",
        data={"precise location": ["location.precise"]},
    )
    p.data("location.precise", "collected", [st])
    f = one(run(app_profile({"location.precise": [FINE]}), p.build()), "location.precise")
    assert (f.status, f.severity) == ("disclosed", "none")
    assert [e.role for e in f.evidence] == ["disclosure"]
    (ev,) = f.evidence
    assert ev.text == st.sentence.text
    assert [p.build().document.text[a:b] for a, b in ev.highlight] == ["precise location"]
    assert f.message.startswith("The policy discloses precise location")


def test_broad_term_is_vague():
    p = PolicyBuilder()
    st = p.sentence(
        "We collect device information.", data={"device information": ["device.ids"]}, level="broad"
    )
    p.data("device.ids", "vague", [st], exact=False)
    f = one(run(app_profile({"device.ids": [WIFI]}), p.build()), "device.ids")
    assert (f.status, f.severity) == ("vague", "low")
    assert f.evidence[0].role == "vague"
    assert "device information" in f.message


def test_inexact_collected_status_is_vague_too():
    p = PolicyBuilder()
    st = p.sentence(
        "We collect device information.", data={"device information": ["device.ids"]}, level="broad"
    )
    p.data("device.ids", "collected", [st], exact=False)
    assert one(run(app_profile({"device.ids": [WIFI]}), p.build()), "device.ids").status == "vague"


def test_sdk_collected_data_in_first_party_words_is_vague():
    p = PolicyBuilder()
    st = p.sentence("We collect your precise location.", data={"precise location": ["location.precise"]})
    p.data("location.precise", "collected", [st])
    profile = app_profile({"location.precise": [FINE, sdk_source("amap-location")]})
    f = one(run(profile, p.build()), "location.precise")
    assert (f.status, f.severity) == ("vague", "low")
    assert "AMap Location SDK" in f.message and "third party" in f.message


def test_sdk_collected_data_said_to_go_to_third_parties_is_disclosed():
    p = PolicyBuilder()
    st = p.sentence(
        "Our map provider collects your precise location.",
        data={"precise location": ["location.precise"]},
        parties={"map provider": ("category", "location_services")},
        first_party=False,
    )
    p.data("location.precise", "collected", [st], shared_with_third_parties=True)
    profile = app_profile({"location.precise": [FINE, sdk_source("amap-location")]})
    assert one(run(profile, p.build()), "location.precise").status == "disclosed"


def test_sdk_collected_data_is_disclosed_when_the_sdk_is_named():
    p = PolicyBuilder()
    st = p.sentence("We collect your precise location.", data={"precise location": ["location.precise"]})
    named = p.sentence(
        "We use the AMap SDK to show maps.", parties={"AMap": ("sdk", "amap-location")}, actions=()
    )
    p.data("location.precise", "collected", [st])
    p.party("sdk", "amap-location", "AMap", [named])
    reading = p.build()
    findings = run(app_profile({"location.precise": [FINE, sdk_source("amap-location")]}), reading)
    f = one([x for x in findings if x.subject_type == "data"], "location.precise")
    assert f.status == "disclosed"
    assert [e.text for e in f.evidence] == [st.sentence.text, named.sentence.text]
    assert reading.document.text[slice(*f.evidence[1].highlight[0])] == "AMap"


def test_nothing_said_is_omitted_and_dangerous_permission_makes_it_high():
    f = one(run(app_profile({"contacts.contacts": [CONTACTS]}), PolicyBuilder().build()), "contacts.contacts")
    assert (f.status, f.severity) == ("omitted", "high")
    assert f.evidence == ()
    assert f.message == (
        "The app can access contacts (READ_CONTACTS) but the policy does not mention it. "
        "Rule: nothing in the policy covers it."
    )


@pytest.mark.parametrize(
    ("source", "severity"),
    [
        (permission_source("READ_CONTACTS"), "high"),
        (permission_source("READ_CONTACTS", in_effect=False), "medium"),
        (permission_source("ACCESS_WIFI_STATE", dangerous=False), "medium"),
        (sdk_source("umeng-analytics"), "medium"),  # rubric: taken by an unnamed SDK that is no identity SDK
    ],
    ids=["dangerous-in-effect", "dangerous-not-in-effect", "normal", "sdk-collects"],
)
def test_severity_of_an_omitted_data_type_depends_on_its_sources(source, severity):
    f = one(run(app_profile({"contacts.contacts": [source]}), PolicyBuilder().build()), "contacts.contacts")
    assert (f.status, f.severity) == ("omitted", severity)


def test_catch_all_is_no_disclosure_but_is_shown_as_context():
    p = PolicyBuilder()
    st = p.sentence(
        "We may collect personal information to provide the service.", data={"personal information": []}
    )
    p.catch_all(st)
    f = one(run(app_profile({"contacts.contacts": [CONTACTS]}), p.build()), "contacts.contacts")
    assert (f.status, f.severity) == ("omitted", "high")
    assert [(e.text, e.role) for e in f.evidence] == [(st.sentence.text, "catch_all")]
    assert "personal information" in f.message


def test_denial_contradicts_and_quotes_the_denial():
    p = PolicyBuilder()
    p.heading("Location")
    st = p.sentence(
        "We never collect your location.",
        data={"location": ["location.precise", "location.approximate"]},
        actions=(),
        denied={"collect"},
    )
    p.data("location.precise", "denied", [st])
    profile = app_profile({"location.precise": [FINE, sdk_source("amap-location")]})
    f = one([x for x in run(profile, p.build()) if x.subject_type == "data"], "location.precise")
    assert (f.status, f.severity) == ("contradicted", "high")
    assert [(e.text, e.role, e.section, e.line) for e in f.evidence] == [
        (st.sentence.text, "denial", ("Location",), 3)
    ]
    assert f.message == (
        "The app can access precise location (ACCESS_FINE_LOCATION, AMap Location SDK) "
        "but the policy says it does not collect \u201clocation\u201d. "
        "Rule: a denial contradicted by what the app really does."
    )


def test_saying_data_is_not_shared_contradicts_an_sdk_that_collects_it():
    p = PolicyBuilder()
    st = p.sentence(
        "We collect your precise location but never share it with anyone.",
        data={"precise location": ["location.precise"]},
        actions={"collect"},
        denied={"share"},
    )
    p.data("location.precise", "collected", [st])
    profile = app_profile({"location.precise": [FINE, sdk_source("amap-location")]})
    f = one([x for x in run(profile, p.build()) if x.subject_type == "data"], "location.precise")
    assert (f.status, f.evidence[0].role) == ("contradicted", "denial")
    assert "not shared" in f.message
    # without the SDK the same sentence is a plain disclosure
    assert (
        one(run(app_profile({"location.precise": [FINE]}), p.build()), "location.precise").status
        == "disclosed"
    )


# ------------------------------------------------------------------------ SDKs


def test_sdk_named_by_the_policy_is_disclosed():
    p = PolicyBuilder()
    st = p.sentence("We use Umeng to count visits.", parties={"Umeng": ("sdk", "umeng-analytics")})
    p.party("sdk", "umeng-analytics", "Umeng", [st])
    f = one(run(app_profile(sdks=[sdk_hit("umeng-analytics")]), p.build()), "umeng-analytics")
    assert (f.subject_type, f.status, f.severity) == ("sdk", "disclosed", "none")
    assert f.sdk is not None and f.sdk.evidence[0].value == "com.umeng.analytics"
    assert [(s.kind, s.id) for s in f.sources] == [("sdk", "umeng-analytics")]


def test_sdk_covered_only_by_its_category_is_vague():
    p = PolicyBuilder()
    st = p.sentence(
        "We work with analytics providers.", parties={"analytics providers": ("category", "analytics")}
    )
    p.party("category", "analytics", "analytics providers", [st])
    findings = run(app_profile(sdks=[sdk_hit("umeng-analytics"), sdk_hit("bugly")]), p.build())
    assert one(findings, "umeng-analytics").status == "vague"
    assert one(findings, "umeng-analytics").severity == "low"
    assert one(findings, "bugly").status == "omitted"  # crash reporting is not analytics


def test_sdk_behind_a_catch_all_is_omitted_with_context():
    p = PolicyBuilder()
    st = p.sentence(
        "We share data with third parties.", parties={"third parties": ("catch_all", "third_parties")}
    )
    p.party("catch_all", "third_parties", "third parties", [st])
    f = one(run(app_profile(sdks=[sdk_hit("bugly")]), p.build()), "bugly")
    assert (f.status, f.severity) == ("omitted", "medium")
    assert [e.role for e in f.evidence] == ["catch_all"]
    assert "third parties" in f.message


def test_denying_an_sdk_or_its_category_contradicts():
    p = PolicyBuilder()
    st = p.sentence("We do not use Umeng.", parties={"Umeng": ("sdk", "umeng-analytics")}, actions=())
    ads = p.sentence(
        "We do not work with advertising partners.",
        parties={"advertising partners": ("category", "advertising")},
        actions=(),
    )
    p.party("sdk", "umeng-analytics", "Umeng", [st], denied=True)
    p.party("category", "advertising", "advertising partners", [ads], denied=True)
    findings = run(app_profile(sdks=[sdk_hit("umeng-analytics"), sdk_hit("some-ads")]), p.build())
    assert one(findings, "umeng-analytics").status == "contradicted"
    assert one(findings, "some-ads").status == "contradicted"
    assert one(findings, "some-ads").evidence[0].text == ads.sentence.text


# ------------------------------------------------------------------ unsupported


def test_claim_without_a_sign_in_the_apk_is_unsupported():
    p = PolicyBuilder()
    st = p.sentence(
        "We collect your contacts and your email address.",
        data={"contacts": ["contacts.contacts"], "email address": ["personal.email"]},
    )
    p.data("contacts.contacts", "collected", [st])
    p.data("personal.email", "collected", [st])
    findings = run(app_profile({}), p.build())
    f = one(findings, "contacts.contacts")
    assert (f.status, f.severity, f.sources) == ("unsupported", "info", ())
    assert f.evidence[0].role == "claim"
    # an email address is typed in by the user: no permission or SDK could show it
    assert not [x for x in findings if x.subject == "personal.email"]


def test_category_word_is_no_unsupported_claim_while_the_app_reaches_part_of_the_category():
    p = PolicyBuilder()
    st = p.sentence(
        "We collect your location.", data={"location": ["location.approximate", "location.precise"]}
    )
    p.data("location.approximate", "collected", [st])
    p.data("location.precise", "collected", [st])
    coarse = permission_source("ACCESS_COARSE_LOCATION")
    findings = run(app_profile({"location.approximate": [coarse]}), p.build())
    assert [(f.subject, f.status) for f in findings] == [("location.approximate", "disclosed")]
    # with no location access at all, the claim is unsupported for precise location;
    # approximate location can be derived from an IP address on a server: not platform-gated
    findings = run(app_profile({}), p.build())
    assert [(f.subject, f.status) for f in findings] == [("location.precise", "unsupported")]


# ------------------------------------------------------------- configuration


def test_ignored_permission_sdk_and_data_type_make_no_findings():
    profile = app_profile(
        {
            "contacts.contacts": [CONTACTS],
            "location.precise": [FINE, sdk_source("amap-location")],
            "calendar.events": [permission_source("READ_CALENDAR")],
        },
        sdks=[sdk_hit("bugly")],
    )
    config = CheckConfig(
        ignore_permissions=frozenset({"android.permission.READ_CONTACTS"}),
        ignore_sdks=frozenset({"amap-location"}),
        ignore_data_types=frozenset({"calendar.events"}),
    )
    findings = run(profile, PolicyBuilder().build(), config)
    assert sorted((f.subject, f.status) for f in findings) == [
        ("bugly", "omitted"),
        ("location.precise", "omitted"),
    ]
    f = one(findings, "location.precise")
    assert [s.id for s in f.sources] == ["android.permission.ACCESS_FINE_LOCATION"]


def test_ignoring_a_permission_does_not_make_the_policy_claim_unsupported():
    p = PolicyBuilder()
    st = p.sentence("We read your contacts.", data={"contacts": ["contacts.contacts"]})
    p.data("contacts.contacts", "collected", [st])
    config = CheckConfig(ignore_permissions=frozenset({"android.permission.READ_CONTACTS"}))
    assert run(app_profile({"contacts.contacts": [CONTACTS]}), p.build(), config) == ()


def test_severity_overrides_by_class_and_by_rule():
    profile = app_profile({"contacts.contacts": [CONTACTS], "device.ids": [WIFI]}, sdks=[sdk_hit("bugly")])
    reading = PolicyBuilder().build()
    by_class = {
        f.subject: f.severity for f in run(profile, reading, CheckConfig(severity=(("omitted", "low"),)))
    }
    assert by_class == {"contacts.contacts": "low", "device.ids": "low", "bugly": "low"}
    by_rule = {
        f.subject: f.severity
        for f in run(profile, reading, CheckConfig(severity=(("omitted", "low"), ("omitted_sdk", "high"))))
    }
    assert by_rule == {"contacts.contacts": "low", "device.ids": "low", "bugly": "high"}


# ------------------------------------------------------------------ invariants


def test_one_finding_per_subject_sorted_worst_first():
    p = PolicyBuilder()
    deny = p.sentence(
        "We do not collect contacts.",
        data={"contacts": ["contacts.contacts"]},
        actions=(),
        denied={"collect"},
    )
    p.data("contacts.contacts", "denied", [deny])
    ok = p.sentence(
        "We collect approximate location.", data={"approximate location": ["location.approximate"]}
    )
    p.data("location.approximate", "collected", [ok])
    profile = app_profile(
        {
            "contacts.contacts": [CONTACTS],
            "location.approximate": [FINE],
            "location.precise": [FINE],
            "device.ids": [WIFI],
        },
        sdks=[sdk_hit("bugly")],
    )
    findings = run(profile, p.build())
    assert len({(f.subject_type, f.subject) for f in findings}) == len(findings) == 5
    keys = [(FINDING_CLASSES.index(f.status), -severity_rank(f.severity)) for f in findings]
    assert keys == sorted(keys)
    assert [(f.status, f.subject) for f in findings] == [
        ("contradicted", "contacts.contacts"),
        ("omitted", "location.precise"),
        ("omitted", "device.ids"),
        ("omitted", "bugly"),
        ("disclosed", "location.approximate"),
    ]
    assert run(profile, p.build()) == findings


def test_fingerprint_ignores_wording_and_offsets_but_not_the_package_or_sources():
    def policy(prefix):
        p = PolicyBuilder()
        p.sentence(prefix, actions=())
        st = p.sentence(
            "We never collect contacts.",
            data={"contacts": ["contacts.contacts"]},
            actions=(),
            denied={"collect"},
        )
        p.data("contacts.contacts", "denied", [st])
        return p.build()

    profile = app_profile({"contacts.contacts": [CONTACTS]})
    a = one(run(profile, policy("Intro.")), "contacts.contacts")
    b = one(run(profile, policy("A much longer introduction that moves every offset.")), "contacts.contacts")
    assert a.evidence[0].start != b.evidence[0].start
    assert a.fingerprint == b.fingerprint
    other_app = one(
        run(app_profile({"contacts.contacts": [CONTACTS]}, package="org.other"), policy("Intro.")),
        "contacts.contacts",
    )
    assert other_app.fingerprint != a.fingerprint
    more_sources = one(
        run(app_profile({"contacts.contacts": [CONTACTS, sdk_source("umeng-analytics")]}), policy("Intro.")),
        "contacts.contacts",
    )
    assert more_sources.fingerprint != a.fingerprint
    severity_changed = one(
        run(profile, policy("Intro."), CheckConfig(severity=(("contradicted", "low"),))), "contacts.contacts"
    )
    assert severity_changed.fingerprint == a.fingerprint


def test_a_denial_is_never_shown_as_disclosure_evidence():
    p = PolicyBuilder()
    deny = p.sentence(
        "We do not use your voice for advertising.",
        data={"your voice": ["audio.recordings"]},
        actions=(),
        denied={"collect"},
    )
    rec = p.sentence("The app records your voice while you talk.", data={"your voice": ["audio.recordings"]})
    p.data("audio.recordings", "collected", [deny, rec])
    f = one(
        run(app_profile({"audio.recordings": [permission_source("RECORD_AUDIO")]}), p.build()),
        "audio.recordings",
    )
    assert f.status == "disclosed"
    assert [e.text for e in f.evidence] == [rec.sentence.text]


def test_catch_all_context_is_short_and_affirmations_come_first():
    p = PolicyBuilder()
    sentences = [
        p.sentence(
            "We do not sell personal information.",
            data={"personal information": []},
            actions=(),
            denied={"sell"},
        ),
        p.sentence("We protect your data.", data={"your data": []}, actions=()),
        p.sentence(
            "We share personal information with partners.",
            data={"personal information": []},
            actions={"share"},
        ),
    ]
    for st in sentences:
        p.catch_all(st)
    f = one(run(app_profile({"contacts.contacts": [CONTACTS]}), p.build()), "contacts.contacts")
    assert [e.text for e in f.evidence] == [sentences[2].sentence.text, sentences[0].sentence.text]
