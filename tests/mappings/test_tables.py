"""The shipped tables themselves: the data type contract, permission coverage
against Android's own definitions and the real APK corpus, and every example
sentence of datatypes.yaml and parties.yaml.

The example check here is deliberately simple and independent of the policy
reader: a regular expression over every mention phrase of the tables, longest
match first (as the reader's lexicon does), English on word boundaries and
Chinese as substrings. It proves each ``match`` sentence contains a phrase of
its entry and each ``no_match`` sentence none outside a longer phrase or an
``exclude``. The policy reader runs the same sentences through its real matcher.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import cache

import pytest

from consistency.errors import MappingError
from consistency.mappings import Mappings, load_mappings
from consistency.mappings.schema import Examples, Phrases
from tests.helpers.paths import CORPUS_APKS, SEEDS, SHARED

CONTRACT = (
    "location.approximate location.precise "
    "personal.name personal.email personal.user_ids personal.address personal.phone_number "
    "personal.race_ethnicity personal.political_religious personal.sexual_orientation personal.other "
    "financial.payment_info financial.purchase_history financial.credit_score financial.other "
    "health.health_info health.fitness_info "
    "messages.emails messages.sms_mms messages.in_app "
    "media.photos media.videos "
    "audio.recordings audio.music audio.other "
    "files.files_docs "
    "calendar.events "
    "contacts.contacts "
    "app_activity.interactions app_activity.search_history app_activity.installed_apps "
    "app_activity.user_generated_content app_activity.other_actions "
    "web.browsing_history "
    "app_info.crash_logs app_info.diagnostics app_info.other_performance "
    "device.ids "
    "calls.call_log device.nearby_devices device.sensors"
).split()
"""The data type ids of ARCHITECTURE.md: findings, reports and baselines use them."""

AOSP = SHARED / "reference" / "permissions" / "androguard" / "aosp_permissions"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@pytest.fixture(scope="module")
def tables() -> Mappings:
    return load_mappings()


# ------------------------------------------------------------- a phrase index


def _norm(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(re.sub(r"[-\u2010\u2011\u2013]", " ", text).split())


class PhraseIndex:
    """Every mention phrase with its owners; ``owners(sentence)`` reads a sentence
    leftmost-longest and returns who its phrases belong to (``exclude`` phrases
    belong to nobody, so they only shadow shorter phrases)."""

    def __init__(self, entries: Iterable[tuple[str, str, str]]) -> None:
        self.by_phrase: dict[str, set[str]] = {}
        patterns: dict[str, str] = {}
        for phrase, lang, owner in entries:
            norm = _norm(phrase)
            self.by_phrase.setdefault(norm, set()).add(owner)
            body = re.escape(norm).replace(r"\ ", r"\s+")
            patterns[norm] = body if lang == "zh" else rf"(?<![a-z0-9]){body}(?![a-z0-9])"
        ordered = sorted(patterns, key=len, reverse=True)
        self.regex = re.compile("|".join(patterns[p] for p in ordered))

    def owners(self, sentence: str) -> set[str]:
        found: set[str] = set()
        for match in self.regex.finditer(_norm(sentence)):
            found |= self.by_phrase[" ".join(match.group().split())]
        return found - {"exclude"}


def _phrases(phrases: Phrases, owner: str) -> Iterator[tuple[str, str, str]]:
    for lang in ("en", "zh"):
        for phrase in getattr(phrases, lang):
            yield phrase, lang, owner


@cache
def mention_index(digest: str) -> PhraseIndex:
    m = _TABLES[digest]
    entries: list[tuple[str, str, str]] = []
    dt = m.datatypes
    for cat in dt.categories:
        entries += _phrases(cat.phrases, f"category:{cat.id}")
        entries += _phrases(cat.exclude, "exclude")
    for spec in dt.datatypes:
        entries += _phrases(spec.phrases, f"datatype:{spec.id}")
        entries += _phrases(spec.exclude, "exclude")
    for broad in dt.broad_terms:
        entries += _phrases(broad.phrases, f"broad:{broad.id}")
        entries += _phrases(broad.exclude, "exclude")
    entries += _phrases(dt.catch_all.phrases, "catch_all")
    entries += _phrases(dt.catch_all.exclude, "exclude")
    for perm in m.permissions.permissions:
        if perm.data_types:
            entries += _phrases(perm.policy_names, f"permission:{perm.name}")
    for party in m.parties.categories:
        entries += _phrases(party.phrases, f"party:{party.id}")
        entries += _phrases(party.exclude, "exclude")
    entries += _phrases(m.parties.catch_all.phrases, "party_catch_all")
    entries += _phrases(m.parties.catch_all.exclude, "exclude")
    for sdk in m.sdks.sdks:
        entries += [(p, lang, f"sdk:{sdk.id}") for p, lang, _ in _phrases(sdk.policy_names, "")]
    return PhraseIndex(entries)


_TABLES: dict[str, Mappings] = {}


def index_of(m: Mappings) -> PhraseIndex:
    _TABLES[m.digest] = m
    return mention_index(m.digest)


def example_cases() -> list[tuple[str, str]]:
    """(entry, kind) of every phrase entry with examples, for parametrisation
    (none when the tables do not load: ``tables`` then fails with the reason)."""
    try:
        m = load_mappings()
    except MappingError:
        return []
    cases = [(f"datatype:{d.id}", "datatype") for d in m.datatypes.datatypes]
    cases += [(f"category:{c.id}", "category") for c in m.datatypes.categories if c.phrases.all()]
    cases += [(f"broad:{b.id}", "broad") for b in m.datatypes.broad_terms]
    cases += [("catch_all", "catch_all")]
    cases += [(f"party:{p.id}", "party") for p in m.parties.categories]
    cases += [("party_catch_all", "party_catch_all")]
    return cases


def entry_examples(m: Mappings, entry: str) -> tuple[Examples, set[str]]:
    """An entry's examples and the owners whose presence means it is named exactly."""
    kind, _, ident = entry.partition(":")
    if kind == "datatype":
        spec = m.datatype(ident)
        perms = {f"permission:{p.name}" for p in m.permissions.permissions if ident in p.data_types}
        return spec.examples, {entry, f"category:{spec.category}", *perms}
    if kind == "category":
        return m.category(ident).examples, {entry}
    if kind == "broad":
        return next(b for b in m.datatypes.broad_terms if b.id == ident).examples, {entry}
    if kind == "party":
        return next(p for p in m.parties.categories if p.id == ident).examples, {entry}
    if entry == "catch_all":
        return m.datatypes.catch_all.examples, {entry}
    return m.parties.catch_all.examples, {entry}


