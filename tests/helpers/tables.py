"""Small, self-contained mapping tables for tests that must not depend on the
shipped ``mappings/`` (whose contents grow and change): every test that asserts
what a table produces pins the table it uses.

:func:`write_tables` writes the five table files into a directory (the policy
lexicon ``statements.yaml`` is copied from the repository: it says nothing about
APKs) and :func:`mini_mappings` loads them with ``include_builtin=False``.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from .paths import MAPPINGS

LOCATION_API = "Landroid/location/LocationManager;->getLastKnownLocation"
PHONE_ID_API = "Landroid/telephony/TelephonyManager;->getDeviceId"

DATATYPES: dict[str, Any] = {
    "schema_version": 1,
    "categories": [
        {"id": "location", "label": "Location"},
        {"id": "device", "label": "Device or other IDs"},
        {"id": "contacts", "label": "Contacts"},
        {"id": "files", "label": "Files and docs"},
        {"id": "app_info", "label": "App info and performance"},
        {"id": "app_activity", "label": "App activity"},
    ],
    "datatypes": [
        {
            "id": t,
            "category": t.split(".")[0],
            "label": t,
            "description": t,
            "phrases": {"en": [t.replace(".", " ")]},
        }
        for t in (
            "location.precise",
            "location.approximate",
            "device.ids",
            "contacts.contacts",
            "files.files_docs",
            "app_info.crash_logs",
            "app_activity.interactions",
        )
    ],
    "catch_all": {"phrases": {"en": ["personal information"]}},
}

PERMISSIONS: dict[str, Any] = {
    "schema_version": 1,
    "permissions": [
        {
            "name": "android.permission.ACCESS_FINE_LOCATION",
            "protection": "dangerous",
            "data_types": ["location.precise", "location.approximate"],
            "apis": [LOCATION_API],
        },
        {
            "name": "android.permission.ACCESS_COARSE_LOCATION",
            "protection": "dangerous",
            "data_types": ["location.approximate"],
            "apis": [LOCATION_API],
        },
        {
            "name": "android.permission.READ_CONTACTS",
            "protection": "dangerous",
            "data_types": ["contacts.contacts"],
        },
        {
            "name": "android.permission.READ_PHONE_STATE",
            "protection": "dangerous",
            "data_types": ["device.ids"],
            "apis": [PHONE_ID_API],
        },
        {
            "name": "android.permission.READ_EXTERNAL_STORAGE",
            "protection": "dangerous",
            "data_types": ["files.files_docs"],
            "effective_until": 32,
        },
        {
            "name": "android.permission.WRITE_EXTERNAL_STORAGE",
            "protection": "dangerous",
            "data_types": ["files.files_docs"],
            "effective_until": 29,
        },
        {"name": "android.permission.INTERNET", "protection": "normal"},
        {"name": "android.permission.ACCESS_NETWORK_STATE", "protection": "normal"},
    ],
}

SDKS: dict[str, Any] = {
    "schema_version": 1,
    "categories": [
        {"id": "analytics", "label": "Analytics", "default_data_types": ["app_activity.interactions"]},
        {"id": "crash_reporting", "label": "Crash reporting", "default_data_types": ["app_info.crash_logs"]},
        {"id": "maps_location", "label": "Maps and location"},
    ],
    "sdks": [],
}

PARTIES: dict[str, Any] = {
    "schema_version": 1,
    "categories": [
        {"id": "analytics", "phrases": {"en": ["analytics providers"]}, "sdk_categories": ["analytics"]},
    ],
    "catch_all": {"phrases": {"en": ["third parties"]}},
}


def sdk(
    sdk_id: str,
    classes: list[str] | tuple[str, ...] = (),
    *,
    native_libs: list[str] | tuple[str, ...] = (),
    meta_data: list[str] | tuple[str, ...] = (),
    category: str = "analytics",
    data_types: list[str] | tuple[str, ...] = (),
    basis: str = "vendor",
    more_specific_than: list[str] | tuple[str, ...] = (),
) -> dict[str, Any]:
    """One ``sdks.yaml`` entry with test defaults."""
    entry: dict[str, Any] = {
        "id": sdk_id,
        "name": sdk_id.replace("-", " ").title(),
        "vendor": f"{sdk_id} vendor",
        "category": category,
        "signatures": {
            "classes": list(classes),
            "native_libs": list(native_libs),
            "meta_data": list(meta_data),
        },
        "data_types": list(data_types),
        "basis": basis,
        "policy_names": {"en": [sdk_id]},
    }
    if more_specific_than:
        entry["more_specific_than"] = list(more_specific_than)
    return entry


def write_tables(
    directory: Path,
    *,
    sdks: list[dict[str, Any]] | None = None,
    permissions: list[dict[str, Any]] | None = None,
) -> Path:
    """Write a complete set of tables into ``directory`` and return it."""
    directory.mkdir(parents=True, exist_ok=True)
    tables = {
        "datatypes.yaml": DATATYPES,
        "permissions.yaml": {
            **PERMISSIONS,
            "permissions": permissions if permissions is not None else PERMISSIONS["permissions"],
        },
        "sdks.yaml": {**SDKS, "sdks": sdks or []},
        "parties.yaml": PARTIES,
    }
    for name, content in tables.items():
        (directory / name).write_text(
            yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    shutil.copyfile(MAPPINGS / "statements.yaml", directory / "statements.yaml")
    return directory


def mini_mappings(directory: Path, **tables: Any):
    """Write the test tables into ``directory`` and load them alone (no built-in tables)."""
    from consistency.mappings import load_mappings

    return load_mappings([write_tables(directory, **tables)], include_builtin=False)
