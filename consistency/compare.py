"""The diff between what an app can reach and what its policy says: one finding per subject.

How a finding's class is decided
================================

Every data type the app can reach (through a permission or a bundled SDK) and
every SDK it bundles gets exactly one finding. The policy side has already
summarised each data type as a *disclosure* (collected, shared, denied, vague or
not mentioned; named in specific words or only by a broader term) and each named
third party as a *party* (an SDK or vendor by name, a category such as
"analytics providers", or a catch-all such as "third parties").

Data types
----------

==============  ==============================================================================
class           when
==============  ==============================================================================
contradicted    The policy denies collecting or sharing the data type and affirms neither
                (status ``denied``). Also when a bundled SDK collects it and the policy says
                the data is *not shared* while never saying it goes to a third party and
                never naming one of those SDKs: the SDK sends it to its vendor anyway.
                Evidence: the denial sentences.
disclosed       The policy names the data type, or its Data safety category, in specific
                words as collected or shared. If a bundled SDK collects it, the policy must
                also say it is shared with or collected by third parties, or name one of
                those SDKs or their vendors; otherwise see ``vague``.
vague           Only a broader term covers the data type ("device information" for device
                IDs), or it is named specifically but only as collected by the publisher
                while a bundled third-party SDK collects it too (first-party wording hides
                who else receives it).
omitted         Nothing covers it, or only a catch-all ("personal information", "your
                data"): a catch-all says nothing about which data, so it is no disclosure.
                The catch-all sentences are still shown, as context.
unknown         (set by the rubric, rule 7) would be ``omitted``, but the policy is in a
                language the tables do not read: its silence proves nothing.
==============  ==============================================================================

SDKs
----

==============  ==============================================================================
class           when
==============  ==============================================================================
disclosed       The policy names the SDK, its product or its vendor (and does not deny it).
contradicted    The policy names the SDK only to deny using it, or denies using the whole
                category of provider it belongs to ("we do not use advertising networks").
vague           Only a third-party category covers it: a category whose SDK categories
                include this SDK's ("analytics providers" for an analytics SDK).
omitted         Nothing names it, or only a catch-all ("third parties", "partners").
==============  ==============================================================================

Claims without a sign in the APK (``unsupported``, severity info)
------------------------------------------------------------------

The policy names a data type in specific words as collected or shared, the app
reaches no data type that the same phrase names (through no permission and no
SDK), and the data type is *platform-gated*: the tables mark it
(``platform_gated: true`` in ``datatypes.yaml``) as data an app can only get
through a permission-guarded platform API, such as a location fix, the contacts,
the calendar, the call log, SMS, the microphone or nearby-device scans. Nearly
every data type is linked to *some* permission or SDK in the tables (a name
through READ_PROFILE, an email address through GET_ACCOUNTS or a sign-in SDK),
but most can also be typed in by the user, handed over by a system picker,
derived on a server (approximate location from an IP address) or produced by the
app's own code, so the APK's silence about them proves nothing and no finding is
made. A phrase that names a whole category ("location") counts as a claim on
each type in it, but only when the app reaches none of them: an app with
approximate location only does not get an ``unsupported`` on precise location
for saying "location". Ignoring a permission or SDK in the configuration does
not turn the policy's claim into an ``unsupported`` one: the APK still shows it.

The review rubric
-----------------

Each row's verdict then goes through the review rubric (:mod:`consistency.rubric`,
where each rule is a row of its own table): the rules a privacy reviewer applies.
They decide the severity, and in three cases the class:

==  ==========================================  ===================================================
#   rubric rule                                 effect on the table's verdict
==  ==========================================  ===================================================
1   collection is transmission                  no network permission, no networking SDK: info
                                                (``on_device_only``)
2   storage permissions are file access         omitted through them only: at most medium
                                                (``storage_access``) unless an SDK uploads files
3   disclosure by reference                     omitted, but every SDK taking it is named (or its
                                                kind of provider): ``vague``, low (``by_reference``)
4   data types that depend on the app           ``requires:`` in sdks.yaml: no purchase history
                                                without billing; IP-derived location: low
5   what matters stays high                     advertising ID unmentioned; identity SDK and its
                                                data unnamed; "we collect nothing" with a tracking
                                                SDK (``contradicted``); a denial against a used API
6   evidence strength                           SDK seen only through meta-data keys: info
7   unreadable policy                           omitted becomes ``unknown`` (info)
8   every message names the rule that decided   "... Rule: named SDK, data disclosed by reference."
==  ==========================================  ===================================================

Severity is decided by :mod:`consistency.severity`; identity (the fingerprint)
by :mod:`consistency.baseline`. Findings are sorted worst class first
(contradicted, omitted, vague, unknown, unsupported, disclosed), then by severity
(highest first), then by subject.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from .config import CheckConfig
from .fingerprints import fingerprint
from .mappings import Mappings
from .models import (
    FINDING_CLASSES,
    AppProfile,
    DataDisclosure,
    DataSource,
    Evidence,
    Finding,
    FindingClass,
    PartyDisclosure,
    PolicyReading,
    ReachableData,
    SdkHit,
    Statement,
)
from .policy.document.sourcemap import file_place
from .rubric import RULES, AppSignals, DataCase, app_signals, apply_requirements, data_rule, sdk_rule
from .severity import decide_severity, severity_rank

MAX_EVIDENCE = 5
"""Sentences shown per finding: enough for a reviewer to judge, while a policy
that says "personal information" forty times does not bloat every report."""

MAX_CATCH_ALL = 2
"""Catch-all sentences shown as context of an omitted finding: they are the same
for every omitted subject, so two make the point without burying the report."""

_AFFIRMED = frozenset({"collect", "share"})
EvidenceRole = str


@dataclass(frozen=True)
class _Verdict:
    """The class of one finding and the sentences that justify it."""

    status: FindingClass
    statements: tuple[Statement, ...] = ()
    role: EvidenceRole = "disclosure"
    detail: str = ""
    """The words a message quotes (a denied phrase, the broad term used)."""
    first_party_only: bool = False
    share_denied: bool = False
    rule: str = ""
    """The review-rubric rule that decided class and severity (``consistency.rubric``)."""


def compare(
    profile: AppProfile, reading: PolicyReading, mappings: Mappings, config: CheckConfig | None = None
) -> tuple[Finding, ...]:
    """Judge every reachable data type, every bundled SDK and every unsupported claim."""
    ctx = _Context.build(profile, reading, mappings, config or CheckConfig())
    findings = [
        *(data_finding(ctx, item) for item in ctx.reachable),
        *(sdk_finding(ctx, hit) for hit in ctx.sdks),
        *unsupported_findings(ctx),
    ]
    from .sdk_lists import sdk_list_findings  # issue 12: per-SDK check against the policy's SDK list

    return sort_findings(sdk_list_findings(findings, profile, reading, mappings, ctx.config))


def sort_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Worst class first, then highest severity, then subject: the order every report uses."""
    return tuple(
        sorted(
            findings,
            key=lambda f: (
                FINDING_CLASSES.index(f.status),
                -severity_rank(f.severity),
                f.subject_type,
                f.subject,
                f.fingerprint,
            ),
        )
    )


