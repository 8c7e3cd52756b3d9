"""The three-way rules on the real walkie sample, with forms and policies written for each case."""

from __future__ import annotations

from dataclasses import replace
from functools import cache, lru_cache
from pathlib import Path

import pytest

from consistency.apk import inspect_apk
from consistency.datasafety.csvread import parse_form, read_form
from consistency.datasafety.csvwrite import write_form
from consistency.datasafety.table import load_form_table
from consistency.datasafety.threeway import check_form
from consistency.errors import MappingError
from consistency.mappings import load_mappings
from consistency.policy import read_policy
from tests.helpers.paths import SAMPLES

USAGE = "PSL_DATA_USAGE_RESPONSES:{}:PSL_DATA_USAGE_COLLECTION_AND_SHARING"


@lru_cache(maxsize=1)
def tables():
    mappings = load_mappings()
    return mappings, load_form_table(mappings)


@cache
def walkie():
    return inspect_apk(SAMPLES / "walkie" / "walkie.apk", tables()[0])


def walkie_form(**values: str):
    """The committed walkie form with some rows changed: ``{"Q|R": value}``."""
    table = tables()[1]
    form = read_form(SAMPLES / "walkie" / "datasafety.csv", table)
    changes = {tuple(k.split("|")): v for k, v in values.items()}
    rows = [replace(r, value=changes.get((r.question, r.response), r.value)) for r in form.rows]
    return parse_form(write_form(table.header, rows).encode(), table)


def policy(tmp_path: Path, text: str):
    path = tmp_path / "policy.md"
    path.write_text(text, encoding="utf-8")
    return read_policy(path, tables()[0])


def extra_tables(tmp_path: Path, text: str) -> Path:
    """A ``--mappings`` directory holding only a ``datasafety.yaml`` layer."""
    extra = tmp_path / "tables"
    extra.mkdir()
    (extra / "datasafety.yaml").write_text(text, encoding="utf-8")
    return extra


def findings(form, reading=None):
    mappings, table = tables()
    return [
        (f.kind, f.datatype, f.severity)
        for f in check_form(walkie(), form, reading, table, mappings).findings
    ]


def test_the_committed_walkie_form_agrees_with_the_apk() -> None:
    assert findings(walkie_form()) == []


def test_a_type_reached_only_through_a_permission_not_in_effect_is_a_medium_undeclared() -> None:
    form = walkie_form(**{"PSL_DATA_TYPES_AUDIO|PSL_MUSIC": ""})
    assert findings(form) == [("undeclared", "audio.music", "medium")]


def test_sharing_with_advertising_partners_in_the_policy_contradicts_a_collected_only_answer(
    tmp_path: Path,
) -> None:
    reading = policy(tmp_path, "# Privacy\n\nWe share the photos you send with our advertising partners.\n")
    assert ("sharing_denied", "media.photos", "medium") in findings(walkie_form(), reading)
    shared = walkie_form(**{f"{USAGE.format('PSL_PHOTOS')}|PSL_DATA_USAGE_ONLY_SHARED": "TRUE"})
    assert not [f for f in findings(shared, reading) if f[0] == "sharing_denied"]


def test_a_sale_contradicts_a_collected_only_answer(tmp_path: Path) -> None:
    reading = policy(tmp_path, "# Privacy\n\nWe sell your precise location to data brokers.\n")
    assert ("sharing_denied", "location.precise", "medium") in findings(walkie_form(), reading)


def test_sending_to_other_users_or_a_service_provider_is_not_sharing(tmp_path: Path) -> None:
    reading = policy(
        tmp_path,
        "# Privacy\n\nYou can share photos with the members of your channel.\n\n"
        "We rely on Amap to show your precise location on the map.\n",
    )
    assert not [f for f in findings(walkie_form(), reading) if f[0] == "sharing_denied"]


def test_a_declared_type_the_policy_denies_is_high_and_one_it_omits_medium(tmp_path: Path) -> None:
    form = walkie_form(**{"PSL_DATA_TYPES_FINANCIAL|PSL_PURCHASE_HISTORY": "TRUE"})
    reading = policy(tmp_path, "# Privacy\n\nWe never collect your purchase history.\n")
    assert ("undisclosed", "financial.purchase_history", "high") in findings(form, reading)
    silent = policy(tmp_path, "# Privacy\n\nWe collect your email address.\n")
    assert ("undisclosed", "financial.purchase_history", "medium") in findings(form, silent)


def test_without_a_policy_only_the_apk_side_is_checked() -> None:
    form = walkie_form(**{"PSL_DATA_TYPES_CALENDAR|PSL_CALENDAR": "TRUE"})
    assert findings(form) == [("unsupported", "calendar.events", "info")]


def test_guidance_for_an_unknown_sdk_is_a_mapping_error(tmp_path: Path) -> None:
    extra = extra_tables(
        tmp_path,
        "sdk_guidance:\n  no-such-sdk:\n    source: https://example.org\n    types: {device.ids: {shared: true}}\n",
    )
    with pytest.raises(MappingError, match="sdk_guidance: unknown SDK 'no-such-sdk'"):
        load_form_table(load_mappings([extra]))


def test_guidance_in_a_mappings_directory_changes_the_answer(tmp_path: Path) -> None:
    extra = extra_tables(
        tmp_path,
        "sdk_guidance:\n  tencent-bugly:\n    source: https://example.org/bugly\n"
        "    types: {device.ids: {shared: true, purposes: [analytics]}}\n",
    )
    mappings = load_mappings([extra])
    table = load_form_table(mappings)
    profile = inspect_apk(SAMPLES / "walkie" / "walkie.apk", mappings)
    form = read_form(SAMPLES / "walkie" / "datasafety.csv", table)
    assert [(f.kind, f.datatype) for f in check_form(profile, form, None, table, mappings).findings] == [
        ("not_shared", "device.ids")
    ]


def test_the_template_is_plays_whole_form() -> None:
    table = tables()[1]
    usage_rows = [r for r in table.rows if r.type_response is not None]
    assert len(table.types) == 38
    assert len(usage_rows) == 38 * 19  # collected, shared, ephemeral, 2 control, 7 + 7 purposes
    assert len(table.rows) == 782


def test_a_misspelt_key_is_refused_with_its_file_and_line(tmp_path: Path) -> None:
    extra = extra_tables(
        tmp_path,
        "sdk_guidance:\n  tencent-bugly:\n    source: https://example.org/bugly\n"
        "    types: {device.ids: {shared: true, purpose: [analytics]}}\n",
    )
    with pytest.raises(MappingError) as caught:
        load_form_table(load_mappings([extra]))
    assert str(caught.value).startswith(
        f"{extra / 'datasafety.yaml'}:4: sdk_guidance.tencent-bugly.types.device.ids.purpose"
    )
