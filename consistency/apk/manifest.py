"""Read what ``AndroidManifest.xml`` declares, from the XML tree androguard decodes.

Androguard turns the binary manifest into an lxml tree; its convenience getters
then merge, reorder or miss things we need (``get_permissions`` drops
``maxSdkVersion`` and duplicates, ``uses-permission-sdk-23`` is a separate list,
components are plain names without their ``exported`` flag). So we walk the
tree ourselves and follow the rules Android's own package parser applies:

* elements are recognised by their *local* name: the binary format stores the
  namespace separately and the platform parser compares only the name, so
  ``<android:uses-permission>`` (seen in real apps) is a ``uses-permission``;
* permissions, declared permissions, features and ``uses-sdk`` count only as
  direct children of ``<manifest>``, components and meta-data only as direct
  children of ``<application>``; anything elsewhere is ignored by the platform
  and noted here;
* ``uses-permission-sdk-m`` is the older spelling of ``uses-permission-sdk-23``;
  such a request applies on devices running API 23 or later, which is where
  every app we look at runs, so it counts as in effect like any other;
* a request whose ``maxSdkVersion`` is below the target SDK is kept but marked
  not in effect: on a device at the app's target level it is not made;
* a relative component name (``.Main``, or ``Main`` without a dot) is prefixed
  with the package;
* when ``targetSdkVersion`` is absent it defaults to ``minSdkVersion``.

Nothing here consults the mapping tables: this is evidence, not interpretation.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from ..models import Component, DeclaredPermission, Feature, MetaData, Permission, PermissionName
from .secrets import mask_meta_value

ANDROID_NS = "http://schemas.android.com/apk/res/android"

_PERMISSION_ELEMENTS = {
    "uses-permission": "uses-permission",
    "uses-permission-sdk-23": "uses-permission-sdk-23",
    "uses-permission-sdk-m": "uses-permission-sdk-23",
}
LAUNCHER_ACTION = "android.intent.action.MAIN"
LAUNCHER_CATEGORY = "android.intent.category.LAUNCHER"
_COMPONENT_KINDS = ("activity", "activity-alias", "service", "receiver", "provider")

_PROTECTION_BASE = {0: "normal", 1: "dangerous", 2: "signature", 3: "signatureOrSystem", 4: "internal"}
"""``android:protectionLevel`` is a flag word: the low four bits are the base level."""
_PROTECTION_FLAGS = (
    (0x10, "privileged"),
    (0x20, "development"),
    (0x40, "appop"),
    (0x80, "pre23"),
    (0x100, "installer"),
    (0x200, "verifier"),
    (0x400, "preinstalled"),
    (0x800, "setup"),
    (0x1000, "instant"),
    (0x2000, "runtime"),
    (0x4000, "oem"),
    (0x8000, "vendorPrivileged"),
    (0x10000, "textClassifier"),
    (0x20000, "configurator"),
    (0x40000, "incidentReportApprover"),
    (0x80000, "appPredictor"),
    (0x100000, "companion"),
    (0x200000, "retailDemo"),
    (0x400000, "recents"),
    (0x800000, "role"),
    (0x1000000, "knownSigner"),
)
"""Flag names as ``aapt`` and the platform's ``attrs_manifest.xml`` spell them."""


@dataclass(frozen=True)
class Manifest:
    """The manifest facts, before resources, signatures and code are added."""

    package: str
    version_name: str | None
    version_code: int | None
    min_sdk: int | None
    target_sdk: int | None
    label: str | None
    """The raw ``android:label`` of the application (or of the launcher activity):
    a literal, or a resource reference such as ``@7F040001`` to resolve."""
    permissions: tuple[Permission, ...]
    declared_permissions: tuple[DeclaredPermission, ...]
    features: tuple[Feature, ...]
    components: tuple[Component, ...]
    meta_data: tuple[MetaData, ...]
    notes: tuple[str, ...] = ()


def local_name(element: etree._Element) -> str:
    """The element name without its namespace (``{ns}uses-permission`` -> ``uses-permission``)."""
    tag = element.tag
    if not isinstance(tag, str):  # comments and processing instructions
        return ""
    return tag.rsplit("}", 1)[-1]


def attr(element: etree._Element, name: str) -> str | None:
    """An ``android:`` attribute, falling back to the bare name: a manifest whose
    namespace was stripped (repackaged or obfuscated apps) still says what it says."""
    value = element.get(f"{{{ANDROID_NS}}}{name}")
    return element.get(name) if value is None else value


def parse_int(value: str | None) -> int | None:
    """An integer attribute as androguard renders it (decimal, or ``0x`` hex for
    flags); None for absent, references and codenames such as ``"Q"``."""
    if value is None:
        return None
    text = value.strip()
    try:
        return int(text, 16) if text.lower().startswith("0x") else int(text)
    except ValueError:
        return None


def parse_bool(value: str | None) -> bool | None:
    """``"true"``/``"false"`` to a bool; None for absent or a resource reference."""
    if value is None:
        return None
    text = value.strip().lower()
    return True if text == "true" else False if text == "false" else None


def protection_level_name(value: str | None) -> str:
    """``0x00000002`` -> ``signature``; ``0x00000042`` -> ``signature|appop``. An
    absent level is ``normal`` (the platform default); text is kept as written."""
    number = parse_int(value)
    if number is None:
        return value.strip() if value and value.strip() else "normal"
    base = _PROTECTION_BASE.get(number & 0xF, f"level{number & 0xF}")
    flags = [flag for bit, flag in _PROTECTION_FLAGS if number & bit]
    return "|".join([base, *flags])