@dataclass(frozen=True)
class _Context:
    """What every rule looks up, computed once per check: no behaviour lives here."""

    profile: AppProfile
    reading: PolicyReading
    mappings: Mappings
    config: CheckConfig
    reachable: tuple[ReachableData, ...]
    """What the app can reach, minus what the configuration ignores."""
    sdks: tuple[SdkHit, ...]
    disclosures: dict[str, DataDisclosure]
    sdk_parties: dict[str, tuple[PartyDisclosure, ...]]
    category_parties: tuple[PartyDisclosure, ...]
    catch_all_parties: tuple[PartyDisclosure, ...]
    party_sdk_categories: dict[str, frozenset[str]]
    signals: AppSignals
    derived: frozenset[tuple[str, str]]
    """(data type, SDK id) pairs the SDK's vendor derives rather than collects (rubric 4)."""

    @classmethod
    def build(
        cls, profile: AppProfile, reading: PolicyReading, mappings: Mappings, config: CheckConfig
    ) -> _Context:
        sdk_parties: dict[str, list[PartyDisclosure]] = {}
        for party in reading.parties:
            if party.kind == "sdk":
                sdk_parties.setdefault(party.id, []).append(party)
        signals = app_signals(profile, reading, mappings)
        reachable, derived = apply_requirements(_without_ignored(profile.data, config), mappings, signals)
        return cls(
            profile=profile,
            reading=reading,
            mappings=mappings,
            config=config,
            reachable=reachable,
            signals=signals,
            derived=derived,
            sdks=tuple(h for h in profile.sdks if h.sdk_id not in config.ignore_sdks),
            disclosures={d.data_type: d for d in reading.data},
            sdk_parties={k: tuple(v) for k, v in sdk_parties.items()},
            category_parties=tuple(p for p in reading.parties if p.kind == "category"),
            catch_all_parties=tuple(p for p in reading.parties if p.kind == "catch_all"),
            party_sdk_categories={c.id: frozenset(c.sdk_categories) for c in mappings.parties.categories},
        )

    def named_sdks(self, sdk_ids: Iterable[str]) -> tuple[PartyDisclosure, ...]:
        """The policy's affirming mentions of any of these SDKs (or their vendors)."""
        return tuple(p for sid in sdk_ids for p in self.sdk_parties.get(sid, ()) if not p.denied)

    def covering_categories(self, sdk_category: str) -> tuple[PartyDisclosure, ...]:
        """Third-party categories named by the policy that include this SDK category."""
        return tuple(
            p
            for p in self.category_parties
            if sdk_category in self.party_sdk_categories.get(p.id, frozenset())
        )

    def referenced(self, sdk_id: str) -> tuple[PartyDisclosure, ...]:
        """The policy's affirming mentions of an SDK by name, or of its kind of provider
        ("our crash reporting provider"): what discloses its data by reference."""
        named = self.named_sdks((sdk_id,))
        if named:
            return named
        category = self.signals.sdk_categories.get(sdk_id, "")
        return tuple(p for p in self.covering_categories(category) if not p.denied)


