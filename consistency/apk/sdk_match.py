"""Detect bundled SDKs from the signatures in ``mappings/sdks.yaml``.

The matcher names no vendor: every signature comes from the table. It is
compiled once per table into three lookups:

* class package prefixes -> SDK ids, a dict. A class is matched by walking its
  own name and then its package upwards (``com.amap.api.location.Foo`` tries
  ``com.amap.api.location.Foo``, ``com.amap.api.location``, ``com.amap.api``,
  ``com.amap``, ``com``), so matching costs O(classes x package depth) dict
  lookups and respects *package boundaries*: ``com.amap.api`` matches
  ``com.amap.api.X`` and ``com.amap.api.sub.Y`` but never ``com.amapx.Y`` or
  ``com.amap.apix.Z``, which a ``startswith`` test would get wrong;
* native library name patterns (``*`` is a wildcard), matched on the file name;
* manifest ``<meta-data>`` keys, matched exactly;
* manifest components, matched like classes against both ``classes`` and
  ``components`` (R8 keeps the names the manifest refers to);
* hosts from the DEX string table, matched on label boundaries
  (``appsflyer.com`` matches ``t.appsflyer.com``, never ``notappsflyer.com``);
* permissions, exactly; ``META-INF/*.version`` files and assets, by wildcard.

Hosts and permissions only *support* a detection: an app may mention a vendor's
site or request a permission without bundling the SDK, so an SDK with nothing
else is not reported. How sure a detection is (``SdkHit.confidence``) is decided
in :mod:`consistency.apk.sdk_confidence`.

When two SDKs' signatures overlap on purpose (``more_specific_than``), a thing
matched by both is credited to the more specific SDK only. Each SDK is reported
once however many classes match, with per-prefix counts and a few example
classes a person can check.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..mappings.schema import SdkSpec, SdksTable
from ..models import ApkFacts, DataTypeId, NativeLib, SdkEvidence, SdkHit, SdkId, VersionFile
from .sdk_confidence import Rating, rate_detection
from .wildcard import Wildcard

MAX_EXAMPLES = 5


@dataclass(frozen=True)
class CompiledSignatures:
    """The SDK table turned into lookups. Built by :func:`compile_signatures`."""

    class_prefixes: dict[str, tuple[str, ...]]
    """Package prefix -> ids of the SDKs that list it."""
    native_libs: tuple[tuple[Wildcard, str, str], ...]
    """(compiled pattern, pattern as written, SDK id)."""
    meta_data: dict[str, tuple[str, ...]]
    """Meta-data key -> SDK ids."""
    components: dict[str, tuple[str, ...]]
    """Component signature (class or package) -> SDK ids."""
    hosts: dict[str, tuple[str, ...]]
    """Host -> SDK ids."""
    permissions: dict[str, tuple[str, ...]]
    version_files: tuple[tuple[Wildcard, str, str], ...]
    assets: tuple[tuple[Wildcard, str, str], ...]
    overrides: dict[str, frozenset[str]]
    """SDK id -> ids it is more specific than."""
    specs: dict[str, SdkSpec]
    category_defaults: dict[str, tuple[str, ...]]


def compile_signatures(table: SdksTable) -> CompiledSignatures:
    """Compile a table into lookups. Called once per knowledge object
    (:attr:`consistency.mappings.Mappings.sdk_signatures` keeps the result)."""
    prefixes: dict[str, list[str]] = defaultdict(list)
    metas: dict[str, list[str]] = defaultdict(list)
    components: dict[str, list[str]] = defaultdict(list)
    hosts: dict[str, list[str]] = defaultdict(list)
    permissions: dict[str, list[str]] = defaultdict(list)
    libs: list[tuple[Wildcard, str, str]] = []
    versions: list[tuple[Wildcard, str, str]] = []
    assets: list[tuple[Wildcard, str, str]] = []
    for spec in table.sdks:
        sig = spec.signatures
        for prefix in sig.classes:
            prefixes[prefix.strip().strip(".")].append(spec.id)
        for key in sig.meta_data:
            metas[key].append(spec.id)
        for pattern in sig.native_libs:
            libs.append((wildcard_pattern(pattern), pattern, spec.id))
        for name in (*sig.classes, *sig.components):
            components[name.strip().strip(".")].append(spec.id)
        for host in sig.hosts:
            hosts[host].append(spec.id)
        for permission in sig.permissions:
            permissions[permission].append(spec.id)
        versions += [(wildcard_pattern(p), p, spec.id) for p in sig.version_files]
        assets += [(wildcard_pattern(p), p, spec.id) for p in sig.assets]
    return CompiledSignatures(
        class_prefixes={p: tuple(dict.fromkeys(ids)) for p, ids in prefixes.items() if p},
        native_libs=tuple(libs),
        meta_data={k: tuple(dict.fromkeys(ids)) for k, ids in metas.items()},
        components={p: tuple(dict.fromkeys(ids)) for p, ids in components.items() if p},
        hosts={h: tuple(dict.fromkeys(ids)) for h, ids in hosts.items()},
        permissions={p: tuple(dict.fromkeys(ids)) for p, ids in permissions.items()},
        version_files=tuple(versions),
        assets=tuple(assets),
        overrides={s.id: frozenset(s.more_specific_than) for s in table.sdks if s.more_specific_than},
        specs={s.id: s for s in table.sdks},
        category_defaults={c.id: c.default_data_types for c in table.categories},
    )


def wildcard_pattern(pattern: str) -> Wildcard:
    """``libAMapSDK_*.so`` -> a matcher of the whole file name; only ``*`` is
    special, and matching is linear whatever the pattern (see :mod:`.wildcard`)."""
    return Wildcard.compile(pattern)


class _Tally:
    """Evidence gathered for one SDK while matching."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()
        self.details: dict[tuple[str, str], str] = {}
        self.examples: list[str] = []
        self.stub_classes = 0

    def add(self, kind: str, value: str, example: str | None, detail: str | None = None) -> None:
        self.counts[(kind, value)] += 1
        if example is not None:
            self.examples.append(example)
        if detail is not None:
            self.details.setdefault((kind, value), detail)


