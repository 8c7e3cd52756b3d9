"""Interpret ApkFacts through the mapping tables: which SDKs are bundled and which
data types the app can reach, each with the sources that give access to it.

A permission is a source of its data types only when the app really holds it at
its target SDK: the request is in effect (``maxSdkVersion`` not below the
target) *and* the table says the permission still grants access at that level
(``effective_until``; READ_EXTERNAL_STORAGE grants nothing to an app targeting
33 or later). Requests that fail either test are not sources, but they stay in
``AppProfile.permissions`` with the reason, so reports can show them as
"requested but not in effect".
"""

from __future__ import annotations

from collections import defaultdict

from ..mapping_schema import PermissionSpec
from ..mappings import Mappings
from ..models import (
    ApkFacts,
    AppProfile,
    DataSource,
    DataTypeId,
    Permission,
    PermissionName,
    ReachableData,
    RequestedPermission,
)
from .sdk_match import match_sdks

SENSITIVE_PROTECTIONS = frozenset({"dangerous", "appop"})
"""Protection levels the user grants (a runtime prompt or a Settings toggle)."""


def interpret_permission(
    permission: Permission, target_sdk: int | None, spec: PermissionSpec | None
) -> RequestedPermission:
    """What one request means at ``target_sdk`` according to its table entry."""
    reason = None
    if not permission.in_effect:
        reason = f"maxSdkVersion {permission.max_sdk_version} is below the target SDK {target_sdk}"
    elif (
        spec is not None
        and spec.effective_until is not None
        and target_sdk is not None
        and target_sdk > spec.effective_until
    ):
        reason = f"grants nothing to apps targeting API {spec.effective_until + 1} or later (target SDK {target_sdk})"
    return RequestedPermission(
        permission=permission,
        known=spec is not None,
        protection=spec.protection if spec is not None else None,
        data_types=tuple(DataTypeId(t) for t in sorted(set(spec.data_types))) if spec is not None else (),
        in_effect=reason is None,
        reason=reason,
    )


def build_profile(facts: ApkFacts, mappings: Mappings) -> AppProfile:
    """What the policy must cover: detected SDKs and reachable data, sorted."""
    sdks = match_sdks(facts.classes, facts.native_libs, (m.name for m in facts.meta_data), mappings.sdks)
    requested = tuple(
        interpret_permission(p, facts.target_sdk, mappings.permission(p.name)) for p in facts.permissions
    )
    sources: dict[str, dict[tuple[str, str], DataSource]] = defaultdict(dict)
    for use in requested:
        if not use.in_effect or not use.data_types:
            continue
        spec = mappings.permission(use.permission.name)
        assert spec is not None  # a use with data types came from a table entry
        source = DataSource(
            kind="permission",
            id=spec.name,
            dangerous=spec.protection in SENSITIVE_PROTECTIONS,
            in_effect=True,
            api_used=any(api in facts.api_refs for api in spec.apis) if spec.apis else None,
        )
        for data_type in use.data_types:
            sources[data_type][("permission", spec.name)] = source
    for hit in sdks:
        for data_type in hit.data_types:
            sources[data_type][("sdk", hit.sdk_id)] = DataSource(kind="sdk", id=hit.sdk_id)
    return AppProfile(
        facts=facts,
        sdks=sdks,
        data=tuple(
            ReachableData(DataTypeId(data_type), tuple(by_key[key] for key in sorted(by_key)))
            for data_type, by_key in sorted(sources.items())
        ),
        unknown_permissions=tuple(
            sorted({PermissionName(u.permission.name) for u in requested if not u.known})
        ),
        mappings_digest=mappings.digest,
        permissions=requested,
    )
