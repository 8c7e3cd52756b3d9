"""Certificates of a JAR-signed zip (v1 scheme), read without trusting the zip.

App Bundles are signed with ``jarsigner``: the certificates are in the PKCS#7
blocks ``META-INF/*.RSA|DSA|EC``. Only those blocks are read (through the bounded
zip reader) and parsed with ``asn1crypto``; the signature is not verified, as
for APKs: the signer is shown to people, nothing depends on it.
"""

from __future__ import annotations

import hashlib
import re

from ..errors import ApkReadError
from .zipread import ApkArchive, ApkLimits

_SIGNATURE_BLOCK = re.compile(r"META-INF/[^/]+\.(RSA|DSA|EC)", re.IGNORECASE)


def jar_certificates(archive: ApkArchive, limits: ApkLimits, notes: list[str]) -> tuple[str, ...]:
    """SHA-256 (hex) of each distinct certificate in the zip's v1 signature blocks;
    empty when unsigned. A block that cannot be parsed is noted, not fatal."""
    from asn1crypto import cms

    found: dict[str, None] = {}
    for name in archive.names():
        if not _SIGNATURE_BLOCK.fullmatch(name):
            continue
        data = archive.read(name, limits)
        try:
            signed = cms.ContentInfo.load(data)["content"]
            for certificate in signed["certificates"] or ():
                found.setdefault(hashlib.sha256(certificate.chosen.dump()).hexdigest(), None)
        except ApkReadError:
            raise
        except Exception as exc:  # asn1crypto raises ValueError, TypeError, ... on damage
            notes.append(f"signature block {name} not readable: {type(exc).__name__}")
    return tuple(found)