@dataclass(frozen=True)
class ApkEvidence:
    """What an APK offers the matcher beyond class names (all optional, so the
    table's one-line examples can be run through the same code)."""

    components: tuple[str, ...] = ()
    hosts: frozenset[str] = frozenset()
    permissions: tuple[str, ...] = ()
    version_files: tuple[VersionFile, ...] = ()
    assets: tuple[str, ...] = ()
    stub_classes: frozenset[str] = frozenset()
    meta_values: dict[str, str | None] | None = None
    """Meta-data key -> its (already masked) value, shown with the evidence."""


def apk_evidence(facts: ApkFacts) -> ApkEvidence:
    """Everything in the facts that the matcher reads beyond classes, libraries and keys."""
    return ApkEvidence(
        components=tuple(c.name for c in facts.components),
        hosts=facts.hosts,
        permissions=tuple(p.name for p in facts.permissions),
        version_files=facts.version_files,
        assets=facts.assets,
        stub_classes=facts.stub_classes,
        meta_values={m.name: m.value for m in facts.meta_data},
    )


def match_sdks(
    classes: Iterable[str],
    native_libs: Iterable[NativeLib],
    meta_data_keys: Iterable[str],
    compiled: CompiledSignatures,
    more: ApkEvidence | None = None,
) -> tuple[SdkHit, ...]:
    """Every SDK of the compiled table with evidence in the APK, sorted by id. An
    SDK with only supporting evidence (hosts, permissions) is not reported."""
    more = more or ApkEvidence()
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    package_cache: dict[str, dict[str, str]] = {}
    for class_name in classes:
        matches = _class_matches(class_name, compiled, package_cache)
        if not matches:
            continue
        stub = class_name in more.stub_classes
        for sdk_id, prefix in matches.items():
            tallies[sdk_id].add("class", prefix, class_name)
            tallies[sdk_id].stub_classes += stub
    for lib in native_libs:
        matched = _patterns(compiled.native_libs, lib.name)
        for sdk_id, text in _most_specific(matched, compiled).items():
            tallies[sdk_id].add("native_lib", text, f"lib/{lib.abi}/{lib.name}")
    values = more.meta_values or {}
    for key in meta_data_keys:
        matched = dict.fromkeys(compiled.meta_data.get(key, ()), key)
        for sdk_id, text in _most_specific(matched, compiled).items():
            tallies[sdk_id].add("meta_data", text, f"meta:{key}", values.get(key))
    _match_packaged(compiled, more, tallies)
    hits = []
    for sdk_id in sorted(tallies):
        rated = rate_detection(tallies[sdk_id].counts, tallies[sdk_id].stub_classes)
        if rated is not None:
            hits.append(_hit(compiled, sdk_id, tallies[sdk_id], rated))
    return tuple(hits)