@pytest.mark.parametrize(("entry", "kind"), example_cases(), ids=lambda v: v)
def test_examples_name_their_entry_and_near_misses_do_not(tables: Mappings, entry: str, kind: str) -> None:
    index = index_of(tables)
    examples, naming = entry_examples(tables, entry)
    assert len(examples.match) >= 2 and len(examples.no_match) >= 2, (
        "every entry needs 2+ match and 2+ no_match"
    )
    for sentence in examples.match:
        assert entry in index.owners(sentence), (
            f"{sentence!r} does not name {entry}: {index.owners(sentence)}"
        )
    for sentence in examples.no_match:
        named = index.owners(sentence) & naming
        assert not named, f"{sentence!r} names {entry} through {named}"


# ------------------------------------------------------------- the data types


def test_the_data_type_ids_are_the_contract(tables: Mappings) -> None:
    assert sorted(tables.datatype_ids) == sorted(CONTRACT)


def test_every_data_type_is_named_in_english_and_chinese_with_examples_in_both(tables: Mappings) -> None:
    for spec in tables.datatypes.datatypes:
        assert spec.phrases.en and spec.phrases.zh, spec.id
        assert any(_CJK.search(s) for s in spec.examples.match), f"{spec.id}: no Chinese match example"
        assert any(not _CJK.search(s) for s in spec.examples.match), f"{spec.id}: no English match example"


def test_every_category_is_either_named_or_says_why_not(tables: Mappings) -> None:
    """Categories without phrases are deliberate (personal, financial, device,
    calls): the YAML comments why. Every other category is named in both languages."""
    unnamed = {c.id for c in tables.datatypes.categories if not c.phrases.all()}
    assert unnamed == {"personal", "financial", "device", "calls"}
    for cat in tables.datatypes.categories:
        if cat.id not in unnamed:
            assert cat.phrases.en and cat.phrases.zh, cat.id


