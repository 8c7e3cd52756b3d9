"""Build the Field Notes bundle samples from the sources in this folder.

    python3 samples/notes/build.py

Writes, next to this script:

* ``notes.aab``: an App Bundle: ``base`` module (manifest, DEX, resources,
  arm64 native library) and a ``scanner`` feature module (asks for CAMERA). The
  protobuf manifests and resource table are written by the small encoder below,
  from the text manifests, without aapt2 or bundletool;
* ``notes.apks``: a bundletool-style APK set: ``toc.pb``, ``splits/base-master.apk``,
  ``splits/base-arm64_v8a.apk`` and ``splits/scanner-master.apk``;
* ``notes.xapk``: the same APKs with a ``manifest.json``.

The split APKs are built with Debian's ``aapt`` and ``smali`` (see ../README.md);
they are not signed (a reader must not need a signature). Zip entries get a fixed
timestamp and order, so a rebuild with the same tools gives the same bytes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FRAMEWORK_RES = os.environ.get("FRAMEWORK_RES", "/usr/share/android-framework-res/framework-res.apk")
SMALI_CP = os.environ.get("SMALI_CP", "/usr/share/java/smali.jar:/usr/share/java/*")
ANDROID = "http://schemas.android.com/apk/res/android"
STAMP = (1980, 1, 1, 0, 0, 0)
ELF64 = b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + b"\x03\x00\xb7\x00" + b"\x00" * 44
"""A 64-byte ELF header for AArch64: enough for a file to be a native library by name and magic."""
STRINGS_PACKAGE_ID, STRINGS_TYPE_ID = 0x7F, 0x01


# ------------------------------------------------------------ protobuf encoder


def varint(value: int) -> bytes:
    out = bytearray()
    value &= (1 << 64) - 1
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def field_varint(number: int, value: int) -> bytes:
    return varint(number << 3) + varint(value)


def field_bytes(number: int, data: bytes | str) -> bytes:
    raw = data.encode() if isinstance(data, str) else data
    return varint(number << 3 | 2) + varint(len(raw)) + raw


def compiled_item(value: str, string_ids: dict[str, int]) -> bytes:
    """aapt2's compiled form of an attribute value: Item{ref} or Item{prim}."""
    if value.startswith("@string/") and value[8:] in string_ids:
        return field_bytes(1, field_varint(2, string_ids[value[8:]]) + field_bytes(3, value[1:]))
    if value.lstrip("-").isdigit():
        return field_bytes(7, field_varint(6, int(value)))
    if value in ("true", "false"):
        return field_bytes(7, field_varint(8, value == "true"))
    return b""


def xml_element(element: ET.Element, namespaces: dict[str, str], string_ids: dict[str, int]) -> bytes:
    out = b""
    for prefix, uri in namespaces.items():
        out += field_bytes(1, field_bytes(1, prefix) + field_bytes(2, uri))
    uri, name = split_tag(element.tag)
    if uri:
        out += field_bytes(2, uri)
    out += field_bytes(3, name)
    for key, value in element.attrib.items():
        attr_uri, attr_name = split_tag(key)
        attribute = (
            (field_bytes(1, attr_uri) if attr_uri else b"")
            + field_bytes(2, attr_name)
            + field_bytes(3, value)
        )
        item = compiled_item(value, string_ids)
        if item:
            attribute += field_bytes(6, item)
        out += field_bytes(4, attribute)
    for child in element:
        out += field_bytes(5, field_bytes(1, xml_element(child, {}, string_ids)))
    return out


def split_tag(tag: str) -> tuple[str, str]:
    return (tag[1:].split("}", 1)[0], tag.split("}", 1)[1]) if tag.startswith("{") else ("", tag)


def proto_manifest(path: Path, string_ids: dict[str, int]) -> bytes:
    namespaces = {prefix: uri for _, (prefix, uri) in ET.iterparse(path, events=("start-ns",))}
    root = ET.parse(path).getroot()
    return field_bytes(1, xml_element(root, namespaces, string_ids))


def resource_table(package: str, strings: list[tuple[str, str]]) -> bytes:
    """ResourceTable{package{package_id, package_name, type{type_id, name: string, entry...}}}."""
    entries = b""
    for index, (name, value) in enumerate(strings):
        config_value = field_bytes(1, b"") + field_bytes(
            2, field_bytes(4, field_bytes(2, field_bytes(1, value)))
        )
        entries += field_bytes(
            3, field_bytes(1, field_varint(1, index)) + field_bytes(2, name) + field_bytes(6, config_value)
        )
    type_ = field_bytes(1, field_varint(1, STRINGS_TYPE_ID)) + field_bytes(2, "string") + entries
    package_ = (
        field_bytes(1, field_varint(1, STRINGS_PACKAGE_ID)) + field_bytes(2, package) + field_bytes(3, type_)
    )
    return field_bytes(2, package_)


