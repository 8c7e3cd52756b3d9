"""The ``consistency inspect`` report: what an app can reach, and the evidence.

Two formats from one profile:

* ``json``: a stable contract (``consistency/schemas/inspect.schema.json``),
  built by :func:`profile_to_dict` with sorted keys and fixed list orders, so
  the same APK and tables give byte-identical output. Abridged sample::

    {"schema_version": 1, "package": "com.example.walkie", "app_label": "Walkie",
     "version_name": "1.2", "version_code": 3, "min_sdk": 21, "target_sdk": 34,
     "sha256": "...", "size": 18204, "signing_certificates": ["9f2c..."],
     "permissions": [{"name": "android.permission.ACCESS_FINE_LOCATION",
                      "element": "uses-permission", "max_sdk_version": null,
                      "in_effect": true, "not_in_effect_reason": null,
                      "protection": "dangerous", "data_types": ["location.precise"],
                      "known": true}],
     "sdks": [{"id": "amap-location", "name": "AMap Location", "vendor": "AutoNavi",
               "category": "maps_location",
               "evidence": [{"kind": "class", "value": "com.amap.api.location", "count": 12}],
               "examples": ["com.amap.api.location.AMapLocationClient"],
               "data_types": ["location.precise"]}],
     "data_types": [{"id": "location.precise", "sources": [{"kind": "permission", ...}]}],
     "dex": {"files": [{"name": "classes.dex", "classes": 40, "method_refs": 120, "size": 9000}],
             "classes": 40, "top_packages": [{"package": "com.amap", "classes": 12,
                                             "children": [{"package": "com.amap.api", "classes": 12}]}]},
     "unknown_permissions": [], "mappings_digest": "3f2a...", ...}

* ``text``: a readable rich report. Colours only when asked (a terminal); for
  files and pipes the width is fixed, so the output is the same bytes every time.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from typing import Any

from ..models import SCHEMA_VERSION, ApkFacts, AppProfile, RequestedPermission
from .interface import Reporter

TOP_PACKAGES = 15
"""Package prefixes (depth 2) shown in the package tree, most classes first."""
TOP_CHILDREN = 3
"""Depth-3 sub-packages shown under each of them."""
FILE_WIDTH = 100
DEFAULT_PACKAGE = "(default package)"
PLATFORM_PREFIX = "android.permission."


class InspectTextReporter(Reporter[AppProfile]):
    """What the app can reach, as tables for a person."""

    def render(self, subject: AppProfile) -> str:
        p = self.presentation
        return _render_text(subject, color=p.color, width=p.width or FILE_WIDTH)


class InspectJsonReporter(Reporter[AppProfile]):
    """The profile as the JSON document of ``inspect.schema.json``."""

    def render(self, subject: AppProfile) -> str:
        return json.dumps(profile_to_dict(subject), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# ------------------------------------------------------------------------ JSON


def profile_to_dict(profile: AppProfile) -> dict[str, Any]:
    """The JSON document for a profile (see ``inspect.schema.json``)."""
    from .json import sdk_to_dict, source_to_dict  # the check report's module: not loaded for text

    facts = profile.facts
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "package": facts.package,
        "app_label": facts.app_label,
        "version_name": facts.version_name,
        "version_code": facts.version_code,
        "min_sdk": facts.min_sdk,
        "target_sdk": facts.target_sdk,
        "sha256": facts.sha256,
        "size": facts.size,
        "signing_certificates": list(facts.signing_certificates),
        "container": facts.container,
        "parts": list(facts.parts),
        "policy_urls": [
            {"url": u.url, "score": u.score, "source": u.source, "context": u.context}
            for u in facts.policy_urls
        ],
        "permissions": [_permission_to_dict(use) for use in profile.permissions],
        "declared_permissions": [
            {"name": d.name, "protection_level": d.protection_level} for d in facts.declared_permissions
        ],
        "features": [{"name": f.name, "required": f.required} for f in facts.features],
        "components": [{"kind": c.kind, "name": c.name, "exported": c.exported} for c in facts.components],
        "meta_data": [{"name": m.name, "value": m.value} for m in facts.meta_data],
        "native_libs": [{"abi": lib.abi, "name": lib.name} for lib in facts.native_libs],
        "dex": {
            "files": [
                {"name": d.name, "classes": d.classes, "method_refs": d.method_refs, "size": d.size}
                for d in facts.dex
            ],
            "classes": len(facts.classes),
            "top_packages": package_tree(facts.classes),
        },
        "api_refs_count": len(facts.api_refs),
        "sdks": [sdk_to_dict(hit) for hit in profile.sdks],
        "data_types": [
            {"id": reach.data_type, "sources": [source_to_dict(s) for s in reach.sources]}
            for reach in profile.data
        ],
        "unknown_permissions": list(profile.unknown_permissions),
        "notes": list(facts.notes),
        "mappings_digest": profile.mappings_digest,
    }
    if facts.zip_anomalies:  # only when present, so reports of ordinary APKs are unchanged
        document["zip_anomalies"] = list(facts.zip_anomalies)
    return document


def _permission_to_dict(use: RequestedPermission) -> dict[str, Any]:
    permission = use.permission
    return {
        "name": permission.name,
        "element": permission.element,
        "max_sdk_version": permission.max_sdk_version,
        "in_effect": use.in_effect,
        "not_in_effect_reason": use.reason,
        "older_devices": use.older_devices,
        "protection": use.protection,
        "data_types": list(use.data_types),
        "known": use.known,
    }


def package_tree(
    classes: frozenset[str] | set[str], limit: int = TOP_PACKAGES, children: int = TOP_CHILDREN
) -> list[dict[str, Any]]:
    """The biggest depth-2 packages by class count, each with its biggest depth-3
    sub-packages: where the code of an app actually is (its own package, the
    SDKs, the support libraries). Ties break by name, so the tree is stable."""
    # Classes are counted per package first (one string operation per class),
    # then each of the far fewer packages is split into its prefixes.
    packages = Counter(name.rpartition(".")[0] if "." in name else None for name in classes)
    top: Counter[str] = Counter()
    sub: Counter[str] = Counter()
    for package, count in packages.items():
        if package is None:
            top[DEFAULT_PACKAGE] += count
            continue
        parts = package.split(".")
        top[".".join(parts[:2])] += count
        if len(parts) >= 3:
            sub[".".join(parts[:3])] += count
    nested: dict[str, list[tuple[str, int]]] = {}
    for package, count in sub.items():
        nested.setdefault(package.rsplit(".", 1)[0], []).append((package, count))
    return [
        {
            "package": package,
            "classes": count,
            "children": [
                {"package": child, "classes": n}
                for child, n in sorted(nested.get(package, []), key=lambda item: (-item[1], item[0]))[
                    :children
                ]
            ],
        }
        for package, count in sorted(top.items(), key=lambda item: (-item[1], item[0]))[:limit]
    ]


# ------------------------------------------------------------------------ text


def _render_text(profile: AppProfile, *, color: bool, width: int | None) -> str:
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="auto" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
        soft_wrap=False,
        legacy_windows=False,
    )
    facts = profile.facts
    _header(console, facts)
    _policy_urls(console, facts)
    _permissions(console, profile)
    _sdks(console, profile)
    _data_types(console, profile)
    _components(console, facts)
    _meta_data(console, facts)
    _native_libs(console, facts)
    _dex(console, facts)
    return buffer.getvalue()


def _section(console, title: str) -> None:
    console.print()
    console.rule(f"[bold]{title}[/bold]", align="left")


def _table(*columns: str):
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _header(console, facts: ApkFacts) -> None:
    from rich.markup import escape

    label = f" \u201c{escape(facts.app_label)}\u201d" if facts.app_label else ""
    console.print(f"[bold]{escape(facts.package)}[/bold]{label}")
    version = facts.version_name or "-"
    code = f" (code {facts.version_code})" if facts.version_code is not None else ""
    console.print(
        f"version {escape(version)}{code}   min SDK {_or_dash(facts.min_sdk)}   target SDK {_or_dash(facts.target_sdk)}"
    )
    console.print(f"file    {escape(facts.path)} ({facts.size:,} bytes)")
    console.print(f"sha256  {facts.sha256}")
    if facts.signing_certificates:
        for index, digest in enumerate(facts.signing_certificates):
            console.print(f"{'signer' if index == 0 else '':8}{digest}")
    else:
        console.print("signer  (unsigned: no v1, v2 or v3 signature)")
    for note in facts.notes:
        console.print(f"note    {escape(note)}", style="yellow")
    if facts.zip_anomalies:
        console.print(f"warning {ZIP_TRICKS_WARNING}", style="bold yellow")
        for anomaly in facts.zip_anomalies:
            console.print(f"        {escape(anomaly)}", style="yellow")


ZIP_TRICKS_WARNING = "this APK uses zip tricks seen in evasive apps"


def _permissions(console, profile: AppProfile) -> None:
    from rich.markup import escape

    uses = profile.permissions
    not_in_effect = [u for u in uses if not u.in_effect]
    _section(
        console,
        f"Permissions ({len(uses)} requested, {len(not_in_effect)} not in effect, {len(profile.unknown_permissions)} unknown)",
    )
    if not uses:
        console.print("none requested")
        return
    table = _table("permission", "maxSdk", "in effect", "protection", "data types")
    table.columns[0].no_wrap = True
    for use in uses:
        permission = use.permission
        name = escape(short_permission(permission.name))
        if permission.element != "uses-permission":
            name += " [dim](sdk-23)[/dim]"
        protection = escape(use.protection) if use.known and use.protection else "[magenta]unknown[/magenta]"
        table.add_row(
            name,
            _or_dash(permission.max_sdk_version),
            "yes" if use.in_effect else "[yellow]no[/yellow]",
            protection,
            ", ".join(use.data_types) or "-",
        )
    console.print(table)
    console.print(f"[dim]{PLATFORM_PREFIX}[/dim] is left out of platform permission names.")
    for use in not_in_effect:
        console.print(
            f"not in effect: {escape(short_permission(use.permission.name))}: {escape(use.reason or '')}"
            + ("; still grants access on older devices the app supports" if use.older_devices else "")
        )
    if profile.unknown_permissions:
        console.print(
            f"[magenta]unknown[/magenta]: {len(profile.unknown_permissions)} not in the mapping tables"
        )


def short_permission(name: str) -> str:
    """``android.permission.CAMERA`` -> ``CAMERA``: the prefix carries no information
    in a table of permissions and would squeeze every other column."""
    return name[len(PLATFORM_PREFIX) :] if name.startswith(PLATFORM_PREFIX) else name


def _sdks(console, profile: AppProfile) -> None:
    """One block per SDK: long class names and several evidence lines do not fit
    a table's columns at a readable width."""
    from rich.markup import escape

    _section(console, f"SDKs detected ({len(profile.sdks)})")
    if not profile.sdks:
        console.print("none")
        return
    for hit in profile.sdks:
        version = f" {escape(hit.version)}" if hit.version else ""
        console.print(
            f"[bold]{escape(hit.name)}[/bold]{version} [dim]({escape(hit.sdk_id)})[/dim]: "
            f"{escape(hit.vendor)}, {escape(hit.category)}, {hit.confidence} confidence"
        )
        if hit.note:
            console.print(f"  note      {escape(hit.note)}")
        for evidence in hit.evidence:
            kind = evidence.kind.replace("_", " ")
            detail = (
                f" ({escape(evidence.detail)})"
                if evidence.detail and evidence.detail != evidence.value
                else ""
            )
            console.print(f"  evidence  {kind} {escape(evidence.value)} \u00d7{evidence.count}{detail}")
        for example in hit.examples:
            console.print(f"  e.g.      {escape(example)}", style="dim")
        console.print(f"  collects  {', '.join(hit.data_types) or '-'}")


