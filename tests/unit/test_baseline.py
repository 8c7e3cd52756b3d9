"""Baselines: the fingerprint recipe, the file format as a load/dump pair, and applying one."""

from __future__ import annotations

import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consistency.baseline import (
    Baseline,
    BaselineEntry,
    accept_findings,
    apply_baseline,
    dump_baseline,
    fingerprint,
    load_baseline,
    parse_baseline,
    save_baseline,
)
from consistency.errors import BaselineError, InputError
from tests.factories import check_result, finding, permission_source, sdk_source


def test_fingerprint_is_the_documented_recipe():
    sources = [sdk_source("amap-location"), permission_source("ACCESS_FINE_LOCATION")]
    expected = hashlib.sha256(
        b"v1|com.example|omitted|data:location.precise|"
        b"permission:android.permission.ACCESS_FINE_LOCATION,sdk:amap-location"
    ).hexdigest()
    assert fingerprint("com.example", "omitted", "data", "location.precise", sources) == expected
    assert (
        fingerprint("com.example", "omitted", "data", "location.precise", list(reversed(sources))) == expected
    )


def test_accepting_keeps_problems_only_and_needs_a_reason():
    findings = [finding("contacts.contacts", "omitted"), finding("location.precise", "disclosed", "none")]
    baseline = accept_findings(findings, "reviewed by legal", "digest1")
    assert [(e.finding_class, e.subject, e.source, e.reason) for e in baseline.entries] == [
        (
            "omitted",
            "data:contacts.contacts",
            "permission:android.permission.ACCESS_FINE_LOCATION",
            "reviewed by legal",
        )
    ]
    with pytest.raises(BaselineError):
        accept_findings(findings, "  ", "digest1")


def test_reaccepting_keeps_the_reason_people_gave_before():
    old = finding("contacts.contacts", "omitted")
    first = accept_findings([old], "known since 1.0", "d")
    new = finding("device.ids", "vague", "low")
    second = accept_findings([old, new], "batch accept", "d", previous=first)
    assert {e.subject: e.reason for e in second.entries} == {
        "data:contacts.contacts": "known since 1.0",
        "data:device.ids": "batch accept",
    }


def test_dump_and_parse_are_a_pair_and_dump_is_sorted(tmp_path):
    baseline = accept_findings(
        [
            finding("location.precise"),
            finding("bugly", "omitted", "medium", subject_type="sdk"),
            finding("contacts.contacts", "contradicted"),
        ],
        "ok",
        "abc",
    )
    text = dump_baseline(baseline)
    doc = json.loads(text)
    assert doc["version"] == 1 and doc["mappings_digest"] == "abc"
    assert [e["class"] for e in doc["accepted"]] == ["contradicted", "omitted", "omitted"]
    assert set(doc["accepted"][0]) == {"fingerprint", "class", "subject", "source", "reason"}
    assert parse_baseline(text) == baseline
    path = tmp_path / "baseline.json"
    save_baseline(path, baseline)
    assert load_baseline(path) == baseline
    save_baseline(path, load_baseline(path))
    assert path.read_text(encoding="utf-8") == text


def test_apply_suppresses_accepted_and_reports_stale_entries():
    keep, accepted = finding("location.precise"), finding("contacts.contacts")
    stale = BaselineEntry("f" * 64, "omitted", "data:calls.call_log", "permission:x", "gone")
    baseline = Baseline(entries=accept_findings([accepted], "ok", "d").entries + (stale,))
    result = apply_baseline(check_result([keep, accepted]), baseline)
    assert result.findings == (keep,)
    assert result.suppressed == (accepted,)
    assert result.stale_baseline == ("f" * 64,)


def test_unknown_findings_are_accepted_saved_and_suppressed_like_any_other():
    unknown = finding("contacts.contacts", "unknown", "info")
    baseline = parse_baseline(
        dump_baseline(accept_findings([unknown], "policy in Portuguese, read by hand", "d"))
    )
    assert [(e.finding_class, e.subject) for e in baseline.entries] == [("unknown", "data:contacts.contacts")]
    result = apply_baseline(check_result([unknown]), baseline)
    assert (result.findings, result.suppressed) == ((), (unknown,))


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"{not json", "not valid JSON"),
        (b"[]", "must be a JSON object"),
        (b'{"version": 2, "accepted": []}', "unknown baseline version 2"),
        (b'{"accepted": []}', "unknown baseline version None"),
        (
            b'{"version": 1, "accepted": [{"fingerprint": "xyz", "class": "omitted", "subject": "s", "source": "", "reason": "r"}]}',
            "accepted.0.fingerprint",
        ),
        (b'{"version": 1, "accepted": [], "extra": 1}', "extra"),
        (b'{"version": 1}', "accepted"),
        (b"\xff\xfe\x00", "not valid JSON"),
    ],
)
def test_bad_baselines_are_input_errors_naming_the_problem(tmp_path, content, problem):
    path = tmp_path / "b.json"
    path.write_bytes(content)
    with pytest.raises(BaselineError, match=problem) as info:
        load_baseline(path)
    assert isinstance(info.value, InputError)
    assert str(path) in str(info.value)


def test_missing_baseline_is_an_error_not_an_empty_baseline(tmp_path):
    with pytest.raises(BaselineError, match="not found"):
        load_baseline(tmp_path / "nope.json")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_arbitrary_bytes_only_ever_raise_baseline_error(data):
    try:
        parse_baseline(data)
    except BaselineError:
        pass


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.builds(
            BaselineEntry,
            fingerprint=st.text("0123456789abcdef", min_size=64, max_size=64),
            finding_class=st.sampled_from(["omitted", "vague", "contradicted", "unsupported"]),
            subject=st.text(max_size=30),
            source=st.text(max_size=30),
            reason=st.text(min_size=1, max_size=30),
        ),
        max_size=8,
    ),
    st.text(max_size=20),
)
def test_any_baseline_round_trips(entries, digest):
    baseline = Baseline(entries=tuple(entries), mappings_digest=digest)
    parsed = parse_baseline(dump_baseline(baseline))
    assert parsed.fingerprints == baseline.fingerprints
    assert parse_baseline(dump_baseline(parsed)) == parsed
