"""The APK half of the pipeline: read an APK once into ApkFacts, then interpret
those facts through the mapping tables into an AppProfile (SDKs detected,
data types reachable, each with its sources)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..mappings import Mappings
    from ..models import AppProfile


def inspect_apk(path: str | Path, mappings: Mappings) -> AppProfile:
    """Read an app (APK, App Bundle or split APK set) and say what it can reach.
    Raises ApkReadError on bad input."""
    from .app_file import read_app_facts
    from .profile import build_profile

    return build_profile(read_app_facts(path), mappings)
