"""The shape of the mapping tables in ``mappings/*.yaml``, as closed pydantic models.

These models are the schema: a misspelt key is an error (``extra="forbid"``),
not a silently ignored field. ``consistency.mappings`` loads the YAML, reports
errors as ``file:line: message`` and checks what a schema alone cannot
(unknown data type ids, duplicate ids, overlapping SDK signatures).

See ``mappings/README.md`` for what each table means and how to extend it.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

TABLES_SCHEMA_VERSION = 1

# Patterns of the validators, kept as text and compiled by ``re`` (into its own
# cache) when a table is first validated: a run served by the knowledge cache
# validates nothing, and _CJK's ranges alone take milliseconds to compile.
_CJK = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_API = r"^L[A-Za-z0-9_$/]+;->[A-Za-z0-9_$<>]+$"
_FIELD = r"^L[A-Za-z0-9_$/]+;->[A-Za-z_$][A-Za-z0-9_$]*$"
_CONTENT_URI = r"^content://[a-z0-9][a-z0-9._-]*(/[A-Za-z0-9._-]+)*$"
_HOST = r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$"
DATA_TYPE_ID_PATTERN = r"^[a-z][a-z_]*\.[a-z][a-z_]*$"
"""``category.type``: the part before the dot is the id of the type's category."""
PLAIN_ID_PATTERN = r"^[a-z0-9][a-z0-9_.\-]*$"
"""Ids of categories, broad terms, SDKs and party categories: stable lowercase."""


def _all_of_form(values: tuple[str, ...], pattern: str, problem: str) -> tuple[str, ...]:
    """``values`` when each matches ``pattern``; else a ValueError naming the first that
    does not (``problem`` with a ``{!r}`` for it): the validators of spellings the
    DEX index and the SDK matcher compare literally, which would silently never match."""
    for value in values:
        if not re.match(pattern, value):
            raise ValueError(problem.format(value))
    return values


class _Closed(BaseModel):
    # defer_build: a model's validator is built when it first validates, not at import;
    # a run served by the knowledge cache only unpickles instances and never validates
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Phrases(_Closed):
    """Policy phrases by language. Matching is case-insensitive, on word boundaries
    for English and by substring for Chinese. Both lists are matched against every
    sentence whatever its language ("IMEI" is listed once, under ``en``, and still
    found in "读取设备IMEI")."""

    en: tuple[str, ...] = ()
    zh: tuple[str, ...] = ()

    def all(self) -> tuple[str, ...]:
        return self.en + self.zh

    @field_validator("en", "zh")
    @classmethod
    def _no_blank_or_padded(cls, phrases: tuple[str, ...]) -> tuple[str, ...]:
        """A blank phrase would match everywhere and a padded one nowhere: both are
        typos, so they are errors rather than silently repaired."""
        for phrase in phrases:
            if not phrase.strip():
                raise ValueError("a phrase must not be empty")
            if phrase != phrase.strip():
                raise ValueError(f"phrase {phrase!r} has leading or trailing spaces")
        return phrases

    @field_validator("en")
    @classmethod
    def _no_chinese_in_en(cls, phrases: tuple[str, ...]) -> tuple[str, ...]:
        """English phrases match on word boundaries, Chinese ones as substrings: a
        Chinese phrase filed under ``en`` would be matched the wrong way."""
        for phrase in phrases:
            if re.search(_CJK, phrase):
                raise ValueError(f"phrase {phrase!r} contains Chinese characters: list it under zh")
        return phrases


class Examples(_Closed):
    """Test sentences (or class names, for SDKs) that must and must not match.

    For the phrase tables a ``match`` sentence *names* the entry, whatever it says
    is done with it ("We never collect your precise location." names
    ``location.precise``); a ``no_match`` sentence is a near miss that must not be
    read as naming it ("the location of our offices"). Whether a sentence affirms
    or denies is the business of ``statements.yaml``."""

    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()


# ---------------------------------------------------------------- datatypes.yaml


