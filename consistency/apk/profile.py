"""Interpret ApkFacts through the mapping tables: which SDKs are bundled and which
data types the app can reach, each with the sources that give access to it.

A permission is *in effect* when the app holds it on a device at its target
SDK: the request is in effect (``maxSdkVersion`` not below the target) *and*
the table says the permission still grants access at that level
(``effective_until``; READ_EXTERNAL_STORAGE grants nothing to an app targeting
33 or later).

A request that is not in effect at the target can still give access on the
older devices the app supports (``minSdk`` up to ``maxSdkVersion`` or
``effective_until``): WRITE_EXTERNAL_STORAGE with ``maxSdkVersion="28"`` in an
app with ``minSdk 24`` reads the user's files on Android 7 to 9, and
READ_PHONE_STATE returns the IMEI on devices before Android 10. Those requests
remain sources, marked ``in_effect=False`` so the checker rates an omission
lower (a policy must still cover them; it is not the same as a live runtime
prompt). Only requests that give access on no supported device at all are
dropped; every request stays in ``AppProfile.permissions`` with its reason.
"""

from __future__ import annotations

from collections import defaultdict

from ..mappings import Mappings
from ..mappings.schema import PermissionSpec
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
from .sdk_match import apk_evidence, match_sdks

SENSITIVE_PROTECTIONS = frozenset({"dangerous", "appop"})
"""Protection levels the user grants (a runtime prompt or a Settings toggle)."""


def interpret_permission(
    permission: Permission, target_sdk: int | None, spec: PermissionSpec | None, min_sdk: int | None = None
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
        older_devices=reason is not None and _reaches_older_devices(permission, min_sdk, target_sdk, spec),
        permission=permission,
        known=spec is not None,
        protection=spec.protection if spec is not None else None,
        data_types=tuple(DataTypeId(t) for t in sorted(set(spec.data_types))) if spec is not None else (),
        in_effect=reason is None,
        reason=reason,
    )


def _reaches_older_devices(
    permission: Permission, min_sdk: int | None, target_sdk: int | None, spec: PermissionSpec | None
) -> bool:
    """Whether some device between ``minSdk`` and the target grants this request:
    the request exists there (``maxSdkVersion``) and the permission still grants
    access there (device level or target level up to ``effective_until``)."""
    lowest = min_sdk or 1
    if permission.max_sdk_version is not None and lowest > permission.max_sdk_version:
        return False
    until = spec.effective_until if spec is not None else None
    if until is None:
        return True
    return lowest <= until or (target_sdk is not None and target_sdk <= until)


def api_used(spec: PermissionSpec, facts: ApkFacts) -> bool | None:
    """Whether the code references a platform API the permission guards: a method,
    a field (a provider's ``CONTENT_URI``) or a provider URI written as a string.
    None when the table lists none, so "unused" is never claimed without a way to see use."""
    if not (spec.apis or spec.fields or spec.content_uris):
        return None
    return (
        any(api in facts.api_refs for api in spec.apis)
        or any(field in facts.field_refs for field in spec.fields)
        or any(_names_provider(found, uri) for uri in spec.content_uris for found in facts.content_uris)
    )


def _names_provider(found: str, uri: str) -> bool:
    """``found`` is ``uri`` or goes on from it past a path, query or fragment boundary
    (``content://sms/inbox`` names ``content://sms``; ``content://sms2`` does not)."""
    return found.startswith(uri) and (len(found) == len(uri) or found[len(uri)] in "/?#")


def build_profile(facts: ApkFacts, mappings: Mappings) -> AppProfile:
    """What the policy must cover: detected SDKs and reachable data, sorted."""
    sdks = match_sdks(
        facts.classes,
        facts.native_libs,
        (m.name for m in facts.meta_data),
        mappings.sdk_signatures,
        apk_evidence(facts),
    )
    requested = tuple(
        interpret_permission(p, facts.target_sdk, mappings.permission(p.name), facts.min_sdk)
        for p in facts.permissions
    )
    sources: dict[str, dict[tuple[str, str], DataSource]] = defaultdict(dict)
    for use in requested:
        if not (use.in_effect or use.older_devices) or not use.data_types:
            continue
        spec = mappings.permission(use.permission.name)
        assert spec is not None  # a use with data types came from a table entry
        source = DataSource(
            kind="permission",
            id=spec.name,
            dangerous=spec.protection in SENSITIVE_PROTECTIONS,
            in_effect=use.in_effect,
            api_used=api_used(spec, facts),
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