# ------------------------------------------------------------------ builders


def read_strings() -> list[tuple[str, str]]:
    root = ET.parse(HERE / "base" / "res" / "values" / "strings.xml").getroot()
    return [(s.get("name"), s.text or "") for s in root.iter("string")]


def assemble_dex(smali_dir: Path, out: Path) -> None:
    subprocess.run(
        [
            "java",
            "-cp",
            SMALI_CP,
            "org.jf.smali.Main",
            "assemble",
            "--api",
            "21",
            "--jobs",
            "1",
            "-o",
            str(out),
            str(smali_dir),
        ],
        check=True,
    )


def aapt_apk(manifest: Path, out: Path, res: Path | None = None) -> None:
    command = ["aapt", "package", "-f", "-M", str(manifest), "-I", FRAMEWORK_RES, "-F", str(out)]
    if res is not None:
        command[3:3] = ["-S", str(res)]
    subprocess.run(command, check=True)


def write_zip(out: Path, members: list[tuple[str, bytes]]) -> None:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)


def add_to_apk(apk: Path, extra: list[tuple[str, bytes]]) -> bytes:
    """The aapt output with extra entries, rewritten with fixed timestamps."""
    with zipfile.ZipFile(apk) as zf:
        members = [(name, zf.read(name)) for name in zf.namelist()]
    rebuilt = apk.with_suffix(".rebuilt.apk")
    write_zip(rebuilt, members + extra)
    return rebuilt.read_bytes()


def main() -> None:
    strings = read_strings()
    string_ids = {
        name: STRINGS_PACKAGE_ID << 24 | STRINGS_TYPE_ID << 16 | i for i, (name, _) in enumerate(strings)
    }
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        assemble_dex(HERE / "base" / "smali", tmp / "classes.dex")
        dex = (tmp / "classes.dex").read_bytes()

        # App Bundle
        write_zip(
            HERE / "notes.aab",
            [
                ("BundleConfig.pb", b""),
                (
                    "base/manifest/AndroidManifest.xml",
                    proto_manifest(HERE / "base" / "AndroidManifest.xml", string_ids),
                ),
                ("base/dex/classes.dex", dex),
                ("base/resources.pb", resource_table("org.example.notes", strings)),
                ("base/lib/arm64-v8a/libnotes.so", ELF64),
                (
                    "scanner/manifest/AndroidManifest.xml",
                    proto_manifest(HERE / "scanner" / "AndroidManifest.xml", string_ids),
                ),
            ],
        )

        # split APKs
        aapt_apk(HERE / "base" / "AndroidManifest.xml", tmp / "base.apk", HERE / "base" / "res")
        base = add_to_apk(tmp / "base.apk", [("classes.dex", dex)])
        aapt_apk(HERE / "config-arm64" / "AndroidManifest.xml", tmp / "arm64.apk")
        arm64 = add_to_apk(tmp / "arm64.apk", [("lib/arm64-v8a/libnotes.so", ELF64)])
        aapt_apk(HERE / "scanner" / "AndroidManifest.xml", tmp / "scanner.apk")
        scanner = add_to_apk(tmp / "scanner.apk", [])
        write_zip(
            HERE / "notes.apks",
            [
                ("toc.pb", b""),
                ("splits/base-master.apk", base),
                ("splits/base-arm64_v8a.apk", arm64),
                ("splits/scanner-master.apk", scanner),
            ],
        )
        manifest = {
            "xapk_version": 2,
            "package_name": "org.example.notes",
            "name": "Field Notes",
            "version_code": "7",
            "version_name": "1.3.0",
            "min_sdk_version": "24",
            "target_sdk_version": "34",
            "split_apks": [
                {"file": "org.example.notes.apk", "id": "base"},
                {"file": "config.arm64_v8a.apk", "id": "config.arm64_v8a"},
                {"file": "scanner.apk", "id": "scanner"},
            ],
        }
        write_zip(
            HERE / "notes.xapk",
            [
                ("manifest.json", json.dumps(manifest, indent=2).encode()),
                ("org.example.notes.apk", base),
                ("config.arm64_v8a.apk", arm64),
                ("scanner.apk", scanner),
            ],
        )
    for name in ("notes.aab", "notes.apks", "notes.xapk"):
        print(f"{name:12} {(HERE / name).stat().st_size:7d} bytes")


if __name__ == "__main__":
    if shutil.which("aapt") is None or shutil.which("java") is None:
        raise SystemExit("build.py: needs aapt and java with smali (see ../README.md)")
    main()
