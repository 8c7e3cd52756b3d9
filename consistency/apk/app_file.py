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
    from .facts import read_apk_facts

    limits = limits or ApkLimits()
    bundle, container = False, None
    with open_apk(path, limits) as archive:
        if "AndroidManifest.xml" not in archive:
            # the bundle and split readers (protobuf, jar signatures) load only for their containers
            from .bundle import is_bundle
            from .splits import split_container

            bundle = is_bundle(archive)
            container = None if bundle else split_container(archive)
    if bundle:
        from .bundle import read_bundle_facts

        return read_bundle_facts(path, limits, url_rules)
    if container is not None:
        from .splits import read_split_facts

        return read_split_facts(path, container, limits, url_rules)
    return read_apk_facts(path, limits, url_rules)


def sha256_file(path: Path) -> str:
    """SHA-256 of a whole file, read in chunks (split sets and bundles can be large)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