def _data_types(console, profile: AppProfile) -> None:
    from rich.markup import escape

    _section(console, f"Data the app can reach ({len(profile.data)} types)")
    if not profile.data:
        console.print("none")
        return
    table = _table("data type", "sources")
    for reach in profile.data:
        sources = []
        for source in reach.sources:
            if source.kind == "permission":
                flags = ["dangerous"] if source.dangerous else []
                if source.api_used is not None:
                    flags.append("API used" if source.api_used else "no API call seen")
                suffix = f" ({', '.join(flags)})" if flags else ""
                sources.append(f"permission {escape(source.id)}{suffix}")
            else:
                sources.append(f"sdk {escape(source.id)}")
        table.add_row(reach.data_type, "\n".join(sources))
    console.print(table)


def _components(console, facts: ApkFacts) -> None:
    from rich.markup import escape

    counts = Counter(c.kind for c in facts.components)
    summary = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) or "none"
    _section(console, f"Components ({summary})")
    exported = [c for c in facts.components if c.exported]
    if not exported:
        console.print("none explicitly exported")
        return
    console.print(f"explicitly exported ({len(exported)}):")
    for component in exported:
        console.print(f"  {component.kind:15} {escape(component.name)}")


def _meta_data(console, facts: ApkFacts) -> None:
    from rich.markup import escape

    _section(console, f"Application meta-data ({len(facts.meta_data)}; secret-looking values masked)")
    for meta in facts.meta_data:
        console.print(f"  {escape(meta.name)} = {escape(meta.value) if meta.value is not None else '-'}")
    if not facts.meta_data:
        console.print("none")


