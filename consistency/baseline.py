"""Baselines: findings a team has looked at and accepted, so CI fails only on new ones.

Identity. A finding is identified by a fingerprint that hashes what it is
*about*, never where it sits::

    sha256("v1|" + package + "|" + class + "|" + subject_type + ":" + subject
           + "|" + ",".join(sorted(source kind:id)))

Left out on purpose: evidence offsets and sentence text (editing the policy
moves them), severity (configurable, so a config change must not un-accept a
finding), version code and file paths (a new build of the same app keeps its
accepted findings). Kept in: the sources, because an app that starts reaching a
data type through a new SDK has a new problem even if the class is the same.
The recipe carries a version (``v1``) because stored fingerprints cannot be
recomputed once the recipe changes; a new recipe gets ``v2`` and an upgrade path.

File format (``--write-baseline``), sorted for quiet diffs::

    {
      "version": 1,
      "mappings_digest": "3f2a...",
      "accepted": [
        {"class": "omitted", "fingerprint": "9c1e...", "reason": "legal reviewed 2024-05",
         "source": "permission:android.permission.READ_CONTACTS", "subject": "data:contacts.contacts"}
      ]
    }

A baseline that is missing, unreadable, not JSON, of an unknown version or
malformed is a :class:`~consistency.errors.BaselineError` (exit 2): silently
running without it would fail CI on accepted findings, or worse, a typo'd path
would be read as "nothing accepted" by a later tool. Entries that match nothing
in a run are reported as stale (``CheckResult.stale_baseline``), never dropped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError

from .errors import BaselineError
from .fingerprints import FINGERPRINT_RECIPE, fingerprint, source_key  # noqa: F401  (part of this module's API)
from .models import CheckResult, Finding
from .regular_file import read_regular

BASELINE_VERSION = 1
_MAX_BASELINE_BYTES = 8 << 20
"""A baseline holds one app's accepted findings (a few hundred bytes each, a
few hundred at most): 8 MiB is tens of thousands of entries. The limit is
checked before parsing, so a huge file costs one bounded read, not a JSON tree
and a model per entry (a 60 MB file took 36 s and 763 MB)."""


@dataclass(frozen=True)
class BaselineEntry:
    """One accepted finding. Only ``fingerprint`` matters for matching; the rest
    is for the people reading the file and reviewing its diffs."""

    fingerprint: str
    finding_class: str
    subject: str
    """``subject_type:subject``, e.g. ``data:location.precise``."""
    source: str
    reason: str


@dataclass(frozen=True)
class Baseline:
    entries: tuple[BaselineEntry, ...]
    mappings_digest: str = ""
    version: int = BASELINE_VERSION

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(e.fingerprint for e in self.entries)


class _EntryModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    fingerprint: StrictStr = Field(pattern=r"^[0-9a-f]{64}$")
    finding_class: StrictStr = Field(alias="class")
    subject: StrictStr
    source: StrictStr
    reason: StrictStr = Field(min_length=1)


class _BaselineModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: StrictInt
    mappings_digest: StrictStr = ""
    accepted: tuple[_EntryModel, ...]


def load_baseline(path: str | Path) -> Baseline:
    """Read and validate a baseline file. Raises BaselineError on any problem."""
    path = Path(path)
    try:
        data = read_regular(path, _MAX_BASELINE_BYTES)
    except FileNotFoundError as exc:
        raise BaselineError("baseline file not found", path) from exc
    except OSError as exc:
        raise BaselineError(f"cannot read the baseline: {exc.strerror or exc}", path) from exc
    if len(data) > _MAX_BASELINE_BYTES:
        raise BaselineError(f"baseline file is larger than {_MAX_BASELINE_BYTES >> 20} MiB (limit)", path)
    return parse_baseline(data, path)


def parse_baseline(data: bytes | str, path: str | Path | None = None) -> Baseline:
    """Validate baseline JSON text (see :func:`load_baseline`)."""
    try:
        doc = json.loads(data)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise BaselineError("baseline is not valid JSON", path) from exc
    if not isinstance(doc, dict):
        raise BaselineError("baseline must be a JSON object", path)
    version = doc.get("version")
    if type(version) is not int or version != BASELINE_VERSION:  # true == 1 in Python, not here
        raise BaselineError(
            f"unknown baseline version {version!r} (this tool reads version {BASELINE_VERSION})", path
        )
    try:
        model = _BaselineModel.model_validate(doc)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise BaselineError(f"malformed baseline: {where}: {first['msg']}", path) from exc
    entries = tuple(
        BaselineEntry(e.fingerprint, e.finding_class, e.subject, e.source, e.reason) for e in model.accepted
    )
    return Baseline(
        entries=_sorted_unique(entries), mappings_digest=model.mappings_digest, version=model.version
    )


def dump_baseline(baseline: Baseline) -> str:
    """The file text: sorted keys and entries, so rewriting an unchanged baseline changes nothing."""
    doc = {
        "version": baseline.version,
        "mappings_digest": baseline.mappings_digest,
        "accepted": [
            {
                "fingerprint": e.fingerprint,
                "class": e.finding_class,
                "subject": e.subject,
                "source": e.source,
                "reason": e.reason,
            }
            for e in _sorted_unique(baseline.entries)
        ],
    }
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def save_baseline(path: str | Path, baseline: Baseline) -> None:
    path = Path(path)
    try:
        path.write_text(dump_baseline(baseline), encoding="utf-8")
    except OSError as exc:
        raise BaselineError(f"cannot write the baseline: {exc.strerror or exc}", path) from exc


def accept_findings(
    findings: Iterable[Finding], reason: str, mappings_digest: str, previous: Baseline | None = None
) -> Baseline:
    """A baseline accepting every finding that is a problem (all but ``disclosed``).

    Entries of ``previous`` keep their reason (the label a person gave them
    survives a rescan, as in detect-secrets' merge); new findings get ``reason``.
    """
    if not reason.strip():
        raise BaselineError("accepting findings needs a reason (--reason)")
    kept = {e.fingerprint: e for e in (previous.entries if previous else ())}
    for f in findings:
        if f.status == "disclosed" or f.fingerprint in kept:
            continue
        kept[f.fingerprint] = BaselineEntry(
            fingerprint=f.fingerprint,
            finding_class=f.status,
            subject=f"{f.subject_type}:{f.subject}",
            source=source_key(f.sources),
            reason=reason,
        )
    return Baseline(entries=_sorted_unique(kept.values()), mappings_digest=mappings_digest)


def apply_baseline(result: CheckResult, baseline: Baseline) -> CheckResult:
    """Move accepted findings to ``suppressed`` and record baseline entries that matched nothing.

    Done once, before rendering: reporters never look at the baseline.
    """
    accepted = baseline.fingerprints
    kept = tuple(f for f in result.findings if f.fingerprint not in accepted)
    suppressed = result.suppressed + tuple(f for f in result.findings if f.fingerprint in accepted)
    seen = {f.fingerprint for f in result.findings} | {f.fingerprint for f in result.suppressed}
    stale = tuple(sorted(set(result.stale_baseline) | (accepted - seen)))
    return replace(result, findings=kept, suppressed=suppressed, stale_baseline=stale)


def _sorted_unique(entries: Iterable[BaselineEntry]) -> tuple[BaselineEntry, ...]:
    by_fp = {e.fingerprint: e for e in entries}
    return tuple(sorted(by_fp.values(), key=lambda e: (e.finding_class, e.subject, e.source, e.fingerprint)))
