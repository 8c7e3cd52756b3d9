"""Negation scope: which action is denied, for which data.

The first half drives ``negation.segment_sentence`` with events laid out by hand
(the scope rules alone); the second reads real sentences with the shipped tables.
"""

from __future__ import annotations

import pytest

from consistency.policy.extract.negation import Event, segment_sentence
from tests.helpers.policy_docs import read, status_of


def act(i: int, action: str) -> Event:
    return Event("action", i, action)


def neg(i: int) -> Event:
    return Event("negation", i)


def data(i: int, name: str) -> Event:
    return Event("mention", i, ref=name)


def polarity(events: list[Event]) -> dict[str, tuple[set[str], set[str]]]:
    """mention -> (affirmed actions, denied actions)."""
    out = {}
    for segment in segment_sentence(events):
        for mention in segment.mentions:
            out[mention] = (set(segment.affirmed), set(segment.denied))
    return out


def test_negation_denies_only_the_verb_after_it():
    # we do-not sell your location
    assert polarity([Event("subject", 0), neg(1), act(3, "sell"), data(5, "location")]) == {
        "location": (set(), {"sell"})
    }


def test_affirmed_verb_before_a_negation_stays_affirmed():
    # we collect your email and do not sell your location
    result = polarity([act(1, "collect"), data(3, "email"), neg(5), act(7, "sell"), data(9, "location")])
    assert result == {"email": ({"collect"}, set()), "location": (set(), {"sell"})}


def test_passive_denial_keeps_the_data_before_it():
    # your phone number is not stored
    assert polarity([data(1, "phone"), neg(4), act(5, "retain")]) == {"phone": (set(), {"retain"})}


def test_breaker_ends_the_scope():
    # we don't collect your name, but we do collect your email
    events = [
        neg(1),
        act(2, "collect"),
        data(4, "name"),
        Event("breaker", 6),
        Event("subject", 7, verb_follows=True),
        act(9, "collect"),
        data(11, "email"),
    ]
    assert polarity(events) == {"name": (set(), {"collect"}), "email": ({"collect"}, set())}


def test_bare_negation_borrows_the_previous_clause_verb():
    # we collect your email but not your name
    events = [act(1, "collect"), data(3, "email"), Event("breaker", 4), neg(5), data(7, "name")]
    assert polarity(events) == {"email": ({"collect"}, set()), "name": (set(), {"collect"})}


def test_bare_negation_borrows_the_verb_before_it_in_the_clause():
    # we collect no location data
    assert polarity([act(1, "collect"), neg(2), data(3, "location")]) == {"location": (set(), {"collect"})}


def test_negated_object_without_any_verb_denies_collection():
    # no chat
    assert polarity([Event("object_negation", 0), data(1, "chat")]) == {"chat": (set(), {"collect"})}


def test_negated_verb_without_any_action_denies_nothing():
    # linked to a random install number, not to your name
    assert polarity([neg(0), data(2, "name")]) == {"name": (set(), set())}


def test_scope_covers_coordinated_verbs():
    # we neither collect nor share your location
    events = [neg(1), act(2, "collect"), neg(3), act(4, "share"), data(6, "location")]
    assert polarity(events) == {"location": (set(), {"collect", "share"})}


def test_new_subject_with_a_verb_restarts_an_affirmed_segment():
    # we do not sell your location and we use it ...: a fresh clause for "we use"
    events = [
        neg(1),
        act(3, "sell"),
        data(5, "location"),
        Event("subject", 7, verb_follows=True),
        act(8, "collect"),
        data(9, "email"),
    ]
    assert polarity(events) == {"location": (set(), {"sell"}), "email": ({"collect"}, set())}


def test_consent_qualified_negation_is_a_conditional_affirmation():
    # we will not access your contacts without your permission
    segments = segment_sentence([neg(2), act(3, "collect"), data(5, "contacts"), Event("consent", 6)])
    assert [(set(s.affirmed), set(s.denied), s.conditional) for s in segments] == [({"collect"}, set(), True)]


def test_cue_less_segment_asks_for_context():
    segments = segment_sentence([data(0, "email")])
    assert segments[0].needs_context and not segments[0].affirmed and not segments[0].denied


