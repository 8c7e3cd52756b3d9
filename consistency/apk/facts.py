"""Read an APK once into :class:`~consistency.models.ApkFacts`.

One function, :func:`read_apk_facts`, connects the pieces:

* ``zipread.open_apk`` checks the container (missing, empty, not a zip,
  truncated, too many entries) and every entry we read goes through its bounded
  reader, which refuses encrypted entries, zip bombs and CRC damage;
* androguard decodes the binary manifest and the v1 signature, from bytes our
  guard has already read in full, so its unbounded inflater never sees
  anything we have not proven to be small; the v2/v3 signing block is read
  by :mod:`.signing_block` (androguard's parser is quadratic in its pairs);
* ``manifest.parse_manifest`` walks the decoded tree (androguard's getters merge
  or miss elements we need);
* ``dex_index`` indexes every ``classes*.dex`` (classes defined, methods referenced).

Every failure of a third-party parser on hostile input becomes an
:class:`ApkReadError` naming the file, so the CLI prints one line and a batch
scan records the item as failed and goes on.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

from ..errors import ApkReadError
from ..models import ApkFacts, NativeLib
from .arsc_strings import ArscTable
from .assemble import assemble_facts
from .axml_resources import preload_public_resources
from .dex_index import index_apk_dex
from .manifest import Manifest, local_name, parse_manifest
from .packaged import asset_paths, read_version_files
from .policy_urls import PolicyUrlFinder, PolicyUrlRules, load_policy_url_rules
from .signing_block import (
    V2_ID,
    V3_ID,
    SigningBlockError,
    read_signing_block,
    scheme_certificates,
    scheme_value,
)
from .zipread import ApkArchive, ApkLimits, open_apk

log = logging.getLogger(__name__)

MANIFEST = "AndroidManifest.xml"
_V1_SIGNATURE = re.compile(r"META-INF/.*\.(RSA|DSA|EC|SF)", re.IGNORECASE | re.DOTALL)
"""Every v1 (JAR) signature file androguard may read (a block and its .SF file,
at any depth under META-INF, as androguard's own pattern allows)."""
_V1_BLOCKS = frozenset({"RSA", "DSA", "EC"})
"""Suffixes of the signature blocks among them (the rest are .SF files)."""


def read_apk_facts(
    path: str | Path, limits: ApkLimits | None = None, url_rules: PolicyUrlRules | None = None
) -> ApkFacts:
    """Everything the APK declares and contains. Raises ApkReadError (one line,
    naming the file) for anything that is not a readable APK."""
    limits = limits or ApkLimits()
    with open_apk(path, limits) as archive:
        return read_open_apk_facts(archive, limits, url_rules)


def read_open_apk_facts(
    archive: ApkArchive, limits: ApkLimits, url_rules: PolicyUrlRules | None = None
) -> ApkFacts:
    """:func:`read_apk_facts` of an APK already open (a caller that opened it to
    tell its container need not walk a large central directory twice)."""
    finder = PolicyUrlFinder(url_rules or load_policy_url_rules())
    path = Path(archive.path)
    size = _checked_size(path, limits)
    digest = archive.sha256()
    if MANIFEST not in archive:
        raise ApkReadError("not an APK: no AndroidManifest.xml", path)
    root = _decode_manifest(archive.read(MANIFEST, limits), path)
    manifest = _manifest(root, path)
    notes = list(manifest.notes)
    arsc = ArscTable(archive, limits, notes)
    label = _resolve_label(manifest.label, arsc, notes)
    certificates = _signing_certificates(root, archive, limits, notes)
    indexes = index_apk_dex(archive, limits, on_dex=finder.add_dex)
    native_libs = tuple(NativeLib(abi, name) for abi, name in archive.native_libs())
    finder.add_strings(arsc.strings())
    finder.add_assets(archive, (n for n in archive.names() if n.startswith("assets/")), limits)
    version_files = read_version_files(archive, limits)
    assets = asset_paths(archive)
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
        policy_urls=finder.result(),
        zip_anomalies=archive.anomalies,
        version_files=version_files,
        assets=assets,
    )


def read_manifest(archive: ApkArchive, path: Path, limits: ApkLimits) -> Manifest:
    """Only the manifest of an open APK: for a configuration split, which holds
    resources and nothing else the facts need (no code, no signer of its own)."""
    if MANIFEST not in archive:
        raise ApkReadError("not an APK: no AndroidManifest.xml", path)
    return _manifest(_decode_manifest(archive.read(MANIFEST, limits), path), path)