class DataTypeSpec(_Closed):
    id: str = Field(pattern=DATA_TYPE_ID_PATTERN)
    category: str
    """Id of a Data safety category in ``categories``."""
    label: str
    description: str
    phrases: Phrases
    """Specific names of this type: a match is an *exact* disclosure."""
    exclude: Phrases = Phrases()
    """Longer expressions that contain one of ``phrases`` but do not name this
    entry ("contact form", "calendar days", 短信验证码). A phrase found inside one
    of them is no mention: the longest match wins, so a matcher can load them as
    mentions that mean nothing. The same field exists on every phrase entry."""
    examples: Examples = Examples()
    advertising_id: bool = False
    """The type holds the advertising ID: an omission stays high when the app can
    read that ID (a permission or SDK category marked ``advertising_id``), even if
    the policy names the SDK (review rubric, rule 5)."""
    platform_gated: bool = False
    """True when an app can obtain this data only through a permission-guarded
    platform API (the device's location fix, contacts, calendar, call log, SMS,
    microphone, nearby-device scans): users do not type it in, no system picker
    hands it over, no server derives it. Only such types can be ``unsupported``
    (a policy claims them for an APK with no permission or SDK that reaches them);
    for a name, an email address or approximate location (derivable from an IP
    address) the APK's silence proves nothing."""


class DataCategorySpec(_Closed):
    """A Google Play Data safety category. Naming it in specific words ("location",
    "contacts", "photos and videos") discloses every type in it *exactly*."""

    id: str = Field(pattern=PLAIN_ID_PATTERN)
    label: str
    phrases: Phrases = Phrases()
    exclude: Phrases = Phrases()
    examples: Examples = Examples()


class BroadTermSpec(_Closed):
    """A term broader than a category that still says what kind of data it is
    ("device information", "usage data"): a match is a *vague* disclosure of the
    types it covers."""

    id: str = Field(pattern=PLAIN_ID_PATTERN)
    phrases: Phrases
    covers: tuple[str, ...]
    """Data type ids (or category ids, meaning all their types)."""
    names_each: bool = False
    """The term names each type it covers as plainly as the type's own words: a
    bundle, not a vague word ("delivery information" is the recipient's name,
    address and phone number, as 收货信息 is). Its matches are exact."""
    exclude: Phrases = Phrases()
    examples: Examples = Examples()


class CatchAllSpec(_Closed):
    """Phrases that name no kind of data at all ("personal information")."""

    phrases: Phrases
    exclude: Phrases = Phrases()
    examples: Examples = Examples()


class DataTypesTable(_Closed):
    schema_version: int = TABLES_SCHEMA_VERSION
    categories: tuple[DataCategorySpec, ...]
    datatypes: tuple[DataTypeSpec, ...]
    broad_terms: tuple[BroadTermSpec, ...] = ()
    catch_all: CatchAllSpec


# -------------------------------------------------------------- permissions.yaml

Protection = Literal["dangerous", "normal", "signature", "appop", "special", "vendor", "sdk", "internal"]