def test_every_exclusion_shadows_a_phrase(tables: Mappings) -> None:
    """An ``exclude`` that contains no phrase of the tables would guard nothing."""
    everything = PhraseIndex(
        [(p, lang, "x") for p, lang, owner in _all_mentions(tables) if owner != "exclude"]
    )
    mentions = list(_all_mentions(tables))
    idle = sorted(p for p, _, owner in mentions if owner == "exclude" and not everything.owners(p))
    assert idle == []
    phrases = {p for p, _, owner in mentions if owner != "exclude"}
    assert sorted(p for p, _, owner in mentions if owner == "exclude" and p in phrases) == []


def _all_mentions(m: Mappings) -> Iterator[tuple[str, str, str]]:
    index = index_of(m)
    for norm, owners in index.by_phrase.items():
        for owner in owners:
            yield norm, "zh" if _CJK.search(norm) else "en", owner


# --------------------------------------------------------------- permissions


def _aosp_levels() -> dict[str, dict[int, str]]:
    if not AOSP.is_dir():
        pytest.skip(f"{AOSP} is absent (reference data is read from ../shared)")
    levels: dict[str, dict[int, str]] = {}
    for path in AOSP.glob("permissions_*.json"):
        level = int(re.findall(r"\d+", path.name)[0])
        for name, spec in json.loads(path.read_text(encoding="utf-8"))["permissions"].items():
            levels.setdefault(name, {})[level] = spec.get("protectionLevel", "")
    return levels


def test_every_dangerous_permission_of_android_is_in_the_table(tables: Mappings) -> None:
    levels = _aosp_levels()
    dangerous = {n for n, by_level in levels.items() if "dangerous" in by_level.get(35, "").split("|")}
    assert len(dangerous) >= 40  # the reference really lists them
    missing = sorted(n for n in dangerous if tables.permission(n) is None)
    assert missing == []
    wrong = sorted(n for n in dangerous if tables.permission(n).protection != "dangerous")
    assert wrong == []
    ever = {n for n, by_level in levels.items() for lv in by_level.values() if "dangerous" in lv.split("|")}
    assert sorted(n for n in ever if tables.permission(n) is None) == []


def test_protection_levels_agree_with_android(tables: Mappings) -> None:
    levels = _aosp_levels()
    for perm in tables.permissions.permissions:
        by_level = levels.get(perm.name)
        if not by_level:
            continue
        parts = by_level[max(by_level)].split("|")
        expected = (
            "dangerous"
            if "dangerous" in parts
            else "appop"
            if "appop" in parts
            else "signature"
            if parts[0].startswith("signature")
            else parts[0]
        )
        assert perm.protection == expected, perm.name


def test_dangerous_permissions_without_data_say_why(tables: Mappings) -> None:
    for perm in tables.permissions.permissions:
        if perm.protection == "dangerous" and not perm.data_types:
            assert perm.note, perm.name


def test_runtime_permissions_with_data_have_policy_names_in_both_languages(tables: Mappings) -> None:
    """Runtime permissions of API 23-33 (Health Connect and the newest ones aside)."""
    for perm in tables.permissions.permissions:
        current = perm.effective_until is None or perm.effective_until >= 23
        if (
            perm.protection in ("dangerous", "appop")
            and perm.data_types
            and current
            and (perm.added_in or 0) < 34
        ):
            assert perm.policy_names.en and perm.policy_names.zh, perm.name


def test_many_harmless_permissions_are_known(tables: Mappings) -> None:
    """So that an unknown permission is a signal, not noise."""
    harmless = [p for p in tables.permissions.permissions if not p.data_types]
    assert len(harmless) >= 60


