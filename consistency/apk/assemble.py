"""Put :class:`ApkFacts` together from a manifest and the indexed code.

Every reader (APK, App Bundle, a resources-only split) ends the same way: the
manifest's declarations, the DEX indexes and the native libraries become one
frozen ApkFacts. Doing it in one place keeps the three readers' facts shaped
alike, so an app compares equal however it was packed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..models import ApkFacts, DexSummary, NativeLib
from .dex_index import DexIndex, external_api_refs, external_field_refs
from .manifest import Manifest


def assemble_facts(
    manifest: Manifest,
    *,
    path: str,
    sha256: str,
    size: int,
    label: str | None,
    certificates: tuple[str, ...] = (),
    indexes: Sequence[DexIndex] = (),
    native_libs: tuple[NativeLib, ...] = (),
    **extra: Any,
) -> ApkFacts:
    """The facts; ``extra`` sets the optional fields (notes, container, parts,
    policy_urls, zip_anomalies, version_files, assets)."""
    return ApkFacts(
        path=path,
        sha256=sha256,
        size=size,
        package=manifest.package,
        app_label=label,
        version_name=manifest.version_name,
        version_code=manifest.version_code,
        min_sdk=manifest.min_sdk,
        target_sdk=manifest.target_sdk,
        signing_certificates=certificates,
        permissions=manifest.permissions,
        declared_permissions=manifest.declared_permissions,
        features=manifest.features,
        components=manifest.components,
        meta_data=manifest.meta_data,
        native_libs=native_libs,
        dex=tuple(DexSummary(i.name, len(i.classes), i.method_ref_count, i.size) for i in indexes),
        classes=frozenset(c for i in indexes for c in i.classes),
        api_refs=external_api_refs(indexes),
        hosts=frozenset(h for i in indexes for h in i.hosts),
        stub_classes=frozenset(c for i in indexes for c in i.stub_classes),
        field_refs=external_field_refs(indexes),
        content_uris=frozenset(u for i in indexes for u in i.content_uris),
        **extra,
    )