class PermissionSpec(_Closed):
    name: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+$")
    protection: Protection
    """``appop``: signature|appop or special-access permissions granted in Settings
    (PACKAGE_USAGE_STATS, MANAGE_EXTERNAL_STORAGE); ``vendor``/``sdk``: defined by
    a device maker or an SDK rather than AOSP."""
    data_types: tuple[str, ...] = ()
    """Empty: the permission exposes no personal data (INTERNET, VIBRATE...)."""
    added_in: int | None = Field(default=None, ge=1)
    """First API level where the permission exists."""
    effective_until: int | None = Field(default=None, ge=1)
    """Last API level at which the permission still grants access (e.g. 32 for
    READ_EXTERNAL_STORAGE, replaced by READ_MEDIA_* from 33). None: still in force.
    Compared with the app's ``targetSdkVersion``: Android gates these behaviour
    changes on the target SDK."""
    apis: tuple[str, ...] = ()
    """Platform methods guarded by this permission, as
    ``Landroid/location/LocationManager;->getLastKnownLocation``; a reference to
    any of them in the DEX is evidence the permission is really used."""
    fields: tuple[str, ...] = ()
    """Platform fields whose use needs this permission, as
    ``Landroid/provider/CallLog$Calls;->CONTENT_URI``: a content provider is reached
    through its ``Uri`` constant, not a guarded method. Only object constants:
    ``String`` and ``int`` constants are inlined by the compiler and leave no reference."""
    content_uris: tuple[str, ...] = ()
    """``content://`` URIs of the providers this permission guards, written as an
    app's code spells them (``content://sms``): a string in the DEX equal to one, or
    continuing it with ``/``, ``?`` or ``#``, is evidence the permission is used."""
    policy_names: Phrases = Phrases()
    """How policies name the permission itself ("microphone permission",
    "permission to send text messages"): such a mention discloses its data types."""
    policy_data_types: tuple[str, ...] | None = None
    """What a policy's mention of the permission by name discloses, when its words
    name less than ``data_types``: "read phone status and identity" names the
    device's identity (IMEI), not the phone number, which has had a permission of
    its own since Android 8 (tests/data/policies/README.md, rule 12). None: all
    of ``data_types``."""

    @property
    def named_data_types(self) -> tuple[str, ...]:
        """What naming the permission in a policy discloses (see ``policy_data_types``)."""
        return self.data_types if self.policy_data_types is None else self.policy_data_types

    network: bool = False
    """Lets the app send data off the device (review rubric, rule 1: without such a
    permission or a bundled SDK, what the app reaches stays on the device)."""
    file_access: bool = False
    """Access to the user's files (storage, media): not by itself collection of
    what the files hold (review rubric, rule 2)."""
    advertising_id: bool = False
    """Reads the advertising ID (review rubric, rule 5)."""
    note: str | None = None
    source: str | None = None

    @field_validator("apis")
    @classmethod
    def _api_form(cls, apis: tuple[str, ...]) -> tuple[str, ...]:
        """The DEX index yields ``Lpkg/Cls;->name`` without prototype: any other
        spelling would silently never match."""
        return _all_of_form(apis, _API, "api {!r} is not of the form Lpkg/Cls;->method (no prototype)")

    @field_validator("fields")
    @classmethod
    def _field_form(cls, fields: tuple[str, ...]) -> tuple[str, ...]:
        """The DEX index yields ``Lpkg/Cls;->NAME`` without the field's type."""
        return _all_of_form(fields, _FIELD, "field {!r} is not of the form Lpkg/Cls;->NAME (no type)")

    @field_validator("content_uris")
    @classmethod
    def _uri_form(cls, uris: tuple[str, ...]) -> tuple[str, ...]:
        """A lowercase authority and path segments, no trailing ``/`` (the match adds
        the boundary), so a misspelt entry is refused rather than never matching."""
        return _all_of_form(
            uris, _CONTENT_URI, "content URI {!r} is not of the form content://authority[/path]"
        )

    @model_validator(mode="after")
    def _range(self) -> PermissionSpec:
        if (
            self.added_in is not None
            and self.effective_until is not None
            and self.effective_until < self.added_in
        ):
            raise ValueError(f"effective_until {self.effective_until} is before added_in {self.added_in}")
        return self


class PermissionsTable(_Closed):
    schema_version: int = TABLES_SCHEMA_VERSION
    permissions: tuple[PermissionSpec, ...]


# --------------------------------------------------------------------- sdks.yaml


class SdkSignature(_Closed):
    classes: tuple[str, ...] = ()
    """Java package prefixes (``com.amap.api.location``); matched on a package boundary."""
    native_libs: tuple[str, ...] = ()
    """Native library file names (``libAMapSDK_MAP_v6_9_4.so``); ``*`` is a wildcard."""
    meta_data: tuple[str, ...] = ()
    """Manifest ``<meta-data android:name>`` keys (``com.amap.api.v2.apikey``)."""
    components: tuple[str, ...] = ()
    """Manifest component class names (or their packages) beyond ``classes``: an
    activity, service, receiver or provider keeps its name under R8, since the
    manifest refers to it. Components are also matched against ``classes``."""
    hosts: tuple[str, ...] = ()
    """Server host names (``api.mixpanel.com``, ``appsflyer.com``) found in the DEX
    string table; a host matches itself and its subdomains. Supporting evidence
    only: a host alone never reports an SDK (any app may link to a vendor's site)."""
    permissions: tuple[str, ...] = ()
    """Permissions the SDK's own manifest merges into the app. Supporting evidence
    only, like ``hosts``."""
    version_files: tuple[str, ...] = ()
    """``META-INF/*.version`` file names Gradle packages per library
    (``com.google.firebase_firebase-crashlytics.version``); ``*`` is a wildcard.
    The file's content is the library version."""
    assets: tuple[str, ...] = ()
    """Asset paths under ``assets/`` (``bugly_*.json``); ``*`` is a wildcard."""

    @field_validator("hosts")
    @classmethod
    def _plain_hosts(cls, hosts: tuple[str, ...]) -> tuple[str, ...]:
        """A host is matched by label-wise suffix lookup: a scheme, path, wildcard
        or capital letter would silently never match."""
        return _all_of_form(
            hosts, _HOST, "host {!r} is not a lowercase host name (no scheme, path or wildcard)"
        )


