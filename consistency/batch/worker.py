"""The per-item job of a scan: one catalog item in, one plain picklable result out.

:func:`process_item` runs the real single-app pipeline (``inspect_apk``,
``read_policy``, ``build_result``) stage by stage so each stage is timed, and
turns the :class:`~consistency.models.CheckResult` into rows ready for the
store: findings as the ``check`` JSON contract (``report.json.finding_to_dict``),
app facts, SDK ids. It never raises for bad input: an ``InputError`` (and, so a
bug in one item cannot stop a scan of thousands, any other exception) becomes
a ``failed`` result carrying the reason. What it cannot catch (a hang, a crash
of the interpreter, the memory limit hit outside Python) is the job of the
process that runs it (:mod:`consistency.batch.sandbox`).

The knowledge object (:class:`~consistency.mappings.Mappings`) is an argument:
the scan loads it once in the parent and ships it, compiled, to every worker
process in a :class:`KnowledgeParcel`, so no worker reads a table directory and
every worker provably uses the parent's tables.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from ..config import CheckConfig
from ..errors import InputError
from .inputs import CatalogItem
from .memory import peak_rss_kib, reset_peak_rss

if TYPE_CHECKING:
    from ..models import AppProfile
from ..mappings import Mappings

ItemStatus = Literal["done", "no_policy", "failed"]
ITEM_STATUSES: tuple[ItemStatus, ...] = ("done", "no_policy", "failed")
T = TypeVar("T")


@dataclass(frozen=True)
class ScanOptions:
    """Everything a worker needs besides the item; picklable and hashable."""

    config: CheckConfig = field(default_factory=CheckConfig)
    item_timeout: float = 120.0
    """Seconds one item may take, enforced by the parent of the worker."""
    item_memory_mb: int = 2048
    """Address-space limit of the worker process, in MiB."""


@dataclass(frozen=True)
class Timings:
    """Milliseconds per stage; a stage that did not run is 0."""

    inspect_ms: float = 0.0
    policy_ms: float = 0.0
    compare_ms: float = 0.0
    total_ms: float = 0.0


@dataclass(frozen=True)
class SdkRow:
    sdk_id: str
    name: str
    vendor: str
    category: str


@dataclass(frozen=True)
class AppRow:
    """What the store keeps of the APK's facts (for prevalence and export)."""

    package: str
    version_name: str | None
    version_code: int | None
    min_sdk: int | None
    target_sdk: int | None
    permissions: str
    """JSON list of the requested permissions with what the tables say of them."""
    sdks: tuple[SdkRow, ...]


@dataclass(frozen=True)
class FindingRow:
    """One finding: the columns the summary queries, plus the contract JSON."""

    subject_type: str
    subject: str
    name: str
    status: str
    severity: str
    fingerprint: str
    data: str
    """The finding exactly as in the ``check`` JSON report (sorted keys)."""


@dataclass(frozen=True)
class ItemResult:
    """The outcome of one item: everything the store writes for it."""

    item_id: str
    status: ItemStatus
    error: str | None = None
    apk_sha256: str | None = None
    policy_sha256: str | None = None
    timings: Timings = Timings()
    peak_rss_kib: int | None = None
    tool_version: str = ""
    mappings_digest: str | None = None
    app: AppRow | None = None
    findings: tuple[FindingRow, ...] = ()
    summary: str | None = None
    """JSON of the report's ``summary`` (counts by status and severity, verdict)."""


@dataclass(frozen=True)
class KnowledgeParcel:
    """The compiled knowledge object, pickled once by the parent for all its workers.

    Equal and hashed by the tables' digest, so a Dask worker can key its sandboxes
    by it; the bytes are shipped as they are (one pickle, many workers)."""

    digest: str
    data: bytes = field(repr=False, compare=False)

    @classmethod
    def pack(cls, tables: Mappings) -> KnowledgeParcel:
        return cls(tables.digest, pickle.dumps(tables.compiled(), protocol=pickle.HIGHEST_PROTOCOL))

    def unpack(self) -> Mappings:
        tables = pickle.loads(self.data)
        if not isinstance(tables, Mappings):
            raise TypeError(f"a knowledge parcel holds {type(tables).__name__}, not Mappings")
        return tables