# ---------------------------------------------------------------- data types
# One function per row of the data-type table above, tried in the order
# omitted, contradicted, vague, disclosed: the first that applies decides.

_DataRule = Callable[[_Context, ReachableData, "DataDisclosure | None"], "_Verdict | None"]


def data_finding(ctx: _Context, item: ReachableData) -> Finding:
    """The finding on one data type the app can reach."""
    verdict = judge_data(ctx, item)
    sdk_ids = {s.id for s in item.sources if s.kind == "sdk"}
    evidence = _evidence(
        verdict.statements,
        verdict.role,
        lambda st: _data_spans(st, item.data_type, verdict.role) + _party_spans(st, sdk_ids, verdict.role),
    )
    return _finding(ctx, "data", item.data_type, _label(ctx, item.data_type), verdict, item.sources, evidence)


def judge_data(ctx: _Context, item: ReachableData) -> _Verdict:
    """The class from the table's first row that applies, then the review rubric."""
    disclosure = ctx.disclosures.get(item.data_type)
    for row in _DATA_RULES:
        verdict = row(ctx, item, disclosure)
        if verdict is not None:
            return _data_rubric(ctx, item, verdict)
    raise AssertionError("the disclosed row applies when no other does")  # pragma: no cover


def _data_rubric(ctx: _Context, item: ReachableData, verdict: _Verdict) -> _Verdict:
    """Apply :func:`consistency.rubric.data_rule`; a data type disclosed by reference
    shows the sentences that name its SDKs."""
    sdk_ids = _sdk_ids(item)
    named = frozenset(sid for sid in sdk_ids if ctx.referenced(sid))
    case = DataCase(
        item=item,
        status=verdict.status,
        named_sdks=named,
        derived=frozenset(sid for sid in sdk_ids if (item.data_type, sid) in ctx.derived),
    )
    status, rule = data_rule(case, ctx.mappings, ctx.signals)
    if rule == "nothing_collected_contradicted":
        denials = ctx.signals.denials_of_everything
        return _Verdict("contradicted", denials, "denial", _denied_phrase(denials), rule=rule)
    if rule == "by_reference":
        parties = tuple(p for sid in sdk_ids for p in ctx.referenced(sid))
        return _Verdict("vague", _party_statements(parties), "vague", parties[0].name, rule=rule)
    return replace(verdict, status=status, rule=rule)


