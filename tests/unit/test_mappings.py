"""The table loader: every kind of bad table is reported at the right file:line,
all problems are collected, user tables layer over the built-in ones, and the
``consistency mappings`` commands print and exit as documented.

Bad tables are written into ``tmp_path`` as literal YAML, and the expected line
is found by searching that text for a marker, so the tests say exactly which
line of which file must be blamed.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consistency.cli import main
from consistency.errors import InputError, MappingError
from consistency.mappings import Problem, check_mappings, load_mappings
from tests.helpers.tables import sdk, write_tables

# ---------------------------------------------------------------- helpers


def line_of(path: Path, marker: str, occurrence: int = 1) -> int:
    """1-based line of the ``occurrence``-th line containing ``marker``."""
    seen = 0
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if marker in text:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{marker!r} not in {path}")


def problems_in(directory: Path) -> list[Problem]:
    return check_mappings([directory], include_builtin=False)


def only_problem(directory: Path) -> Problem:
    problems = problems_in(directory)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


@pytest.fixture
def tables(tmp_path: Path) -> Path:
    """A complete, valid set of small tables."""
    return write_tables(tmp_path / "tables", sdks=[sdk("alpha", ["com.alpha"]), sdk("beta", ["org.beta"])])


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ------------------------------------------------------------ valid tables


def test_small_tables_load_with_their_indexes(tables: Path) -> None:
    m = load_mappings([tables], include_builtin=False)
    assert m.sdk("beta").signatures.classes == ("org.beta",)
    assert m.permission("android.permission.ACCESS_FINE_LOCATION").protection == "dangerous"
    assert m.permission("android.permission.NOT_A_THING") is None
    assert m.datatype("device.ids").category == "device"
    assert m.category("location").label == "Location"
    assert set(m.expand("location")) == {"location.precise", "location.approximate"}
    assert m.expand("device.ids") == ("device.ids",)
    assert "contacts.contacts" in m.datatype_ids
    assert pickle.loads(pickle.dumps(m)).sdk("alpha") == m.sdk("alpha")


def test_digest_follows_the_bytes_of_every_table(tables: Path) -> None:
    first = load_mappings([tables], include_builtin=False).digest
    assert load_mappings([tables], include_builtin=False).digest == first
    with (tables / "parties.yaml").open("a", encoding="utf-8") as handle:
        handle.write("# a comment changes the bytes\n")
    assert load_mappings([tables], include_builtin=False).digest != first


def test_an_edited_file_is_read_again(tables: Path) -> None:
    load_mappings([tables], include_builtin=False)
    rewrite(tables / "sdks.yaml", "org.beta", "org.gamma")
    assert load_mappings([tables], include_builtin=False).sdk("beta").signatures.classes == ("org.gamma",)


# ------------------------------------------------------- YAML and schema


def test_malformed_yaml_is_reported_at_its_line(tables: Path) -> None:
    path = tables / "parties.yaml"
    rewrite(path, "catch_all:", "catch_all: [unclosed\nmore: x")
    problem = only_problem(tables)
    assert problem.path == str(path)
    assert problem.line == line_of(path, "more: x")
    assert "malformed YAML" in problem.message


def test_a_duplicate_key_is_malformed(tables: Path) -> None:
    path = tables / "parties.yaml"
    rewrite(path, "catch_all:", "schema_version: 1\ncatch_all:")
    problem = only_problem(tables)
    assert problem.line == line_of(path, "schema_version", 2)
    assert "duplicate key" in problem.message


def test_an_unknown_key_is_reported_at_the_key(tables: Path) -> None:
    path = tables / "sdks.yaml"
    rewrite(path, "  vendor: beta vendor", "  vendor: beta vendor\n  vendr: typo")
    problem = only_problem(tables)
    assert (problem.path, problem.line) == (str(path), line_of(path, "vendr: typo"))
    assert "sdks[1] (beta).vendr" in problem.message and "unknown key" in problem.message


def test_a_missing_field_is_reported_at_its_entry(tables: Path) -> None:
    path = tables / "sdks.yaml"
    rewrite(path, "  vendor: beta vendor\n", "")
    problem = only_problem(tables)
    assert problem.line == line_of(path, "- id: beta")
    assert "vendor" in problem.message and "Field required" in problem.message


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        (
            "fields",
            "android.provider.CallLog.Calls.CONTENT_URI",
            "field 'android.provider.CallLog.Calls.CONTENT_URI' is not of the form Lpkg/Cls;->NAME (no type)",
        ),
        (
            "fields",
            "Landroid/provider/CallLog$Calls;->CONTENT_URI:Landroid/net/Uri;",
            "field 'Landroid/provider/CallLog$Calls;->CONTENT_URI:Landroid/net/Uri;' is not of the form "
            "Lpkg/Cls;->NAME (no type)",
        ),
        (
            "content_uris",
            "content://call_log/",
            "content URI 'content://call_log/' is not of the form content://authority[/path]",
        ),
        ("content_uris", "call_log", "content URI 'call_log' is not of the form content://authority[/path]"),
    ],
    ids=["java-name", "with-type", "trailing-slash", "no-scheme"],
)
def test_a_bad_field_or_content_uri_is_a_schema_error(
    tmp_path: Path, key: str, value: str, message: str
) -> None:
    """Any other spelling than the DEX index's would silently never match."""
    bad = {"name": "android.permission.READ_CALL_LOG", "protection": "dangerous", key: [value]}
    directory = write_tables(tmp_path / "t", permissions=[bad])
    path = directory / "permissions.yaml"
    prefix = "permissions[0] (android.permission.READ_CALL_LOG)"
    assert {(p.line, p.message) for p in problems_in(directory)} == {
        (line_of(path, f"{key}:"), f"{prefix}.{key}: Value error, {message}")
    }


