"""Read an Android App Bundle (``.aab``) into the same :class:`ApkFacts` as an APK.

An App Bundle is what a developer uploads to Google Play: a zip with one folder
per *module* (``base/`` and any feature modules), each holding

* ``manifest/AndroidManifest.xml``: aapt2's protobuf ``XmlNode`` (read by
  :mod:`.proto_manifest`, then by the same ``parse_manifest`` as an APK's);
* ``dex/classes*.dex``: the module's code (indexed like an APK's DEX);
* ``lib/<abi>/*.so``: native libraries;
* ``resources.pb``: the resource table, protobuf too (for the app label and the
  privacy-policy URL);
* ``assets/``, ``root/``, ``res/``.

Facts are merged across modules the way the installed app sees them: the base
module gives the package, versions and SDK levels; permissions, components,
meta-data and features are the union over every module's manifest (Play merges
install-time feature modules into the base manifest, and an on-demand module's
permissions are requested by the same app). A bundle is signed like a JAR
(``META-INF/*.RSA``); its certificates are the signing info when present.

Every read goes through :mod:`.zipread`'s bounded reader, so a bomb or a lie in
any member is refused with one line, as for an APK.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ApkReadError
from ..models import ApkFacts, NativeLib
from .app_file import sha256_file
from .assemble import assemble_facts
from .dex_index import DexIndex, index_dex
from .manifest import Manifest, parse_manifest
from .merge import merge_manifests
from .packaged import asset_paths, read_version_files
from .policy_urls import PolicyUrlFinder, PolicyUrlRules, load_policy_url_rules
from .proto_manifest import decode_proto_manifest, string_resources
from .proto_messages import build_messages
from .signing import jar_certificates
from .zipread import ApkArchive, ApkLimits, open_apk

BASE = "base"
_MANIFEST = re.compile(r"([^/]+)/manifest/AndroidManifest\.xml")
_DEX = re.compile(r"([^/]+)/dex/classes(\d*)\.dex")
_NATIVE_LIB = re.compile(r"([^/]+)/lib/([^/]+)/([^/]+\.so)")
_NESTED = re.compile(r".*\.(aab|apks|xapk|apkm)", re.IGNORECASE)


def is_bundle(archive: ApkArchive) -> bool:
    """True when the zip is laid out as an App Bundle (a module manifest at the top)."""
    return any(_MANIFEST.fullmatch(name) for name in archive.names())


def read_bundle_facts(
    path: str | Path, limits: ApkLimits | None = None, url_rules: PolicyUrlRules | None = None
) -> ApkFacts:
    """Everything an App Bundle declares and contains, merged over its modules.
    Raises ApkReadError (one line, naming the file) for anything unreadable."""
    limits = limits or ApkLimits()
    path = Path(path)
    size = path.stat().st_size if path.is_file() else 0
    with open_apk(path, limits) as archive:
        modules = _modules(archive, path)
        messages = build_messages()
        manifests = [_module_manifest(archive, module, limits, path, messages) for module in modules]
        manifest = merge_manifests(manifests)
        notes = list(manifest.notes)
        strings = _strings(archive, modules, limits, path, messages, notes)
        label = _resolve_label(manifest.label, strings, notes)
        finder = PolicyUrlFinder(url_rules or load_policy_url_rules())
        finder.add_strings(strings, "resource")
        indexes = _index_dex(archive, modules, limits, path, finder)
        finder.add_assets(archive, _assets(archive, modules), limits)
        native_libs = tuple(
            sorted(
                {
                    NativeLib(m.group(2), m.group(3))
                    for name in archive.names()
                    if (m := _NATIVE_LIB.fullmatch(name)) and m.group(1) in modules
                }
            )
        )
        certificates = jar_certificates(archive, limits, notes)
        digest = sha256_file(path)
        version_files = read_version_files(archive, limits, tuple(f"{m}/root/" for m in modules))
        assets = asset_paths(archive, tuple(f"{m}/" for m in modules))
    return assemble_facts(
        manifest,
        path=str(path),
        sha256=digest,
        size=size,
        label=label,
        certificates=certificates,
        indexes=indexes,
        native_libs=native_libs,
        notes=tuple(notes),
        container="aab",
        parts=tuple(modules),
        policy_urls=finder.result(),
        zip_anomalies=archive.anomalies,
        version_files=version_files,
        assets=assets,
    )


def _modules(archive: ApkArchive, path: Path) -> list[str]:
    """``base`` first, then the feature modules in name order. A bundle without
    ``base/`` is refused; so is one that only wraps another bundle."""
    found = sorted({m.group(1) for name in archive.names() if (m := _MANIFEST.fullmatch(name))})
    if BASE not in found:
        nested = next((name for name in archive.names() if _NESTED.fullmatch(name)), None)
        if nested and not found:
            raise ApkReadError(f"a bundle nested in a bundle ({nested}) is not read: unpack it first", path)
        raise ApkReadError(
            "not an App Bundle: no base/manifest/AndroidManifest.xml (missing base module)", path
        )
    return [BASE, *(m for m in found if m != BASE)]


def _module_manifest(archive: ApkArchive, module: str, limits: ApkLimits, path: Path, messages) -> Manifest:
    entry = f"{module}/manifest/AndroidManifest.xml"
    root = decode_proto_manifest(archive.read(entry, limits), entry, path, messages)
    try:
        manifest = parse_manifest(root)
    except Exception as exc:  # lxml on a tree built from hostile bytes
        raise ApkReadError(f"corrupt protobuf manifest {entry}: {type(exc).__name__}", path) from exc
    if module == BASE and not manifest.package:
        raise ApkReadError(f"corrupt protobuf manifest {entry}: no package name", path)
    return manifest


def _strings(
    archive: ApkArchive, modules: list[str], limits: ApkLimits, path: Path, messages, notes: list[str]
):
    """String resources of every module. A damaged table is noted, not fatal:
    strings only serve the label and the policy URL."""
    found = []
    for module in modules:
        entry = f"{module}/resources.pb"
        if entry not in archive:
            continue
        data = archive.read(entry, limits)  # a bomb or a lie in the zip is the file's failure
        try:
            found.extend(string_resources(data, entry, path, messages))
        except ApkReadError as exc:  # a damaged table only costs the label and the policy URL
            notes.append(f"{entry} not read: {exc.reason}")
    return tuple(found)


def _resolve_label(label: str | None, strings, notes: list[str]) -> str | None:
    if not label or not label.startswith("@"):
        return label or None
    try:
        wanted = int(label[1:], 16)
    except ValueError:
        notes.append(f"app label {label} not resolved")
        return None
    value = next((s.value for s in strings if s.resource_id == wanted), None)
    if value is None or not value.strip():
        notes.append(f"app label {label} not resolved")
        return None
    return value.strip()


def _index_dex(
    archive: ApkArchive, modules: list[str], limits: ApkLimits, path: Path, finder: PolicyUrlFinder
) -> tuple[DexIndex, ...]:
    """Every module's ``classes*.dex`` in load order (module order, then number),
    each read once for its index and its URL strings."""
    found = [
        (modules.index(m.group(1)), m.group(2) != "", int(m.group(2) or 0), name)
        for name in archive.names()
        if (m := _DEX.fullmatch(name)) and m.group(1) in modules
    ]
    indexes = []
    for *_, name in sorted(found):
        data = archive.read(name, limits)
        try:
            indexes.append(index_dex(data, name))
        except ApkReadError as exc:
            raise ApkReadError(exc.reason, path) from exc
        finder.add_dex(name, data)
    return tuple(indexes)


def _assets(archive: ApkArchive, modules: list[str]) -> tuple[str, ...]:
    return tuple(
        name
        for name in archive.names()
        if name.split("/", 1)[0] in modules and name.split("/")[1:2] == ["assets"]
    )