def data_omitted(ctx: _Context, item: ReachableData, disclosure: DataDisclosure | None) -> _Verdict | None:
    """Row ``omitted``: nothing covers the data type, or only a catch-all."""
    if disclosure is not None and disclosure.status != "not_mentioned":
        return None
    catch_all = _affirming_first(ctx.reading.catch_all_evidence)[:MAX_CATCH_ALL]
    return _Verdict("omitted", catch_all, "catch_all", _catch_all_phrase(catch_all))


def data_contradicted(
    ctx: _Context, item: ReachableData, disclosure: DataDisclosure | None
) -> _Verdict | None:
    """Row ``contradicted``: the policy denies collecting or sharing it; or says it is
    not shared while a bundled SDK sends it to its vendor and the policy names no
    third party receiving it."""
    assert disclosure is not None
    phrase = _phrase(disclosure, item.data_type)
    if disclosure.status == "denied":
        return _Verdict("contradicted", _denials(disclosure, _AFFIRMED), "denial", phrase)
    if (
        _specific(disclosure)
        and _sdk_ids(item)
        and not _told_third_parties(ctx, item, disclosure)
        and "share" in disclosure.denied
    ):
        return _Verdict("contradicted", _denials(disclosure, {"share"}), "denial", phrase, share_denied=True)
    return None


def data_vague(ctx: _Context, item: ReachableData, disclosure: DataDisclosure | None) -> _Verdict | None:
    """Row ``vague``: only a broader term covers it, or it is named as collected by the
    publisher alone while a bundled SDK collects it too."""
    assert disclosure is not None
    phrase = _phrase(disclosure, item.data_type)
    if not _specific(disclosure):
        return _Verdict("vague", _affirmations(disclosure), "vague", phrase)
    if _sdk_ids(item) and not _told_third_parties(ctx, item, disclosure):
        return _Verdict("vague", _affirmations(disclosure), "disclosure", phrase, first_party_only=True)
    return None


def data_disclosed(ctx: _Context, item: ReachableData, disclosure: DataDisclosure | None) -> _Verdict:
    """Row ``disclosed``: named in specific words (and, for SDK data, as going to third parties)."""
    assert disclosure is not None
    statements = (*_affirmations(disclosure), *_party_statements(ctx.named_sdks(_sdk_ids(item))))
    return _Verdict("disclosed", statements, "disclosure", _phrase(disclosure, item.data_type))


_DATA_RULES: tuple[_DataRule, ...] = (data_omitted, data_contradicted, data_vague, data_disclosed)


def _specific(disclosure: DataDisclosure) -> bool:
    return disclosure.status != "vague" and disclosure.exact


def _sdk_ids(item: ReachableData) -> tuple[str, ...]:
    return tuple(s.id for s in item.sources if s.kind == "sdk")


def _told_third_parties(ctx: _Context, item: ReachableData, disclosure: DataDisclosure) -> bool:
    """The policy says this data goes to third parties, or names an SDK that takes it."""
    return (
        disclosure.status == "shared"
        or disclosure.shared_with_third_parties
        or bool(ctx.named_sdks(_sdk_ids(item)))
    )


# ---------------------------------------------------------------------- SDKs
# One function per row of the SDK table, in the order disclosed, contradicted,
# vague, omitted.

_SdkRule = Callable[[_Context, SdkHit], "_Verdict | None"]


def sdk_finding(ctx: _Context, hit: SdkHit) -> Finding:
    """The finding on one bundled SDK."""
    verdict = judge_sdk(ctx, hit)
    source = DataSource(kind="sdk", id=hit.sdk_id)
    parties = {hit.sdk_id} | {p.id for p in ctx.category_parties}
    evidence = _evidence(verdict.statements, verdict.role, lambda st: _party_spans(st, parties, verdict.role))
    return _finding(ctx, "sdk", hit.sdk_id, hit.name, verdict, (source,), evidence, sdk=hit)


def judge_sdk(ctx: _Context, hit: SdkHit) -> _Verdict:
    """The class from the table's first row that applies, then the review rubric."""
    for row in _SDK_RULES:
        verdict = row(ctx, hit)
        if verdict is not None:
            return replace(verdict, rule=sdk_rule(hit, verdict.status, ctx.mappings, ctx.signals))
    raise AssertionError("the omitted row applies when no other does")  # pragma: no cover