def test_a_wrong_type_is_reported_at_the_value(tables: Path) -> None:
    path = tables / "permissions.yaml"
    rewrite(path, "  protection: dangerous", "  protection: dangerous\n  added_in: soon")
    problem = only_problem(tables)
    assert problem.line == line_of(path, "added_in: soon")
    assert "permissions[0] (android.permission.ACCESS_FINE_LOCATION).added_in" in problem.message


def test_a_bad_phrase_and_a_bad_api_are_schema_errors(tmp_path: Path) -> None:
    bad = {
        "name": "android.permission.ACCESS_FINE_LOCATION",
        "protection": "dangerous",
        "apis": ["android.location.LocationManager.getLastKnownLocation"],
        "policy_names": {"en": ["位置权限"], "zh": [" 定位权限"]},
    }
    directory = write_tables(tmp_path / "t", permissions=[bad])
    path = directory / "permissions.yaml"
    found = {(p.line, p.message) for p in problems_in(directory)}
    prefix = "permissions[0] (android.permission.ACCESS_FINE_LOCATION)"
    assert found == {
        (
            line_of(path, "apis:"),  # a field validator blames the whole list
            f"{prefix}.apis: Value error, api 'android.location.LocationManager.getLastKnownLocation' "
            "is not of the form Lpkg/Cls;->method (no prototype)",
        ),
        (
            line_of(path, "en:"),
            f"{prefix}.policy_names.en: Value error, phrase '位置权限' contains Chinese characters: list it under zh",
        ),
        (
            line_of(path, "zh:"),
            f"{prefix}.policy_names.zh: Value error, phrase ' 定位权限' has leading or trailing spaces",
        ),
    }


def test_wrong_schema_version(tables: Path) -> None:
    path = tables / "parties.yaml"
    rewrite(path, "schema_version: 1", "schema_version: 2")
    problem = only_problem(tables)
    assert problem.line == line_of(path, "schema_version: 2") and "schema_version 2" in problem.message


