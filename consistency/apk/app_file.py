"""Read any app file we support into :class:`ApkFacts`, whatever its container.

``.apk``, an App Bundle (``.aab``) or a split APK set (``.apks``, ``.xapk``,
``.apkm``). The container is recognised by its layout, not trusted from the
file name: a renamed bundle is still read as a bundle, and a zip that is none
of these gets the APK reader's own one-line refusal.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..models import ApkFacts
from .policy_urls import PolicyUrlRules
from .zipread import ApkLimits, open_apk

APP_SUFFIXES = (".apk", ".aab", ".apks", ".xapk", ".apkm")
"""File suffixes a catalog directory treats as apps."""


def read_app_facts(
    path: str | Path, limits: ApkLimits | None = None, url_rules: PolicyUrlRules | None = None
) -> ApkFacts:
    """Facts of an APK, App Bundle or split APK set. Raises ApkReadError (one line)."""
    from .facts import MANIFEST, read_open_apk_facts

    limits = limits or ApkLimits()
    with open_apk(path, limits) as archive:
        # one walk of the central directory (thousands of entries in a large app)
        # serves both the container test and the APK's own reading
        if MANIFEST in archive:
            return read_open_apk_facts(archive, limits, url_rules)
        from .bundle import is_bundle, read_bundle_facts  # protobuf manifests: loaded only for these
        from .splits import read_split_facts, split_container

        bundle = is_bundle(archive)
        container = None if bundle else split_container(archive)
        if not bundle and container is None:
            return read_open_apk_facts(archive, limits, url_rules)  # its one-line refusal
    if bundle:
        return read_bundle_facts(path, limits, url_rules)
    return read_split_facts(path, container, limits, url_rules)


def sha256_file(path: Path) -> str:
    """SHA-256 of a whole file, read in chunks (split sets and bundles can be large)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