def _checked_size(path: Path, limits: ApkLimits) -> int:
    """The file's size, within the per-APK read limit (the hash reads it all)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ApkReadError(f"cannot read: {exc.strerror or exc}", path) from exc
    if size > limits.max_total_bytes:
        raise ApkReadError(f"file of {size} bytes is over the limit of {limits.max_total_bytes}", path)
    return size


def _silence_androguard() -> None:
    """androguard logs every step through loguru straight to stderr, which would
    garble the CLI's one-line errors. Done on use, not at import time, so
    importing this module changes nothing for anyone."""
    from loguru import logger

    logger.disable("androguard")


def _decode_manifest(raw: bytes, path: Path):
    """The binary manifest as an lxml tree, decoded by androguard from the bytes
    our guard read (so a failure here is the manifest's, never the zip's)."""
    _silence_androguard()
    preload_public_resources()
    from androguard.core.axml import AXMLPrinter

    try:
        printer = AXMLPrinter(raw)
        root = printer.get_xml_obj() if printer.is_valid() else None
    except Exception as exc:  # androguard raises anything from ResParserError to struct.error
        raise ApkReadError(f"corrupt binary manifest: {_one_line(exc)}", path) from exc
    if root is None:
        raise ApkReadError("corrupt binary manifest: AndroidManifest.xml cannot be decoded", path)
    return root


def _manifest(root, path: Path) -> Manifest:
    if local_name(root) != "manifest":
        raise ApkReadError(
            f"corrupt binary manifest: the root element is <{local_name(root)}>, not <manifest>", path
        )
    try:
        manifest = parse_manifest(root)
    except Exception as exc:  # lxml on a tree androguard built from hostile bytes
        raise ApkReadError(f"corrupt binary manifest: {_one_line(exc)}", path) from exc
    if not manifest.package:
        raise ApkReadError("corrupt binary manifest: no package name", path)
    return manifest


def _v1_files(archive: ApkArchive, limits: ApkLimits) -> dict[str, bytes]:
    """Every v1 signature file, read in full by our guard (it would refuse a bomb)."""
    return {name: archive.read(name, limits) for name in archive.names() if _V1_SIGNATURE.fullmatch(name)}


def _v1_adds_nothing(files: dict[str, bytes], known: dict[str, None]) -> bool:
    """Whether the v1 signature cannot add a signer: every certificate that any
    signature block carries is already known (from v2/v3), so whatever
    androguard's verification concluded, the answer would be the same. False
    whenever a block is not plain DER (see :mod:`.signing_v1`)."""
    from .signing_v1 import block_certificates

    blocks = [data for name, data in files.items() if name.rsplit(".", 1)[-1].upper() in _V1_BLOCKS]
    if not blocks or not known:
        return False
    for block in blocks:
        certificates = block_certificates(block)
        if certificates is None:
            return False
        if any(hashlib.sha256(der).hexdigest() not in known for der in certificates):
            return False
    return True


def _v1_apk(root, files: dict[str, bytes]):
    """androguard's APK for the v1 (JAR) signature only, over a small zip we
    write ourselves holding just the signature files our guard has read. Its
    own zip reader never sees the APK: it refuses what Android installs (see
    :func:`~.zipread.open_apk`). The decoded manifest is handed over so its v1
    verifier sees minSdkVersion, as it would had it decoded it itself. None
    when the APK has no v1 signature files."""
    import io
    import zipfile

    if not files:
        return None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as small:
        for name, data in files.items():
            small.writestr(name, data)
    _silence_androguard()
    from androguard.core.apk import APK

    apk = APK(buffer.getvalue(), raw=True, skip_analysis=True)
    apk.xml[MANIFEST] = root
    return apk


def _resolve_label(label: str | None, arsc: ArscTable, notes: list[str]) -> str | None:
    """The label as a person sees it. A literal is used as is; a reference
    (``@7F040001``) is looked up in ``resources.arsc`` for the default
    configuration. Failure is not an error: the label is for display only."""
    if not label or not label.startswith("@"):
        return label or None
    if not arsc.present:
        notes.append(f"app label {label} not resolved: no resources.arsc")
        return None
    preload_public_resources()
    from androguard.core.axml import ARSCParser, ARSCResTableConfig

    try:
        res_id, package = ARSCParser.parse_id(label)
        if package == "android":
            notes.append(f"app label {label} is a framework resource, not resolved")
            return None
        resources = arsc.parser()
        # the default configuration first; an app whose strings exist only in
        # localised folders still has a label, so then take the first one found
        configs = resources.get_resolved_res_configs(
            res_id, ARSCResTableConfig.default_config()
        ) or resources.get_resolved_res_configs(res_id)
        value = configs[0][1] if configs else None
    except ApkReadError:
        raise
    except Exception as exc:  # a damaged resource table: keep going without a label
        notes.append(f"app label {label} not resolved: {_one_line(exc)}")
        return None
    if not isinstance(value, str) or not value.strip():
        notes.append(f"app label {label} not resolved")
        return None
    return value.strip()


def _signing_certificates(root, archive: ApkArchive, limits: ApkLimits, notes: list[str]) -> tuple[str, ...]:
    """SHA-256 (hex) of each distinct signing certificate: v3, then v2, then v1.

    v2 and v3 are read from the APK Signing Block by our bounded reader
    (:mod:`.signing_block`); v1 by androguard over the signature files our guard
    read (it would refuse a bomb), unless the v1 blocks carry only certificates
    already found (:func:`_v1_adds_nothing`). A signature that cannot be parsed is noted,
    not fatal: the signer is shown to people, nothing depends on it."""
    found: dict[str, None] = {}
    try:
        pairs = read_signing_block(archive.read_range, archive.central_directory_offset)
    except SigningBlockError as exc:
        notes.append(f"v2/v3 signing block not readable: {exc}")
        pairs = None
    for scheme, scheme_id in (("v3", V3_ID), ("v2", V2_ID)):
        if pairs is None:
            break
        try:
            value = scheme_value(pairs, scheme_id)
            ders = scheme_certificates(value) if value is not None else []
        except SigningBlockError as exc:
            notes.append(f"{scheme} signature not readable: {exc}")
            continue
        for der in ders:
            if der:
                found.setdefault(hashlib.sha256(der).hexdigest(), None)
    try:
        files = _v1_files(archive, limits)
        apk = None if _v1_adds_nothing(files, found) else _v1_apk(root, files)
        ders = [c.dump() for c in apk.get_certificates_v1()] if apk is not None else []
    except ApkReadError:
        raise
    except Exception as exc:  # hostile signature files: androguard raises anything
        notes.append(f"v1 signature not readable: {_one_line(exc)}")
        ders = []
    for der in ders:
        if der:
            found.setdefault(hashlib.sha256(der).hexdigest(), None)
    return tuple(found)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    name = type(exc).__name__
    return f"{name}: {text[:200]}" if text else name