def test_a_table_that_is_not_a_mapping(tables: Path) -> None:
    (tables / "parties.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    problem = only_problem(tables)
    assert problem.line == 1 and "YAML mapping" in problem.message


def test_deep_nesting_is_a_problem_not_a_crash(tables: Path) -> None:
    """libyaml's composer recurses: 100k nested brackets would overflow the C
    stack. The loader reads the event stream with its own stack and a depth limit."""
    path = tables / "parties.yaml"
    path.write_bytes(b"categories: " + b"[" * 100_000 + b"]" * 100_000 + b"\n")
    problem = only_problem(tables)
    assert (problem.path, problem.line, problem.message) == (str(path), 1, "nested deeper than 64 levels")


def test_an_alias_bomb_is_refused(tables: Path) -> None:
    path = tables / "parties.yaml"
    rows = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    rows += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 8)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    problem = only_problem(tables)
    assert problem.message == "the YAML document is too large (alias expansion?)"
    assert problem.line == line_of(path, "a6: &a6")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "catch_all: {phrases: {en: [a]}}\n<<: {x: 1}\n",
            "YAML merge keys (<<) are not supported in mapping tables",
        ),
        (
            "schema_version: !!int one\n",
            "malformed YAML value 'one': invalid literal for int() with base 10: 'one'",
        ),
        ("--- {}\n--- {}\n", "a table must be a single YAML document"),
        ("? [a]\n: b\n", "a mapping key must be a plain string"),
        ("a: !!python/object:os.system x\n", "malformed YAML value 'x': could not determine a constructor"),
    ],
)
def test_unsafe_or_unusual_yaml_is_refused(tables: Path, text: str, message: str) -> None:
    (tables / "parties.yaml").write_text(text, encoding="utf-8")
    problem = only_problem(tables)
    assert problem.message.startswith(message)


# ------------------------------------------------------------ references


def test_unknown_data_type_in_a_permission(tables: Path) -> None:
    path = tables / "permissions.yaml"
    rewrite(path, "- location.approximate", "- location.galactic")
    problem = only_problem(tables)
    assert (problem.path, problem.line) == (str(path), line_of(path, "location.galactic"))
    assert "unknown data type 'location.galactic'" in problem.message


def test_unknown_data_types_in_sdks_broad_terms_and_category_defaults(tmp_path: Path) -> None:
    directory = write_tables(tmp_path / "t", sdks=[sdk("alpha", ["com.alpha"], data_types=["mind.thoughts"])])
    rewrite(directory / "sdks.yaml", "- app_info.crash_logs", "- app_info.dreams")
    rewrite(
        directory / "datatypes.yaml",
        "catch_all:",
        "broad_terms:\n- id: stuff\n  phrases: {en: [stuff]}\n  covers: [nowhere]\ncatch_all:",
    )
    found = {(Path(p.path).name, p.line, p.message.split(" (")[0]) for p in problems_in(directory)}
    assert found == {
        ("sdks.yaml", line_of(directory / "sdks.yaml", "mind.thoughts"), "unknown data type 'mind.thoughts'"),
        (
            "sdks.yaml",
            line_of(directory / "sdks.yaml", "app_info.dreams"),
            "unknown data type 'app_info.dreams'",
        ),
        (
            "datatypes.yaml",
            line_of(directory / "datatypes.yaml", "covers: [nowhere]"),
            "unknown data type or category 'nowhere'",
        ),
    }


def test_a_data_type_must_belong_to_a_known_category_and_carry_its_prefix(tables: Path) -> None:
    path = tables / "datatypes.yaml"
    rewrite(path, "  category: files", "  category: location  # moved")
    rewrite(path, "  category: contacts", "  category: gossip")
    assert {(p.line, p.message) for p in problems_in(tables)} == {
        (
            line_of(path, "id: files.files_docs"),
            "data type id 'files.files_docs' must start with its category 'location'",
        ),
        (line_of(path, "category: gossip"), "unknown category 'gossip'"),
        (line_of(path, "id: files"), "category 'files' has no data types"),
        (line_of(path, "id: contacts"), "category 'contacts' has no data types"),
    }


def test_duplicate_ids_in_one_file(tables: Path) -> None:
    path = tables / "sdks.yaml"
    rewrite(path, "- id: beta", "- id: alpha")
    problem = only_problem(tables)
    assert (
        problem.line == line_of(path, "- id: alpha", 2) and "duplicate sdks entry 'alpha'" in problem.message
    )


