"""The review rubric: what a privacy reviewer would sign, on top of the class table.

:mod:`consistency.compare` decides a finding's class from what the policy says
(the tables in its docstring). A reviewer then asks what the app can really do
with the data and how sure we are that it does, and lowers or keeps the
severity accordingly. Each of those judgements is one *rule* here, with a
default severity and the plain words a finding's message quotes. Everything
app-specific (which permission lets data leave the device, which SDK categories
track or identify, when an SDK's data type applies) is data in the tables; this
module only combines those flags.

=========================  ========  ===================================================
rule                       severity  when (data types unless said)
=========================  ========  ===================================================
policy_language            info      the policy is in a language the tables do not read:
                                     an omitted data type is ``unknown`` (rubric 7)
on_device_only             info      the app has no network permission and no bundled
                                     networking SDK: nothing it reaches can leave the
                                     device (rubric 1)
weak_evidence              info      (data types and SDKs) the SDK is seen only through
                                     weak evidence, such as one manifest meta-data key,
                                     or a detection of low confidence (rubric 6)
derived_from_ip            low       only SDKs that take no location fix in this app
                                     reach the location: their vendor derives it from
                                     the IP address (rubric 4, ``requires`` in sdks.yaml)
advertising_id_unmentioned high      the advertising ID (an advertising-ID permission or
                                     an ad SDK) is mentioned in no form (rubric 5)
identity_sdk_unnamed       high      (data types and SDKs) a sign-in, identity or
                                     payment SDK takes it, and the policy neither names
                                     that SDK nor covers its kind (rubric 5)
by_reference               low       omitted, but the policy names every SDK that takes
                                     it (or its vendor, or its kind of provider): the
                                     data is disclosed by reference, ``vague`` (rubric 3)
storage_access             medium    reached only through storage permissions, which
                                     mean file access, not collection of the files
                                     (at most medium, rubric 2) unless an SDK uploads files
unused_permission          medium    omitted, reached through no bundled SDK, and every
                                     dangerous permission in effect that reaches it is
                                     declared while its API (methods, provider fields or
                                     URIs in permissions.yaml) is never referenced: a
                                     declared-but-unused permission (at most medium,
                                     rubric 6)
sdk_data_unnamed           medium    omitted, taken by SDKs that neither identify the
                                     user nor read the advertising ID, and reached through
                                     no dangerous permission in effect whose API is used
nothing_collected_         high      the policy says nothing is collected or shared ("we
contradicted                         do not collect any personal information") while a
                                     bundled tracking SDK takes the data type: class
                                     ``contradicted``, the denial as evidence (rubric 5)
denial_contradicted        high      a denial meets a permission whose API the code uses
                                     (or whose API the tables cannot check), or a
                                     tracking or identity SDK ("we collect nothing"
                                     while an ad SDK is bundled) (rubric 5)
denial_weakly_contradicted medium    a denial meets only permissions whose API the code
                                     never calls, or SDKs that do not track
=========================  ========  ===================================================

Findings no rule applies to keep the class rule's severity
(:mod:`consistency.severity`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .models import (
    AppProfile,
    DataSource,
    FindingClass,
    PolicyReading,
    ReachableData,
    SdkHit,
    Severity,
    Statement,
)

if TYPE_CHECKING:
    from .mappings import Mappings

Outcome = Literal["collected", "not_collected", "derived"]


@dataclass(frozen=True)
class Rule:
    severity: Severity
    words: str
    """What a message says about why: plain words, no jargon."""


RULES: dict[str, Rule] = {
    "policy_language": Rule(
        "info", "the policy's language is not one the tables read, so its silence proves nothing"
    ),
    "on_device_only": Rule("info", "no network permission: on-device only"),
    "weak_evidence": Rule("info", "weak evidence that the SDK is bundled"),
    "derived_from_ip": Rule("low", "no location permission: the SDK's vendor derives it from the IP address"),
    "advertising_id_unmentioned": Rule("high", "the advertising ID is mentioned in no form"),
    "identity_sdk_unnamed": Rule("high", "a sign-in or payment SDK the policy does not name or cover"),
    "by_reference": Rule("low", "named SDK, data disclosed by reference"),
    "storage_access": Rule("medium", "storage permission: file access, not collection of the files"),
    "unused_permission": Rule(
        "medium", "the permission is declared, but the code never references an API it guards"
    ),
    "sdk_data_unnamed": Rule("medium", "taken by an SDK the policy does not name"),
    "nothing_collected_contradicted": Rule(
        "high", "the policy says nothing is collected, yet a bundled ad or analytics SDK takes it"
    ),
    "denial_contradicted": Rule("high", "a denial contradicted by what the app really does"),
    "denial_weakly_contradicted": Rule(
        "medium", "the denial meets only an unused permission or an SDK that does not track"
    ),
}
"""Every rubric rule: its default severity (overridable by rule name in the
configuration) and its plain words."""

WEAK_CONFIDENCE = frozenset({"low"})
"""Detection confidence levels (``SdkHit.confidence`` when present) that are weak evidence."""


@dataclass(frozen=True)
class AppSignals:
    """What the rubric needs to know about the app and the policy, computed once."""

    transmits: bool
    """A network permission or a bundled (strongly evidenced) SDK that needs the network."""
    weak_sdks: frozenset[str]
    requested: frozenset[str]
    """Requested permission names."""
    permission_data_types: frozenset[str]
    """Data types reached through some requested permission."""
    sdk_categories: dict[str, str]
    uploads_files: bool
    readable_policy: bool
    denials_of_everything: tuple[Statement, ...] = ()
    """First-party sentences that deny collecting or sharing anything at all: they
    deny without naming a data type or a third party ("we do not collect any
    personal information")."""


def app_signals(profile: AppProfile, reading: PolicyReading, mappings: Mappings) -> AppSignals:
    weak = frozenset(h.sdk_id for h in profile.sdks if is_weak(h))
    categories = {h.sdk_id: h.category for h in profile.sdks}
    requested = frozenset(p.name for p in profile.facts.permissions)
    network = any(_permission_flag(mappings, name, "network") for name in requested)
    strong_networking = any(
        h.sdk_id not in weak and not _category_flag(mappings, h.category, "on_device") for h in profile.sdks
    )
    reached = frozenset(
        dt for p in profile.permissions for dt in p.data_types if p.in_effect or p.older_devices
    )
    return AppSignals(
        transmits=network or strong_networking,
        weak_sdks=weak,
        requested=requested,
        permission_data_types=reached,
        sdk_categories=categories,
        uploads_files=any(
            h.sdk_id not in weak and _category_flag(mappings, h.category, "uploads_files")
            for h in profile.sdks
        ),
        readable_policy=reading.language is None or reading.language.covered,
        denials_of_everything=denials_of_everything(reading.statements, mappings),
    )


def denials_of_everything(statements: Iterable[Statement], mappings: Mappings) -> tuple[Statement, ...]:
    """First-party sentences that deny collecting or sharing anything at all
    (``denials_of_everything`` in statements.yaml)."""
    spec = getattr(mappings.statements, "denials_of_everything", None)
    if spec is None:
        return ()
    phrases = tuple(p.lower() for p in (*spec.phrases.en, *spec.phrases.zh))
    exclude = tuple(p.lower() for p in (*spec.exclude.en, *spec.exclude.zh))
    return tuple(
        st
        for st in statements
        if st.first_party
        and st.denied & _COLLECT_OR_SHARE
        and not st.actions
        and not st.parties
        and is_denial_of_everything(st.sentence.text, phrases, exclude)
    )


def is_denial_of_everything(text: str, phrases: Iterable[str], exclude: Iterable[str]) -> bool:
    """Whether a denying sentence's words deny everything (the phrases are lowercase)."""
    low = text.lower()
    return any(p in low for p in phrases) and not any(x in low for x in exclude)


_COLLECT_OR_SHARE = frozenset({"collect", "share"})


def is_weak(hit: SdkHit) -> bool:
    """Seen only through manifest meta-data keys (a flag that turns collection off
    names the SDK without bundling it), or detected with low confidence."""
    if getattr(hit, "confidence", "high") in WEAK_CONFIDENCE:
        return True
    return bool(hit.evidence) and all(e.kind == "meta_data" for e in hit.evidence)


# ------------------------------------------------------- rubric 4: requires


def requirement_outcome(
    mappings: Mappings, signals: AppSignals, sdk_category: str, data_type: str
) -> Outcome:
    """Whether an SDK of this category takes this data type in this app."""
    for req in mappings.sdks.requires:
        if req.data_type != data_type or (req.sdk_categories and sdk_category not in req.sdk_categories):
            continue
        if not _requirement_met(req, signals):
            return req.otherwise
    return "collected"


def _requirement_met(req, signals: AppSignals) -> bool:
    return (
        bool(signals.requested & set(req.any_permission))
        or bool(signals.permission_data_types & set(req.any_permission_for))
        or any(c in req.any_sdk_category for c in signals.sdk_categories.values())
    )


def apply_requirements(
    data: Iterable[ReachableData], mappings: Mappings, signals: AppSignals
) -> tuple[tuple[ReachableData, ...], frozenset[tuple[str, str]]]:
    """Drop SDK sources of data types the SDK does not take in this app; return the
    rest and the (data type, SDK id) pairs whose data the vendor derives."""
    kept: list[ReachableData] = []
    derived: set[tuple[str, str]] = set()
    for item in data:
        sources = []
        for s in item.sources:
            if s.kind == "sdk":
                outcome = requirement_outcome(
                    mappings, signals, signals.sdk_categories.get(s.id, ""), item.data_type
                )
                if outcome == "not_collected":
                    continue
                if outcome == "derived":
                    derived.add((item.data_type, s.id))
            sources.append(s)
        if sources:
            kept.append(ReachableData(item.data_type, tuple(sources)))
    return tuple(kept), frozenset(derived)


# -------------------------------------------------------------- data types


@dataclass(frozen=True)
class DataCase:
    """One data-type finding as the rubric sees it."""

    item: ReachableData
    status: FindingClass
    named_sdks: frozenset[str]
    """SDK sources the policy names (or covers by their kind of provider)."""
    derived: frozenset[str]
    """SDK sources whose vendor derives this data type (rubric 4)."""


def data_rule(case: DataCase, mappings: Mappings, signals: AppSignals) -> tuple[FindingClass, str]:
    """The finding's class after the rubric, and the rule that decided it ("" for none)."""
    item, status = case.item, case.status
    if status in ("disclosed", "unsupported"):
        return status, ""
    if status == "omitted" and not signals.readable_policy:
        return "unknown", "policy_language"
    sdks = [s for s in item.sources if s.kind == "sdk"]
    strong = [s for s in sdks if s.id not in signals.weak_sdks]
    perms = [s for s in item.sources if s.kind == "permission"]
    if not signals.transmits and not strong:
        return status, "on_device_only"
    if sdks and not strong and not perms:
        return status, "weak_evidence"
    if status == "contradicted":
        return status, _denial_rule(perms, strong, mappings, signals)
    if signals.denials_of_everything and any(_sdk_flag(mappings, signals, s.id, "tracking") for s in strong):
        return "contradicted", "nothing_collected_contradicted"
    if status != "omitted":
        return status, ""
    if strong and not perms and all(s.id in case.derived for s in strong):
        return status, "derived_from_ip"
    if _advertising_id(item, mappings, signals):
        return status, "advertising_id_unmentioned"
    unnamed = [s for s in strong if s.id not in case.named_sdks]
    if any(_identity_data(mappings, signals, s.id, item.data_type) for s in unnamed):
        return status, "identity_sdk_unnamed"
    sensitive_perms = [
        p for p in perms if _sensitive(p) and not _permission_flag(mappings, p.id, "file_access")
    ]
    if strong and not unnamed and not sensitive_perms:
        return "vague", "by_reference"
    if (
        perms
        and all(_permission_flag(mappings, p.id, "file_access") for p in perms)
        and not strong
        and not signals.uploads_files
    ):
        return status, "storage_access"
    if not strong and _only_unused_permissions(perms):
        return status, "unused_permission"
    if strong and not sensitive_perms:
        return status, "sdk_data_unnamed"
    return status, ""


def _denial_rule(
    perms: list[DataSource], sdks: list[DataSource], mappings: Mappings, signals: AppSignals
) -> str:
    used = any(p.in_effect and p.api_used is not False for p in perms)
    tracking = any(
        _sdk_flag(mappings, signals, s.id, "tracking")
        or is_identity_sdk(mappings, s.id, signals.sdk_categories.get(s.id, ""))
        for s in sdks
    )
    return "denial_contradicted" if used or tracking else "denial_weakly_contradicted"


def _identity_data(mappings: Mappings, signals: AppSignals, sdk_id: str, data_type: str) -> bool:
    """An identity SDK (sign-in, payments) taking identity data: the data its
    category is about (``default_data_types``), not its performance metrics."""
    spec = mappings.sdk_category(signals.sdk_categories.get(sdk_id, ""))
    return (
        spec is not None
        and is_identity_sdk(mappings, sdk_id, spec.id)
        and data_type in spec.default_data_types
    )


def is_identity_sdk(mappings: Mappings, sdk_id: str, category: str) -> bool:
    """Sign-in, identity or payment SDK: the SDK's own ``identity`` flag, else its category's."""
    try:
        own = mappings.sdk(sdk_id).identity
    except KeyError:
        own = None
    return own if own is not None else _category_flag(mappings, category, "identity")


def _advertising_id(item: ReachableData, mappings: Mappings, signals: AppSignals) -> bool:
    try:
        flagged = mappings.datatype(item.data_type).advertising_id
    except KeyError:
        return False
    return flagged and any(
        (s.kind == "permission" and _permission_flag(mappings, s.id, "advertising_id"))
        or (
            s.kind == "sdk"
            and s.id not in signals.weak_sdks
            and _sdk_flag(mappings, signals, s.id, "advertising_id")
        )
        for s in item.sources
    )


# -------------------------------------------------------------------- SDKs


def sdk_rule(hit: SdkHit, status: FindingClass, mappings: Mappings, signals: AppSignals) -> str:
    """The rubric rule for an SDK finding ("" for none)."""
    if status == "disclosed":
        return ""
    if hit.sdk_id in signals.weak_sdks:
        return "weak_evidence"
    if status == "omitted" and is_identity_sdk(mappings, hit.sdk_id, hit.category):
        return "identity_sdk_unnamed"
    return ""


# ----------------------------------------------------------------- helpers


def _sensitive(source: DataSource) -> bool:
    return source.dangerous and source.in_effect and source.api_used is not False


def _only_unused_permissions(perms: list[DataSource]) -> bool:
    """Some dangerous permission in effect reaches the data, and the code references
    the API of none of them (``api_used`` False, never None: a permission whose API
    the tables cannot check is never called unused). Only those permissions make an
    omission high, so the others do not matter here."""
    granted = [p for p in perms if p.dangerous and p.in_effect]
    return bool(granted) and all(p.api_used is False for p in granted)


def _permission_flag(mappings: Mappings, name: str, flag: str) -> bool:
    spec = mappings.permission(name)
    return bool(spec is not None and getattr(spec, flag))


def _category_flag(mappings: Mappings, category: str, flag: str) -> bool:
    spec = mappings.sdk_category(category)
    return bool(spec is not None and getattr(spec, flag))


def _sdk_flag(mappings: Mappings, signals: AppSignals, sdk_id: str, flag: str) -> bool:
    return _category_flag(mappings, signals.sdk_categories.get(sdk_id, ""), flag)
