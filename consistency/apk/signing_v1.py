"""The certificates a v1 (JAR) signature block carries, read without verifying anything.

Why: the v1 signer is found by androguard, which verifies the block against its
``.SF`` file (asn1crypto, cryptography); importing that machinery costs more
than reading all the code of a large app. Nearly every APK built since 2017 is
signed with v2 or v3 as well, by the same key. A v1 block can only add a
signer that is one of the certificates it carries, so when each of those is
already known from the v2/v3 block, the v1 verification cannot change the
answer and is skipped.

This module only lists the certificates of a PKCS#7 ``SignedData`` block. It
accepts plain DER (definite, minimal lengths) and nothing else: on anything
unusual it returns None, and the caller verifies the block with androguard as
before, so a hostile or odd block is judged exactly as it always was.
"""

from __future__ import annotations

_SEQUENCE = 0x30
_SET = 0x31
_INTEGER = 0x02
_OID = 0x06
_EXPLICIT_0 = 0xA0
_SIGNED_DATA_OID = bytes.fromhex("2a864886f70d010702")
"""1.2.840.113549.1.7.2, the content type of a signature block."""
_MAX_HEADER_LENGTH_BYTES = 4


def block_certificates(block: bytes) -> list[bytes] | None:
    """The DER of every certificate (a SEQUENCE in ``certificates``) of a
    ``ContentInfo`` holding ``SignedData``, in order; None when ``block`` is not
    plain DER of that shape."""
    info = _element(block, 0, len(block))
    if info is None or info[0] != _SEQUENCE or info[2] != len(block):
        return None
    _, body, end = info
    content_type = _element(block, body, end)
    if content_type is None or content_type[0] != _OID:
        return None
    if block[content_type[1] : content_type[2]] != _SIGNED_DATA_OID:
        return None
    wrapper = _element(block, content_type[2], end)
    if wrapper is None or wrapper[0] != _EXPLICIT_0 or wrapper[2] != end:
        return None
    signed = _element(block, wrapper[1], end)
    if signed is None or signed[0] != _SEQUENCE or signed[2] != end:
        return None
    return _certificates(block, signed[1], end)


def _certificates(block: bytes, position: int, end: int) -> list[bytes] | None:
    """Walk SignedData's fields: version, digest algorithms, content, then the
    optional ``[0]`` certificate set (absent: no certificate)."""
    expected = (_INTEGER, _SET, _SEQUENCE)
    for tag in expected:
        field = _element(block, position, end)
        if field is None or field[0] != tag:
            return None
        position = field[2]
    certificates = _element(block, position, end)
    if certificates is None:
        return None
    if certificates[0] != _EXPLICIT_0:
        return []
    found = []
    position, stop = certificates[1], certificates[2]
    while position < stop:
        item = _element(block, position, stop)
        if item is None:
            return None
        if item[0] == _SEQUENCE:
            found.append(block[position : item[2]])
        position = item[2]
    return found


def _element(data: bytes, position: int, end: int) -> tuple[int, int, int] | None:
    """``(tag, start of contents, end of element)`` of the DER element at
    ``position``, which must lie inside ``end``; None for a multi-byte tag, an
    indefinite or non-minimal length, or one running past ``end``."""
    if position + 2 > end:
        return None
    tag, first = data[position], data[position + 1]
    if tag & 0x1F == 0x1F:
        return None
    if first < 0x80:
        length, start = first, position + 2
    else:
        count = first & 0x7F
        if not 1 <= count <= _MAX_HEADER_LENGTH_BYTES or position + 2 + count > end:
            return None
        raw = data[position + 2 : position + 2 + count]
        length = int.from_bytes(raw, "big")
        if raw[0] == 0 or length < 0x80:
            return None
        start = position + 2 + count
    if start + length > end:
        return None
    return tag, start, start + length
