"""consistency.yaml / [tool.consistency]: found, validated, and turned into a CheckConfig."""

from __future__ import annotations

import pytest

from consistency.config import CheckConfig, load_config
from consistency.config_file import SeveritySettings
from consistency.errors import ConfigError
from consistency.severity import DEFAULT_SEVERITY, SEVERITY_RULES, at_or_above, decide_severity
from tests.factories import permission_source, sdk_source


def test_no_file_means_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_config() == CheckConfig()


def test_yaml_file_in_the_current_directory(tmp_path, monkeypatch):
    (tmp_path / "tables").mkdir()
    (tmp_path / "consistency.yaml").write_text(
        "fail_on: medium\n"
        "severity:\n  vague: medium\n  omitted_sdk: low\n"
        "ignore_permissions: [READ_PHONE_STATE, com.vendor.permission.X]\n"
        "ignore_sdks: [bugly]\nignore_data_types: [device.ids]\nmappings: [tables]\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    config = load_config()
    assert config.fail_on == "medium"
    assert config.severity_overrides() == {"vague": "medium", "omitted_sdk": "low"}
    assert config.ignore_permissions == {"android.permission.READ_PHONE_STATE", "com.vendor.permission.X"}
    assert config.ignore_sdks == {"bugly"} and config.ignore_data_types == {"device.ids"}
    assert config.mappings == (str((tmp_path / "tables").resolve()),)
    assert config.source.endswith("consistency.yaml")


def test_pyproject_table_and_mapping_dirs_relative_to_the_file(tmp_path, monkeypatch):
    project = tmp_path / "proj"
    project.mkdir()
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.consistency]\nfail_on = "low"\nmappings = ["extra"]\n'
        '[tool.consistency.severity]\ncontradicted = "medium"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    config = load_config(project / "pyproject.toml")
    assert config.fail_on == "low"
    assert config.severity_overrides() == {"contradicted": "medium"}
    assert config.mappings == (str(project.resolve() / "extra"),)
    monkeypatch.chdir(project)
    assert load_config() == config


def test_pyproject_without_our_table_is_not_a_config(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert load_config() == CheckConfig()


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("consistency.yaml", "fail_on: urgent\n", "fail_on"),
        ("consistency.yaml", "severity:\n  omited: low\n", "severity.omited"),
        ("consistency.yaml", "ignore_permision: [X]\n", "ignore_permision"),
        ("consistency.yaml", "- a\n- b\n", "must be a mapping"),
        ("consistency.yaml", "fail_on: [high\n", "malformed YAML"),
        ("pyproject.toml", "[tool.consistency\n", "malformed TOML"),
        ("pyproject.toml", "[tool.consistency]\nignore_sdks = 3\n", "ignore_sdks"),
    ],
)
def test_invalid_configuration_names_file_and_problem(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem) as info:
        load_config(path)
    assert str(path) in str(info.value)


def test_explicit_missing_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.yaml")


def test_every_severity_rule_is_configurable_and_has_a_default():
    from consistency.datasafety.threeway import DEFAULT_SEVERITY as FORM_DEFAULTS
    from consistency.datasafety.threeway import RULE_PREFIX
    from consistency.datasafety.threeway import SEVERITY_RULES as FORM_RULES

    assert set(SeveritySettings.model_fields) == set(SEVERITY_RULES) | set(FORM_RULES)
    assert set(DEFAULT_SEVERITY) == set(SEVERITY_RULES) - {"omitted"}
    assert {RULE_PREFIX + rule for rule in FORM_DEFAULTS} == set(FORM_RULES)


def test_severity_decision():
    fine = permission_source("ACCESS_FINE_LOCATION")
    assert decide_severity("omitted", "data", [fine]) == "high"
    assert decide_severity("omitted", "data", [permission_source("X", dangerous=False)]) == "medium"
    assert decide_severity("omitted", "data", [sdk_source("bugly")]) == "high"
    assert decide_severity("omitted", "sdk", [sdk_source("bugly")]) == "medium"
    assert decide_severity("omitted", "data", [fine], {"omitted": "low"}) == "low"
    assert (
        decide_severity("omitted", "data", [fine], {"omitted": "low", "omitted_dangerous_data": "medium"})
        == "medium"
    )
    assert [
        decide_severity(c, "data", []) for c in ("contradicted", "vague", "unsupported", "disclosed")
    ] == ["high", "low", "info", "none"]


def test_threshold():
    assert at_or_above("high", "high") and at_or_above("high", "medium") and not at_or_above("medium", "high")
    assert at_or_above("info", "info") and not at_or_above("none", "info")
    assert not any(at_or_above(s, "none") for s in ("high", "medium", "low", "info", "none"))