def sdk_disclosed(ctx: _Context, hit: SdkHit) -> _Verdict | None:
    """Row ``disclosed``: the policy names the SDK, its product or its vendor."""
    affirmed = ctx.named_sdks((hit.sdk_id,))
    if affirmed:
        return _Verdict("disclosed", _party_statements(affirmed), "disclosure", affirmed[0].name)
    return None


def sdk_contradicted(ctx: _Context, hit: SdkHit) -> _Verdict | None:
    """Row ``contradicted``: named only to be denied, or its whole kind of provider denied."""
    named = ctx.sdk_parties.get(hit.sdk_id, ())
    if named:  # named, and (sdk_disclosed did not apply) never affirmed
        return _Verdict("contradicted", _party_statements(named), "denial", named[0].name)
    covering = ctx.covering_categories(hit.category)
    if covering and not any(not p.denied for p in covering):
        return _Verdict("contradicted", _party_statements(covering), "denial", covering[0].name)
    return None


def sdk_vague(ctx: _Context, hit: SdkHit) -> _Verdict | None:
    """Row ``vague``: only a third-party category covers it."""
    affirmed = tuple(p for p in ctx.covering_categories(hit.category) if not p.denied)
    if affirmed:
        return _Verdict("vague", _party_statements(affirmed), "vague", affirmed[0].name)
    return None


def sdk_omitted(ctx: _Context, hit: SdkHit) -> _Verdict:
    """Row ``omitted``: nothing names it, or only a catch-all."""
    catch_all = _affirming_first(_party_statements(ctx.catch_all_parties))[:MAX_CATCH_ALL]
    return _Verdict("omitted", catch_all, "catch_all", ctx.catch_all_parties[0].name if catch_all else "")


_SDK_RULES: tuple[_SdkRule, ...] = (sdk_disclosed, sdk_contradicted, sdk_vague, sdk_omitted)


# -------------------------------------------------------- unsupported claims


def unsupported_findings(ctx: _Context) -> list[Finding]:
    """Claims on platform-gated data types the APK shows no way to reach."""
    reachable = {d.data_type for d in ctx.profile.data}  # ignores do not erase the APK's signs
    observable = _observable_data_types(ctx.mappings)
    findings = []
    for disclosure in ctx.reading.data:
        dt = disclosure.data_type
        if (
            disclosure.status not in ("collected", "shared")
            or not disclosure.exact
            or dt in reachable
            or dt not in observable
            or dt in ctx.config.ignore_data_types
        ):
            continue
        claims = tuple(
            st
            for st in disclosure.evidence
            if any(
                m.level == "exact" and dt in m.data_types and not reachable & set(m.data_types)
                for m in st.data
            )
        )
        if not claims:
            continue
        verdict = _Verdict("unsupported", claims, "claim", _phrase(disclosure, dt))
        evidence = _evidence(claims, "claim", lambda st, dt=dt: _data_spans(st, dt, "claim"))
        findings.append(_finding(ctx, "data", dt, _label(ctx, dt), verdict, (), evidence))
    return findings


# -------------------------------------------------------------- the finding


def _finding(
    ctx: _Context,
    subject_type: str,
    subject: str,
    name: str,
    verdict: _Verdict,
    sources: Sequence[DataSource],
    evidence: tuple[Evidence, ...],
    sdk: SdkHit | None = None,
) -> Finding:
    sources = _sorted_sources(sources)
    return Finding(
        subject_type=subject_type,  # type: ignore[arg-type]
        subject=subject,
        name=name,
        status=verdict.status,
        severity=decide_severity(
            verdict.status, subject_type, sources, ctx.config.severity_overrides(), verdict.rule
        ),
        sources=sources,
        evidence=evidence,
        sdk=sdk,
        message=_with_rule(_message(ctx, subject_type, name, verdict, sources, sdk), verdict),
        fingerprint=fingerprint(ctx.profile.facts.package, verdict.status, subject_type, subject, sources),
        rule=verdict.rule,
    )


def _with_rule(message: str, verdict: _Verdict) -> str:
    """Every message ends with the rule that decided it, in plain words."""
    words = RULES[verdict.rule].words if verdict.rule else _CLASS_RULE_WORDS[verdict.status]
    return f"{message} Rule: {words}."


