"""The fast DEX class index, checked against the smali sources of the committed
tiny DEX, against hand-damaged DEX files, and against androguard and dexdump on
every real APK at hand."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consistency.apk.dex_index import (
    DexIndex,
    all_method_refs,
    decode_mutf8,
    descriptor_to_java,
    external_api_refs,
    index_apk_dex,
    index_dex,
)
from consistency.apk.zipread import ApkLimits, open_apk
from consistency.errors import ApkReadError
from tests.helpers.badfiles import (
    TINY_DEX_SMALI,
    dex_container,
    dex_field,
    patch_dex,
    patch_u32,
    tiny_dex,
    zip_bytes,
)
from tests.helpers.paths import SAMPLES, corpus_apks

# --------------------------------------------------------- what the sources say


def smali_sources() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(TINY_DEX_SMALI.rglob("*.smali"))]


def smali_classes() -> set[str]:
    """Descriptors of the classes the smali sources define."""
    return {re.search(r"^\.class .*?(L[^;\s]+;)", source, re.M).group(1) for source in smali_sources()}


def smali_method_refs() -> set[str]:
    """``Lcls;->name`` of every method the sources define or invoke: exactly what
    a DEX assembled from them holds in ``method_ids``."""
    refs = set()
    for source in smali_sources():
        owner = re.search(r"^\.class .*?(L[^;\s]+;)", source, re.M).group(1)
        refs |= {f"{owner}->{name}" for name in re.findall(r"^\.method .*?([^\s(]+)\(", source, re.M)}
        refs |= {
            f"{cls}->{name}"
            for cls, name in re.findall(r"invoke-\S+ \{[^}]*\}, (L[^;]+;)->([^(]+)\(", source)
        }
    return refs


# ------------------------------------------------------------------ the tiny DEX


def test_tiny_dex_classes_are_the_smali_classes() -> None:
    index = index_dex(tiny_dex())
    assert isinstance(index, DexIndex) and index.name == "classes.dex" and index.size == len(tiny_dex())
    assert set(index.classes) == {descriptor_to_java(desc) for desc in smali_classes()}
    assert len(index.classes) == len(smali_classes())
    assert "com.example.tiny.Main$Inner" in index.classes  # inner classes keep their $
    assert "com.example.tiny.Café" in index.classes  # two-byte MUTF-8


def test_tiny_dex_method_refs_are_the_smali_methods() -> None:
    index = index_dex(tiny_dex(), "classes7.dex")
    assert index.name == "classes7.dex"
    assert all_method_refs(tiny_dex()) == smali_method_refs()
    assert index.method_ref_count == len(smali_method_refs())
    defined = smali_classes()
    assert set(index.foreign_refs) == {
        ref for ref in smali_method_refs() if ref.split("->")[0] not in defined
    }
    assert list(index.foreign_refs) == sorted(set(index.foreign_refs))


def test_external_refs_are_the_invoked_classes_not_defined() -> None:
    defined = smali_classes()
    expected = {ref for ref in smali_method_refs() if ref.split("->")[0] not in defined}
    assert "Landroid/location/LocationManager;->getLastKnownLocation" in expected
    assert external_api_refs([index_dex(tiny_dex())]) == expected


def test_a_class_defined_in_another_dex_is_not_external() -> None:
    """Multidex: ``Main`` calls into a class that only the second DEX defines."""
    main = index_dex(tiny_dex())
    elsewhere = DexIndex("classes2.dex", 0, ("android.location.LocationManager",), ())
    refs = external_api_refs([main, elsewhere])
    assert not any(ref.startswith("Landroid/location/LocationManager;") for ref in refs)
    assert "Ljava/lang/Object;-><init>" in refs


@pytest.mark.parametrize(
    ("descriptor", "java"),
    [("Lcom/a/B;", "com.a.B"), ("Lcom/a/B$C;", "com.a.B$C"), ("LTop;", "Top"), ("[I", "[I"), ("V", "V")],
)
def test_descriptor_to_java(descriptor: str, java: str) -> None:
    assert descriptor_to_java(descriptor) == java


def test_dex_order_matches_dexdump() -> None:
    dexdump = shutil.which("dexdump")
    if dexdump is None:
        pytest.skip("dexdump is not installed")
    assert list(index_dex(tiny_dex()).classes) == dexdump_classes(dexdump, tiny_dex())


# ------------------------------------------------------------------- MUTF-8


def replace_once(data: bytes, old: bytes, new: bytes) -> bytes:
    assert len(old) == len(new) and data.count(old) == 1
    return data.replace(old, new)


def test_nul_encoded_as_c0_80() -> None:
    """Same length and UTF-16 length as the ``é`` it replaces, so the DEX stays consistent."""
    dex = replace_once(tiny_dex(), "Café;".encode(), b"Caf\xc0\x80;")
    assert "com.example.tiny.Caf\x00" in index_dex(dex).classes


def test_supplementary_character_as_surrogate_pair() -> None:
    """U+10400 in MUTF-8 is two three-byte surrogates: six bytes, two UTF-16 units,
    exactly like the two CJK characters of the method name it replaces."""
    dex = replace_once(tiny_dex(), "位置".encode(), b"\xed\xa0\x81\xed\xb0\x80")
    assert "Lcom/example/tiny/Café;->\U00010400" in all_method_refs(dex)


def mutf8_encode(text: str) -> bytes:
    """Java's ``DataOutputStream.writeUTF`` encoding (without the length)."""
    out = bytearray()
    units = text.encode("utf-16-le", "surrogatepass")
    for (unit,) in struct.iter_unpack("<H", units):
        if 0 < unit < 0x80:
            out.append(unit)
        elif unit < 0x800:
            out += bytes([0xC0 | unit >> 6, 0x80 | unit & 0x3F])
        else:
            out += bytes([0xE0 | unit >> 12, 0x80 | (unit >> 6) & 0x3F, 0x80 | unit & 0x3F])
    return bytes(out)


