"""Bytes to text: find the encoding a policy was saved in, or refuse binary input.

Policies of apps from Chinese developers arrive in every encoding a Windows
editor can produce: UTF-8 (with or without BOM), UTF-16 (often without BOM
when exported from Word), GBK/GB18030, Big5, and Windows-1252. The order of
attempts matters, because several of these accept almost any byte sequence:

1. a byte order mark decides (UTF-32, UTF-8, UTF-16);
2. known binary signatures (PNG, ZIP/APK, ELF, DEX, ...) are refused at once,
   with the kind named, because "policy.txt" that is an APK is a user mistake
   worth telling apart from a broken encoding;
3. UTF-16/32 without a BOM shows as NUL bytes on one parity; other NUL-heavy
   input is binary;
4. strict UTF-8 (by far the most common; a false positive is practically
   impossible for non-ASCII text);
5. the charset an HTML page declares in ``<meta charset>``;
6. charset-normalizer, restricted to the encodings policies really use
   (unrestricted it guesses exotic code pages for short Latin-1 texts);
7. Windows-1252, then Latin-1, which never fails.

Decoded text with many control characters is refused as undecodable: it is
binary data that happened to pass a permissive codec.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ...errors import PolicyReadError

BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive: an APK, JAR or Office document"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x7fELF", "ELF executable"),
    (b"dex\n", "DEX bytecode"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document (old Word/Excel)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O binary"),
    (b"\x00asm", "WebAssembly module"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 media"),
    (b"\x00\x00\x00\x20ftyp", "MP4 media"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
)
"""File signatures of formats people mistake for a policy file. A format
signature, not detection knowledge about data, so it lives here."""

CANDIDATE_ENCODINGS: tuple[str, ...] = ("gb18030", "big5", "cp1252", "latin_1", "utf_16_le", "utf_16_be")
"""What charset-normalizer may choose from when the bytes are not UTF-8."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_SAMPLE = 1 << 16
_BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.02
# Used only for wide text without a byte order mark (rare): compiled by ``re``, into its
# own cache, on first use rather than in every process (the CJK ranges take milliseconds).
_ASCII = "[\x00-\x7f]"
_LATIN = "[\u00a0-\u024f\u2000-\u206f]"
_CJK_TEXT = "[\u2000-\u206f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
_MAX_REPLACEMENT_SHARE = 0.05


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    """Python codec name of what was used (``utf-8``, ``utf-16-le``, ``gb18030``...)."""
    warnings: tuple[str, ...] = ()


def decode_bytes(data: bytes, *, declared: str | None = None) -> DecodedText:
    """Decode a policy's bytes; raise PolicyReadError for binary or undecodable input.

    ``declared`` is a charset the document names itself (HTML ``<meta charset>``),
    tried after UTF-8.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_decode_with_bom(data[len(bom) :], encoding))
    kind = binary_kind(data)
    if kind:
        raise PolicyReadError(f"binary file ({kind}), not a policy")
    wide = _decode_wide_without_bom(data)
    if wide is not None:
        return _checked(wide)
    sample = data[:_SAMPLE]
    if sample.count(0) > len(sample) // 100:
        wide = _decode_utf16_plausible(data)
        if wide is None:
            raise PolicyReadError("binary file, not a policy (NUL bytes)")
        return _checked(wide)
    try:
        return _checked(DecodedText(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    if declared:
        decoded = _try_declared(data, declared)
        if decoded is not None:
            return _checked(decoded)
    return _checked(_detect(data))


def binary_kind(data: bytes) -> str | None:
    """The name of the binary format ``data`` starts with, if it is a known one."""
    for signature, kind in BINARY_SIGNATURES:
        if data.startswith(signature):
            return kind
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "RIFF media"
    return None


def _decode_with_bom(body: bytes, encoding: str) -> DecodedText:
    try:
        return DecodedText(body.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        text = body.decode(encoding, errors="replace")
        return DecodedText(text, encoding, (f"invalid {encoding} bytes replaced (at byte {exc.start})",))


def _decode_wide_without_bom(data: bytes) -> DecodedText | None:
    """UTF-16/32 without BOM: ASCII characters leave NULs at fixed positions."""
    sample = data[: _SAMPLE - _SAMPLE % 4]
    if len(sample) < 4 or sample.count(0) < len(sample) // 16:
        return None
    for width, order in ((4, "le"), (4, "be"), (2, "le"), (2, "be")):
        positions = range(1, width) if order == "le" else range(width - 1)
        units = len(sample) // width
        nul_share = min(sample[p::width].count(0) for p in positions) / max(units, 1)
        char_pos = 0 if order == "le" else width - 1
        if nul_share >= 0.25 and sample[char_pos::width].count(0) <= units // 20:
            encoding = f"utf-{width * 8}-{order}"
            body = data[: len(data) - len(data) % width]
            try:
                text = body.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _plausible(text):
                return DecodedText(text, encoding, (f"decoded as {encoding.upper()} (no byte order mark)",))
    return None


def _decode_utf16_plausible(data: bytes) -> DecodedText | None:
    """UTF-16 without BOM whose text is mostly non-ASCII (Chinese): few NULs, but the
    decoded characters are the common ones of real text, which random bytes are not."""
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return DecodedText(text, encoding, (f"decoded as {encoding.upper()} (no byte order mark)",))
    return None


def _plausible(text: str) -> bool:
    """Whether text decoded from a wide encoding without BOM looks like writing:
    no NUL characters, almost no control characters, and the non-ASCII
    characters belong to one writing system (Latin or CJK), as in a real policy,
    where binary data decoded as UTF-16 scatters over the whole of Unicode."""
    sample = text[: _SAMPLE // 2]
    if (
        not sample
        or "\x00" in sample
        or len(_BINARY_CONTROLS.findall(sample)) > len(sample) * _MAX_CONTROL_SHARE
    ):
        return False
    non_ascii = len(sample) - len(re.findall(_ASCII, sample))
    if non_ascii == 0:
        return True
    latin = len(re.findall(_LATIN, sample))
    cjk = len(re.findall(_CJK_TEXT, sample))
    return max(latin, cjk) >= 0.9 * non_ascii


def _try_declared(data: bytes, declared: str) -> DecodedText | None:
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        return None
    if name in ("gbk", "gb2312"):
        name = "gb18030"  # a superset: pages declaring GBK are often GB18030 in fact
    try:
        return DecodedText(data.decode(name), name)
    except UnicodeDecodeError:
        return None


def _detect(data: bytes) -> DecodedText:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(CANDIDATE_ENCODINGS)).best()
    if best is not None:
        encoding = codecs.lookup(best.encoding).name
        return DecodedText(str(best), encoding, (f"decoded as {encoding.upper()} (not UTF-8)",))
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return DecodedText(text, encoding, (f"decoded as {encoding.upper()} (encoding not recognised)",))
    raise AssertionError("latin-1 decodes every byte sequence")  # pragma: no cover


def _checked(decoded: DecodedText) -> DecodedText:
    """Refuse text that is mostly control characters or replacement characters."""
    text = decoded.text
    sample = text[:_SAMPLE]
    if not sample:
        return decoded
    controls = len(_BINARY_CONTROLS.findall(sample))
    if controls > max(2, len(sample) * _MAX_CONTROL_SHARE):
        raise PolicyReadError(
            "undecodable bytes: not text in UTF-8, UTF-16, GB18030, Big5 or Windows-1252 (binary file?)"
        )
    if sample.count("\ufffd") > max(8, len(sample) * _MAX_REPLACEMENT_SHARE):
        raise PolicyReadError(f"undecodable bytes: mostly invalid {decoded.encoding}")
    return decoded
