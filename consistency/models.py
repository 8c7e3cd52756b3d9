"""The plain data handed from one pipeline stage to the next.

Everything here is a frozen dataclass made of tuples, frozensets, strings and
numbers: hashable, picklable (process pools and Dask ship these between
machines) and safe to cache. Validation happens at the edges where untrusted
text enters (mapping YAML, baselines, catalog manifests); inside the pipeline
the data is trusted and plain. This module imports nothing else from
``consistency``.

Stages (see README, "How it works"):

    APK    -> ApkFacts                    (consistency.apk)
    facts  -> AppProfile                  (SDK hits + reachable data types)
    policy -> Document -> PolicyReading   (consistency.policy)
    AppProfile + PolicyReading -> CheckResult (consistency.compare)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, NewType

if TYPE_CHECKING:  # issue 16: the form's side lives in its own package; no runtime import
    from .datasafety.model import DataSafetyCheck

DataTypeId = NewType("DataTypeId", str)
"""A data type id from ``mappings/datatypes.yaml`` such as ``location.precise``."""

SdkId = NewType("SdkId", str)
"""A stable SDK id from ``mappings/sdks.yaml`` such as ``amap-location``. Never
renamed or reused: baseline fingerprints contain it."""

PermissionName = NewType("PermissionName", str)
"""A full Android permission name such as ``android.permission.CAMERA``."""

SCHEMA_VERSION = 1
"""Version of the JSON documents built from these models (inspect, policy, check)."""

# --------------------------------------------------------------------- APK side


@dataclass(frozen=True)
class Permission:
    """One ``uses-permission`` or ``uses-permission-sdk-23`` element."""

    name: PermissionName
    element: Literal["uses-permission", "uses-permission-sdk-23"] = "uses-permission"
    max_sdk_version: int | None = None
    """``android:maxSdkVersion``: the permission is requested only up to this API level."""
    in_effect: bool = True
    """Whether the app holds this request on a device at its target SDK. False when
    ``maxSdkVersion`` is below the target SDK (the request disappears on newer
    devices); the mapping tables may further say the permission itself no longer
    grants anything at that level (see ``AppProfile``)."""


@dataclass(frozen=True)
class DeclaredPermission:
    """A ``<permission>`` the app defines for others to request."""

    name: PermissionName
    protection_level: str | None = None


@dataclass(frozen=True)
class Feature:
    """A ``uses-feature`` element."""

    name: str
    required: bool = True


@dataclass(frozen=True)
class Component:
    """An activity, service, receiver or provider declared in the manifest."""

    kind: Literal["activity", "activity-alias", "service", "receiver", "provider"]
    name: str
    exported: bool | None
    """The explicit ``android:exported`` value; None when not set (then Android
    decides from the presence of intent filters and the target SDK)."""


@dataclass(frozen=True)
class MetaData:
    """A ``<meta-data>`` entry of the application. Values of keys that look like
    secrets (API keys, tokens, app secrets) are masked before they get here."""

    name: str
    value: str | None = None


@dataclass(frozen=True)
class NativeLib:
    """A native library shipped as ``lib/<abi>/<name>.so``."""

    abi: str
    name: str


@dataclass(frozen=True)
class VersionFile:
    """A ``META-INF/<group>_<artifact>.version`` file: its name and its first line."""

    name: str
    """File name without ``META-INF/`` (``com.google.firebase_firebase-crashlytics.version``)."""
    version: str | None
    """The library version it holds, None when empty or unreadable as text."""


@dataclass(frozen=True)
class DexSummary:
    """One ``classes*.dex`` file of the APK."""

    name: str
    classes: int
    method_refs: int
    """Entries of the DEX's ``method_ids`` table: methods defined or called, one per
    prototype (what Android's 64K method-reference limit counts)."""
    size: int


@dataclass(frozen=True)
class PolicyUrl:
    """A URL inside the app that looks like its privacy policy, with where it was found."""

    url: str
    score: int
    """Higher is more likely the policy (how the evidence is weighed is in the
    ``policy_urls.yaml`` table)."""
    source: str
    """Where: ``resource string/privacy_policy_url``, ``dex base/dex/classes.dex``, ``asset www/index.html``."""
    context: str = ""
    """The resource name or the words around the URL that made it a candidate."""


@dataclass(frozen=True)
class ApkFacts:
    """What an APK declares and contains, read once. Nothing here comes from the
    mapping tables: this is evidence, not interpretation."""

    path: str
    sha256: str
    size: int
    package: str
    app_label: str | None
    version_name: str | None
    version_code: int | None
    min_sdk: int | None
    target_sdk: int | None
    signing_certificates: tuple[str, ...]
    """SHA-256 of each signing certificate (hex, lowercase), empty when unsigned."""
    permissions: tuple[Permission, ...]
    declared_permissions: tuple[DeclaredPermission, ...]
    features: tuple[Feature, ...]
    components: tuple[Component, ...]
    meta_data: tuple[MetaData, ...]
    native_libs: tuple[NativeLib, ...]
    dex: tuple[DexSummary, ...]
    classes: frozenset[str]
    """Every class defined in any ``classes*.dex``, in Java form (``com.amap.api.Foo``,
    inner classes keep their ``$``)."""
    api_refs: frozenset[str]
    """Methods the code references but does not define (framework and external
    library APIs), as ``Landroid/location/LocationManager;->getLastKnownLocation``."""
    notes: tuple[str, ...] = ()
    """Things a reviewer should know about how the facts were read (target SDK not
    declared and taken from the minimum, app label not resolvable, duplicate or
    misplaced manifest elements ignored, a signature that could not be read)."""
    container: str = "apk"
    """What was read: ``apk``, ``aab`` (App Bundle), ``apks`` (bundletool APK set),
    ``xapk`` or ``apkm`` (store split packages)."""
    parts: tuple[str, ...] = ()
    """The bundle modules (``base``, features) or the split APKs the facts were
    merged from; empty for a single APK."""
    policy_urls: tuple[PolicyUrl, ...] = ()
    """Privacy-policy URL candidates found in the app, best first."""
    zip_anomalies: tuple[str, ...] = ()
    """Zip tricks Android reads through but analysers trip on (a fake encryption
    flag, an unknown compression method over deflate data, a damaged extra
    field, an absurd entry count): seen in evasive apps, so worth showing."""
    hosts: frozenset[str] = frozenset()
    """Host-like names in the DEX string tables (``api.mixpanel.com``; Java package
    names look the same and are in here too: only the SDK table gives them meaning)."""
    stub_classes: frozenset[str] = frozenset()
    """Defined classes that hold no code (no field, no method but a constructor)."""
    version_files: tuple[VersionFile, ...] = ()
    """``META-INF/*.version`` files, which Gradle packages per library."""
    assets: tuple[str, ...] = ()
    """Paths under ``assets/`` (without that prefix), sorted."""
    field_refs: frozenset[str] = frozenset()
    """Fields the code references but does not define, as
    ``Landroid/provider/CallLog$Calls;->CONTENT_URI``: how content providers are
    reached (their ``Uri`` constants are never inlined)."""
    content_uris: frozenset[str] = frozenset()
    """``content://`` URIs written as strings in the code (``content://sms/inbox``)."""


# ------------------------------------------------------ APK + tables: the profile


@dataclass(frozen=True)
class SdkEvidence:
    """One piece of evidence that an SDK is bundled."""

    kind: Literal[
        "class", "native_lib", "meta_data", "component", "host", "permission", "version_file", "asset"
    ]
    value: str
    """For ``class`` and ``component``: the matched signature (package prefix or
    class); for the others the signature that matched (pattern, key, host)."""
    count: int = 1
    """How many classes (or files, components, hosts) matched this signature."""
    detail: str | None = None
    """What a person checks: the masked meta-data value, the version a version file
    holds, the host or component found."""


@dataclass(frozen=True)
class SdkHit:
    """An SDK detected in the APK, reported once however many classes match."""

    sdk_id: SdkId
    name: str
    vendor: str
    category: str
    evidence: tuple[SdkEvidence, ...]
    examples: tuple[str, ...]
    """A few matched class names, for a person to check."""
    data_types: tuple[DataTypeId, ...]
    """What this SDK collects according to the tables."""
    confidence: Literal["high", "medium", "low"] = "high"
    """``high``: the SDK's code is there; ``medium``: no code under its names
    (shrunk or obfuscated) but its manifest entries, version files, native
    libraries or assets are; ``low``: only empty stub classes (see ``note``)."""
    version: str | None = None
    """The SDK's version where a version file shows it."""
    note: str | None = None
    """Why the confidence is what it is, when that is not plain."""


@dataclass(frozen=True)
class DataSource:
    """Why the app can reach a data type: a permission or a bundled SDK."""

    kind: Literal["permission", "sdk"]
    id: str
    """Permission name or SDK id."""
    dangerous: bool = False
    """For permissions: protection level ``dangerous`` (or a special/appop access)."""
    in_effect: bool = True
    """For permissions: requested and still granting access at the target SDK."""
    api_used: bool | None = None
    """For permissions: whether the code references a platform API guarded by it
    (None when the tables list no API for this permission)."""


@dataclass(frozen=True)
class ReachableData:
    """A data type the app can reach, with every source that gives access to it."""

    data_type: DataTypeId
    sources: tuple[DataSource, ...]


@dataclass(frozen=True)
class RequestedPermission:
    """A requested permission as the tables see it: what it exposes and whether the
    app really holds it at its target SDK (reports show the ones that do not as
    "requested but not in effect", with the reason)."""

    permission: Permission
    known: bool
    """Whether the tables list this permission at all."""
    protection: str | None = None
    """Protection level from the tables (``dangerous``, ``normal``, ``appop``...); None when unknown."""
    data_types: tuple[DataTypeId, ...] = ()
    """What the tables say it exposes (whether or not it is in effect)."""
    in_effect: bool = True
    """The request is in effect (``Permission.in_effect``) and the tables say the
    permission still grants access at the target SDK (``effective_until``)."""
    reason: str | None = None
    """Why it is not in effect; None when it is."""
    older_devices: bool = False
    """Not in effect at the target SDK, but granting access on older devices the
    app supports (from ``minSdk``): still a source of its data types."""


@dataclass(frozen=True)
class AppProfile:
    """APK facts interpreted through the mapping tables: what the policy must cover."""

    facts: ApkFacts
    sdks: tuple[SdkHit, ...]
    data: tuple[ReachableData, ...]
    unknown_permissions: tuple[PermissionName, ...]
    """Requested permissions the tables do not know (neither data-exposing nor
    harmless): a signal for a reviewer, not a finding."""
    mappings_digest: str
    permissions: tuple[RequestedPermission, ...] = ()
    """Every requested permission (``facts.permissions`` order) interpreted
    through the tables, including those not in effect."""


# ------------------------------------------------------------------ policy side

SentenceKind = Literal["sentence", "list_item", "heading", "table_cell"]


@dataclass(frozen=True)
class SourcePosition:
    """Where a piece of policy text sits in the file as read (not in ``Document.text``):
    what a reviewer opens and what SARIF ``startLine`` must point at."""

    line: int
    """1-based line of the file (LF, CR LF and CR end a line); for a PDF, the line
    within the page's extracted text."""
    column: int
    """1-based, in Unicode code points."""
    page: int | None = None
    """1-based page of a PDF; None for every other format."""


@dataclass(frozen=True)
class Sentence:
    """A unit of policy text: a sentence, a list item, a heading or a table cell.
    ``document.text[start:end] == text`` always holds."""

    text: str
    start: int
    end: int
    section: tuple[str, ...] = ()
    """Heading path, outermost first."""
    kind: SentenceKind = "sentence"
    line: int = 1
    """1-based line in the normalised text where the sentence starts."""
    origin: SourcePosition | None = None
    """Where the sentence starts in the file as read (see ``consistency.policy.document.sourcemap``);
    None when it could not be placed (or the sentence was not read from a file)."""


@dataclass(frozen=True)
class Document:
    """A privacy policy, normalised once; every offset in later stages refers to ``text``."""

    source: str
    sha256: str
    """Of the raw bytes as read."""
    format: Literal["text", "html", "markdown", "pdf"]
    encoding: str
    text: str
    sentences: tuple[Sentence, ...]
    warnings: tuple[str, ...] = ()


MentionLevel = Literal["exact", "broad", "catch_all"]
Action = Literal["collect", "share", "sell", "retain"]


@dataclass(frozen=True)
class DataMention:
    """A phrase in a sentence that names data."""

    data_types: tuple[DataTypeId, ...]
    """Every data type the phrase covers (one for "IMEI", several for "device
    information" or a permission name; empty for a catch-all)."""
    level: MentionLevel
    phrase: str
    start: int
    end: int
    """Offsets into ``Document.text``."""
    via_permission: PermissionName | None = None
    """Set when the phrase names a permission ("Microphone permission")."""


PartyKind = Literal["sdk", "category", "catch_all"]


@dataclass(frozen=True)
class PartyMention:
    """A phrase that names a third party: an SDK/vendor, a category, or a catch-all."""

    kind: PartyKind
    id: str
    """SDK id, third-party category id (an SDK category such as ``analytics``), or ``third_parties``."""
    phrase: str
    start: int
    end: int


@dataclass(frozen=True)
class Statement:
    """What one sentence says about data."""

    sentence: Sentence
    data: tuple[DataMention, ...]
    parties: tuple[PartyMention, ...]
    actions: frozenset[Action]
    """Actions the sentence affirms (possibly under a condition)."""
    denied: frozenset[Action]
    """Actions the sentence denies for the data it names ("we do not sell" -> {"sell"})."""
    first_party: bool = True
    """False when the subject doing the action is a third party."""
    defined_by: tuple[Sentence, ...] = ()
    """The definitions the data comes through ("Account Information includes your
    email address"), when the sentence itself names only the defined term ("we
    collect Account Information"), or the containment link ("chat messages are part
    of your medical record") when it names only the container ("we share your
    medical record"): the chain of evidence, shown with the sentence."""


DataStatus = Literal["collected", "shared", "denied", "vague", "not_mentioned"]


@dataclass(frozen=True)
class DataDisclosure:
    """The policy's overall position on one data type."""

    data_type: DataTypeId
    status: DataStatus
    exact: bool
    """Named in specific words (True) or only by a broader category term (False)."""
    actions: frozenset[Action]
    denied: frozenset[Action]
    evidence: tuple[Statement, ...]
    shared_with_third_parties: bool = False
    """Collection or sharing by a third party (named, category or catch-all) is stated."""


@dataclass(frozen=True)
class PartyDisclosure:
    """A third party the policy names: an SDK/vendor or a category."""

    kind: PartyKind
    id: str
    name: str
    evidence: tuple[Statement, ...]
    denied: bool = False
    """The policy says this party gets nothing ("we do not use Google Analytics")."""


@dataclass(frozen=True)
class ListedSdk:
    """One row or block of a policy's third-party SDK list (第三方SDK目录): a
    disclosure about one SDK, in the policy's own structure."""

    name: str
    """The SDK as the list names it ("高德定位SDK", "Amap Location and Map's SDK")."""
    sdk_ids: tuple[SdkId, ...]
    """The SDKs of the tables that name resolves to (its words, else its company's);
    empty when the tables know none of them."""
    data: tuple[DataMention, ...]
    """The data the row says the SDK collects (exact, broad or catch-all phrases)."""
    start: int
    end: int
    """Offsets of the whole row or block in ``Document.text``."""
    line: int
    company: str = ""
    purpose: str = ""
    permissions: tuple[PermissionName, ...] = ()
    link: str = ""


@dataclass(frozen=True)
class ListedPermission:
    """One entry of a policy's permission list (权限列表, "List of permissions")."""

    name: str
    """The permission as the list names it ("电话权限", "Phone status read permission")."""
    permissions: tuple[PermissionName, ...]
    """The Android permissions that name stands for (several for "位置权限")."""
    data_types: tuple[DataTypeId, ...]
    """What those permissions expose, per the tables."""
    start: int
    end: int
    line: int
    purpose: str = ""
    denied: bool = False
    """The entry says the permission is not requested or its data not read ("未申请", "not requested")."""


@dataclass(frozen=True)
class PolicyLists:
    """The structured lists of a policy; ``sdk_list`` is False when it has none
    (then no SDK can be "missing from the list")."""

    sdk_list: bool = False
    sdks: tuple[ListedSdk, ...] = ()
    permission_list: bool = False
    permissions: tuple[ListedPermission, ...] = ()


@dataclass(frozen=True)
class PolicyLanguage:
    """The language a policy is written in, recognised from its text."""

    id: str
    """``en``, ``zh``...; ``und`` when the text does not tell."""
    name: str
    covered: bool
    """The phrase tables read this language. When False the policy's silence
    proves nothing: data types are ``unknown`` rather than ``omitted``."""


@dataclass(frozen=True)
class PolicyReading:
    """Everything the checker needs to know about a policy."""

    document: Document
    statements: tuple[Statement, ...]
    data: tuple[DataDisclosure, ...]
    parties: tuple[PartyDisclosure, ...]
    catch_all_evidence: tuple[Statement, ...] = ()
    """Sentences that only use catch-alls ("personal information", "third parties")."""
    lists: PolicyLists = PolicyLists()
    """The policy's third-party SDK list and permission list, when it has them."""
    language: PolicyLanguage | None = None
    """None when not detected (too little text, or read without detection): taken as covered."""


# ------------------------------------------------------------------ the check

FindingClass = Literal["disclosed", "vague", "omitted", "contradicted", "unsupported", "unknown"]
Severity = Literal["high", "medium", "low", "info", "none"]
SEVERITY_ORDER: tuple[Severity, ...] = ("none", "info", "low", "medium", "high")
FINDING_CLASSES: tuple[FindingClass, ...] = (
    "contradicted",
    "omitted",
    "vague",
    "unknown",
    "unsupported",
    "disclosed",
)
"""Worst first: the order reports use."""


@dataclass(frozen=True)
class Evidence:
    """A policy sentence shown for a finding."""

    text: str
    start: int
    end: int
    line: int
    """1-based line of the policy *file* where the sentence starts (within the page
    for a PDF); the normalised text's line only when the file position is unknown."""
    section: tuple[str, ...]
    highlight: tuple[tuple[int, int], ...] = ()
    """Spans (absolute offsets) of the phrases that matched, for highlighting."""
    role: Literal["disclosure", "denial", "vague", "catch_all", "claim"] = "disclosure"
    column: int | None = None
    """1-based column (code points) in the policy file where the sentence starts."""
    page: int | None = None
    """1-based page, for a PDF policy."""


@dataclass(frozen=True)
class Finding:
    """One verdict: on a data type the app can reach, on a detected SDK, or on a
    policy claim with no sign in the APK (``unsupported``)."""

    subject_type: Literal["data", "sdk"]
    subject: str
    """Data type id or SDK id."""
    name: str
    status: FindingClass
    severity: Severity
    sources: tuple[DataSource, ...]
    evidence: tuple[Evidence, ...]
    sdk: SdkHit | None = None
    message: str = ""
    fingerprint: str = ""
    """Stable identity for baselines (see consistency.baseline)."""
    rule: str = ""
    """The rubric rule that decided the class and severity (``consistency.rubric``),
    such as ``by_reference`` or ``on_device_only``; empty for the plain class rule."""


@dataclass(frozen=True)
class CheckResult:
    """The outcome of ``consistency check``: what every reporter renders."""

    profile: AppProfile
    policy: PolicyReading
    findings: tuple[Finding, ...]
    suppressed: tuple[Finding, ...] = ()
    """Findings accepted by a baseline: not shown as failures, counted in the summary."""
    stale_baseline: tuple[str, ...] = ()
    """Baseline fingerprints that matched nothing this time."""
    fail_on: Severity = "high"
    tool_version: str = ""
    timestamp: str | None = None
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    data_safety: DataSafetyCheck | None = None
    """Issue 16: the Data safety form's side (``check --data-safety``), None without a form."""