# ------------------------------------------------------- real sentences, real tables


@pytest.mark.parametrize(
    ("sentence", "data_type", "status", "denied"),
    [
        ("We do not sell your precise location.", "location.precise", "denied", {"sell"}),
        ("We do not collect your precise location.", "location.precise", "denied", {"collect"}),
        ("The game works without collecting your contacts.", "contacts.contacts", "denied", {"collect"}),
        ("Your phone number is not stored on our servers.", "personal.phone_number", "denied", {"retain"}),
        (
            "We will never share your phone number with advertisers.",
            "personal.phone_number",
            "denied",
            {"share"},
        ),
        (
            "We neither collect nor share your precise location.",
            "location.precise",
            "denied",
            {"collect", "share"},
        ),
        ("We collect neither your contacts nor your call log.", "calls.call_log", "denied", {"collect"}),
        ("No location data is collected by the app.", "location.precise", "denied", {"collect"}),
    ],
)
def test_denials_are_scoped(sentence, data_type, status, denied):
    reading = read(sentence)
    assert status_of(reading, data_type) == status
    disclosure = next(d for d in reading.data if d.data_type == data_type)
    assert set(disclosure.denied) == denied
    assert not disclosure.actions


def test_scoped_denial_never_undoes_an_affirmation():
    reading = read(
        "We collect your precise location to show the forecast.", "We do not sell your precise location."
    )
    disclosure = next(d for d in reading.data if d.data_type == "location.precise")
    assert disclosure.status == "collected"
    assert disclosure.actions == {"collect"} and disclosure.denied == {"sell"}


def test_sell_denial_stays_scoped_inside_one_sentence():
    reading = read("We collect your email address and do not sell your precise location.")
    assert status_of(reading, "personal.email") == "collected"
    location = next(d for d in reading.data if d.data_type == "location.precise")
    assert location.denied == {"sell"} and not location.actions


def test_negative_condition_is_no_denial():
    reading = read(
        "If you do not allow location access, you will not be able to share your precise location."
    )
    assert status_of(reading, "location.precise") != "denied"
    assert not any(s.denied for s in reading.statements)


def test_but_splits_denial_from_affirmation():
    reading = read("We don't collect your name, but we do collect your email address.")
    assert status_of(reading, "personal.name") == "denied"
    assert status_of(reading, "personal.email") == "collected"


def test_not_limited_to_is_no_negation():
    reading = read(
        "We collect your email address, including but not limited to the address you sign up with."
    )
    assert status_of(reading, "personal.email") == "collected"


def test_conditional_still_affirms():
    reading = read("If you enable location sharing, we collect your precise location.")
    assert status_of(reading, "location.precise") in ("collected", "shared")


def test_denial_about_a_catch_all_denies_no_data_type():
    reading = read("Crashlytics does not collect personally identifiable information.")
    assert reading.data == ()
    crashlytics = [p for p in reading.parties if p.kind == "sdk"]
    assert crashlytics and not crashlytics[0].denied, "Crashlytics is the subject, not what is denied"


def test_denied_sdk_use():
    reading = read("We do not use Google Analytics.")
    parties = [p for p in reading.parties if p.kind == "sdk"]
    assert parties and all(p.denied for p in parties)


def test_data_before_the_verb_after_a_negation_is_the_subject_of_a_new_clause():
    # a run-on sentence: the negated verb ("require") is not an action; the data starts
    # the next clause, whose verb affirms it
    reading = read(
        "Since the app does not require registration the device ID together with your phone number is used as user ID."
    )
    assert status_of(reading, "device.ids") == "collected"
    assert status_of(reading, "personal.phone_number") == "collected"


def test_elliptical_data_after_a_negation_stays_denied():
    reading = read("We receive a purchase token from Google Play, never your card number.")
    assert status_of(reading, "financial.payment_info") == "denied"


def test_a_chinese_object_before_its_verb_stays_denied():
    reading = read("我们不会将您的通讯录上传至服务器。")
    assert status_of(reading, "contacts.contacts") == "denied"


def test_advice_opening_with_a_negation_affirms_nothing():
    reading = read("Don't give anyone your photo, or tell anyone your home address that they could use to find you.")
    assert status_of(reading, "personal.address") == "not_mentioned"