@given(st.text(st.characters(exclude_categories=("Cs",))))
def test_mutf8_round_trip(text: str) -> None:
    assert decode_mutf8(mutf8_encode(text)) == text


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"\xed\xa0\x81", "\ufffd"),  # a lone high surrogate
        (b"a\xffb", "a\ufffdb"),  # not MUTF-8 at all
        (b"\xc3", "\ufffd"),  # cut short
        (b"\xf0\x9f\x98\x80", "\U0001f600"),  # four-byte UTF-8, as the fast path reads it
    ],
)
def test_mutf8_damage_becomes_replacement_characters(raw: bytes, text: str) -> None:
    assert decode_mutf8(raw) == text


# ---------------------------------------------------------------- bad DEX files


def table_entry_offset(dex: bytes, table: str, index: int, size: int) -> int:
    return dex_field(dex, f"{table}_off") + index * size


def type_descriptors(dex: bytes) -> list[str]:
    """The type descriptors of a small, well-formed DEX (one-byte lengths)."""
    out = []
    for i in range(dex_field(dex, "type_ids_size")):
        (string_idx,) = struct.unpack_from("<I", dex, table_entry_offset(dex, "type_ids", i, 4))
        (offset,) = struct.unpack_from("<I", dex, table_entry_offset(dex, "string_ids", string_idx, 4))
        out.append(dex[offset + 1 : dex.index(b"\0", offset + 1)].decode())
    return out


def first_class_type(dex: bytes) -> int:
    """The type index of the first class definition: a type the index must read
    (only what ``class_defs`` and ``method_ids`` reach is decoded)."""
    return struct.unpack_from("<I", dex, table_entry_offset(dex, "class_defs", 0, 32))[0]


def all_string_ids(dex: bytes, value: int) -> bytes:
    for i in range(dex_field(dex, "string_ids_size")):
        dex = patch_u32(dex, table_entry_offset(dex, "string_ids", i, 4), value)
    return dex


