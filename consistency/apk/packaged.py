"""Files that libraries leave in an APK besides code: ``META-INF/*.version`` and assets.

Gradle copies one ``META-INF/<group>_<artifact>.version`` file per AndroidX,
Play services and Firebase library into the APK, holding the library's version
(``META-INF/com.google.firebase_firebase-crashlytics.version`` -> ``18.6.0``).
R8 does not touch them, so they name an SDK and its version even when its
classes were renamed. Several SDKs also ship assets of their own
(configuration, certificates, web resources).
"""

from __future__ import annotations

import re

from ..errors import ApkReadError
from ..models import VersionFile
from .zipread import ApkArchive, ApkLimits

_VERSION_FILE = re.compile(r"META-INF/([^/]+\.version)")
_VERSION_TEXT = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}")
_ASSETS = "assets/"


def read_version_files(
    archive: ApkArchive, limits: ApkLimits, prefixes: tuple[str, ...] = ("",)
) -> tuple[VersionFile, ...]:
    """Every ``META-INF/*.version`` file with the version it holds, sorted by name.
    An unreadable one (bomb, encrypted) keeps its name without a version: its
    presence is the evidence. ``prefixes`` are where an APK's root sits in the
    archive (an App Bundle keeps each module's at ``<module>/root/``)."""
    found = []
    for name in archive.names():
        prefix = next((p for p in prefixes if name.startswith(p)), None)
        match = _VERSION_FILE.fullmatch(name[len(prefix) :]) if prefix is not None else None
        if not match:
            continue
        try:
            text = archive.read(name, limits).decode("utf-8", "replace")
        except ApkReadError:
            text = ""
        first = text.strip().splitlines()[0].strip() if text.strip() else ""
        version = first if _VERSION_TEXT.fullmatch(first) else None
        found.append(VersionFile(match.group(1), version))
    return tuple(sorted(found, key=lambda v: v.name))


def asset_paths(archive: ApkArchive, prefixes: tuple[str, ...] = ("",)) -> tuple[str, ...]:
    """Paths under ``assets/`` (an App Bundle's ``<module>/assets/``), without that prefix, sorted."""
    return tuple(
        sorted(
            n[len(p) + len(_ASSETS) :]
            for n in archive.names()
            for p in prefixes
            if n.startswith(p + _ASSETS) and not n.endswith("/")
        )
    )
