"""Hold each bundled SDK to its own row of the policy's third-party SDK list.

A policy with an SDK list (第三方SDK目录) makes a precise promise: these are the
SDKs, and this is what each collects. Its prose may name an SDK in passing
("data is reported to Bugly") and still leave it out of the list, or list it
with less data than it really collects; the general comparison
(``consistency.compare``) reads the policy as a whole and cannot see either.
So, only when the policy has an SDK list:

==============================  ==========================================================
case                            finding
==============================  ==========================================================
bundled SDK in no row           the SDK's finding becomes ``omitted``: "the policy lists N
                                SDKs; X is not among them"; ``vague`` when the policy names
                                it elsewhere (told, but not where the list promises); a
                                denial stays ``contradicted``
bundled SDK in a row, a data    one finding per SDK and type: ``vague`` when a broad term of
type the tables say it collects the row covers the type ("设备信息" for device IDs),
missing from the row            ``omitted`` otherwise
row whose SDK is not in the APK ``unsupported`` (info) on that SDK: the list may be stale
==============================  ==========================================================

An SDK is in a row when the row's name resolves to its id (``ListedSdk.sdk_ids``);
rows the tables cannot resolve take part in the count N only. Severity and
fingerprints are decided as for every finding; a per-SDK data finding is
fingerprinted on ``<sdk id>/<data type>`` so it never collides with the data
type's own finding.
"""

from __future__ import annotations

from collections.abc import Iterable

from .config import CheckConfig
from .fingerprints import fingerprint
from .models import (
    AppProfile,
    DataSource,
    Document,
    Evidence,
    Finding,
    FindingClass,
    ListedSdk,
    PolicyReading,
    SdkHit,
)
from .policy.document.sourcemap import span_origin
from .severity import decide_severity

MAX_ROW_TEXT = 300
"""Characters of a list row shown as evidence."""


def sdk_list_findings(
    findings: Iterable[Finding], profile: AppProfile, reading: PolicyReading, mappings, config: CheckConfig
) -> list[Finding]:
    """The findings with each bundled SDK judged against the SDK list (module docstring);
    unchanged when the policy has no SDK list."""
    findings = list(findings)
    lists = reading.lists
    if not lists.sdk_list or not lists.sdks:
        return findings
    document = reading.document
    hits = [h for h in profile.sdks if h.sdk_id not in config.ignore_sdks]
    rows: dict[str, list[ListedSdk]] = {}
    for row in lists.sdks:
        for sdk_id in row.sdk_ids:
            rows.setdefault(sdk_id, []).append(row)
    count = len(lists.sdks)
    missing = {h.sdk_id for h in hits if h.sdk_id not in rows}
    base = {f.subject: f for f in findings if f.subject_type == "sdk" and f.subject in missing}
    out = [f for f in findings if not (f.subject_type == "sdk" and f.subject in missing)]
    package = profile.facts.package
    overrides = config.severity_overrides()
    for hit in hits:
        if hit.sdk_id not in missing:
            out += _missing_types(hit, rows[hit.sdk_id], document, package, overrides, mappings, config)
            continue
        known = base.get(hit.sdk_id)
        if known is not None and known.status == "contradicted":
            out.append(known)
            continue
        named = known is not None and known.status == "disclosed"
        out.append(
            _missing_sdk(hit, count, lists.sdks, document, package, overrides, known if named else None)
        )
    seen = {h.sdk_id for h in profile.sdks} | set(config.ignore_sdks)
    for row in lists.sdks:
        if row.sdk_ids and not seen & set(row.sdk_ids):
            out.append(_stale_row(row, document, package, overrides, mappings))
            seen.update(row.sdk_ids)
    return out


def _row_evidence(row: ListedSdk, document: Document, role: str) -> Evidence:
    """A list row as evidence, cited where it stands in the policy *file* (a row's own
    ``line`` counts lines of the normalised text), with the section of the first
    sentence read from it."""
    end = min(row.end, row.start + MAX_ROW_TEXT)
    spans = tuple((m.start, m.end) for m in row.data if m.end <= end)
    section = next((s.section for s in document.sentences if s.start >= row.start), ())
    origin = span_origin(document.sentences, document.text, row.start, row.end)
    line, column, page = (origin.line, origin.column, origin.page) if origin else (row.line, None, None)
    return Evidence(
        document.text[row.start : end],
        row.start,
        end,
        line,
        section,
        spans,
        role,
        column,
        page,  # type: ignore[arg-type]
    )


