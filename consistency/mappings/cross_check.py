"""Cross-checks of the merged tables: what the schema cannot see (references
between entries and tables, duplicate phrases, overlapping SDK signatures)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from pydantic import BaseModel

from .layers import Placed, entry_key
from .problems import Problem
from .schema import Phrases, SdkSpec


def cross_check(
    tables: Mapping[str, BaseModel | None], merged: Mapping[str, Mapping[str, list[Placed]]]
) -> list[Problem]:
    """What the schema cannot see: references between entries and tables."""
    problems: list[Problem] = []
    datatypes = merged.get("datatypes.yaml", {})
    type_ids = {p.entry.id for p in datatypes.get("datatypes", [])}
    category_ids = {p.entry.id for p in datatypes.get("categories", [])}
    if tables.get("datatypes.yaml") is not None:
        problems += _check_datatypes(datatypes, type_ids, category_ids)
    types_known = tables.get("datatypes.yaml") is not None  # else every reference would look unknown
    if tables.get("permissions.yaml") is not None and types_known:
        for placed in merged["permissions.yaml"].get("permissions", []):
            problems += _unknown_types(placed, "data_types", type_ids)
            narrower = set(placed.entry.policy_data_types or ()) - set(placed.entry.data_types)
            problems += [
                placed.problem(f"policy_data_types {t!r} not in data_types", "policy_data_types")
                for t in sorted(narrower)
            ]
    sdks = merged.get("sdks.yaml", {})
    sdk_category_ids = {p.entry.id for p in sdks.get("categories", [])}
    if tables.get("sdks.yaml") is not None:
        problems += _check_sdks(sdks, type_ids if types_known else None, sdk_category_ids)
    if tables.get("parties.yaml") is not None:
        parties = merged["parties.yaml"]
        for placed in parties.get("categories", []):
            for i, ref in enumerate(placed.entry.sdk_categories):
                if tables.get("sdks.yaml") is not None and ref not in sdk_category_ids:
                    problems.append(
                        placed.problem(
                            f"unknown SDK category {ref!r} (see sdks.yaml categories)", "sdk_categories", i
                        )
                    )
        problems += _duplicate_phrases(parties.get("categories", []) + parties.get("catch_all", []))
    return problems


def _check_datatypes(
    datatypes: Mapping[str, list[Placed]], type_ids: set[str], category_ids: set[str]
) -> list[Problem]:
    problems: list[Problem] = []
    used_categories: set[str] = set()
    for placed in datatypes.get("datatypes", []):
        spec = placed.entry
        used_categories.add(spec.category)
        if spec.category not in category_ids:
            problems.append(placed.problem(f"unknown category {spec.category!r}", "category"))
        elif spec.id.split(".", 1)[0] != spec.category:
            problems.append(
                placed.problem(
                    f"data type id {spec.id!r} must start with its category {spec.category!r}", "id"
                )
            )
    for placed in datatypes.get("categories", []):
        if placed.entry.id not in used_categories:
            problems.append(placed.problem(f"category {placed.entry.id!r} has no data types"))
    for placed in datatypes.get("broad_terms", []):
        for i, ref in enumerate(placed.entry.covers):
            if ref not in type_ids and ref not in category_ids:
                problems.append(placed.problem(f"unknown data type or category {ref!r}", "covers", i))
    entries = (
        datatypes.get("categories", []) + datatypes.get("datatypes", []) + datatypes.get("broad_terms", [])
    )
    problems += _duplicate_phrases(entries + datatypes.get("catch_all", []))
    return problems


def _unknown_types(placed: Placed, field_name: str, type_ids: set[str]) -> Iterator[Problem]:
    for i, ref in enumerate(getattr(placed.entry, field_name)):
        if ref not in type_ids:
            yield placed.problem(f"unknown data type {ref!r} (see datatypes.yaml)", field_name, i)


def _normal_phrase(phrase: str) -> str:
    """How two phrases compare: case, hyphens and spacing do not tell them apart."""
    return " ".join(phrase.casefold().replace("-", " ").split())


def _duplicate_phrases(entries: Iterable[Placed]) -> list[Problem]:
    """A phrase listed under two entries of one table makes every mention of it
    ambiguous; listed twice under one entry it is a copy-paste slip."""
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    entries = list(entries)
    for placed in entries:
        name = entry_key(placed.entry) or "catch_all"
        phrases: Phrases = placed.entry.phrases
        for lang in ("en", "zh"):
            for i, phrase in enumerate(getattr(phrases, lang)):
                norm = _normal_phrase(phrase)
                if norm in owner:
                    where = "this entry" if owner[norm] == name else repr(owner[norm])
                    problems.append(
                        placed.problem(
                            f"phrase {phrase!r} is already listed under {where}", "phrases", lang, i
                        )
                    )
                else:
                    owner[norm] = name
    for placed in entries:  # an exclusion equal to a phrase would cancel that phrase
        excluded: Phrases = getattr(placed.entry, "exclude", Phrases())
        for lang in ("en", "zh"):
            for i, phrase in enumerate(getattr(excluded, lang)):
                if _normal_phrase(phrase) in owner:
                    problems.append(
                        placed.problem(
                            f"excluded phrase {phrase!r} is a phrase of {owner[_normal_phrase(phrase)]!r}",
                            "exclude",
                            lang,
                            i,
                        )
                    )
    return problems


def _check_sdks(
    sdks: Mapping[str, list[Placed]], type_ids: set[str] | None, category_ids: set[str]
) -> list[Problem]:
    """``type_ids`` is None when datatypes.yaml itself failed to load."""
    problems: list[Problem] = []
    if type_ids is not None:
        for placed in sdks.get("categories", []):
            problems += _unknown_types(placed, "default_data_types", type_ids)
    entries = sdks.get("sdks", [])
    sdk_ids = {p.entry.id for p in entries}
    for placed in entries:
        spec: SdkSpec = placed.entry
        if spec.category not in category_ids:
            problems.append(placed.problem(f"unknown SDK category {spec.category!r}", "category"))
        if type_ids is not None:
            problems += _unknown_types(placed, "data_types", type_ids)
        sig = spec.signatures
        if not (
            sig.classes
            or sig.native_libs
            or sig.meta_data
            or sig.components
            or sig.version_files
            or sig.assets
        ):
            problems.append(
                placed.problem(
                    f"SDK {spec.id!r} has no signature that can report it (classes, native_libs, meta_data, "
                    "components, version_files or assets; hosts and permissions only support)",
                    "signatures",
                )
            )
        if not spec.policy_names.all():
            problems.append(placed.problem(f"SDK {spec.id!r} has no policy name", "policy_names"))
        for i, other in enumerate(spec.more_specific_than):
            if other not in sdk_ids:
                problems.append(
                    placed.problem(f"more_specific_than names unknown SDK {other!r}", "more_specific_than", i)
                )
            elif other == spec.id:
                problems.append(
                    placed.problem("an SDK cannot be more specific than itself", "more_specific_than", i)
                )
    problems += _overlapping_signatures(entries)
    return problems


def _overlapping_signatures(entries: list[Placed]) -> list[Problem]:
    """Two SDKs whose class prefixes are equal, or one a package-boundary prefix of
    the other, would both claim the same classes: the more specific one must say
    so with ``more_specific_than``. One dictionary walk per prefix instead of a
    comparison of every pair (hundreds of SDKs, thousands of prefixes). Equal
    prefixes are reported once, on the later entry."""
    order = {p.entry.id: n for n, p in enumerate(entries)}
    owners: dict[str, list[tuple[Placed, int]]] = {}
    for placed in entries:
        for i, prefix in enumerate(placed.entry.signatures.classes):
            owners.setdefault(prefix, []).append((placed, i))
    problems: list[Problem] = []
    reported: set[tuple[str, str]] = set()  # one problem per pair of SDKs
    for prefix, claimants in owners.items():
        parts = prefix.split(".")
        ancestors = [".".join(parts[:n]) for n in range(1, len(parts))]
        for placed, index in claimants:
            spec: SdkSpec = placed.entry
            same = [(p.entry, prefix) for p, _ in claimants if order[p.entry.id] < order[spec.id]]
            inside = [(p.entry, a) for a in ancestors for p, _ in owners.get(a, []) if p.entry.id != spec.id]
            for other, shared in same + inside:
                equal = shared == prefix
                declared = other.id in spec.more_specific_than or (
                    equal and spec.id in other.more_specific_than
                )
                if declared or (spec.id, other.id) in reported:
                    continue
                reported.add((spec.id, other.id))
                how = "the same class signature as" if equal else "a class signature inside"
                problems.append(
                    placed.problem(
                        f"SDK {spec.id!r} has {how} {other.id!r} ({shared!r}): "
                        f"add more_specific_than: [{other.id}] to the more specific one",
                        "signatures",
                        "classes",
                        index,
                    )
                )
    return problems
