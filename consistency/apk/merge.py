"""Merge the manifests of an app's parts (bundle modules, split APKs) into one.

The first manifest is the base: it alone gives the package, versions, SDK
levels and label. Requests and declarations are unions, because every part is
installed as the same app: a permission a feature module or split requests is
requested by the app. Each list keeps the order and sort key the single-APK
reader gives it, so an APK and the bundle it was built from compare equal.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from .manifest import Manifest

T = TypeVar("T")


def merge_manifests(manifests: Sequence[Manifest]) -> Manifest:
    """One manifest for the whole app; ``manifests[0]`` is the base."""
    base, rest = manifests[0], manifests[1:]
    if not rest:
        return base
    every = (base, *rest)
    notes = [*base.notes]
    for other in rest:
        if other.package and other.package != base.package:
            notes.append(f"a part declares package {other.package}, the base {base.package}")
    return dataclasses.replace(
        base,
        **merged_declarations(every),
        notes=tuple(dict.fromkeys(notes)),
    )


def merged_declarations(parts: Sequence[Any]) -> dict[str, tuple]:
    """The manifest declarations of every part (Manifest or ApkFacts: both carry
    these fields), as keyword arguments for ``dataclasses.replace``."""
    return {
        "permissions": union(
            (p.permissions for p in parts), key=lambda p: (p.name, p.element, p.max_sdk_version or 0)
        ),
        "declared_permissions": union((p.declared_permissions for p in parts), key=lambda d: d.name),
        "features": union((p.features for p in parts), key=lambda f: f.name),
        "components": tuple(dict.fromkeys(c for p in parts for c in p.components)),
        "meta_data": union((p.meta_data for p in parts), key=lambda m: (m.name, m.value or "")),
    }


def union(groups: Iterable[Iterable[T]], key) -> tuple[T, ...]:
    """Distinct items of every group, sorted by ``key``."""
    return tuple(sorted({item for group in groups for item in group}, key=key))
