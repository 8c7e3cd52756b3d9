"""Whether a permission's API is used: methods, provider fields and ``content://``
strings against the real permission table, on the samples' real facts."""

from __future__ import annotations

from functools import cache

import pytest

from consistency.apk import inspect_apk
from consistency.apk.facts import read_apk_facts
from consistency.apk.profile import api_used, build_profile
from consistency.mappings import load_mappings
from tests.factories import apk_facts
from tests.helpers.paths import SAMPLES


@cache
def tables():
    return load_mappings()


def spec(name: str):
    found = tables().permission(f"android.permission.{name}")
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("sample", "permission"),
    [
        ("legacy/legacy.apk", "READ_CALL_LOG"),  # CallLog$Calls.CONTENT_URI
        ("legacy/legacy.apk", "READ_CALENDAR"),  # CalendarContract$Events.CONTENT_URI
        ("seed-airtalk/seed-airtalk.apk", "READ_CALENDAR"),
        ("seed-pttoc/seed-pttoc.apk", "READ_CALENDAR"),
        ("seed-pttoc/seed-pttoc.apk", "READ_CONTACTS"),  # CommonDataKinds$Phone.CONTENT_URI
        ("seed-52phone/seed-52phone.apk", "READ_SMS"),  # Telephony$Sms$Inbox.CONTENT_URI
        ("walkie/walkie.apk", "READ_CONTACTS"),
    ],
)
def test_providers_reached_through_their_uri_fields_count_as_used(sample: str, permission: str) -> None:
    facts = read_apk_facts(SAMPLES / sample)
    assert not set(spec(permission).apis) & facts.api_refs  # no guarded method: the field alone tells
    assert api_used(spec(permission), facts) is True
    sources = {
        s.id: s
        for item in build_profile(facts, tables()).data
        for s in item.sources
        if s.kind == "permission"
    }
    assert sources[f"android.permission.{permission}"].api_used is True


@pytest.mark.parametrize(
    ("strings", "used"),
    [
        ({"content://sms"}, True),
        ({"content://sms/inbox"}, True),
        ({"content://sms?limit=1"}, True),
        ({"content://sms2/inbox"}, False),  # another authority that starts alike
        ({"content://mms-sms/conversations"}, True),
        ({"content://com.example.sms/inbox"}, False),
        (set(), False),
    ],
)
def test_a_content_uri_string_names_the_provider_on_a_boundary(strings: set[str], used: bool) -> None:
    facts = apk_facts(permissions=["READ_SMS"], content_uris=frozenset(strings))
    assert api_used(spec("READ_SMS"), facts) is used


def test_a_permission_with_nothing_listed_is_never_called_unused() -> None:
    background = spec("ACCESS_BACKGROUND_LOCATION")
    assert not (background.apis or background.fields or background.content_uris)
    assert api_used(background, apk_facts(permissions=["ACCESS_BACKGROUND_LOCATION"])) is None


def test_a_declared_but_unused_permission_is_seen_as_unused() -> None:
    """The notes sample's scanner module asks for the camera and has no code at all."""
    profile = inspect_apk(SAMPLES / "notes/notes.aab", tables())
    camera = {s.id: s for item in profile.data for s in item.sources}["android.permission.CAMERA"]
    assert camera.api_used is False
