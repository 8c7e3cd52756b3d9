"""Builders with sensible defaults for the models the checker and the reports use.

``finding(subject="location.precise")`` instead of a fifteen-line constructor.
Policies are built sentence by sentence with :class:`PolicyBuilder`, which keeps
the invariant the real reader guarantees (``document.text[s.start:s.end] ==
s.text``, every phrase offset inside its sentence), so reports can slice the
document exactly as they do for a real policy.

:func:`tiny_mappings` is a small, pinned set of tables built in memory: unit
tests of the comparison do not drift when the shipped tables grow.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from consistency.baseline import fingerprint
from consistency.mappings import Mappings
from consistency.mappings.schema import (
    BroadTermSpec,
    CatchAllSpec,
    DataCategorySpec,
    DataTypeSpec,
    DataTypesTable,
    PartiesTable,
    PartyCategorySpec,
    PermissionSpec,
    PermissionsTable,
    Phrases,
    SdkCategorySpec,
    SdkSignature,
    SdkSpec,
    SdksTable,
)
from consistency.models import (
    ApkFacts,
    AppProfile,
    CheckResult,
    DataDisclosure,
    DataMention,
    DataSource,
    Document,
    Evidence,
    Finding,
    PartyDisclosure,
    PartyMention,
    Permission,
    PolicyReading,
    ReachableData,
    SdkEvidence,
    SdkHit,
    Sentence,
    Statement,
)

PACKAGE = "com.example.walkietalkie"

# ------------------------------------------------------------------ tables

_TYPES = {
    # id: (category, label)
    "location.approximate": ("location", "Approximate location"),
    "location.precise": ("location", "Precise location"),
    "personal.email": ("personal", "Email address"),
    "personal.name": ("personal", "Name"),
    "contacts.contacts": ("contacts", "Contacts"),
    "audio.recordings": ("audio", "Voice or sound recordings"),
    "device.ids": ("device", "Device or other IDs"),
    "app_activity.interactions": ("app_activity", "App interactions"),
    "app_info.crash_logs": ("app_info", "Crash logs"),
    "calendar.events": ("calendar", "Calendar events"),
}
_PLATFORM_GATED = {"location.precise", "contacts.contacts", "calendar.events", "audio.recordings"}


def tiny_mappings() -> Mappings:
    """Tables for unit tests: a few types, permissions, SDKs and party categories."""
    phrases = Phrases(en=("x",))
    datatypes = DataTypesTable(
        categories=tuple(
            DataCategorySpec(id=c, label=c.replace("_", " ").title())
            for c in sorted({c for c, _ in _TYPES.values()})
        ),
        datatypes=tuple(
            DataTypeSpec(
                id=i,
                category=c,
                label=label,
                description=label,
                phrases=phrases,
                platform_gated=i in _PLATFORM_GATED,
            )
            for i, (c, label) in _TYPES.items()
        ),
        broad_terms=(
            BroadTermSpec(
                id="device_information", phrases=Phrases(en=("device information",)), covers=("device.ids",)
            ),
        ),
        catch_all=CatchAllSpec(phrases=Phrases(en=("personal information",))),
    )
    permissions = PermissionsTable(
        permissions=(
            PermissionSpec(
                name="android.permission.ACCESS_FINE_LOCATION",
                protection="dangerous",
                data_types=("location.precise", "location.approximate"),
            ),
            PermissionSpec(
                name="android.permission.ACCESS_COARSE_LOCATION",
                protection="dangerous",
                data_types=("location.approximate",),
            ),
            PermissionSpec(
                name="android.permission.READ_CONTACTS",
                protection="dangerous",
                data_types=("contacts.contacts",),
            ),
            PermissionSpec(
                name="android.permission.RECORD_AUDIO",
                protection="dangerous",
                data_types=("audio.recordings",),
            ),
            PermissionSpec(
                name="android.permission.READ_CALENDAR",
                protection="dangerous",
                data_types=("calendar.events",),
            ),
            PermissionSpec(
                name="android.permission.ACCESS_WIFI_STATE", protection="normal", data_types=("device.ids",)
            ),
            PermissionSpec(name="android.permission.INTERNET", protection="normal", network=True),
        )
    )
    sig = SdkSignature(classes=("com.example.sdk",))
    sdks = SdksTable(
        categories=(
            SdkCategorySpec(id="maps", label="Maps and location"),
            SdkCategorySpec(id="analytics", label="Analytics"),
            SdkCategorySpec(id="advertising", label="Advertising", default_data_types=("device.ids",)),
            SdkCategorySpec(id="crash_reporting", label="Crash reporting"),
        ),
        sdks=(
            SdkSpec(
                id="amap-location",
                name="AMap Location SDK",
                vendor="AutoNavi (Alibaba)",
                category="maps",
                signatures=sig,
                data_types=("location.precise", "device.ids"),
                policy_names=Phrases(en=("AMap",)),
            ),
            SdkSpec(
                id="umeng-analytics",
                name="Umeng Analytics",
                vendor="Umeng",
                category="analytics",
                signatures=sig,
                data_types=("device.ids", "app_activity.interactions"),
                policy_names=Phrases(en=("Umeng",)),
            ),
            SdkSpec(
                id="some-ads",
                name="Some Ads",
                vendor="Ads Inc",
                category="advertising",
                signatures=sig,
                basis="category",
                policy_names=Phrases(en=("Some Ads",)),
            ),
            SdkSpec(
                id="bugly",
                name="Bugly",
                vendor="Tencent",
                category="crash_reporting",
                signatures=sig,
                data_types=("app_info.crash_logs",),
                policy_names=Phrases(en=("Bugly",)),
            ),
        ),
    )
    parties = PartiesTable(
        categories=(
            PartyCategorySpec(
                id="analytics", phrases=Phrases(en=("analytics providers",)), sdk_categories=("analytics",)
            ),
            PartyCategorySpec(
                id="advertising",
                phrases=Phrases(en=("advertising partners",)),
                sdk_categories=("advertising",),
            ),
            PartyCategorySpec(
                id="location_services", phrases=Phrases(en=("map providers",)), sdk_categories=("maps",)
            ),
        ),
        catch_all=CatchAllSpec(phrases=Phrases(en=("third parties",))),
    )
    return Mappings(
        datatypes=datatypes,
        permissions=permissions,
        sdks=sdks,
        parties=parties,
        statements=None,
        digest="tinytables000000",
        directories=(),
    )


# --------------------------------------------------------------- APK side


def permission_source(
    name: str = "ACCESS_FINE_LOCATION",
    *,
    dangerous: bool = True,
    in_effect: bool = True,
    api_used: bool | None = True,
) -> DataSource:
    full = name if "." in name else f"android.permission.{name}"
    return DataSource(kind="permission", id=full, dangerous=dangerous, in_effect=in_effect, api_used=api_used)


def sdk_source(sdk_id: str = "amap-location") -> DataSource:
    return DataSource(kind="sdk", id=sdk_id)


_SDK_DEFAULTS = {
    "amap-location": (
        "AMap Location SDK",
        "AutoNavi (Alibaba)",
        "maps",
        "com.amap.api.location",
        ("location.precise", "device.ids"),
    ),
    "umeng-analytics": (
        "Umeng Analytics",
        "Umeng",
        "analytics",
        "com.umeng.analytics",
        ("device.ids", "app_activity.interactions"),
    ),
    "some-ads": ("Some Ads", "Ads Inc", "advertising", "com.someads", ("device.ids",)),
    "bugly": ("Bugly", "Tencent", "crash_reporting", "com.tencent.bugly", ("app_info.crash_logs",)),
}


def sdk_hit(sdk_id: str = "amap-location", **overrides) -> SdkHit:
    name, vendor, category, prefix, types = _SDK_DEFAULTS.get(
        sdk_id, (sdk_id, "Vendor", "analytics", f"com.{sdk_id}", ())
    )
    values = dict(
        sdk_id=sdk_id,
        name=name,
        vendor=vendor,
        category=category,
        evidence=(SdkEvidence(kind="class", value=prefix, count=12),),
        examples=(f"{prefix}.Client",),
        data_types=types,
    )
    values.update(overrides)
    return SdkHit(**values)


def apk_facts(package: str = PACKAGE, permissions: Iterable[str] = (), **overrides) -> ApkFacts:
    values = dict(
        path="samples/walkie/walkie.apk",
        sha256="a" * 64,
        size=1000,
        package=package,
        app_label="Walkie",
        version_name="1.0",
        version_code=1,
        min_sdk=21,
        target_sdk=34,
        signing_certificates=(),
        permissions=tuple(Permission(name=p if "." in p else f"android.permission.{p}") for p in permissions),
        declared_permissions=(),
        features=(),
        components=(),
        meta_data=(),
        native_libs=(),
        dex=(),
        classes=frozenset(),
        api_refs=frozenset(),
    )
    values.update(overrides)
    return ApkFacts(**values)


def app_profile(
    data: Mapping[str, Sequence[DataSource]] | None = None,
    sdks: Sequence[SdkHit] = (),
    *,
    package: str = PACKAGE,
    network: bool = True,
    **fact_overrides,
) -> AppProfile:
    """A profile reaching ``data`` (data type id -> sources). SDK sources also
    add the SDK to ``sdks`` unless it is already there. The app requests INTERNET
    unless ``network`` is False (an offline app, review rubric rule 1)."""
    data = dict(data or {})
    hits = {h.sdk_id: h for h in sdks}
    for sources in data.values():
        for s in sources:
            if s.kind == "sdk" and s.id not in hits:
                hits[s.id] = sdk_hit(s.id)
    permissions = sorted(
        {s.id for sources in data.values() for s in sources if s.kind == "permission"}
        | ({"android.permission.INTERNET"} if network else set())
    )
    return AppProfile(
        facts=apk_facts(package, permissions, **fact_overrides),
        sdks=tuple(hits[k] for k in sorted(hits)),
        data=tuple(ReachableData(dt, tuple(src)) for dt, src in sorted(data.items())),
        unknown_permissions=(),
        mappings_digest="tinytables000000",
    )


# ------------------------------------------------------------ policy side


@dataclass
class PolicyBuilder:
    """Build a policy one sentence at a time, then the reader's verdicts on it.

    >>> p = PolicyBuilder()
    >>> s = p.sentence("We collect your precise location.", data={"precise location": ["location.precise"]},
    ...                actions={"collect"})
    >>> p.data("location.precise", "collected", [s])
    >>> reading = p.build()
    """

    source: str = "samples/walkie/policy.md"
    format: str = "markdown"
    section: tuple[str, ...] = ()
    _text: list[str] = field(default_factory=list)
    _sentences: list[Sentence] = field(default_factory=list)
    _statements: list[Statement] = field(default_factory=list)
    _data: list[DataDisclosure] = field(default_factory=list)
    _parties: list[PartyDisclosure] = field(default_factory=list)
    _catch_all: list[Statement] = field(default_factory=list)

    def heading(self, text: str) -> None:
        self._add(text, "heading")
        self.section = (text,)

    def sentence(
        self,
        text: str,
        *,
        data: Mapping[str, Sequence[str]] | None = None,
        level: str = "exact",
        parties: Mapping[str, tuple[str, str]] | None = None,
        actions: Iterable[str] = ("collect",),
        denied: Iterable[str] = (),
        first_party: bool = True,
    ) -> Statement:
        """Add a sentence. ``data``: phrase -> data types it names (empty list for a
        catch-all); ``parties``: phrase -> (kind, id)."""
        sentence = self._add(text, "sentence")
        mentions = tuple(
            DataMention(
                data_types=tuple(types),
                level="catch_all" if not types else level,  # type: ignore[arg-type]
                phrase=phrase,
                **self._span(sentence, phrase),
            )
            for phrase, types in (data or {}).items()
        )
        party_mentions = tuple(
            PartyMention(kind=kind, id=pid, phrase=phrase, **self._span(sentence, phrase))  # type: ignore[arg-type]
            for phrase, (kind, pid) in (parties or {}).items()
        )
        statement = Statement(
            sentence=sentence,
            data=mentions,
            parties=party_mentions,
            actions=frozenset(actions),
            denied=frozenset(denied),
            first_party=first_party,
        )
        self._statements.append(statement)
        return statement

    def data(
        self,
        data_type: str,
        status: str,
        evidence: Sequence[Statement],
        *,
        exact: bool = True,
        shared_with_third_parties: bool = False,
    ) -> None:
        actions = frozenset(a for st in evidence for a in st.actions)
        denied = frozenset(a for st in evidence for a in st.denied)
        self._data.append(
            DataDisclosure(
                data_type=data_type,
                status=status,
                exact=exact,
                actions=actions,
                denied=denied,  # type: ignore[arg-type]
                evidence=tuple(evidence),
                shared_with_third_parties=shared_with_third_parties,
            )
        )

    def party(
        self, kind: str, party_id: str, name: str, evidence: Sequence[Statement], *, denied: bool = False
    ) -> None:
        self._parties.append(
            PartyDisclosure(kind=kind, id=party_id, name=name, evidence=tuple(evidence), denied=denied)
        )  # type: ignore[arg-type]

    def catch_all(self, statement: Statement) -> None:
        self._catch_all.append(statement)

    def build(self) -> PolicyReading:
        text = "".join(self._text)
        document = Document(
            source=self.source,
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            format=self.format,  # type: ignore[arg-type]
            encoding="utf-8",
            text=text,
            sentences=tuple(self._sentences),
        )
        return PolicyReading(
            document=document,
            statements=tuple(self._statements),
            data=tuple(self._data),
            parties=tuple(self._parties),
            catch_all_evidence=tuple(self._catch_all),
        )

    def _add(self, text: str, kind: str) -> Sentence:
        start = sum(len(t) for t in self._text)
        line = 1 + sum(t.count("\n") for t in self._text)
        self._text.append(text + "\n\n")
        sentence = Sentence(
            text=text, start=start, end=start + len(text), section=self.section, kind=kind, line=line
        )  # type: ignore[arg-type]
        self._sentences.append(sentence)
        return sentence

    @staticmethod
    def _span(sentence: Sentence, phrase: str) -> dict[str, int]:
        at = sentence.text.lower().find(phrase.lower())
        if at < 0:
            raise ValueError(f"{phrase!r} is not in {sentence.text!r}")
        return {"start": sentence.start + at, "end": sentence.start + at + len(phrase)}


def empty_policy() -> PolicyReading:
    builder = PolicyBuilder()
    builder.sentence("This policy says nothing about data.", actions=())
    return builder.build()


# ----------------------------------------------------------------- findings


def evidence(
    text: str = "We never collect your location.",
    *,
    start: int = 0,
    line: int = 1,
    role: str = "denial",
    highlight: Sequence[tuple[int, int]] | None = None,
    section: tuple[str, ...] = ("Location",),
) -> Evidence:
    if highlight is None:
        at = text.find("location")
        highlight = ((start + at, start + at + len("location")),) if at >= 0 else ()
    return Evidence(
        text=text,
        start=start,
        end=start + len(text),
        line=line,
        section=section,
        highlight=tuple(highlight),
        role=role,
    )  # type: ignore[arg-type]


def finding(
    subject: str = "location.precise",
    status: str = "omitted",
    severity: str = "high",
    *,
    subject_type: str = "data",
    name: str | None = None,
    sources: Sequence[DataSource] | None = None,
    evidence_: Sequence[Evidence] = (),
    package: str = PACKAGE,
    message: str | None = None,
    sdk: SdkHit | None = None,
) -> Finding:
    if sources is None:
        sources = (sdk_source(subject),) if subject_type == "sdk" else (permission_source(),)
    if subject_type == "sdk" and sdk is None:
        sdk = sdk_hit(subject)
    return Finding(
        subject_type=subject_type,
        subject=subject,  # type: ignore[arg-type]
        name=name or _TYPES.get(subject, (None, subject))[1],
        status=status,
        severity=severity,  # type: ignore[arg-type]
        sources=tuple(sources),
        evidence=tuple(evidence_),
        sdk=sdk,
        message=message if message is not None else f"{status} {subject}",
        fingerprint=fingerprint(package, status, subject_type, subject, sources),
    )


def check_result(
    findings: Sequence[Finding] = (),
    *,
    profile: AppProfile | None = None,
    policy: PolicyReading | None = None,
    **overrides,
) -> CheckResult:
    values = dict(
        profile=profile or app_profile({"location.precise": [permission_source()]}),
        policy=policy or empty_policy(),
        findings=tuple(findings),
        tool_version="0.1.0",
    )
    values.update(overrides)
    return CheckResult(**values)


# ------------------------------------------------------- one result, every class


HOSTILE_SENTENCE = 'Contact us at <script>alert("x")</script> | privacy@example.com & we reply.'


def varied_result(**overrides) -> CheckResult:
    """A result with every finding class, data and SDK subjects, a catch-all, a
    suppressed finding and a stale baseline entry, on a policy that contains
    markup and table-breaking characters: the one input every report test renders."""
    from consistency.compare import compare
    from consistency.config import CheckConfig

    p = PolicyBuilder()
    p.heading("Information we collect")
    loc = p.sentence(
        "We never collect your location.",
        data={"location": ["location.precise", "location.approximate"]},
        actions=(),
        denied={"collect"},
    )
    p.data("location.precise", "denied", [loc])
    dev = p.sentence(
        "We collect device information | such as identifiers.",
        data={"device information": ["device.ids"]},
        level="broad",
    )
    p.data("device.ids", "vague", [dev], exact=False)
    mic = p.sentence(
        "When you hold the talk button we record your voice and send it to the channel.",
        data={"record your voice": ["audio.recordings"]},
    )
    p.data("audio.recordings", "collected", [mic])
    cal = p.sentence(
        "We may read your calendar events to schedule talks.", data={"calendar events": ["calendar.events"]}
    )
    p.data("calendar.events", "collected", [cal])
    p.heading("Sharing")
    catch = p.sentence(
        "We may share personal information with third parties.",
        data={"personal information": []},
        parties={"third parties": ("catch_all", "third_parties")},
    )
    p.catch_all(catch)
    p.party("catch_all", "third_parties", "third parties", [catch])
    ana = p.sentence(
        "We work with analytics providers.", parties={"analytics providers": ("category", "analytics")}
    )
    p.party("category", "analytics", "analytics providers", [ana])
    p.sentence(HOSTILE_SENTENCE, actions=())
    profile = app_profile(
        {
            "location.precise": [permission_source("ACCESS_FINE_LOCATION"), sdk_source("amap-location")],
            "device.ids": [permission_source("ACCESS_WIFI_STATE", dangerous=False, api_used=None)],
            "audio.recordings": [permission_source("RECORD_AUDIO", api_used=False)],
            "contacts.contacts": [permission_source("READ_CONTACTS")],
            "app_info.crash_logs": [sdk_source("bugly")],
        },
        sdks=[sdk_hit("umeng-analytics")],
    )
    reading = p.build()
    findings = compare(profile, reading, tiny_mappings(), CheckConfig())
    suppressed = tuple(f for f in findings if f.subject == "app_info.crash_logs")
    values = dict(
        profile=profile,
        policy=reading,
        findings=tuple(f for f in findings if f not in suppressed),
        suppressed=suppressed,
        stale_baseline=("e" * 64,),
        fail_on="high",
        tool_version="0.1.0",
    )
    values.update(overrides)
    return CheckResult(**values)