_CLASS_RULE_WORDS: dict[str, str] = {
    "contradicted": "the policy denies it",
    "omitted": "nothing in the policy covers it",
    "vague": "only a broad term covers it",
    "unknown": "the policy could not be read",
    "unsupported": "a claim with no sign in the APK",
    "disclosed": "named in specific words",
}


def _label(ctx: _Context, data_type: str) -> str:
    try:
        return ctx.mappings.datatype(data_type).label
    except KeyError:
        return data_type


def _sdk_category_label(ctx: _Context, category: str) -> str:
    labels = {c.id: c.label for c in ctx.mappings.sdks.categories}
    return labels.get(category, category)


def _source_names(ctx: _Context, sources: Sequence[DataSource]) -> str:
    names = {h.sdk_id: h.name for h in ctx.profile.sdks}
    return ", ".join(
        _short_permission(s.id) if s.kind == "permission" else names.get(s.id, s.id) for s in sources
    )


def _message(
    ctx: _Context,
    subject_type: str,
    name: str,
    verdict: _Verdict,
    sources: Sequence[DataSource],
    sdk: SdkHit | None,
) -> str:
    """One sentence a reviewer understands without knowing the tool."""
    detail = f" ({_quote(verdict.detail)})" if verdict.detail else ""
    if subject_type == "sdk":
        assert sdk is not None
        kind = _sdk_category_label(ctx, sdk.category).lower()
        article = "an" if kind[:1] in "aeiou" else "a"
        what = f"The app bundles {name} from {sdk.vendor}, {article} {kind} SDK,"
        return {
            "disclosed": f"The policy names {name}{detail}.",
            "vague": f"{what} but the policy only speaks of {_quote(verdict.detail)} in general.",
            "contradicted": f"{what} but the policy says it does not use {_quote(verdict.detail)}.",
            "omitted": f"{what} but the policy does not name it, its vendor or its kind of provider"
            + (f"; it only speaks of {_quote(verdict.detail)}." if verdict.detail else "."),
        }[verdict.status]
    label = name[:1].lower() + name[1:] if name[:2] != name[:2].upper() else name
    reach = f"The app can access {label} ({_source_names(ctx, sources)})"
    sdk_names = _source_names(ctx, [s for s in sources if s.kind == "sdk"])
    if verdict.status == "contradicted" and verdict.share_denied:
        return f"{sdk_names} collect{'s' if ',' not in sdk_names else ''} {label}, but the policy says it is not shared{detail}."
    if verdict.status == "contradicted":
        return f"{reach} but the policy says it does not collect {_quote(verdict.detail) or 'it'}."
    if verdict.status == "omitted":
        context = f"; it only speaks of {_quote(verdict.detail)}" if verdict.detail else ""
        return f"{reach} but the policy does not mention it{context}."
    if verdict.status == "unknown":
        return f"{reach}; whether the policy discloses it is unknown."
    if verdict.rule == "by_reference":
        return f"{reach}; the policy names {_quote(verdict.detail)}, which takes it, but not the data itself."
    if verdict.status == "vague" and verdict.first_party_only:
        return (
            f"The policy says the app collects {label}{detail}, but not that {sdk_names} "
            "(a third party) collects it too."
        )
    if verdict.status == "vague":
        return f"{reach} but the policy covers it only with the broad term {_quote(verdict.detail)}."
    if verdict.status == "unsupported":
        return f"The policy says it collects {label}{detail}, but the APK shows no permission or SDK that reaches it."
    return f"The policy discloses {label}{detail}."


# ------------------------------------------------------------------ helpers


def _without_ignored(data: Iterable[ReachableData], config: CheckConfig) -> tuple[ReachableData, ...]:
    kept = []
    for item in data:
        if item.data_type in config.ignore_data_types:
            continue
        sources = tuple(
            s
            for s in item.sources
            if not (s.kind == "permission" and s.id in config.ignore_permissions)
            and not (s.kind == "sdk" and s.id in config.ignore_sdks)
        )
        if sources:
            kept.append(ReachableData(item.data_type, sources))
    return tuple(kept)


def _observable_data_types(mappings: Mappings) -> frozenset[str]:
    """Data types whose absence from an APK means something (see the module docstring)."""
    return frozenset(d.id for d in mappings.datatypes.datatypes if d.platform_gated)


def _sorted_sources(sources: Iterable[DataSource]) -> tuple[DataSource, ...]:
    return tuple(sorted(set(sources), key=lambda s: (s.kind != "permission", s.id)))


