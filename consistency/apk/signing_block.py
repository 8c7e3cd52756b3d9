"""Signing certificates from the APK Signing Block (schemes v2 and v3), read with bounds.

The block sits between the last entry and the central directory::

    u64 size | (u64 length, u32 id, value)* | u64 size | "APK Sig Block 42"

Android finds the first pair with the v2 (``0x7109871a``) or v3
(``0xf05368c0``) id and reads its signers: every level is a ``u32``
length-prefixed sequence (signer -> signed data -> certificates). androguard's
parser re-lists every earlier pair for each new one (quadratic: 200,000 tiny
pairs kept ``inspect`` busy for minutes), so we read it ourselves: one pass,
every length checked against what encloses it, a cap on the block's size
(so on the pairs). Nothing here verifies a signature: the certificates identify
the signer for people, nothing is decided on them.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

MAGIC = b"APK Sig Block 42"
V2_ID = 0x7109871A
V3_ID = 0xF05368C0
_FOOTER = 24  # u64 size + 16-byte magic


class SigningBlockError(ValueError):
    """The block is malformed or over a bound (the message is one line)."""


@dataclass(frozen=True)
class SigningBlockLimits:
    max_block_bytes: int = 16 << 20
    """Real blocks are a few KiB (padded to 4 KiB by zipalign); a signature with
    a long certificate lineage stays far below a MiB."""
    max_items: int = 256
    """Signers in a scheme, and certificates of one signer."""


def read_signing_block(
    read_range, cd_start: int, limits: SigningBlockLimits = SigningBlockLimits()
) -> bytes | None:
    """The pairs area of the block ending at ``cd_start`` (``read_range(offset,
    length) -> bytes`` reads the file), or None when the APK has no block."""
    if cd_start < _FOOTER + 8:
        return None
    footer = read_range(cd_start - _FOOTER, _FOOTER)
    if len(footer) != _FOOTER or footer[8:] != MAGIC:
        return None
    (size,) = struct.unpack_from("<Q", footer)
    if size > limits.max_block_bytes:
        raise SigningBlockError(
            f"signing block of {size} bytes is over the limit of {limits.max_block_bytes}"
        )
    start = cd_start - size - 8
    if size < _FOOTER or start < 0:
        raise SigningBlockError("signing block size points outside the file")
    block = read_range(start, size + 8)
    if len(block) != size + 8 or struct.unpack_from("<Q", block)[0] != size:
        raise SigningBlockError("signing block sizes at its start and end differ")
    return block[8 : len(block) - _FOOTER]


def scheme_value(pairs: bytes, scheme_id: int) -> bytes | None:
    """The value of the first pair with ``scheme_id`` (as apksig takes the first)."""
    view = memoryview(pairs)
    position = 0
    while position < len(view):  # one step per pair: linear in the block, itself bounded
        if position + 12 > len(view):
            raise SigningBlockError("signing block pair cut short")
        length, pair_id = struct.unpack_from("<QI", view, position)
        if length < 4 or position + 8 + length > len(view):
            raise SigningBlockError("signing block pair length points outside the block")
        if pair_id == scheme_id:
            return bytes(view[position + 12 : position + 8 + length])
        position += 8 + length
    return None


def scheme_certificates(value: bytes, limits: SigningBlockLimits = SigningBlockLimits()) -> list[bytes]:
    """DER certificates of every signer of a v2 or v3 value, in order (both
    schemes start each signer with its signed data, which starts with the
    digests and then the certificates)."""
    certificates: list[bytes] = []
    for signer in _sequence(_prefixed(memoryview(value), 0, "signers")[0], "signers", limits):
        signed_data, _ = _prefixed(signer, 0, "signed data")
        _digests, after = _prefixed(signed_data, 0, "digests")
        certs, _ = _prefixed(signed_data, after, "certificates")
        certificates.extend(bytes(cert) for cert in _sequence(certs, "certificates", limits))
    return certificates


def _prefixed(view: memoryview, position: int, what: str) -> tuple[memoryview, int]:
    """The u32 length-prefixed slice at ``position`` and the offset after it."""
    if position + 4 > len(view):
        raise SigningBlockError(f"{what} cut short")
    (length,) = struct.unpack_from("<I", view, position)
    end = position + 4 + length
    if end > len(view):
        raise SigningBlockError(f"{what} length points outside its container")
    return view[position + 4 : end], end


def _sequence(view: memoryview, what: str, limits: SigningBlockLimits) -> list[memoryview]:
    items: list[memoryview] = []
    position = 0
    while position < len(view):
        if len(items) >= limits.max_items:
            raise SigningBlockError(f"more than {limits.max_items} {what}")
        item, position = _prefixed(view, position, what)
        items.append(item)
    return items