def _match_packaged(compiled: CompiledSignatures, more: ApkEvidence, tallies: dict[str, _Tally]) -> None:
    """Components, hosts, permissions, version files and assets."""
    component_cache: dict[str, dict[str, str]] = {}
    for name in more.components:
        matched = _prefix_walk(name, compiled.components, component_cache)
        for sdk_id, prefix in _most_specific(matched, compiled).items():
            tallies[sdk_id].add("component", prefix, f"component:{name}", name)
    for host in sorted(more.hosts):  # sorted: the host shown as detail is the same every run
        labels = host.split(".")
        credited: set[str] = set()
        for depth in range(len(labels) - 1):  # the longest listed suffix wins, once per SDK
            suffix = ".".join(labels[depth:])
            for sdk_id in compiled.hosts.get(suffix, ()):
                if sdk_id not in credited:
                    credited.add(sdk_id)
                    tallies[sdk_id].add("host", suffix, None, host)
    for permission in more.permissions:
        for sdk_id in compiled.permissions.get(permission, ()):
            tallies[sdk_id].add("permission", permission, None)
    for version_file in more.version_files:
        matched = _patterns(compiled.version_files, version_file.name)
        for sdk_id, text in _most_specific(matched, compiled).items():
            tallies[sdk_id].add("version_file", text, f"META-INF/{version_file.name}", version_file.version)
    for path in more.assets:
        matched = _patterns(compiled.assets, path)
        for sdk_id, text in _most_specific(matched, compiled).items():
            tallies[sdk_id].add("asset", text, f"assets/{path}")


def _patterns(patterns: tuple[tuple[Wildcard, str, str], ...], name: str) -> dict[str, str]:
    return {sdk_id: text for pattern, text, sdk_id in patterns if pattern.fullmatch(name)}


def _prefix_walk(
    name: str, lookup: dict[str, tuple[str, ...]], cache: dict[str, dict[str, str]]
) -> dict[str, str]:
    """SDK id -> the most specific signature in ``lookup`` that ``name`` (a class)
    falls under, on package boundaries: the class itself, its outer class, then
    its package upwards. Classes of one package share the package's answer (kept
    in ``cache``), so most classes cost one or two dict lookups."""
    outer = name.partition("$")[0]
    package = outer.rpartition(".")[0]
    inherited = cache.get(package)
    if inherited is None:
        inherited = {}
        parts = package.split(".") if package else []
        for depth in range(len(parts), 0, -1):
            prefix = ".".join(parts[:depth])
            for sdk_id in lookup.get(prefix, ()):
                inherited.setdefault(sdk_id, prefix)
        cache[package] = inherited
    own_ids = lookup.get(name)
    outer_ids = lookup.get(outer) if outer != name else None
    if not own_ids and not outer_ids:
        return inherited  # nearly every class: nothing listed under its own name
    own = dict.fromkeys(own_ids or (), name)
    for sdk_id in outer_ids or ():
        own.setdefault(sdk_id, outer)
    return {**inherited, **own}