def _short_permission(name: str) -> str:
    return name.removeprefix("android.permission.")


def _quote(text: str) -> str:
    return f"\u201c{text}\u201d" if text else ""


def _unique_statements(statements: Iterable[Statement]) -> tuple[Statement, ...]:
    seen: dict[int, Statement] = {}
    for st in statements:
        seen.setdefault(st.sentence.start, st)
    return tuple(seen[k] for k in sorted(seen))


def _affirming_first(statements: Iterable[Statement]) -> tuple[Statement, ...]:
    """Catch-all context, the sentences that say something *is* collected or shared
    first ("we share personal information with partners" says more about an
    undisclosed SDK than "we do not sell personal information"), headings last."""
    return tuple(
        sorted(
            _unique_statements(statements),
            key=lambda st: (st.sentence.kind == "heading", not st.actions, st.sentence.start),
        )
    )


def _party_statements(parties: Iterable[PartyDisclosure]) -> tuple[Statement, ...]:
    return _unique_statements(s for p in parties for s in p.evidence)


def _affirmations(disclosure: DataDisclosure) -> tuple[Statement, ...]:
    """The sentences that say the data *is* handled; the policy side also keeps the
    ones that merely name it (or deny something else) as context, and those come
    only when nothing affirms: a denial must never be shown as a disclosure."""
    own = tuple(st for st in disclosure.evidence if st.actions)
    return own or disclosure.evidence


def _denials(disclosure: DataDisclosure, actions: Iterable[str]) -> tuple[Statement, ...]:
    """The sentences that deny the given actions; all evidence if none says so itself
    (the policy side decided the status from them)."""
    wanted = frozenset(actions)
    own = tuple(st for st in disclosure.evidence if st.denied & wanted)
    return own or disclosure.evidence


def _phrase(disclosure: DataDisclosure, data_type: str) -> str:
    """The policy's own words for the data type, for messages."""
    for st in disclosure.evidence:
        for mention in st.data:
            if data_type in mention.data_types and mention.level != "catch_all":
                return mention.phrase
    return ""


def _denied_phrase(statements: Sequence[Statement]) -> str:
    """The catch-all a denial of everything names ("any personal information"), if any."""
    for st in statements:
        for mention in st.data:
            return mention.phrase
    return "anything"


def _catch_all_phrase(statements: Sequence[Statement]) -> str:
    for st in statements:
        for mention in st.data:
            if mention.level == "catch_all":
                return mention.phrase
        for party in st.parties:
            if party.kind == "catch_all":
                return party.phrase
    return ""


def _data_spans(statement: Statement, data_type: str, role: str) -> list[tuple[int, int]]:
    if role == "catch_all":
        return [(m.start, m.end) for m in statement.data if m.level == "catch_all"]
    return [(m.start, m.end) for m in statement.data if data_type in m.data_types]


def _party_spans(statement: Statement, party_ids: set[str], role: str) -> list[tuple[int, int]]:
    if role == "catch_all":
        return [(p.start, p.end) for p in statement.parties if p.kind == "catch_all"]
    return [(p.start, p.end) for p in statement.parties if p.id in party_ids]


def _evidence(statements: Iterable[Statement], role: str, spans) -> tuple[Evidence, ...]:
    """The first MAX_EVIDENCE distinct sentences in the order given (the most telling
    first), with the spans ``spans(statement)`` returns as highlights."""
    evidence: list[Evidence] = []
    seen: set[int] = set()
    for st in statements:
        if st.sentence.start in seen:
            continue
        if len(evidence) == MAX_EVIDENCE:
            break
        # a statement about a defined term shows the definition right after it (the chain)
        for s in (st.sentence, *st.defined_by):
            if s.start in seen:
                continue
            seen.add(s.start)
            highlight = tuple(sorted({(a, b) for a, b in spans(st) if s.start <= a < b <= s.end}))
            line, column, page = file_place(s)  # the file's place, not the normalised text's
            evidence.append(
                Evidence(
                    text=s.text,
                    start=s.start,
                    end=s.end,
                    line=line,
                    section=s.section,
                    highlight=highlight,
                    role=role,
                    column=column,
                    page=page,
                )  # type: ignore[arg-type]
            )
    return tuple(evidence)
