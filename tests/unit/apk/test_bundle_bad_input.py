"""Hostile and broken App Bundles and split APK sets: one line, exit 2, no traceback.

Each bad file is made from the real Field Notes sample (samples/notes/) by
changing one thing, the way real damage or an attack would."""

from __future__ import annotations

import io
import json
import zipfile
import zlib

import pytest

from consistency.apk.app_file import read_app_facts
from consistency.cli import main
from consistency.errors import ApkReadError
from tests.helpers.badfiles import RawEntry, raw_zip, set_encrypted, zeros_deflated, zip_bytes
from tests.helpers.paths import SAMPLES

NOTES = SAMPLES / "notes"
BASE_MANIFEST = "base/manifest/AndroidManifest.xml"


def members(name: str) -> dict[str, bytes]:
    with zipfile.ZipFile(NOTES / name) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


def write(tmp_path, name: str, entries: dict[str, bytes]):
    path = tmp_path / name
    path.write_bytes(zip_bytes(entries))
    return path


def refused(path, capsys, *needles: str) -> str:
    """The reader raises one ApkReadError naming the file, and the CLI prints one
    line and exits 2."""
    with pytest.raises(ApkReadError) as caught:
        read_app_facts(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message
    for needle in needles:
        assert needle in message
    assert main(["inspect", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    return message


def test_a_truncated_protobuf_manifest(tmp_path, capsys):
    entries = members("notes.aab")
    entries[BASE_MANIFEST] = entries[BASE_MANIFEST][:-7]
    refused(write(tmp_path, "cut.aab", entries), capsys, "not valid protobuf")


def test_fields_of_the_wrong_wire_type_read_as_absent_and_are_refused(tmp_path, capsys):
    entries = members("notes.aab")
    entries[BASE_MANIFEST] = bytes([0x08, 0x05])  # XmlNode.element (a message) sent as a varint
    refused(write(tmp_path, "varint.aab", entries), capsys, "no root element")


def test_an_element_name_that_is_a_number_on_the_wire(tmp_path, capsys):
    entries = members("notes.aab")
    element = bytes([0x18, 0x07])  # XmlElement.name (a string) sent as a varint: no name at all
    entries[BASE_MANIFEST] = bytes([0x0A, len(element)]) + element
    refused(write(tmp_path, "noname.aab", entries), capsys, "not an XML name")


def test_a_binary_xml_manifest_where_protobuf_belongs(tmp_path, capsys):
    with zipfile.ZipFile(SAMPLES / "blank" / "blank.apk") as apk:
        axml = apk.read("AndroidManifest.xml")
    entries = members("notes.aab")
    entries[BASE_MANIFEST] = axml
    refused(write(tmp_path, "axml.aab", entries), capsys, "binary XML, not aapt2's protobuf")


def test_a_text_manifest_is_not_protobuf(tmp_path, capsys):
    entries = members("notes.aab")
    entries[BASE_MANIFEST] = (NOTES / "base" / "AndroidManifest.xml").read_bytes()
    refused(write(tmp_path, "text.aab", entries), capsys, BASE_MANIFEST)


def test_nesting_deeper_than_the_parser_allows(tmp_path, capsys):
    node = b""
    for _ in range(300):  # XmlNode{element{child{element{...}}}}
        element = b"\x1a\x01a" + (b"\x2a" + _varint(len(node)) + node if node else b"")
        node = b"\x0a" + _varint(len(element)) + element
    entries = members("notes.aab")
    entries[BASE_MANIFEST] = node
    refused(write(tmp_path, "deep.aab", entries), capsys, BASE_MANIFEST)


def test_a_bundle_without_base(tmp_path, capsys):
    entries = {n: d for n, d in members("notes.aab").items() if not n.startswith("base/")}
    refused(write(tmp_path, "nobase.aab", entries), capsys, "missing base module")


def test_a_bundle_nested_in_a_bundle(tmp_path, capsys):
    inner = (NOTES / "notes.aab").read_bytes()
    refused(write(tmp_path, "outer.aab", {"inner/app.aab": inner}), capsys, "nested")
    outer_set = {"toc.pb": b"", "splits/base-master.apk": (NOTES / "notes.apks").read_bytes()}
    refused(write(tmp_path, "outer.apks", outer_set), capsys, "splits/base-master.apk", "nested")


def test_an_xapk_whose_manifest_lists_a_missing_file(tmp_path, capsys):
    entries = members("notes.xapk")
    manifest = json.loads(entries["manifest.json"])
    manifest["split_apks"].append({"file": "config.x86_64.apk", "id": "config.x86_64"})
    entries["manifest.json"] = json.dumps(manifest).encode()
    refused(write(tmp_path, "lies.xapk", entries), capsys, "config.x86_64.apk")


def test_an_xapk_whose_manifest_names_another_package(tmp_path, capsys):
    entries = members("notes.xapk")
    manifest = json.loads(entries["manifest.json"])
    manifest["package_name"] = "com.bank.trusted"
    entries["manifest.json"] = json.dumps(manifest).encode()
    refused(write(tmp_path, "other.xapk", entries), capsys, "com.bank.trusted", "org.example.notes")


@pytest.mark.parametrize("text", [b"{not json", b"[1, 2]", json.dumps({"split_apks": "base.apk"}).encode()])
def test_an_xapk_manifest_that_is_not_the_format(tmp_path, capsys, text):
    entries = members("notes.xapk")
    entries["manifest.json"] = text
    refused(write(tmp_path, "bad.xapk", entries), capsys, "manifest.json")


def test_an_encrypted_apkm_is_refused_clearly(tmp_path, capsys):
    apks = members("notes.apks")
    data = zip_bytes(
        {"info.json": b'{"pname": "org.example.notes"}', "base.apk": apks["splits/base-master.apk"]}
    )
    path = tmp_path / "app.apkm"
    path.write_bytes(set_encrypted(data, "base.apk"))
    refused(path, capsys, "encrypted .apkm")


def test_an_unencrypted_apkm_is_read(tmp_path):
    apks = members("notes.apks")
    path = write(
        tmp_path,
        "app.apkm",
        {
            "info.json": b'{"pname": "org.example.notes"}',
            "base.apk": apks["splits/base-master.apk"],
            "split_config.arm64_v8a.apk": apks["splits/base-arm64_v8a.apk"],
        },
    )
    facts = read_app_facts(path)
    assert facts.container == "apkm" and facts.package == "org.example.notes"
    assert [lib.name for lib in facts.native_libs] == ["libnotes.so"]


@pytest.mark.parametrize(
    "name, member",
    [
        ("bomb.aab", "base/dex/classes.dex"),
        ("bomb.aab", "base/resources.pb"),
        ("bomb.apks", "splits/base-arm64_v8a.apk"),
        ("bomb.xapk", "manifest.json"),
    ],
)
def test_a_zip_bomb_in_any_member(tmp_path, capsys, name, member):
    source = {"bomb.aab": "notes.aab", "bomb.apks": "notes.apks", "bomb.xapk": "notes.xapk"}[name]
    size = 300 << 20
    entries = [RawEntry.deflated(n, d) for n, d in members(source).items() if n != member]
    entries.append(RawEntry(member, zeros_deflated(size), zipfile.ZIP_DEFLATED, 0, size))
    path = tmp_path / name
    path.write_bytes(raw_zip(entries))
    refused(path, capsys, member)


def test_a_bomb_inside_a_split_apk(tmp_path, capsys):
    """The bomb is one level down: inside the base APK of the set."""
    size = 300 << 20
    inner = raw_zip(
        [
            RawEntry.deflated(n, d)
            for n, d in _zip_members(members("notes.apks")["splits/base-master.apk"]).items()
            if n != "classes.dex"
        ]
        + [RawEntry("classes.dex", zeros_deflated(size), zipfile.ZIP_DEFLATED, zlib.crc32(b""), size)]
    )
    entries = members("notes.apks")
    entries["splits/base-master.apk"] = inner
    refused(write(tmp_path, "inner.apks", entries), capsys, "splits/base-master.apk", "classes.dex")


def _zip_members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)
