"""The stable identity of a finding: the fingerprint a baseline accepts.

What goes into it, what is left out and why, is described in
:mod:`consistency.baseline`. It has its own module because every check computes
fingerprints (:mod:`consistency.compare`), while only runs given a baseline
need the baseline file's reader and its validation models.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from .models import DataSource

FINGERPRINT_RECIPE = "v1"


def fingerprint(
    package: str, finding_class: str, subject_type: str, subject: str, sources: Iterable[DataSource]
) -> str:
    """The stable identity of a finding (see :mod:`consistency.baseline` for what is left out and why)."""
    return hashlib.sha256(
        _identity(package, finding_class, subject_type, subject, sources).encode("utf-8")
    ).hexdigest()


def _identity(
    package: str, finding_class: str, subject_type: str, subject: str, sources: Iterable[DataSource]
) -> str:
    return "|".join(
        (FINGERPRINT_RECIPE, package, finding_class, f"{subject_type}:{subject}", source_key(sources))
    )


def source_key(sources: Iterable[DataSource]) -> str:
    """Sources as ``kind:id`` pairs, sorted and comma-joined: part of the fingerprint
    and the ``source`` column of a baseline entry."""
    return ",".join(sorted({f"{s.kind}:{s.id}" for s in sources}))