def _missing_sdk(
    hit: SdkHit,
    count: int,
    listed: tuple[ListedSdk, ...],
    document: Document,
    package: str,
    overrides,
    named: Finding | None,
) -> Finding:
    """A bundled SDK in no row: ``omitted``, or ``vague`` when the policy names it
    elsewhere (``named``, its finding from the general comparison): the reader was
    told of it, only not where the list promises to tell."""
    source = DataSource(kind="sdk", id=hit.sdk_id)
    names = ", ".join(dict.fromkeys(r.name for r in listed))
    row_evidence = _row_evidence(listed[0], document, "catch_all")
    what = f"the policy lists {count} SDK{'s' if count != 1 else ''} (line {row_evidence.line}: {names})"
    status: FindingClass = "vague" if named is not None else "omitted"
    evidence: tuple[Evidence, ...] = (row_evidence,)
    if named is not None:
        where = f"line {named.evidence[0].line}" if named.evidence else "elsewhere"
        message = f"The policy names {hit.name} ({where}), but {what}; {hit.name} is not among them."
        evidence = (*named.evidence[:1], *evidence)
    else:
        message = f"The app bundles {hit.name} from {hit.vendor}, but {what}; {hit.name} is not among them."
    return Finding(
        subject_type="sdk",
        subject=hit.sdk_id,
        name=hit.name,
        status=status,
        severity=decide_severity(status, "sdk", (source,), overrides),
        sources=(source,),
        evidence=evidence,
        sdk=hit,
        message=message,
        fingerprint=fingerprint(package, status, "sdk", hit.sdk_id, (source,)),
    )


def _missing_types(
    hit: SdkHit,
    rows: list[ListedSdk],
    document: Document,
    package: str,
    overrides,
    mappings,
    config: CheckConfig,
) -> list[Finding]:
    exact = {t for r in rows for m in r.data if m.level == "exact" for t in m.data_types}
    broad: dict[str, str] = {}
    for row in rows:
        for mention in row.data:
            if mention.level == "broad":
                for data_type in mention.data_types:
                    broad.setdefault(data_type, mention.phrase)
    source = DataSource(kind="sdk", id=hit.sdk_id)
    out = []
    for data_type in hit.data_types:
        if data_type in exact or data_type in config.ignore_data_types:
            continue
        status: FindingClass = "vague" if data_type in broad else "omitted"
        label = _label(mappings, data_type)
        row = rows[0]
        cited = _row_evidence(row, document, "vague" if status == "vague" else "disclosure")
        if status == "vague":
            message = (
                f"The policy's SDK list has {hit.name} (line {cited.line}: {row.name}), but covers "
                f"{label[:1].lower() + label[1:]}, which the SDK collects, only with the broad term \u201c{broad[data_type]}\u201d."
            )
        else:
            message = (
                f"The policy's SDK list has {hit.name} (line {cited.line}: {row.name}), but its row does not "
                f"name {label[:1].lower() + label[1:]}, which the SDK collects."
            )
        out.append(
            Finding(
                subject_type="data",
                subject=data_type,
                name=f"{label} ({hit.name})",
                status=status,
                severity=decide_severity(status, "data", (source,), overrides),
                sources=(source,),
                evidence=(cited,),
                sdk=hit,
                message=message,
                fingerprint=fingerprint(package, status, "data", f"{hit.sdk_id}/{data_type}", (source,)),
            )
        )
    return out


def _stale_row(row: ListedSdk, document: Document, package: str, overrides, mappings) -> Finding:
    sdk_id = row.sdk_ids[0]
    name = _sdk_name(mappings, sdk_id)
    cited = _row_evidence(row, document, "claim")
    return Finding(
        subject_type="sdk",
        subject=sdk_id,
        name=name,
        status="unsupported",
        severity=decide_severity("unsupported", "sdk", (), overrides),
        sources=(),
        evidence=(cited,),
        message=(
            f"The policy's SDK list has {row.name} (line {cited.line}), but the APK shows no sign of "
            f"{name}; the list may be stale."
        ),
        fingerprint=fingerprint(package, "unsupported", "sdk", sdk_id, ()),
    )


def _label(mappings, data_type: str) -> str:
    try:
        return mappings.datatype(data_type).label
    except KeyError:
        return data_type


def _sdk_name(mappings, sdk_id: str) -> str:
    return next((s.name for s in mappings.sdks.sdks if s.id == sdk_id), sdk_id)