def parse_manifest(root: etree._Element) -> Manifest:
    """Every fact the manifest tree holds. ``root`` must be the ``<manifest>`` element."""
    package = (root.get("package") or attr(root, "package") or "").strip()
    notes: list[str] = []
    children = [c for c in root if local_name(c)]
    uses_sdk = next((c for c in children if local_name(c) == "uses-sdk"), None)
    min_sdk = parse_int(attr(uses_sdk, "minSdkVersion")) if uses_sdk is not None else None
    target_sdk = parse_int(attr(uses_sdk, "targetSdkVersion")) if uses_sdk is not None else None
    if target_sdk is None and min_sdk is not None:
        notes.append(f"targetSdkVersion is not declared: it defaults to minSdkVersion ({min_sdk})")
        target_sdk = min_sdk
    elif uses_sdk is None:
        notes.append("no <uses-sdk> element: minimum and target SDK are not declared")

    permissions = _permissions(children, target_sdk, notes)
    _note_misplaced(root, notes)
    application = next((c for c in children if local_name(c) == "application"), None)
    app_children = [c for c in application if local_name(c)] if application is not None else []
    components = tuple(_components(app_children, package))
    return Manifest(
        package=package,
        version_name=attr(root, "versionName"),
        version_code=parse_int(attr(root, "versionCode")),
        min_sdk=min_sdk,
        target_sdk=target_sdk,
        label=_label(application, app_children),
        permissions=permissions,
        declared_permissions=tuple(
            sorted(
                {
                    DeclaredPermission(
                        PermissionName(name), protection_level_name(attr(c, "protectionLevel"))
                    )
                    for c in children
                    if local_name(c) == "permission" and (name := (attr(c, "name") or "").strip())
                },
                key=lambda d: d.name,
            )
        ),
        features=tuple(
            sorted(
                {f for c in children if local_name(c) == "uses-feature" and (f := _feature(c))},
                key=lambda f: f.name,
            )
        ),
        components=components,
        meta_data=tuple(
            sorted(
                {
                    MetaData(name, mask_meta_value(name, _meta_value(c)))
                    for c in app_children
                    if local_name(c) == "meta-data" and (name := (attr(c, "name") or "").strip())
                },
                key=lambda m: (m.name, m.value or ""),
            )
        ),
        notes=tuple(notes),
    )


def _permissions(
    children: list[etree._Element], target_sdk: int | None, notes: list[str]
) -> tuple[Permission, ...]:
    """One Permission per distinct request. An element repeated verbatim is one
    request (the platform ignores the duplicate); the same name under two
    elements or with two ``maxSdkVersion`` values is kept as two facts."""
    seen: dict[Permission, None] = {}
    duplicates = 0
    for child in children:
        element = _PERMISSION_ELEMENTS.get(local_name(child))
        name = (attr(child, "name") or "").strip() if element else ""
        if not element or not name:
            continue
        max_sdk = parse_int(attr(child, "maxSdkVersion"))
        permission = Permission(
            name=PermissionName(name),
            element=element,  # type: ignore[arg-type]
            max_sdk_version=max_sdk,
            in_effect=not (max_sdk is not None and target_sdk is not None and max_sdk < target_sdk),
        )
        if permission in seen:
            duplicates += 1
        seen[permission] = None
    if duplicates:
        notes.append(
            f"{duplicates} duplicate permission request(s) ignored (the platform requests each once)"
        )
    return tuple(sorted(seen, key=lambda p: (p.name, p.element, p.max_sdk_version or 0)))


def _note_misplaced(root: etree._Element, notes: list[str]) -> None:
    """Permission requests nested anywhere but directly under ``<manifest>`` are
    ignored by the platform; say so rather than drop them silently."""
    misplaced = sum(
        1
        for element in root.iter()
        if local_name(element) in _PERMISSION_ELEMENTS and element.getparent() is not root
    )
    if misplaced:
        notes.append(f"{misplaced} permission request(s) outside <manifest> ignored, as the platform does")


def _feature(element: etree._Element) -> Feature | None:
    name = (attr(element, "name") or "").strip()
    if not name:
        gles = attr(element, "glEsVersion")
        if gles is None:
            return None
        name = f"glEsVersion={gles}"
    return Feature(name=name, required=parse_bool(attr(element, "required")) is not False)


def _components(app_children: list[etree._Element], package: str) -> Iterator[Component]:
    for child in app_children:
        kind = local_name(child)
        if kind not in _COMPONENT_KINDS:
            continue
        name = (attr(child, "name") or "").strip()
        if name:
            exported = parse_bool(attr(child, "exported"))
            yield Component(kind=kind, name=qualify(name, package), exported=exported)  # type: ignore[arg-type]


def qualify(name: str, package: str) -> str:
    """A component name as the platform resolves it: ``.Main`` and ``Main`` are
    relative to the package."""
    if not package:
        return name
    if name.startswith("."):
        return package + name
    return name if "." in name else f"{package}.{name}"


def _label(application: etree._Element | None, app_children: list[etree._Element]) -> str | None:
    """The application's label, else the launcher activity's (what the launcher shows)."""
    label = attr(application, "label") if application is not None else None
    if label:
        return label
    for child in app_children:
        if local_name(child) in ("activity", "activity-alias") and _is_launcher(child):
            label = attr(child, "label")
            if label:
                return label
    return None


def _is_launcher(activity: etree._Element) -> bool:
    for intent_filter in activity:
        if local_name(intent_filter) != "intent-filter":
            continue
        names = {(local_name(e), attr(e, "name")) for e in intent_filter}
        if {("action", LAUNCHER_ACTION), ("category", LAUNCHER_CATEGORY)} <= names:
            return True
    return False


def _meta_value(element: etree._Element) -> str | None:
    value = attr(element, "value")
    return value if value is not None else attr(element, "resource")