def test_duplicate_permission_names(tmp_path: Path) -> None:
    twice = {"name": "android.permission.CAMERA", "protection": "dangerous", "data_types": []}
    directory = write_tables(tmp_path / "t", permissions=[twice, dict(twice)])
    problem = only_problem(directory)
    assert problem.line == line_of(directory / "permissions.yaml", "android.permission.CAMERA", 2)
    assert "duplicate permissions entry" in problem.message


def test_an_sdk_needs_a_signature_and_a_policy_name(tmp_path: Path) -> None:
    directory = write_tables(tmp_path / "t", sdks=[sdk("ghost")])
    path = directory / "sdks.yaml"
    problem = only_problem(directory)
    assert problem.message == (
        "SDK 'ghost' has no signature that can report it (classes, native_libs, meta_data, "
        "components, version_files or assets; hosts and permissions only support)"
    )
    assert problem.line == line_of(path, "signatures:")
    rewrite(path, "  policy_names:\n    en:\n    - ghost", "  policy_names: {}")
    assert {p.message for p in problems_in(directory)} == {
        "SDK 'ghost' has no signature that can report it (classes, native_libs, meta_data, "
        "components, version_files or assets; hosts and permissions only support)",
        "SDK 'ghost' has no policy name",
    }


def test_overlapping_signatures_need_more_specific_than(tmp_path: Path) -> None:
    directory = write_tables(
        tmp_path / "t",
        sdks=[
            sdk("maps", ["com.vendor.maps"]),
            sdk("maps-nav", ["com.vendor.maps.nav"]),
            sdk("twin", ["com.vendor.maps"]),
        ],
    )
    path = directory / "sdks.yaml"
    nav, twin = line_of(path, "- com.vendor.maps.nav"), line_of(path, "- com.vendor.maps", 3)
    hint = "add more_specific_than: [{}] to the more specific one"
    assert sorted((p.line, p.message) for p in problems_in(directory)) == [
        (
            nav,
            f"SDK 'maps-nav' has a class signature inside 'maps' ('com.vendor.maps'): {hint.format('maps')}",
        ),
        (
            nav,
            f"SDK 'maps-nav' has a class signature inside 'twin' ('com.vendor.maps'): {hint.format('twin')}",
        ),
        (
            twin,
            f"SDK 'twin' has the same class signature as 'maps' ('com.vendor.maps'): {hint.format('maps')}",
        ),
    ]
    resolved = write_tables(
        tmp_path / "ok",
        sdks=[
            sdk("maps", ["com.vendor.maps"]),
            sdk("maps-nav", ["com.vendor.maps.nav"], more_specific_than=["maps"]),
            sdk("mapsx", ["com.vendor.mapsx"]),  # a longer name, not a sub-package: no overlap
        ],
    )
    assert problems_in(resolved) == []


def test_unknown_more_specific_than(tmp_path: Path) -> None:
    directory = write_tables(tmp_path / "t", sdks=[sdk("alpha", ["com.alpha"], more_specific_than=["omega"])])
    problem = only_problem(directory)
    assert problem.line == line_of(directory / "sdks.yaml", "- omega")
    assert problem.message == "more_specific_than names unknown SDK 'omega'"


def test_unknown_sdk_and_party_categories(tmp_path: Path) -> None:
    directory = write_tables(tmp_path / "t", sdks=[sdk("alpha", ["com.alpha"], category="astrology")])
    rewrite(directory / "parties.yaml", "- analytics\n", "- fortune_telling\n")
    found = {(Path(p.path).name, p.message) for p in problems_in(directory)}
    assert found == {
        ("sdks.yaml", "unknown SDK category 'astrology'"),
        ("parties.yaml", "unknown SDK category 'fortune_telling' (see sdks.yaml categories)"),
    }


def test_a_phrase_may_name_one_entry_only(tables: Path) -> None:
    path = tables / "datatypes.yaml"
    rewrite(path, "    - device ids", "    - device ids\n    - Location-Precise")
    problem = only_problem(tables)
    assert problem.line == line_of(path, "Location-Precise")
    assert problem.message == "phrase 'Location-Precise' is already listed under 'location.precise'"