def _class_matches(
    class_name: str, compiled: CompiledSignatures, package_cache: dict[str, dict[str, str]]
) -> dict[str, str]:
    """SDK id -> the most specific prefix of that SDK matching ``class_name``."""
    matched = _prefix_walk(class_name, compiled.class_prefixes, package_cache)
    return _most_specific(matched, compiled) if matched else matched


def _most_specific(matched: dict[str, str], compiled: CompiledSignatures) -> dict[str, str]:
    """Drop every SDK that another matched SDK declares itself more specific than."""
    if len(matched) < 2 or not compiled.overrides:
        return matched
    beaten = {loser for winner in matched for loser in compiled.overrides.get(winner, ())}
    return {sdk_id: value for sdk_id, value in matched.items() if sdk_id not in beaten}


def _hit(compiled: CompiledSignatures, sdk_id: str, tally: _Tally, rated: Rating) -> SdkHit:
    spec = compiled.specs[sdk_id]
    versions = sorted(detail for (kind, _), detail in tally.details.items() if kind == "version_file")
    return SdkHit(
        sdk_id=SdkId(spec.id),
        name=spec.name,
        vendor=spec.vendor,
        category=spec.category,
        evidence=tuple(
            SdkEvidence(kind=kind, value=value, count=count, detail=tally.details.get((kind, value)))  # type: ignore[arg-type]
            for (kind, value), count in sorted(tally.counts.items())
        ),
        examples=tuple(sorted(set(tally.examples))[:MAX_EXAMPLES]),
        data_types=sdk_data_types(spec, compiled.category_defaults),
        confidence=rated.confidence,
        version=versions[0] if versions else None,
        note=rated.note,
    )


def sdk_data_types(spec: SdkSpec, category_defaults: dict[str, tuple[str, ...]]) -> tuple[DataTypeId, ...]:
    """What an SDK collects: the vendor's own list, or for ``basis: category``
    entries (no vendor statement found) the category's defaults when the entry
    lists none itself."""
    types = spec.data_types
    if not types and spec.basis == "category":
        types = category_defaults.get(spec.category, ())
    return tuple(DataTypeId(t) for t in sorted(set(types)))


def sdks_matching_example(example: str, compiled: CompiledSignatures) -> frozenset[str]:
    """Ids of the SDKs one ``examples`` entry of ``sdks.yaml`` is detected as.

    An example is a class name, ``lib/<abi>/<file>.so`` for a native library, or
    ``meta:<key>`` for a manifest meta-data key (the notation of
    ``SdkSpec.examples``), so the table's own match/no_match lists can be run
    through the real matcher."""
    classes: list[str] = []
    libs: list[NativeLib] = []
    metas: list[str] = []
    parts: dict[str, list[str]] = defaultdict(list)
    for piece in (p.strip() for p in example.split(" + ")):
        kind, _, rest = piece.partition(":")
        if rest and kind in _EXAMPLE_KINDS:
            parts[kind].append(rest)
        elif piece.startswith("lib/") and piece.count("/") == 2:
            _, abi, name = piece.split("/")
            libs.append(NativeLib(abi, name))
        else:
            classes.append(piece)
    metas = parts["meta"]
    more = ApkEvidence(
        components=tuple(parts["component"]),
        hosts=frozenset(parts["host"]),
        permissions=tuple(parts["permission"]),
        version_files=tuple(VersionFile(n, None) for n in parts["version"]),
        assets=tuple(parts["asset"]),
    )
    hits = match_sdks(classes, libs, metas, compiled, more)
    return frozenset(hit.sdk_id for hit in hits)


_EXAMPLE_KINDS = frozenset({"meta", "component", "host", "permission", "version", "asset"})
