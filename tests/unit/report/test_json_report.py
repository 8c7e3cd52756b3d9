"""The JSON report: valid against the shipped schema, deterministic, complete."""

from __future__ import annotations

import json

import jsonschema
import pytest

from consistency.report.interface import Subject, reporter_for
from consistency.report.json import JsonReporter, load_check_schema, result_to_dict
from tests.factories import HOSTILE_SENTENCE, varied_result


@pytest.fixture(scope="module")
def schema():
    schema = load_check_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def test_report_validates_against_the_shipped_schema(schema):
    doc = json.loads(JsonReporter().render(varied_result()))
    jsonschema.Draft202012Validator(schema).validate(doc)


def test_same_result_gives_byte_identical_json():
    assert JsonReporter().render(varied_result()) == JsonReporter().render(varied_result())


def test_content(schema):
    result = varied_result()
    doc = result_to_dict(result)
    assert doc["schema_version"] == 1
    assert doc["tool"] == {"name": "consistency", "version": "0.1.0"}
    assert doc["app"]["package"] == result.profile.facts.package
    assert doc["policy"]["format"] == "markdown"
    assert [f["fingerprint"] for f in doc["findings"]] == [f.fingerprint for f in result.findings]
    assert doc["suppressed"] == {"count": 1, "fingerprints": [result.suppressed[0].fingerprint]}
    assert doc["stale_baseline"] == ["e" * 64]
    assert doc["summary"]["by_status"] == {
        "contradicted": 1,
        "omitted": 3,
        "vague": 2,
        "unknown": 0,
        "unsupported": 1,
        "disclosed": 1,
    }
    assert doc["summary"]["by_severity"]["high"] == 2
    assert (doc["summary"]["verdict"], doc["summary"]["failing"], doc["summary"]["fail_on"]) == (
        "fail",
        2,
        "high",
    )
    contradicted = doc["findings"][0]
    assert contradicted["status"] == "contradicted"
    (ev,) = contradicted["evidence"]
    assert (
        result.policy.document.text[ev["start"] : ev["end"]]
        == ev["text"]
        == "We never collect your location."
    )
    assert ev["role"] == "denial" and ev["section"] == ["Information we collect"]
    sdk = next(f for f in doc["findings"] if f["subject_type"] == "sdk")
    assert sdk["sdk"]["evidence"][0]["kind"] == "class"
    assert "timestamp" not in doc


def test_timestamp_only_when_asked(schema):
    doc = json.loads(
        reporter_for(Subject.check, "json").render(varied_result(timestamp="2024-05-01T10:00:00+00:00"))
    )
    assert doc["timestamp"] == "2024-05-01T10:00:00+00:00"
    jsonschema.Draft202012Validator(schema).validate(doc)


def test_untrusted_text_is_data_not_structure():
    text = JsonReporter().render(varied_result())
    assert HOSTILE_SENTENCE not in text  # the sentence is no finding's evidence...
    doc = json.loads(text)
    assert doc["policy"]["source"] == "samples/walkie/policy.md"
