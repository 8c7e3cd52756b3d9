"""The APK half of the pipeline: read an APK once into ApkFacts, then interpret
those facts through the mapping tables into an AppProfile (SDKs detected,
data types reachable, each with its sources)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..mappings import Mappings
    from ..models import AppProfile


def inspect_apk(
    path: str | Path,
    mappings: Mappings | Callable[[], Mappings] | None = None,
    *,
    extra_mappings: Sequence[str | Path] = (),
) -> AppProfile:
    """Read an app (APK, App Bundle or split APK set) and say what it can reach. The tables (``mappings``, or a
    function that loads them; by default the built-in tables plus
    ``extra_mappings``) are loaded only after the APK was read, so a bad
    APK is reported even when the tables are broken. Raises ApkReadError on bad input."""
    from ..mappings import resolve_mappings
    from .app_file import read_app_facts
    from .profile import build_profile

    facts = read_app_facts(path)
    return build_profile(facts, resolve_mappings(mappings, extra_mappings))
