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
* manifest ``<meta-data>`` keys, matched exactly.

When two SDKs' signatures overlap on purpose (``more_specific_than``), a thing
matched by both is credited to the more specific SDK only. Each SDK is reported
once however many classes match, with per-prefix counts and a few example
classes a person can check.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..mappings.schema import SdkSpec, SdksTable
from ..models import DataTypeId, NativeLib, SdkEvidence, SdkHit, SdkId

MAX_EXAMPLES = 5


@dataclass(frozen=True)
class CompiledSignatures:
    """The SDK table turned into lookups. Built by :func:`compile_signatures`."""

    class_prefixes: dict[str, tuple[str, ...]]
    """Package prefix -> ids of the SDKs that list it."""
    native_libs: tuple[tuple[re.Pattern[str], str, str], ...]
    """(compiled pattern, pattern as written, SDK id)."""
    meta_data: dict[str, tuple[str, ...]]
    """Meta-data key -> SDK ids."""
    overrides: dict[str, frozenset[str]]
    """SDK id -> ids it is more specific than."""
    specs: dict[str, SdkSpec]
    category_defaults: dict[str, tuple[str, ...]]


def compile_signatures(table: SdksTable) -> CompiledSignatures:
    """Compile a table into lookups. Called once per knowledge object
    (:attr:`consistency.mappings.Mappings.sdk_signatures` keeps the result)."""
    prefixes: dict[str, list[str]] = defaultdict(list)
    metas: dict[str, list[str]] = defaultdict(list)
    libs: list[tuple[re.Pattern[str], str, str]] = []
    for spec in table.sdks:
        for prefix in spec.signatures.classes:
            prefixes[prefix.strip().strip(".")].append(spec.id)
        for key in spec.signatures.meta_data:
            metas[key].append(spec.id)
        for pattern in spec.signatures.native_libs:
            libs.append((wildcard_pattern(pattern), pattern, spec.id))
    return CompiledSignatures(
        class_prefixes={p: tuple(dict.fromkeys(ids)) for p, ids in prefixes.items() if p},
        native_libs=tuple(libs),
        meta_data={k: tuple(dict.fromkeys(ids)) for k, ids in metas.items()},
        overrides={s.id: frozenset(s.more_specific_than) for s in table.sdks if s.more_specific_than},
        specs={s.id: s for s in table.sdks},
        category_defaults={c.id: c.default_data_types for c in table.categories},
    )


def wildcard_pattern(pattern: str) -> re.Pattern[str]:
    """``libAMapSDK_*.so`` -> a regex matching the whole file name; only ``*`` is special."""
    return re.compile(".*".join(re.escape(part) for part in pattern.split("*")))


class _Tally:
    """Evidence gathered for one SDK while matching."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()
        self.examples: list[str] = []

    def add(self, kind: str, value: str, example: str) -> None:
        self.counts[(kind, value)] += 1
        self.examples.append(example)


def match_sdks(
    classes: Iterable[str],
    native_libs: Iterable[NativeLib],
    meta_data_keys: Iterable[str],
    compiled: CompiledSignatures,
) -> tuple[SdkHit, ...]:
    """Every SDK of the compiled table with evidence in the APK, sorted by id."""
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    package_cache: dict[str, dict[str, str]] = {}
    for class_name in classes:
        for sdk_id, prefix in _class_matches(class_name, compiled, package_cache).items():
            tallies[sdk_id].add("class", prefix, class_name)
    for lib in native_libs:
        matched = {
            sdk_id: text for pattern, text, sdk_id in compiled.native_libs if pattern.fullmatch(lib.name)
        }
        for sdk_id, text in _most_specific(matched, compiled).items():
            tallies[sdk_id].add("native_lib", text, f"lib/{lib.abi}/{lib.name}")
    for key in meta_data_keys:
        matched = dict.fromkeys(compiled.meta_data.get(key, ()), key)
        for sdk_id, text in _most_specific(matched, compiled).items():
            tallies[sdk_id].add("meta_data", text, f"meta:{key}")
    return tuple(_hit(compiled, sdk_id, tallies[sdk_id]) for sdk_id in sorted(tallies))


def _class_matches(
    class_name: str, compiled: CompiledSignatures, package_cache: dict[str, dict[str, str]]
) -> dict[str, str]:
    """SDK id -> the most specific prefix of that SDK matching ``class_name``.
    Classes of one package share the package's answer, so most classes cost one
    dict lookup; the class's own name is checked separately (a signature may
    name a single class)."""
    own = {sdk_id: class_name for sdk_id in compiled.class_prefixes.get(class_name, ())}
    outer = class_name.split("$", 1)[0]
    if outer != class_name:
        for sdk_id in compiled.class_prefixes.get(outer, ()):
            own.setdefault(sdk_id, outer)
    package = outer.rpartition(".")[0]
    inherited = package_cache.get(package)
    if inherited is None:
        inherited = {}
        parts = package.split(".") if package else []
        for depth in range(len(parts), 0, -1):
            prefix = ".".join(parts[:depth])
            for sdk_id in compiled.class_prefixes.get(prefix, ()):
                inherited.setdefault(sdk_id, prefix)
        package_cache[package] = inherited
    if not own:
        return _most_specific(inherited, compiled) if inherited else inherited
    return _most_specific({**inherited, **own}, compiled)


def _most_specific(matched: dict[str, str], compiled: CompiledSignatures) -> dict[str, str]:
    """Drop every SDK that another matched SDK declares itself more specific than."""
    if len(matched) < 2 or not compiled.overrides:
        return matched
    beaten = {loser for winner in matched for loser in compiled.overrides.get(winner, ())}
    return {sdk_id: value for sdk_id, value in matched.items() if sdk_id not in beaten}


def _hit(compiled: CompiledSignatures, sdk_id: str, tally: _Tally) -> SdkHit:
    spec = compiled.specs[sdk_id]
    return SdkHit(
        sdk_id=SdkId(spec.id),
        name=spec.name,
        vendor=spec.vendor,
        category=spec.category,
        evidence=tuple(
            SdkEvidence(kind=kind, value=value, count=count)  # type: ignore[arg-type]
            for (kind, value), count in sorted(tally.counts.items())
        ),
        examples=tuple(sorted(set(tally.examples))[:MAX_EXAMPLES]),
        data_types=sdk_data_types(spec, compiled.category_defaults),
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
    if example.startswith("meta:"):
        hits = match_sdks((), (), (example[len("meta:") :],), compiled)
    elif example.startswith("lib/") and example.count("/") == 2:
        _, abi, name = example.split("/")
        hits = match_sdks((), (NativeLib(abi, name),), (), compiled)
    else:
        hits = match_sdks((example,), (), (), compiled)
    return frozenset(hit.sdk_id for hit in hits)