class RequirementApp(_Closed):
    """An app in an example of a requirement: what it requests and bundles."""

    permissions: tuple[str, ...] = ()
    sdks: tuple[str, ...] = ()


class RequirementExample(_Closed):
    app: RequirementApp
    outcome: Literal["collected", "not_collected", "derived"]


class SdkRequirement(_Closed):
    """When an SDK's data type applies in a given app (review rubric, rule 4):
    purchase history only in an app with billing, a location only with a location
    permission (otherwise the vendor derives an approximate one from the IP address)."""

    id: str = Field(pattern=PLAIN_ID_PATTERN)
    data_type: str
    sdk_categories: tuple[str, ...] = ()
    """SDK categories this applies to; empty: every SDK."""
    any_permission: tuple[str, ...] = ()
    """Met when the app requests one of these permissions..."""
    any_permission_for: tuple[str, ...] = ()
    """...or a permission that reaches one of these data types..."""
    any_sdk_category: tuple[str, ...] = ()
    """...or bundles an SDK of one of these categories."""
    otherwise: Literal["not_collected", "derived"]
    """``not_collected``: the SDK does not take the data type in this app (no finding
    from it); ``derived``: the vendor derives it on its servers (a low finding)."""
    note: str
    examples: tuple[RequirementExample, ...] = ()


class SdkCategorySpec(_Closed):
    id: str
    label: str
    default_data_types: tuple[str, ...] = ()
    """Used for SDKs marked ``basis: category``."""
    tracking: bool = False
    """Advertising, analytics, attribution: a policy that denies collecting data the
    SDK takes, or says nothing is collected, is contradicted at high severity."""
    identity: bool = False
    """Sign-in, identity and payment SDKs: collecting identity data unnamed stays high."""
    advertising_id: bool = False
    """Reads the advertising ID (review rubric, rule 5)."""
    uploads_files: bool = False
    """Sends the user's files off the device (cloud storage): storage access is no
    longer only on-device file access (review rubric, rule 2)."""
    on_device: bool = False
    """Works without the network: bundling it does not make the app able to transmit."""


class SdkSpec(_Closed):
    id: str
    name: str
    vendor: str
    category: str
    signatures: SdkSignature
    data_types: tuple[str, ...] = ()
    basis: Literal["vendor", "category"] = "vendor"
    """``vendor``: data types from the vendor's own documentation (``source``);
    ``category``: the category's defaults, no vendor statement found."""
    source: str | None = None
    policy_names: Phrases
    privacy_policy: str | None = None
    more_specific_than: tuple[str, ...] = ()
    """SDK ids whose signatures this one's overlap on purpose; a class matching both
    is credited to this one only."""
    identity: bool | None = None
    """Overrides the category's ``identity`` flag: a share-only SDK in the social
    category does not sign the user in (review rubric, rule 5)."""
    examples: Examples = Examples()
    """``match``: class names (or ``lib/<abi>/x.so``, ``meta:KEY``,
    ``component:NAME``, ``version:FILE``, ``asset:PATH``, ``host:NAME``,
    ``permission:NAME``) that must be detected as this SDK; ``no_match``: near
    misses that must not. Several pieces joined by `` + `` are one APK holding
    them all (``host:api.mixpanel.com + component:com.mixpanel.android.takeoverinapp.TakeoverInAppActivity``),
    which is how supporting evidence is checked: a ``host:`` alone must not match."""


class SdksTable(_Closed):
    schema_version: int = TABLES_SCHEMA_VERSION
    categories: tuple[SdkCategorySpec, ...] = ()
    requires: tuple[SdkRequirement, ...] = ()
    sdks: tuple[SdkSpec, ...] = ()


# ------------------------------------------------------------------ parties.yaml


class PartyCategorySpec(_Closed):
    """A kind of third party named by category ("analytics providers"): a *vague*
    disclosure of SDKs in the listed SDK categories."""

    id: str = Field(pattern=PLAIN_ID_PATTERN)
    phrases: Phrases
    sdk_categories: tuple[str, ...]
    exclude: Phrases = Phrases()
    examples: Examples = Examples()


class PartiesTable(_Closed):
    schema_version: int = TABLES_SCHEMA_VERSION
    categories: tuple[PartyCategorySpec, ...]
    catch_all: CatchAllSpec
    """"third parties", "partners", "service providers": no disclosure of any SDK."""