def process_item(item: CatalogItem, options: ScanOptions, tables: Mappings) -> ItemResult:
    """Run the pipeline on one item with these tables. Never raises for bad input."""
    from .. import __version__

    started = time.perf_counter()
    reset_peak_rss()
    stage = _Stages()
    app: AppRow | None = None
    apk_sha: str | None = None
    policy_sha: str | None = None
    digest: str | None = None

    def outcome(status: ItemStatus, **fields: Any) -> ItemResult:
        """The result with what is known so far (read when called, not when defined)."""
        known = {
            "apk_sha256": apk_sha,
            "policy_sha256": policy_sha,
            "timings": stage.timings(started),
            "peak_rss_kib": peak_rss_kib(),
            "tool_version": __version__,
            "mappings_digest": digest,
            "app": app,
        }
        return ItemResult(item_id=item.item_id, status=status, **{**known, **fields})

    def failed(reason: str) -> ItemResult:
        return outcome(
            "failed",
            error=reason,
            apk_sha256=apk_sha or file_sha256(item.apk),
            policy_sha256=policy_sha or file_sha256(item.policy),
        )

    try:
        if item.problem is not None or item.apk is None:
            return failed(item.problem or "no APK")
        digest = tables.digest
        profile = stage.run("inspect", lambda: _inspect(item.apk, tables))
        apk_sha, app = profile.facts.sha256, _app_row(profile)
        if item.policy is None:
            return outcome("no_policy")
        reading = stage.run("policy", lambda: _read_policy(item.policy, tables))
        policy_sha = reading.document.sha256
        result = stage.run("compare", lambda: _compare(item, profile, reading, tables, options.config))
        findings, summary = _finding_rows(result)
    except InputError as exc:
        return failed(str(exc))
    except MemoryError:
        return failed(f"memory limit {options.item_memory_mb} MiB exceeded")
    except RecursionError:
        return failed("internal error: recursion too deep (input nested beyond the parser's limit)")
    except Exception as exc:  # a bug must fail one item, not a scan of thousands
        return failed(f"internal error: {type(exc).__name__}: {exc}".splitlines()[0])
    return outcome("done", findings=findings, summary=summary)


# ----------------------------------------------------------------- the stages


class _Stages:
    """Times each stage of the pipeline as it runs."""

    def __init__(self) -> None:
        self.ms: dict[str, float] = {}

    def run(self, name: str, work: Callable[[], T]) -> T:
        t0 = time.perf_counter()
        try:
            return work()
        finally:
            self.ms[name] = (time.perf_counter() - t0) * 1000

    def timings(self, started: float) -> Timings:
        return Timings(
            inspect_ms=round(self.ms.get("inspect", 0.0), 3),
            policy_ms=round(self.ms.get("policy", 0.0), 3),
            compare_ms=round(self.ms.get("compare", 0.0), 3),
            total_ms=round((time.perf_counter() - started) * 1000, 3),
        )


def _inspect(apk: str, tables: Mappings) -> AppProfile:
    from ..apk import inspect_apk

    return inspect_apk(apk, tables)


def _read_policy(policy: str, tables: Mappings):
    from ..policy import read_policy

    return read_policy(policy, tables)


def _build_result(profile, reading, tables: Mappings, config: CheckConfig):
    from ..pipeline import build_result

    return build_result(profile, reading, tables, config)


# ------------------------------------------------------------ rows for the store


def _app_row(profile: AppProfile) -> AppRow:
    facts = profile.facts
    permissions = [
        {
            "name": p.permission.name,
            "known": p.known,
            "protection": p.protection,
            "in_effect": p.in_effect,
            "data_types": list(p.data_types),
        }
        for p in profile.permissions
    ]
    return AppRow(
        package=facts.package,
        version_name=facts.version_name,
        version_code=facts.version_code,
        min_sdk=facts.min_sdk,
        target_sdk=facts.target_sdk,
        permissions=json.dumps(permissions, sort_keys=True, ensure_ascii=False),
        sdks=tuple(SdkRow(h.sdk_id, h.name, h.vendor, h.category) for h in profile.sdks),
    )


def _compare(item: CatalogItem, profile, reading, tables: Mappings, config: CheckConfig):
    result = _build_result(profile, reading, tables, config)
    from ..datasafety.batch import form_path, with_form  # issue 16: the catalog's data_safety column

    form = form_path(item.metadata)
    return result if form is None else with_form(result, form, tables, config)


def _finding_rows(result) -> tuple[tuple[FindingRow, ...], str]:
    from ..datasafety.batch import form_finding_dicts
    from ..report.json import result_to_dict

    doc = result_to_dict(result)
    form_rows = tuple(  # issue 16: the Data safety form's findings, stored beside the others
        FindingRow(**{**f, "data": json.dumps(f["data"], sort_keys=True, ensure_ascii=False)})
        for f in form_finding_dicts(result)
    )
    rows = form_rows + tuple(
        FindingRow(
            subject_type=f["subject_type"],
            subject=f["subject"],
            name=f["name"],
            status=f["status"],
            severity=f["severity"],
            fingerprint=f["fingerprint"],
            data=json.dumps(f, sort_keys=True, ensure_ascii=False),
        )
        for f in doc["findings"]
    )
    return rows, json.dumps(doc["summary"], sort_keys=True)


def file_sha256(path: str | None) -> str | None:
    """The file's hash, or None when it cannot be read (the item's error says why)."""
    if path is None:
        return None
    from ..regular_file import open_regular

    digest = hashlib.sha256()
    try:
        with open_regular(path) as handle:  # a FIFO would block here forever
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()