def bad_dex_cases() -> list[tuple[str, bytes, str]]:
    dex = tiny_dex()
    size = len(dex)
    cases = [
        ("empty", b"", "too short"),
        ("zeros", bytes(0x70), "bad magic"),
        ("version-034", dex[:4] + b"034" + dex[7:], "unsupported DEX version 034"),
        ("version-042", dex[:4] + b"042" + dex[7:], "unsupported DEX version 042"),
        ("version-letters", dex[:4] + b"0a5" + dex[7:], "bad magic"),
        ("big-endian", patch_dex(dex, endian_tag=0x78563412), "byte order"),
        ("header-size", patch_dex(dex, header_size=0x10), "header size"),
        ("file-size", patch_dex(dex, file_size=size + 1), "truncated"),
        ("cut-in-half", dex[: size // 2], "truncated"),
        ("string-outside", all_string_ids(dex, size + 100), "string_ids points outside"),
        ("string-in-header", all_string_ids(dex, 4), "string_ids points outside"),
        (
            "string-unterminated",
            all_string_ids(dex, size - 1)[:-1] + b"A",
            "runs past the end",
        ),
        ("string-length", all_string_ids(dex + b"\xff" * 8, size), "bad string length"),
        (
            "type-string-index",
            patch_u32(dex, table_entry_offset(dex, "type_ids", first_class_type(dex), 4), 0xFFFF),
            "type_ids refers to string",
        ),
        (
            "class-type-index",
            patch_u32(dex, table_entry_offset(dex, "class_defs", 0, 32), 0xFFFFFFFF),
            "class_defs refers to type",
        ),
        (
            "class-not-a-class",
            patch_u32(dex, table_entry_offset(dex, "class_defs", 0, 32), type_descriptors(dex).index("V")),
            "not a class",
        ),
        (
            "method-class-index",
            dex[: table_entry_offset(dex, "method_ids", 0, 8)]
            + b"\xff\xff"
            + dex[table_entry_offset(dex, "method_ids", 0, 8) + 2 :],
            "method_ids refers to type",
        ),
        (
            "method-name-index",
            patch_u32(dex, table_entry_offset(dex, "method_ids", 0, 8) + 4, 0xFFFFFFF0),
            "method_ids refers to string",
        ),
    ]
    for table in ("string_ids", "type_ids", "proto_ids", "method_ids", "class_defs"):
        cases += [
            (f"{table}-offset-past-end", patch_dex(dex, **{f"{table}_off": size}), f"{table} out of range"),
            (f"{table}-offset-in-header", patch_dex(dex, **{f"{table}_off": 0x10}), f"{table} out of range"),
            (
                f"{table}-absurd-count",
                patch_dex(dex, **{f"{table}_size": 0xFFFFFFFF}),
                f"{table} out of range",
            ),
            (f"{table}-wrapping", patch_dex(dex, **{f"{table}_off": 0xFFFFFFF0}), f"{table} out of range"),
        ]
    return cases


@pytest.mark.parametrize(
    ("data", "message"), [c[1:] for c in bad_dex_cases()], ids=[c[0] for c in bad_dex_cases()]
)
def test_bad_dex_is_refused_with_one_line(data: bytes, message: str) -> None:
    with pytest.raises(ApkReadError) as caught:
        index_dex(data, "classes3.dex")
    text = str(caught.value)
    assert text.startswith("classes3.dex: ") and message in text and "\n" not in text


def test_absurd_counts_allocate_nothing() -> None:
    dex = patch_dex(tiny_dex(), string_ids_size=0x3FFFFFFF, method_ids_size=0x1FFFFFFF)
    tracemalloc.start()
    try:
        with pytest.raises(ApkReadError):
            index_dex(dex)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20


# ------------------------------------------------------------ v041 containers


def test_dex_container_holds_every_dex_inside() -> None:
    """A v041 container of two DEX files (the second with a renamed class) is one
    entry whose index holds the classes of both."""
    first = tiny_dex()
    second = replace_once(first, b"Main$Inner;", b"Main$Other;")
    index = index_dex(dex_container([first, second]), "classes.dex")
    assert set(index.classes) == set(index_dex(first).classes) | set(index_dex(second).classes)
    assert len(index.classes) == 2 * len(index_dex(first).classes)
    container = dex_container([first, second])
    assert all_method_refs(container) == all_method_refs(first) | all_method_refs(second)
    assert set(index.foreign_refs) == set(index_dex(first).foreign_refs) | set(index_dex(second).foreign_refs)


def test_dex_container_with_a_bad_chain_is_refused() -> None:
    first = tiny_dex()
    container = bytearray(dex_container([first, first]))
    struct.pack_into("<I", container, 0x20, 0x10)  # first file_size: the next header is inside this one
    with pytest.raises(ApkReadError, match="impossible size"):
        index_dex(bytes(container))


# ---------------------------------------------------------------- whole APKs


def test_index_apk_dex_in_load_order(tmp_path: Path) -> None:
    dex = tiny_dex()
    other = replace_once(dex, b"Main$Inner;", b"Main$Other;")
    path = tmp_path / "multi.apk"
    path.write_bytes(zip_bytes({"classes2.dex": other, "classes.dex": dex, "assets/classes3.dex": b"junk"}))
    with open_apk(path) as archive:
        indexes = index_apk_dex(archive, ApkLimits())
    assert [index.name for index in indexes] == ["classes.dex", "classes2.dex"]
    assert "com.example.tiny.Main$Other" in indexes[1].classes
    assert "com.example.tiny.Main$Other" not in indexes[0].classes


def test_bad_dex_in_an_apk_names_the_apk_and_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "bad.apk"
    path.write_bytes(zip_bytes({"classes.dex": tiny_dex(), "classes2.dex": bytes(200)}))
    with open_apk(path) as archive, pytest.raises(ApkReadError) as caught:
        index_apk_dex(archive, ApkLimits())
    assert str(caught.value) == f"{path}: classes2.dex: not a DEX file (bad magic)"


# ------------------------------------------------------- real APKs, real tools


def sample_apk_files() -> list[Path]:
    return sorted(SAMPLES.glob("**/*.apk")) if SAMPLES.is_dir() else []


def androguard_cases() -> list:
    """Every corpus APK and every sample: androguard is the reference (about 0.3 s
    per MB of DEX, so this is the slowest test of the suite, and worth it)."""
    return [pytest.param(apk, marks=pytest.mark.corpus, id=apk.name) for apk in corpus_apks()] + [
        pytest.param(apk, id=f"samples/{apk.relative_to(SAMPLES)}") for apk in sample_apk_files()
    ]


def androguard_view(archive, limits: ApkLimits) -> tuple[set[str], set[str], int]:
    from androguard.core.dex import DEX
    from loguru import logger

    logger.disable("androguard")
    classes: set[str] = set()
    refs: set[str] = set()
    count = 0
    for name in archive.dex_names():
        dex = DEX(archive.read(name, limits))
        classes |= {descriptor_to_java(cls.get_name()) for cls in dex.get_classes()}
        method_ids = dex.get_methods_id_item().get_obj()
        refs |= {f"{m.get_class_name()}->{m.get_name()}" for m in method_ids}
        count += len(method_ids)
    return classes, refs, count


@pytest.mark.slow
@pytest.mark.parametrize("apk", androguard_cases())
def test_same_classes_and_method_refs_as_androguard(apk: Path) -> None:
    limits = ApkLimits()
    with open_apk(apk) as archive:
        indexes = index_apk_dex(archive, limits)
        classes, refs, count = androguard_view(archive, limits)
    assert {cls for index in indexes for cls in index.classes} == classes
    assert sum(index.method_ref_count for index in indexes) == count
    assert {ref for index in indexes for ref in index.foreign_refs} <= refs
    assert external_api_refs(indexes) == {
        ref for ref in refs if descriptor_to_java(ref.split("->")[0]) not in classes
    }
    with open_apk(apk) as archive:
        every = set().union(
            *(all_method_refs(archive.read(name, limits), name) for name in archive.dex_names())
        )
    assert every == refs


def dexdump_classes(dexdump: str, data: bytes, workdir: Path | None = None) -> list[str]:
    """Class names in ``class_defs`` order as dexdump prints them (checksum
    verification off: only the tables matter here)."""
    import tempfile

    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        path = Path(tmp) / "classes.dex"
        path.write_bytes(data)
        output = subprocess.run(
            [dexdump, "-j", str(path)], capture_output=True, check=True, timeout=120
        ).stdout.decode("utf-8", "replace")
    return [
        descriptor_to_java(desc) for desc in re.findall(r"^  Class descriptor  : '([^']*)'$", output, re.M)
    ]


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.parametrize("apk", corpus_apks(), ids=lambda p: p.name)
def test_same_classes_in_the_same_order_as_dexdump(apk: Path, tmp_path: Path) -> None:
    dexdump = shutil.which("dexdump")
    if dexdump is None:
        pytest.skip("dexdump is not installed")
    limits = ApkLimits()
    with open_apk(apk) as archive:
        for name in archive.dex_names():
            data = archive.read(name, limits)
            assert list(index_dex(data, name).classes) == dexdump_classes(dexdump, data, tmp_path)
