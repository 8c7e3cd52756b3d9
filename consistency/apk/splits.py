"""Read split APK sets (``.apks``, ``.xapk``, ``.apkm``) into one set of facts.

Catalogs and stores hold an app as a *base* APK plus split APKs (configuration
splits for ABI, screen density and language; feature splits), packed as:

* ``.apks``: bundletool's APK set: ``toc.pb`` and ``splits/base-master.apk`` +
  ``splits/*.apk``, or ``universal.apk``, or ``standalones/*.apk``;
* ``.xapk``: a ``manifest.json`` naming the package and the split files
  (``split_apks: [{file, id}]``), or a single ``<package>.apk``;
* ``.apkm``: APKMirror's bundle: ``info.json``, ``base.apk`` and
  ``split_config.*.apk``. Newer ones are encrypted; those are refused clearly.

Each member APK is read by the single-APK reader (every guard applies to it),
then the facts are merged: the base APK gives the package, versions, SDK levels,
label and signers; permissions, components, meta-data and features are the union
over all parts (a feature split's requests are the app's); DEX files and native
libraries are the union over all splits, named ``split/entry``. The parts are
listed in ``ApkFacts.parts``. A member that is itself a bundle is refused: we
unpack one level, never recursively.
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
from pathlib import Path, PurePosixPath

from ..errors import ApkReadError
from ..models import ApkFacts
from .app_file import sha256_file
from .dex_index import java_to_descriptor
from .merge import merged_declarations, union
from .policy_urls import PolicyUrlRules
from .zipread import ApkArchive, ApkLimits, open_apk

SPLIT_CONTAINERS = ("apks", "xapk", "apkm")
_TOC = "toc.pb"
_XAPK_MANIFEST = "manifest.json"
_APKM_INFO = "info.json"
_MAX_JSON_BYTES = 1 << 20
_NESTED_MARKERS = ("toc.pb", "manifest.json", "info.json", "base/manifest/AndroidManifest.xml")


def split_container(archive: ApkArchive) -> str | None:
    """``apks``, ``xapk`` or ``apkm`` when the zip is laid out as that kind of set."""
    names = set(archive.names())
    has_apks = any(name.lower().endswith(".apk") for name in names)
    if not has_apks:
        return None
    if _TOC in names:
        return "apks"
    if _APKM_INFO in names:
        return "apkm"
    if _XAPK_MANIFEST in names:
        return "xapk"
    if "AndroidManifest.xml" not in names and (
        "universal.apk" in names or any(n.startswith("splits/") for n in names)
    ):
        return "apks"
    return None


def read_split_facts(
    path: str | Path,
    container: str,
    limits: ApkLimits | None = None,
    url_rules: PolicyUrlRules | None = None,
) -> ApkFacts:
    """One set of facts for a split APK set. Raises ApkReadError (one line) when
    the set, its index file or any member is unusable."""
    from .facts import read_apk_facts

    limits = limits or ApkLimits()
    path = Path(path)
    notes: list[str] = []
    with open_apk(path, limits) as archive:
        members = _members(archive, container, limits, path, notes)
        parts: list[tuple[str, ApkFacts]] = []
        with tempfile.TemporaryDirectory(prefix="consistency-split-") as tmp:
            for index, member in enumerate(members):
                data = _read_member(archive, member, container, limits, path)
                local = Path(tmp) / f"{index}.apk"
                local.write_bytes(data)
                del data
                _refuse_nested(local, member, limits, path)
                try:
                    light = index > 0 and _resources_only(local, limits)
                    facts = (
                        _manifest_facts(local, limits) if light else read_apk_facts(local, limits, url_rules)
                    )
                except ApkReadError as exc:
                    raise ApkReadError(f"{member}: {exc.reason}", path) from exc
                parts.append((member, facts))
                local.unlink()
    facts = merge_split_facts(path, container, parts, notes)
    _check_declared_package(
        archive_package=_declared_package(path, container, limits), facts=facts, path=path
    )
    return facts


def merge_split_facts(
    path: Path, container: str, parts: list[tuple[str, ApkFacts]], notes: list[str]
) -> ApkFacts:
    """The base (first part) with every part's requests, code and libraries added."""
    base = parts[0][1]
    every = [facts for _, facts in parts]
    for member, facts in parts[1:]:
        if facts.package != base.package:
            raise ApkReadError(
                f"{member} is from package {facts.package}, the base APK from {base.package}", path
            )
    classes = frozenset(c for f in every for c in f.classes)
    defined = {java_to_descriptor(c) for c in classes}
    api_refs = frozenset(r for f in every for r in f.api_refs if r[: r.index("->")] not in defined)
    field_refs = frozenset(r for f in every for r in f.field_refs if r[: r.index("->")] not in defined)
    size = path.stat().st_size
    return dataclasses.replace(
        base,
        path=str(path),
        sha256=sha256_file(path),
        size=size,
        **merged_declarations(every),
        native_libs=union((f.native_libs for f in every), key=lambda lib: (lib.abi, lib.name)),
        dex=tuple(
            dataclasses.replace(d, name=f"{_part_name(member)}/{d.name}")
            for member, f in parts
            for d in f.dex
        ),
        classes=classes,
        api_refs=api_refs,
        field_refs=field_refs,
        content_uris=frozenset(u for f in every for u in f.content_uris),
        notes=tuple(dict.fromkeys([*notes, *base.notes])),
        container=container,
        parts=tuple(member for member, _ in parts),
        policy_urls=_merge_urls(parts),
    )


