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
from typing import TypeVar

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
        permissions=union((m.permissions for m in every), key=lambda p: (p.name, p.element, p.max_sdk_version or 0)),
        declared_permissions=union((m.declared_permissions for m in every), key=lambda d: d.name),
        features=union((m.features for m in every), key=lambda f: f.name),
        components=tuple(dict.fromkeys(c for m in every for c in m.components)),
        meta_data=union((m.meta_data for m in every), key=lambda d: (d.name, d.value or "")),
        notes=tuple(dict.fromkeys(notes)),
    )


def union(groups: Iterable[Iterable[T]], key) -> tuple[T, ...]:
    """Distinct items of every group, sorted by ``key``."""
    return tuple(sorted({item for group in groups for item in group}, key=key))