def _policy_urls(console, facts: ApkFacts) -> None:
    from rich.markup import escape

    if facts.parts:
        _section(console, f"Parts ({facts.container}, {len(facts.parts)})")
        shown = facts.parts[:12]
        console.print(
            "  "
            + escape(", ".join(shown))
            + (f" … and {len(facts.parts) - len(shown)} more" if len(facts.parts) > len(shown) else "")
        )
    _section(console, f"Privacy-policy URLs found in the app ({len(facts.policy_urls)}, likeliest first)")
    for candidate in facts.policy_urls:
        why = f" [dim]({escape(candidate.context)})[/dim]" if candidate.context else ""
        console.print(
            f"  {candidate.score:>3}  {escape(candidate.url)}  [dim]{escape(candidate.source)}[/dim]{why}"
        )
    if not facts.policy_urls:
        console.print("none")


def _native_libs(console, facts: ApkFacts) -> None:
    from rich.markup import escape

    by_name: dict[str, list[str]] = {}
    for lib in facts.native_libs:
        by_name.setdefault(lib.name, []).append(lib.abi)
    _section(console, f"Native libraries ({len(by_name)} names, {len(facts.native_libs)} files)")
    for name, abis in sorted(by_name.items()):
        console.print(f"  {escape(name)}  [dim]{', '.join(sorted(abis))}[/dim]")
    if not by_name:
        console.print("none")


def _dex(console, facts: ApkFacts) -> None:
    from rich.markup import escape

    _section(
        console,
        f"Code ({len(facts.dex)} DEX files, {len(facts.classes):,} classes, {len(facts.api_refs):,} external API references)",
    )
    if facts.dex:
        table = _table("dex", "classes", "method refs", "bytes")
        for dex in facts.dex:
            table.add_row(dex.name, f"{dex.classes:,}", f"{dex.method_refs:,}", f"{dex.size:,}")
        console.print(table)
    tree = package_tree(facts.classes)
    if tree:
        console.print("largest packages:")
        for node in tree:
            console.print(f"  {node['classes']:>7,}  {escape(node['package'])}")
            for child in node["children"]:
                console.print(f"  {child['classes']:>7,}    {escape(child['package'])}", style="dim")


def _or_dash(value: object) -> str:
    return "-" if value is None else str(value)


def load_inspect_schema() -> dict[str, Any]:
    """The JSON Schema of the inspect report, as shipped in the package."""
    from importlib import resources

    text = resources.files("consistency").joinpath("schemas/inspect.schema.json").read_text(encoding="utf-8")
    return json.loads(text)
