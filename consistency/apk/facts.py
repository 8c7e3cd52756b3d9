"""Read an APK once into :class:`~consistency.models.ApkFacts`.

One function, :func:`read_apk_facts`, connects the pieces:

* ``zipread.open_apk`` checks the container (missing, empty, not a zip,
  truncated, too many entries) and every entry we read goes through its bounded
  reader, which refuses encrypted entries, zip bombs and CRC damage;
* androguard decodes the binary manifest and the v1/v2/v3 signatures. It gets
  the bytes we already hold (``APK(data, raw=True)``) and only ever touches
  entries our guard has already read in full, so its unbounded inflater never
  sees anything we have not proven to be small;
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
from .dex_index import index_apk_dex
from .manifest import Manifest, local_name, parse_manifest
from .policy_urls import PolicyUrlFinder, PolicyUrlRules, load_policy_url_rules
from .zipread import ApkArchive, ApkLimits, open_apk

log = logging.getLogger(__name__)

MANIFEST = "AndroidManifest.xml"
_V1_SIGNATURE = re.compile(r"META-INF/.*\.(RSA|DSA|EC|SF)", re.IGNORECASE | re.DOTALL)
"""Every v1 (JAR) signature file androguard may read (a block and its .SF file,
at any depth under META-INF, as androguard's own pattern allows)."""


def read_apk_facts(
    path: str | Path, limits: ApkLimits | None = None, url_rules: PolicyUrlRules | None = None
) -> ApkFacts:
    """Everything the APK declares and contains. Raises ApkReadError (one line,
    naming the file) for anything that is not a readable APK."""
    limits = limits or ApkLimits()
    finder = PolicyUrlFinder(url_rules or load_policy_url_rules())
    path = Path(path)
    with open_apk(path, limits) as archive:
        data = _read_whole(archive, path, limits)
        if MANIFEST not in archive:
            raise ApkReadError("not an APK: no AndroidManifest.xml", path)
        root = _decode_manifest(archive.read(MANIFEST, limits), path)
        manifest = _manifest(root, path)
        notes = list(manifest.notes)
        arsc = ArscTable(archive, limits, notes)
        label = _resolve_label(manifest.label, arsc, notes)
        certificates = _signing_certificates(_androguard_apk(data, root, path), archive, limits, notes)
        indexes = index_apk_dex(archive, limits, on_dex=finder.add_dex)
        native_libs = tuple(NativeLib(abi, name) for abi, name in archive.native_libs())
        finder.add_strings(arsc.strings())
        finder.add_assets(archive, (n for n in archive.names() if n.startswith("assets/")), limits)
    return assemble_facts(
        manifest,
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        label=label,
        certificates=certificates,
        indexes=indexes,
        native_libs=native_libs,
        notes=tuple(notes),
        policy_urls=finder.result(),
    )


def read_manifest(archive: ApkArchive, path: Path, limits: ApkLimits) -> Manifest:
    """Only the manifest of an open APK: for a configuration split, which holds
    resources and nothing else the facts need (no code, no signer of its own)."""
    if MANIFEST not in archive:
        raise ApkReadError("not an APK: no AndroidManifest.xml", path)
    return _manifest(_decode_manifest(archive.read(MANIFEST, limits), path), path)


def _read_whole(archive: ApkArchive, path: Path, limits: ApkLimits) -> bytes:
    """The file's bytes, for its hash and for androguard's signature parsing (the
    v2/v3 signing block sits between the entries and the central directory, so
    it needs the whole file). Bounded by the per-APK read limit."""
    size = path.stat().st_size
    if size > limits.max_total_bytes:
        raise ApkReadError(f"file of {size} bytes is over the limit of {limits.max_total_bytes}", path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ApkReadError(f"cannot read: {exc.strerror or exc}", path) from exc


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


def _androguard_apk(data: bytes, root, path: Path):
    """androguard's APK over the bytes we hold, for the signatures only. Its own
    manifest analysis is skipped (we decoded the manifest already); the decoded
    tree is handed to it so its v1 verifier sees minSdkVersion, as it would had
    it decoded the manifest itself."""
    _silence_androguard()
    from androguard.core.apk import APK

    try:
        apk = APK(data, raw=True, skip_analysis=True)
    except Exception as exc:  # a zip layout androguard's own reader rejects
        raise ApkReadError(f"androguard cannot read the archive: {_one_line(exc)}", path) from exc
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


def _signing_certificates(apk, archive: ApkArchive, limits: ApkLimits, notes: list[str]) -> tuple[str, ...]:
    """SHA-256 (hex) of each distinct signing certificate: v3, then v2, then v1.

    Before androguard reads the v1 signature files, our guard reads them (it
    would refuse a bomb or an encrypted entry). A signature block androguard
    cannot parse is noted, not fatal: the signer is shown to people, nothing
    depends on it."""
    for name in archive.names():
        if _V1_SIGNATURE.fullmatch(name):
            archive.read(name, limits)
    found: dict[str, None] = {}
    for scheme, getter in (
        ("v3", lambda: apk.get_certificates_der_v3()),
        ("v2", lambda: apk.get_certificates_der_v2()),
        ("v1", lambda: [c.dump() for c in apk.get_certificates_v1()]),
    ):
        try:
            ders = getter() or []
        except Exception as exc:  # hostile signing blocks: androguard raises anything
            notes.append(f"{scheme} signature not readable: {_one_line(exc)}")
            continue
        for der in ders:
            if der:
                found.setdefault(hashlib.sha256(der).hexdigest(), None)
    return tuple(found)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    name = type(exc).__name__
    return f"{name}: {text[:200]}" if text else name
