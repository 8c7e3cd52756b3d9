"""Field references and ``content://`` strings in the DEX index, checked against
the smali sources of every sample, against androguard on small real APKs, and
against hand-damaged ``field_ids`` tables."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from consistency.apk import dex_uris
from consistency.apk.dex_index import descriptor_to_java, external_field_refs, index_apk_dex, index_dex
from consistency.apk.facts import read_apk_facts
from consistency.apk.zipread import ApkLimits, open_apk
from consistency.errors import ApkReadError
from tests.helpers.badfiles import patch_u32
from tests.helpers.paths import SAMPLES, TEST_DATA, corpus_apks

_FIELD_USE = re.compile(r"^\s*[si](?:get|put)\S* .*?(L[^;\s]+;)->([^:\s]+):", re.M)
_CLASS = re.compile(r"^\.class .*?(L[^;\s]+;)", re.M)
_STRING = re.compile(r'const-string(?:/jumbo)? \S+, "(content://[^"]*)"')


def sample_apps() -> list[Path]:
    """Sample folders whose APK is assembled from the smali next to it."""
    return sorted(apk for apk in SAMPLES.glob("*/*.apk") if any(apk.parent.glob("smali*/**/*.smali")))


def smali_truth(folder: Path) -> tuple[set[str], set[str]]:
    """(fields used but defined by no class of the sources, content:// strings)."""
    sources = [p.read_text("utf-8") for p in folder.glob("smali*/**/*.smali")]
    defined = {m.group(1) for text in sources for m in _CLASS.finditer(text)}
    used = {f"{cls}->{name}" for text in sources for cls, name in _FIELD_USE.findall(text)}
    uris = {uri for text in sources for uri in _STRING.findall(text)}
    return {ref for ref in used if ref.split("->")[0] not in defined}, uris


@pytest.mark.parametrize("apk", sample_apps(), ids=lambda p: p.parent.name)
def test_sample_field_refs_are_the_smali_field_uses(apk: Path) -> None:
    fields, uris = smali_truth(apk.parent)
    facts = read_apk_facts(apk)
    assert facts.field_refs == fields
    assert facts.content_uris == uris


def test_the_samples_read_providers_through_fields() -> None:
    """The blind spot this index closes: these samples reach the call log, the
    calendar and contacts only through a provider's CONTENT_URI."""
    assert (
        "Landroid/provider/CallLog$Calls;->CONTENT_URI"
        in read_apk_facts(SAMPLES / "legacy/legacy.apk").field_refs
    )
    assert (
        "Landroid/provider/ContactsContract$CommonDataKinds$Phone;->CONTENT_URI"
        in read_apk_facts(SAMPLES / "walkie/walkie.apk").field_refs
    )


def test_multidex_field_of_a_class_in_another_dex_is_not_external() -> None:
    """shopper spreads its classes over three DEX files: a field of a class defined
    in another DEX is a foreign ref of one DEX but not an external ref of the app."""
    with open_apk(SAMPLES / "shopper/shopper.apk") as archive:
        indexes = index_apk_dex(archive, ApkLimits())
    foreign = {ref for index in indexes for ref in index.foreign_field_refs}
    external = external_field_refs(indexes)
    defined = {cls for index in indexes for cls in index.classes}
    assert external <= foreign
    assert all(descriptor_to_java(ref.split("->")[0]) not in defined for ref in external)
    assert all(list(index.foreign_field_refs) == sorted(set(index.foreign_field_refs)) for index in indexes)


def small_corpus_apks() -> list[Path]:
    """The ten smallest corpus APKs: androguard is slow, and these already hold
    javac, D8 and R8 output of several vintages."""
    return sorted(corpus_apks(), key=lambda p: p.stat().st_size)[:10]


@pytest.mark.corpus
@pytest.mark.parametrize("apk", small_corpus_apks(), ids=lambda p: p.name)
def test_same_foreign_fields_as_androguard(apk: Path) -> None:
    from androguard.core.dex import DEX
    from loguru import logger

    logger.disable("androguard")
    limits = ApkLimits()
    with open_apk(apk) as archive:
        indexes = index_apk_dex(archive, limits)
        every, classes = set(), set()
        for name in archive.dex_names():
            dex = DEX(archive.read(name, limits))
            classes |= {cls.get_name() for cls in dex.get_classes()}
            every |= {f"{f.get_class_name()}->{f.get_name()}" for f in dex.get_fields_id_item().get_obj()}
    assert external_field_refs(indexes) == {ref for ref in every if ref.split("->")[0] not in classes}


# -------------------------------------------------------------- damaged tables


def legacy_dex() -> bytes:
    """A real DEX with field references (the legacy sample's)."""
    with zipfile.ZipFile(SAMPLES / "legacy/legacy.apk") as archive:
        return archive.read("classes.dex")


FIELD_IDS_SIZE, FIELD_IDS_OFF = 0x50, 0x54


def field_ids(dex: bytes) -> tuple[int, int]:
    return int.from_bytes(dex[FIELD_IDS_SIZE : FIELD_IDS_SIZE + 4], "little"), int.from_bytes(
        dex[FIELD_IDS_OFF : FIELD_IDS_OFF + 4], "little"
    )


def damaged_cases() -> list[tuple[str, bytes, str]]:
    dex = legacy_dex()
    count, offset = field_ids(dex)
    assert count > 0
    return [
        ("offset-past-end", patch_u32(dex, FIELD_IDS_OFF, len(dex)), "field_ids out of range"),
        ("offset-in-header", patch_u32(dex, FIELD_IDS_OFF, 0x10), "field_ids out of range"),
        ("absurd-count", patch_u32(dex, FIELD_IDS_SIZE, 0xFFFFFFFF), "field_ids out of range"),
        ("class-index", dex[:offset] + b"\xff\xff" + dex[offset + 2 :], "field_ids refers to type"),
        ("name-index", patch_u32(dex, offset + 4, 0xFFFFFFF0), "field_ids refers to string"),
    ]


@pytest.mark.parametrize(
    ("data", "message"), [c[1:] for c in damaged_cases()], ids=[c[0] for c in damaged_cases()]
)
def test_damaged_field_ids_are_refused_with_one_line(data: bytes, message: str) -> None:
    with pytest.raises(ApkReadError) as caught:
        index_dex(data, "classes2.dex")
    text = str(caught.value)
    assert text.startswith("classes2.dex: ") and message in text and "\n" not in text


def test_field_ids_out_of_class_order_are_still_read() -> None:
    """Android refuses a DEX whose field_ids are not sorted by class; the index reads
    it anyway (swapping the first two entries keeps every reference valid)."""
    dex = legacy_dex()
    count, offset = field_ids(dex)
    first, second = dex[offset : offset + 8], dex[offset + 8 : offset + 16]
    assert first[:2] != second[:2]
    swapped = dex[:offset] + second + first + dex[offset + 16 :]
    assert index_dex(swapped).foreign_field_refs == index_dex(dex).foreign_field_refs


# ------------------------------------------------------------- content:// strings

PROVIDERS_DEX = TEST_DATA / "dex" / "providers.dex"
"""Assembled from ``tests/data/dex/providers`` (``build.sh``): a call-log query through
``CallLog$Calls.CONTENT_URI``, ``Uri.parse("content://sms/inbox")`` and a few strings
around ``content://`` in sort order."""


def test_providers_dex_fields_and_uris_are_what_its_source_says() -> None:
    index = index_dex(PROVIDERS_DEX.read_bytes())
    assert index.foreign_field_refs == (
        "Landroid/os/Build$VERSION;->SDK_INT",
        "Landroid/provider/CallLog$Calls;->CONTENT_URI",
    )  # its own count and last fields are defined here, so not foreign
    # the bare scheme says nothing, and a URI inside a longer string is not looked for
    assert index.content_uris == {"content://sms/inbox", "content://com.android.calendar/events"}


def test_content_uris_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dex_uris, "MAX_URIS", 1)
    assert len(index_dex(PROVIDERS_DEX.read_bytes()).content_uris) == 1


@pytest.mark.corpus
def test_a_real_app_reads_sms_through_a_uri_string() -> None:
    """Appium's settings helper queries the SMS inbox by ``Uri.parse``: no field of
    ``Telephony`` is referenced, only the string."""
    apk = next((p for p in corpus_apks() if p.name == "npm-io.appium.settings-settings_apk-debug.apk"), None)
    if apk is None:
        pytest.skip("the corpus APK is absent")
    facts = read_apk_facts(apk)
    assert "content://sms/inbox" in facts.content_uris
    assert not any(ref.startswith("Landroid/provider/Telephony") for ref in facts.field_refs)