def test_an_exclusion_must_not_cancel_a_phrase(tables: Path) -> None:
    path = tables / "datatypes.yaml"
    rewrite(path, "- id: device.ids\n", "- id: device.ids\n  exclude: {en: [location precise]}\n")
    problem = only_problem(tables)
    assert "excluded phrase 'location precise' is a phrase of 'location.precise'" == problem.message


def test_every_problem_is_collected_and_raised_once(tables: Path) -> None:
    rewrite(tables / "permissions.yaml", "- location.approximate", "- location.galactic")
    rewrite(tables / "sdks.yaml", "- id: beta", "- id: alpha")
    rewrite(tables / "parties.yaml", "schema_version: 1", "schema_version: 9")
    problems = problems_in(tables)
    assert len(problems) == 3
    with pytest.raises(MappingError) as caught:
        load_mappings([tables], include_builtin=False)
    error = caught.value
    assert isinstance(error, InputError)
    assert error.problems == tuple(problems)
    assert str(error).startswith(f"{problems[0].path}:{problems[0].line}: ")
    assert "and 2 more" in str(error)


def test_a_missing_table(tables: Path) -> None:
    (tables / "parties.yaml").unlink()
    problem = only_problem(tables)
    assert problem.message == "no parties.yaml in any mapping directory"


# ----------------------------------------------------------------- layering