# ------------------------------------------------------------------ members


def _members(
    archive: ApkArchive, container: str, limits: ApkLimits, path: Path, notes: list[str]
) -> list[str]:
    """The member APKs to read, base first."""
    apks = sorted(name for name in archive.names() if name.lower().endswith(".apk"))
    if container == "apks":
        return _apks_members(apks, path, notes)
    if container == "xapk":
        return _xapk_members(archive, apks, limits, path)
    return _apkm_members(archive, apks, path)


def _apks_members(apks: list[str], path: Path, notes: list[str]) -> list[str]:
    splits = [name for name in apks if name.startswith("splits/")]
    if splits:
        base = [name for name in splits if PurePosixPath(name).name == "base-master.apk"]
        if not base:
            raise ApkReadError("APK set without splits/base-master.apk: no base APK", path)
        return base + [name for name in splits if name not in base]
    if "universal.apk" in apks:
        return ["universal.apk"]
    standalones = [name for name in apks if name.startswith("standalones/")]
    if standalones:
        if len(standalones) > 1:
            notes.append(f"{len(standalones)} standalone APKs for different devices; read {standalones[0]}")
        return standalones[:1]
    raise ApkReadError("APK set without a base APK (no splits/, universal.apk or standalones/)", path)


def _xapk_members(archive: ApkArchive, apks: list[str], limits: ApkLimits, path: Path) -> list[str]:
    manifest = _json(archive, _XAPK_MANIFEST, limits, path)
    listed = manifest.get("split_apks")
    if listed is None:
        package = manifest.get("package_name")
        single = [name for name in apks if "/" not in name]
        named = f"{package}.apk" if isinstance(package, str) else None
        if named in single:
            return [named]
        if len(single) == 1:
            return single
        raise ApkReadError("manifest.json lists no split_apks and no single base APK is present", path)
    if not isinstance(listed, list) or not all(
        isinstance(s, dict) and isinstance(s.get("file"), str) for s in listed
    ):
        raise ApkReadError("manifest.json: split_apks is not a list of {file, id}", path)
    files = [s["file"] for s in listed]
    for name in files:
        if name not in archive:
            raise ApkReadError(f"manifest.json lists {name!r}, which the .xapk does not contain", path)
    base = [s["file"] for s in listed if s.get("id") == "base"] or [
        name for name in files if PurePosixPath(name).name == "base.apk"
    ]
    if not base:
        raise ApkReadError('manifest.json names no base split (id "base")', path)
    return base[:1] + [name for name in dict.fromkeys(files) if name != base[0]]


