"""``consistency inspect`` finds the privacy-policy URL each sample app carries.

Every sample folder that holds an app file (APK, App Bundle, split APK set) is
found here by listing ``samples/``, so a new sample is checked without editing
this file. The URL each app carries was planted in its sources by hand (a string
resource in ``res/values/strings.xml`` or a DEX constant in ``smali/``) and is
written down in the folder's ``expected.yaml`` as ``policy_url``; the JSON
report of the real command line must rank exactly that URL first.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
import yaml

from consistency.apk.app_file import APP_SUFFIXES
from consistency.cli import main
from tests.helpers.paths import SAMPLES

pytestmark = pytest.mark.e2e


def sample_app_files() -> list[Path]:
    """Every app file directly inside a sample folder."""
    if not SAMPLES.is_dir():
        return []
    return sorted(p for p in SAMPLES.glob("*/*") if p.is_file() and p.suffix in APP_SUFFIXES)


APP_FILES = sample_app_files()
FOLDERS = sorted({p.parent for p in APP_FILES})


def planted_url(folder: Path) -> str:
    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8")) or {}
    return expected["policy_url"]


@cache
def inspected(app: Path, out_dir: Path) -> dict:
    out = out_dir / f"{app.parent.name}-{app.name}.json"
    assert main(["inspect", str(app), "--format", "json", "--output", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("inspect")


def test_the_samples_are_found() -> None:
    if not APP_FILES:
        pytest.skip("no sample apps in this checkout")
    # APKs and the three packings of the bundle sample are all discovered
    assert {p.suffix for p in APP_FILES} >= {".apk", ".aab", ".apks", ".xapk"}


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda d: d.name)
def test_every_sample_app_folder_names_the_url_it_carries(folder: Path) -> None:
    assert (folder / "expected.yaml").is_file(), f"{folder.name}: no expected.yaml"
    url = planted_url(folder)
    assert url.startswith("https://") and ".example." in url


@pytest.mark.parametrize("app", APP_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_inspect_ranks_the_planted_policy_url_first(app: Path, out_dir: Path) -> None:
    found = inspected(app, out_dir)["policy_urls"]
    assert found, f"{app.name}: no policy URL found"
    assert found[0]["url"] == planted_url(app.parent)
    assert found[0]["source"]  # where it was found is reported


def test_both_finder_paths_are_exercised(out_dir: Path) -> None:
    """Some samples carry the URL as a string resource, others only in DEX code."""
    if not APP_FILES:
        pytest.skip("no sample apps in this checkout")
    sources = {inspected(app, out_dir)["policy_urls"][0]["source"].split()[0] for app in APP_FILES}
    assert {"resource", "dex"} <= sources


def test_a_policy_url_named_only_by_the_words_around_it_is_found() -> None:
    """blank and tianqi: the URL has no policy word in it; the text of its own DEX
    string does ("Privacy policy: ...", 《隐私政策》), in English and in Chinese."""
    from consistency.apk.app_file import read_app_facts

    for name in ("blank", "tianqi"):
        apk = SAMPLES / name / f"{name}.apk"
        if not apk.is_file():
            pytest.skip(f"sample {name} not built")
        top = read_app_facts(apk).policy_urls[0]
        assert top.source == "dex classes.dex" and top.context.startswith("near ")