def test_api_level_ranges_from_the_android_documentation(tables: Mappings) -> None:
    until = {
        "android.permission.READ_EXTERNAL_STORAGE": 32,
        "android.permission.WRITE_EXTERNAL_STORAGE": 29,
        "android.permission.READ_PHONE_STATE": 29,
        "android.permission.GET_ACCOUNTS": 25,
        "android.permission.BLUETOOTH": 30,
        "android.permission.BLUETOOTH_ADMIN": 30,
        "android.permission.READ_MEDIA_IMAGES": None,
        "android.permission.ACCESS_FINE_LOCATION": None,
    }
    assert {name: tables.permission(name).effective_until for name in until} == until
    assert tables.permission("android.permission.READ_MEDIA_VISUAL_USER_SELECTED").added_in == 34


@cache
def _corpus_requests() -> dict[str, set[str]]:
    from tests.helpers.corpus import corpus_facts

    requests: dict[str, set[str]] = {}
    for apk in sorted(CORPUS_APKS.glob("*.apk")):
        facts = corpus_facts(apk.name)
        own = {d.name for d in facts.declared_permissions}
        for perm in facts.permissions:
            if perm.name not in own:
                requests.setdefault(perm.name, set()).add(apk.name)
    return requests


@pytest.mark.corpus
def test_every_permission_the_corpus_requests_is_known(tables: Mappings) -> None:
    if not CORPUS_APKS.is_dir():
        pytest.skip(f"{CORPUS_APKS} is absent")
    requests = _corpus_requests()
    assert len(requests) >= 50  # the corpus really was read
    unknown = {name: sorted(apks) for name, apks in requests.items() if tables.permission(name) is None}
    assert unknown == {}


# -------------------------------------------------------------- real policies


SEED_MENTIONS = {
    # What a reader of each real policy finds in it, by the tables' owners.
    "pttoc-policy.txt": {
        "datatype:location.precise",  # "we collect and use precise location information"
        "datatype:contacts.contacts",  # "Contact list. Contact list on your device"
        "datatype:app_info.crash_logs",  # "Crash traces and stack traces"
        "broad:device_information",  # "Device information (model, manufacturer, ...)"
        "permission:android.permission.RECORD_AUDIO",  # "Microphone permission"
        "permission:android.permission.CAMERA",  # "Photo permission" (take pictures and videos)
        "permission:android.permission.READ_MEDIA_IMAGES",  # "Album permissions"
        "permission:android.permission.READ_EXTERNAL_STORAGE",  # "Read and write external storage permissions"
        "permission:android.permission.READ_PHONE_STATE",  # "Phone status read permission"
        "permission:android.permission.SEND_SMS",  # "Permission to send text messages and make calls"
        "party:maps_location",  # "third party service providers that support location-based services"
    },
    "52phone-policy.txt": {
        "datatype:device.ids",  # "IMEI/Android ID/IDFA", "MAC address"
        "datatype:web.browsing_history",  # "browsing history"
        "datatype:app_activity.search_history",  # "the words searched"
        "datatype:personal.phone_number",  # "mobile phone number"
        "datatype:financial.purchase_history",  # "transaction and consumption records"
        "category:location",  # "location information"
        "category:calendar",  # "calendar information"
        "permission:android.permission.READ_CALENDAR",  # "calendar permission"
        "permission:android.permission.CAMERA",  # "camera permission"
        "permission:android.permission.READ_MEDIA_IMAGES",  # "photo album permission"
        "permission:android.permission.SEND_SMS",  # "SMS permissions"
        "party:payments",  # "payment institutions that provide payment services"
        "party:identity",  # "operators that provide one-click login services"
        "catch_all",  # "personal information"
    },
    "airtalk-social-policy.txt": {
        "broad:ip_address",  # "we will get your IP address"
        "datatype:device.ids",  # "the MAC address of your device"
        "datatype:device.nearby_devices",  # "WLAN hotspot information", "paired bluetooth devices"
        "datatype:personal.email",  # "email address"
        "permission:android.permission.READ_EXTERNAL_STORAGE",  # "read and write external storage"
        "party:advertising",  # "advertising companies, advertising alliances"
        "party_catch_all",  # "trusted third parties"
    },
}


@pytest.mark.parametrize("seed", sorted(SEED_MENTIONS))
def test_the_tables_recognise_what_real_policies_say(tables: Mappings, seed: str) -> None:
    path = SEEDS / seed
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    found = index_of(tables).owners(path.read_text(encoding="utf-8", errors="replace"))
    assert SEED_MENTIONS[seed] - found == set()