def _apkm_members(archive: ApkArchive, apks: list[str], path: Path) -> list[str]:
    if "base.apk" not in apks:
        raise ApkReadError(".apkm without base.apk: unknown or encrypted layout", path)
    return ["base.apk"] + [name for name in apks if name != "base.apk"]


def _read_member(archive: ApkArchive, member: str, container: str, limits: ApkLimits, path: Path) -> bytes:
    if container == "apkm" and archive.flagged_encrypted(member):
        # APKMirror's protected .apkm really encrypts its members (an APK's own
        # entries carrying the flag are only a trick, read through by zipread)
        raise ApkReadError(
            "encrypted .apkm (APKMirror's protected format) cannot be read: install or decrypt it with "
            "APKMirror's tools and give the APKs",
            path,
        )
    try:
        return archive.read(member, limits)
    except ApkReadError as exc:
        if container == "apkm" and "encrypted" in exc.reason:
            raise ApkReadError(
                "encrypted .apkm (APKMirror's protected format) cannot be read: install or decrypt it with "
                "APKMirror's tools and give the APKs",
                path,
            ) from exc
        raise


def _resources_only(local: Path, limits: ApkLimits) -> bool:
    """A split with no DEX and no native library (language and density splits):
    only its manifest can add facts, so resources and signatures are not read.
    An APK set from bundletool has one per language, 80 in a real one."""
    with open_apk(local, limits) as inner:
        return not inner.dex_names() and not inner.native_libs()


def _manifest_facts(local: Path, limits: ApkLimits) -> ApkFacts:
    """Facts of a resources-only split: its manifest's declarations, no code."""
    from .assemble import assemble_facts
    from .facts import read_manifest

    with open_apk(local, limits) as inner:
        manifest = read_manifest(inner, local, limits)
    return assemble_facts(manifest, path=str(local), sha256="", size=local.stat().st_size, label=None)


def _refuse_nested(local: Path, member: str, limits: ApkLimits, path: Path) -> None:
    """A member that is itself a bundle or APK set is refused, not unpacked."""
    try:
        with open_apk(local, limits) as inner:
            names = set(inner.names())
    except ApkReadError:
        return  # not a zip: the APK reader will say so with its own message
    if "AndroidManifest.xml" not in names and any(marker in names for marker in _NESTED_MARKERS):
        raise ApkReadError(f"{member} is itself a bundle; bundles nested in bundles are not read", path)


def _json(archive: ApkArchive, name: str, limits: ApkLimits, path: Path) -> dict:
    if archive.declared_size(name) > _MAX_JSON_BYTES:
        raise ApkReadError(f"{name} is over {_MAX_JSON_BYTES} bytes", path)
    try:
        value = json.loads(archive.read(name, limits).decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ApkReadError(f"{name} is not valid JSON: {type(exc).__name__}", path) from exc
    if not isinstance(value, dict):
        raise ApkReadError(f"{name} is not a JSON object", path)
    return value


def _declared_package(path: Path, container: str, limits: ApkLimits) -> str | None:
    """The package the set's own index file claims (``manifest.json``, ``info.json``)."""
    name = {"xapk": _XAPK_MANIFEST, "apkm": _APKM_INFO}.get(container)
    if name is None:
        return None
    with open_apk(path, limits) as archive:
        if name not in archive:
            return None
        value = _json(archive, name, limits, path)
    package = value.get("package_name", value.get("pname"))
    return package if isinstance(package, str) else None


def _check_declared_package(archive_package: str | None, facts: ApkFacts, path: Path) -> None:
    if archive_package is not None and archive_package != facts.package:
        raise ApkReadError(
            f"the set's index file says package {archive_package!r}, the base APK is {facts.package!r}", path
        )


def _merge_urls(parts: list[tuple[str, ApkFacts]]):
    best = {}
    for member, facts in parts:
        for url in facts.policy_urls:
            url = dataclasses.replace(url, source=f"{member}: {url.source}")
            if url.url not in best or url.score > best[url.url].score:
                best[url.url] = url
    return tuple(sorted(best.values(), key=lambda u: (-u.score, u.url)))


def _part_name(member: str) -> str:
    return PurePosixPath(member).stem
