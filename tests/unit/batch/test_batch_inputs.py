"""Catalog reading: directories and CSV/JSONL manifests, ids, metadata, and the
one-line CatalogError (with file:line) for a malformed manifest."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from consistency.batch.inputs import read_catalog
from consistency.errors import CatalogError
from tests.helpers.paths import SAMPLES

WALKIE_APK = SAMPLES / "walkie" / "walkie.apk"
WALKIE_POLICY = SAMPLES / "walkie" / "policy.md"


@pytest.fixture(autouse=True)
def _samples_built():
    if not (WALKIE_APK.is_file() and WALKIE_POLICY.is_file()):
        pytest.skip("sample walkie is not built")


def put(path: Path, source: Path = WALKIE_APK) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, path)
    return path


def by_id(items):
    return {item.item_id: item for item in items}


def test_a_directory_mixes_flat_files_and_folders(tmp_path):
    put(tmp_path / "alpha.apk")
    put(tmp_path / "alpha.policy.md", WALKIE_POLICY)
    put(tmp_path / "bravo" / "whatever.apk")
    put(tmp_path / "bravo" / "policy.html", SAMPLES / "chatter" / "policy.html")
    put(tmp_path / "charlie.apk")  # no policy
    put(tmp_path / "tools" / "notes.txt", WALKIE_POLICY)  # not an app
    items = by_id(read_catalog(tmp_path))
    assert sorted(items) == ["alpha", "bravo", "charlie"]
    assert items["alpha"].apk == str(tmp_path / "alpha.apk")
    assert items["alpha"].policy == str(tmp_path / "alpha.policy.md")
    assert items["bravo"].apk == str(tmp_path / "bravo" / "whatever.apk")
    assert items["bravo"].policy == str(tmp_path / "bravo" / "policy.html")
    assert items["charlie"].policy is None and items["charlie"].problem is None
    assert all(Path(i.apk).is_absolute() for i in items.values())


def test_catalog_problems_become_failed_items_not_silence(tmp_path):
    put(tmp_path / "orphan.policy.txt", WALKIE_POLICY)
    put(tmp_path / "twins" / "a.apk")
    put(tmp_path / "twins" / "b.apk")
    put(tmp_path / "pdfandmd" / "app.apk")
    put(tmp_path / "pdfandmd" / "policy.pdf", SAMPLES / "legacy" / "policy.pdf")
    put(tmp_path / "pdfandmd" / "policy.md", WALKIE_POLICY)
    items = by_id(read_catalog(tmp_path))
    assert items["orphan"].problem == "policy without an APK" and items["orphan"].apk is None
    assert "several APKs" in items["twins"].problem and "a.apk, b.apk" in items["twins"].problem
    assert items["pdfandmd"].policy.endswith("policy.md")  # text before PDF


def test_csv_manifest_resolves_relative_paths_and_keeps_metadata(tmp_path, monkeypatch):
    put(tmp_path / "apks" / "one.apk")
    put(tmp_path / "apks" / "two.apk")
    put(tmp_path / "policies" / "one.md", WALKIE_POLICY)
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(
        "apk,policy,id,store,downloads\n"
        "apks/one.apk,policies/one.md,first,play,1000\n"
        "apks/two.apk,,,huawei,\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(SAMPLES)  # relative to the manifest, not to the working directory
    items = by_id(read_catalog(manifest))
    assert items["first"].apk == str(tmp_path / "apks" / "one.apk")
    assert items["first"].policy == str(tmp_path / "policies" / "one.md")
    assert json.loads(items["first"].metadata) == {"store": "play", "downloads": "1000"}
    assert items["two"].policy is None  # empty cell: no policy, id from the APK name


def test_derived_ids_get_a_suffix_and_explicit_ones_must_be_unique(tmp_path):
    put(tmp_path / "a" / "base.apk")
    put(tmp_path / "b" / "base.apk")
    manifest = tmp_path / "m.csv"
    manifest.write_text("apk\na/base.apk\nb/base.apk\n", encoding="utf-8")
    assert [i.item_id for i in read_catalog(manifest)] == ["base", "base~2"]
    manifest.write_text("id,apk\nx,a/base.apk\ny,b/base.apk\nx,b/base.apk\n", encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        read_catalog(manifest)
    assert f"{manifest}:4" in str(err.value) and f"{manifest}:2" in str(err.value) and "'x'" in str(err.value)


@pytest.mark.parametrize(
    ("name", "content", "where", "words"),
    [
        ("m.csv", "file,policy\nx.apk,p.txt\n", ":1", "no 'apk' column"),
        ("m.csv", "apk,policy\nx.apk,p.txt\n,p.txt\n", ":3", "empty 'apk'"),
        ("m.csv", "apk,policy\nx.apk,p.txt,extra\n", ":2", "3 fields"),
        ("m.jsonl", '{"apk": "x.apk"}\n\n{"apk": "y.apk",\n', ":3", "bad JSON"),
        ("m.jsonl", '{"apk": "x.apk"}\n["y.apk"]\n', ":2", "JSON object"),
        ("m.jsonl", '{"apk": 7}\n', ":1", "must be a string"),
        ("m.jsonl", '{"policy": "p.txt"}\n', ":1", "empty 'apk'"),
    ],
)
def test_malformed_manifests_name_file_and_line(tmp_path, name, content, where, words):
    manifest = tmp_path / name
    manifest.write_text(content, encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        read_catalog(manifest)
    message = str(err.value)
    assert f"{manifest}{where}:" in message and words in message
    assert "\n" not in message


def test_jsonl_metadata_keeps_json_values(tmp_path):
    put(tmp_path / "x.apk")
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(json.dumps({"apk": "x.apk", "tags": ["a", "b"], "rank": 3}) + "\n", encoding="utf-8")
    (item,) = read_catalog(manifest)
    assert item.item_id == "x" and json.loads(item.metadata) == {"tags": ["a", "b"], "rank": 3}


def test_a_manifest_may_name_missing_files_they_fail_later(tmp_path):
    manifest = tmp_path / "m.csv"
    manifest.write_text("apk,policy\ngone.apk,gone.txt\n", encoding="utf-8")
    (item,) = read_catalog(manifest)
    assert item.apk == str(tmp_path / "gone.apk") and item.problem is None


@pytest.mark.parametrize("make", ["missing", "empty_dir", "other_suffix"])
def test_unusable_catalogs(tmp_path, make):
    target = {"missing": tmp_path / "nope", "empty_dir": tmp_path, "other_suffix": tmp_path / "list.txt"}[
        make
    ]
    if make == "other_suffix":
        target.write_text("apk\nx.apk\n", encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        read_catalog(target)
    assert str(target) in str(err.value)