def test_user_tables_add_and_replace_builtin_entries(tables: Path, tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    (user / "sdks.yaml").write_text(
        "schema_version: 1\n"
        "sdks:\n"
        "- id: beta\n  name: Beta Fixed\n  vendor: Beta Inc.\n  category: analytics\n"
        "  signatures: {classes: [org.beta.core]}\n  policy_names: {en: [Beta]}\n"
        "- id: inhouse\n  name: In-house\n  vendor: Us\n  category: crash_reporting\n"
        "  signatures: {classes: [com.us.crash]}\n  policy_names: {en: [our crash reporter]}\n",
        encoding="utf-8",
    )
    (user / "permissions.yaml").write_text(
        "permissions:\n- name: com.us.permission.READ_NOTES\n  protection: signature\n  data_types: [files.files_docs]\n",
        encoding="utf-8",
    )
    base = load_mappings([tables], include_builtin=False)
    layered = load_mappings([tables, user], include_builtin=False)
    assert [s.id for s in layered.sdks.sdks] == ["alpha", "beta", "inhouse"]
    assert layered.sdk("beta").name == "Beta Fixed"
    assert layered.permission("com.us.permission.READ_NOTES").data_types == ("files.files_docs",)
    assert len(layered.permissions.permissions) == len(base.permissions.permissions) + 1
    assert layered.sdks.categories == base.sdks.categories  # untouched keys stay
    assert layered.digest != base.digest
    assert layered.directories == (str(tables), str(user))


def test_a_layer_may_reference_builtin_ids_and_be_checked_alone(tables: Path, tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    (user / "sdks.yaml").write_text(
        "sdks:\n- id: alpha-extra\n  name: A\n  vendor: V\n  category: analytics\n"
        "  signatures: {classes: [com.alpha.extra]}\n  policy_names: {en: [alpha extra]}\n"
        "  more_specific_than: [alpha]\n  data_types: [location.galactic]\n",
        encoding="utf-8",
    )
    problem = only_problem_layered(tables, user)
    assert (problem.path, problem.line) == (
        str(user / "sdks.yaml"),
        line_of(user / "sdks.yaml", "location.galactic"),
    )


def only_problem_layered(*dirs: Path) -> Problem:
    problems = check_mappings(list(dirs), include_builtin=False)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_a_missing_directory_and_a_stray_table_file(tables: Path, tmp_path: Path) -> None:
    stray = tmp_path / "stray"
    stray.mkdir()
    (stray / "sdk.yaml").write_text("sdks: []\n", encoding="utf-8")
    found = {
        (p.path, p.message.split(" (")[0])
        for p in check_mappings([tables, tmp_path / "nowhere", stray], include_builtin=False)
    }
    assert found == {
        (str(tmp_path / "nowhere"), "not a directory of mapping tables"),
        (str(stray / "sdk.yaml"), "unknown table file"),
        (str(stray), "no mapping tables here"),
    }


def test_the_builtin_tables_load_and_layer() -> None:
    builtin = load_mappings()
    assert builtin.permission("android.permission.CAMERA") is not None
    assert load_mappings(()).digest == builtin.digest


# ---------------------------------------------------------------------- CLI


def test_cli_check_prints_every_problem_and_exits_2(
    tables: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    user = tmp_path / "user"
    user.mkdir()
    (user / "permissions.yaml").write_text(
        "permissions:\n- name: com.us.permission.A\n  protection: normal\n  data_types: [nope.nope]\n"
        "- name: com.us.permission.A\n  protection: normal\n",
        encoding="utf-8",
    )
    assert main(["mappings", "check", str(user)]) == 2
    out = capsys.readouterr().out.splitlines()
    path = user / "permissions.yaml"
    assert out == [
        f"{path}:{line_of(path, 'com.us.permission.A', 2)}: duplicate permissions entry 'com.us.permission.A' in this file",
        f"{path}:{line_of(path, 'nope.nope')}: unknown data type 'nope.nope' (see datatypes.yaml)",
        "2 problems in the mapping tables",
    ]


def test_cli_check_of_good_tables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    user = tmp_path / "user"
    user.mkdir()
    (user / "sdks.yaml").write_text(
        "sdks:\n- id: inhouse-crash\n  name: In-house\n  vendor: Us\n  category: crash_reporting\n"
        "  signatures: {classes: [com.us.crash]}\n  policy_names: {en: [our crash reporter]}\n",
        encoding="utf-8",
    )
    assert main(["mappings", "check", str(user)]) == 0
    out = capsys.readouterr().out
    layered = load_mappings([user])
    assert out.startswith("mapping tables OK\n")
    assert f"digest: {layered.digest}" in out and f"from: {user}" in out
    assert f"SDKs:                {len(layered.sdks.sdks)} " in out


def test_cli_list_summary_counts(capsys: pytest.CaptureFixture[str]) -> None:
    m = load_mappings()
    assert main(["mappings", "list", "--summary"]) == 0
    out = capsys.readouterr().out
    with_data = sum(1 for p in m.permissions.permissions if p.data_types)
    dangerous = sum(1 for p in m.permissions.permissions if p.protection == "dangerous")
    assert (
        f"data types:          {len(m.datatypes.datatypes)} in {len(m.datatypes.categories)} categories"
        in out
    )
    assert f"permissions:         {len(m.permissions.permissions)} ({with_data} with data," in out
    assert f"  dangerous:         {dangerous}\n" in out
    assert f"  Chinese aliases:   {sum(len(s.policy_names.zh) for s in m.sdks.sdks)} " in out


@pytest.mark.parametrize("table", ["datatypes", "permissions", "sdks"])
def test_cli_list_tables(table: str, capsys: pytest.CaptureFixture[str]) -> None:
    m = load_mappings()
    assert main(["mappings", "list", table]) == 0
    lines = capsys.readouterr().out.splitlines()
    if table == "permissions":
        assert len(lines) == 1 + len(m.permissions.permissions)
        camera = next(line for line in lines if line.startswith("android.permission.CAMERA "))
        assert camera.split() == [
            "android.permission.CAMERA",
            "dangerous",
            "4-",
            "media.photos,",
            "media.videos",
        ]
    elif table == "sdks":
        assert len(lines) == 1 + len(m.sdks.sdks)
    else:
        assert lines[0].split() == ["id", "category", "label", "en", "zh"]
        assert any(line.startswith("location.precise ") for line in lines)


def test_cli_list_with_a_broken_user_table_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    user = tmp_path / "user"
    user.mkdir()
    (user / "sdks.yaml").write_text("sdks: [\n", encoding="utf-8")
    assert main(["mappings", "list", "--mappings", str(user)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"consistency: error: {user / 'sdks.yaml'}:") and "malformed YAML" in err


# --------------------------------------------------------------------- fuzz


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda t: t.encode("utf-8"))))
def test_arbitrary_bytes_give_problems_not_crashes(tables: Path, data: bytes) -> None:
    (tables / "sdks.yaml").write_bytes(data)
    for problem in check_mappings([tables], include_builtin=False):
        assert isinstance(problem, Problem) and problem.message
