"""``consistency summary``: what a whole scan found, from its SQLite store.

:func:`summarize_store` runs the queries once into a frozen
:class:`ScanSummary`; :func:`render_summary` renders it as text, JSON, CSV or a
self-contained HTML page (``summary_html``). The figures:

* items by status (``done``, ``no_policy``, ``failed``);
* findings by class and by severity, over the checked apps;
* apps with at least one ``high`` finding;
* the data types most often ``omitted`` and most often ``contradicted``, and
  the SDKs most often undisclosed (``omitted`` or ``contradicted``), counted in
  apps, with their share of the checked apps;
* SDK prevalence: in how many inspected apps each SDK was found;
* the distribution of problem findings (contradicted + omitted + vague) per
  checked app, as a small histogram.

"Checked" apps are the ``done`` items (APK and policy compared); "inspected"
apps are every item whose APK was read (``done``, ``no_policy``, and failures
of the policy after a readable APK).
"""

from __future__ import annotations

import io
import json
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path

from ..models import FINDING_CLASSES, SEVERITY_ORDER
from ..report.interface import Reporter
from .csvcells import SafeCsvWriter
from .store import open_store
from .worker import ITEM_STATUSES

TOP = 20
"""Length of every "most often" list."""
PROBLEM_CLASSES = ("contradicted", "omitted", "vague")
HISTOGRAM_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0", 0, 0),
    ("1-2", 1, 2),
    ("3-5", 3, 5),
    ("6-10", 6, 10),
    ("11-20", 11, 20),
    ("21+", 21, None),
)
"""(label, low, high) of problem findings per app; high None is unbounded."""
SUMMARY_SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Count:
    """One row of a ranked list: how many apps, and their share of the base."""

    key: str
    label: str
    apps: int
    share: float
    """apps / base (checked apps, or inspected apps for SDK prevalence), 0..1."""


@dataclass(frozen=True)
class HighApp:
    item_id: str
    package: str | None
    high: int


@dataclass(frozen=True)
class ScanSummary:
    store: str
    items: int
    by_status: tuple[tuple[str, int], ...]
    checked: int
    inspected: int
    findings_by_class: tuple[tuple[str, int], ...]
    findings_by_severity: tuple[tuple[str, int], ...]
    apps_with_high: int
    high_apps: tuple[HighApp, ...]
    """The apps with the most high findings, at most :data:`TOP`."""
    omitted_data_types: tuple[Count, ...]
    contradicted_data_types: tuple[Count, ...]
    undisclosed_sdks: tuple[Count, ...]
    sdk_prevalence: tuple[Count, ...]
    problems_per_app: tuple[tuple[str, int], ...]
    """Histogram: (bucket label, checked apps with that many problem findings)."""
    scans: int
    last_scan: str | None
    tool_versions: tuple[str, ...]
    mappings_digests: tuple[str, ...]
    """More than one means the rows came from different tables (a partial rescan)."""
    datasafety_by_kind: tuple[tuple[str, int], ...] = ()
    """Issue 16: three-way findings (Data safety form) per kind, in checked apps with a form."""
    apps_with_form: int = 0


def load_summary(db: str | Path) -> ScanSummary:
    """The summary of the store ``db``. Raises ScanError for a missing or foreign store."""
    with open_store(db, readonly=True) as store:
        return summarize_store(store.connection, str(db))


def summarize_store(db: sqlite3.Connection, name: str) -> ScanSummary:
    status_counts = dict(db.execute("SELECT status, count(*) FROM items GROUP BY status").fetchall())
    checked = status_counts.get("done", 0)
    inspected = db.execute("SELECT count(*) FROM app_facts").fetchone()[0]
    by_class = dict(
        db.execute(
            "SELECT f.status, count(*) FROM findings f JOIN items i ON i.id = f.item_id"
            " WHERE i.status = 'done' GROUP BY f.status"
        ).fetchall()
    )
    by_severity = dict(
        db.execute(
            "SELECT f.severity, count(*) FROM findings f JOIN items i ON i.id = f.item_id"
            " WHERE i.status = 'done' GROUP BY f.severity"
        ).fetchall()
    )
    high_rows = db.execute(
        "SELECT f.item_id, a.package, count(*) AS n FROM findings f LEFT JOIN app_facts a ON a.item_id = f.item_id"
        " JOIN items i ON i.id = f.item_id WHERE f.severity = 'high' AND i.status = 'done'"
        " GROUP BY f.item_id ORDER BY n DESC, f.item_id"
    ).fetchall()
    scans = db.execute("SELECT count(*), max(started) FROM scans").fetchone()
    form_kinds, form_apps = _datasafety_counts(db)
    return ScanSummary(
        store=name,
        items=sum(status_counts.values()),
        by_status=tuple((s, status_counts.get(s, 0)) for s in ITEM_STATUSES),
        checked=checked,
        inspected=inspected,
        findings_by_class=tuple((c, by_class.get(c, 0)) for c in FINDING_CLASSES),
        findings_by_severity=tuple((s, by_severity.get(s, 0)) for s in reversed(SEVERITY_ORDER)),
        apps_with_high=len(high_rows),
        high_apps=tuple(HighApp(r[0], r[1], r[2]) for r in high_rows[:TOP]),
        omitted_data_types=_ranked_findings(db, "data", ("omitted",), checked),
        contradicted_data_types=_ranked_findings(db, "data", ("contradicted",), checked),
        undisclosed_sdks=_ranked_findings(db, "sdk", ("omitted", "contradicted"), checked),
        sdk_prevalence=_sdk_prevalence(db, inspected),
        problems_per_app=_problem_histogram(db),
        scans=scans[0],
        last_scan=scans[1],
        tool_versions=tuple(r[0] for r in db.execute("SELECT DISTINCT tool_version FROM items ORDER BY 1")),
        mappings_digests=tuple(
            r[0]
            for r in db.execute(
                "SELECT DISTINCT mappings_digest FROM items WHERE mappings_digest IS NOT NULL ORDER BY 1"
            )
        ),
        datasafety_by_kind=form_kinds,
        apps_with_form=form_apps,
    )


def _datasafety_counts(db: sqlite3.Connection) -> tuple[tuple[tuple[str, int], ...], int]:
    """Issue 16: three-way findings per kind, and the checked apps whose catalog row named a form."""
    from ..datasafety.batch import COLUMN, STATUS_PREFIX, SUBJECT_TYPE
    from ..datasafety.model import FORM_FINDING_KINDS

    counts = dict(
        db.execute(
            "SELECT f.status, count(*) FROM findings f JOIN items i ON i.id = f.item_id"
            " WHERE i.status = 'done' AND f.subject_type = ? GROUP BY f.status",
            (SUBJECT_TYPE,),
        ).fetchall()
    )
    apps = db.execute(
        "SELECT count(*) FROM items WHERE status = 'done' AND json_extract(metadata, ?) IS NOT NULL",
        (f"$.{COLUMN}",),
    ).fetchone()[0]
    return tuple((k, counts.get(STATUS_PREFIX + k, 0)) for k in FORM_FINDING_KINDS), apps


def _ranked_findings(
    db: sqlite3.Connection, subject_type: str, classes: tuple[str, ...], base: int
) -> tuple[Count, ...]:
    marks = ", ".join("?" for _ in classes)
    rows = db.execute(
        "SELECT f.subject, max(f.name), count(DISTINCT f.item_id) AS n FROM findings f"
        " JOIN items i ON i.id = f.item_id"
        f" WHERE i.status = 'done' AND f.subject_type = ? AND f.status IN ({marks})"
        " GROUP BY f.subject ORDER BY n DESC, f.subject LIMIT ?",
        (subject_type, *classes, TOP),
    ).fetchall()
    return tuple(Count(r[0], r[1], r[2], _share(r[2], base)) for r in rows)


def _sdk_prevalence(db: sqlite3.Connection, base: int) -> tuple[Count, ...]:
    rows = db.execute(
        "SELECT s.sdk_id, max(s.name), count(DISTINCT s.item_id) AS n FROM item_sdks s"
        " JOIN app_facts a ON a.item_id = s.item_id GROUP BY s.sdk_id ORDER BY n DESC, s.sdk_id"
    ).fetchall()
    return tuple(Count(r[0], r[1], r[2], _share(r[2], base)) for r in rows)


def _problem_histogram(db: sqlite3.Connection) -> tuple[tuple[str, int], ...]:
    marks = ", ".join("?" for _ in PROBLEM_CLASSES)
    per_app = [
        r[0]
        for r in db.execute(
            "SELECT (SELECT count(*) FROM findings f WHERE f.item_id = i.id"
            f" AND f.status IN ({marks})) FROM items i WHERE i.status = 'done'",
            PROBLEM_CLASSES,
        )
    ]
    return tuple(
        (label, sum(1 for n in per_app if n >= low and (high is None or n <= high)))
        for label, low, high in HISTOGRAM_BUCKETS
    )


def _share(apps: int, base: int) -> float:
    return round(apps / base, 4) if base else 0.0


# ------------------------------------------------------------------- renderers


def summary_json(summary: ScanSummary) -> str:
    doc = {"schema_version": SUMMARY_SCHEMA_VERSION, **asdict(summary)}
    for key in (
        "by_status",
        "findings_by_class",
        "findings_by_severity",
        "problems_per_app",
        "datasafety_by_kind",
    ):
        doc[key] = dict(doc[key])
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def summary_csv(summary: ScanSummary) -> str:
    """One long table: ``section,key,label,count,share``, easy to pivot."""
    out = io.StringIO()
    writer = SafeCsvWriter(out)
    writer.writerow(["section", "key", "label", "count", "share"])
    for section, pairs in count_sections(summary):
        for key, count in pairs:
            writer.writerow([section, key, key, count, ""])
    for section, counts in ranked_sections(summary):
        for c in counts:
            writer.writerow([section, c.key, c.label, c.apps, f"{c.share:.4f}"])
    for app in summary.high_apps:
        writer.writerow(["apps_with_high", app.item_id, app.package or "", app.high, ""])
    return out.getvalue()


def summary_text(summary: ScanSummary) -> str:
    lines = [f"Scan results: {summary.store}"]
    lines.append(
        f"{summary.items} items: "
        + ", ".join(f"{n} {s}" for s, n in summary.by_status)
        + f" ({summary.scans} scan run{'s' if summary.scans != 1 else ''}, last {summary.last_scan or 'never'})"
    )
    if len(summary.mappings_digests) > 1:
        lines.append(
            f"note: rows come from {len(summary.mappings_digests)} versions of the tables: "
            + ", ".join(summary.mappings_digests)
        )
    lines.append("")
    lines.append(
        f"Findings in {summary.checked} checked apps: "
        + ", ".join(f"{n} {c}" for c, n in summary.findings_by_class)
    )
    lines.append(
        "By severity: " + ", ".join(f"{n} {s}" for s, n in summary.findings_by_severity if s != "none")
    )
    if summary.apps_with_form:  # issue 16
        lines.append(
            f"Data safety forms ({summary.apps_with_form} apps): "
            + ", ".join(f"{n} {k}" for k, n in summary.datasafety_by_kind)
        )
    lines.append(
        f"Apps with at least one high finding: {summary.apps_with_high}"
        + (
            f" of {summary.checked} ({percent(summary.apps_with_high / summary.checked)})"
            if summary.checked
            else ""
        )
    )
    for app in summary.high_apps:
        lines.append(f"  {app.high:>4}  {app.item_id}" + (f"  ({app.package})" if app.package else ""))
    if summary.apps_with_high > len(summary.high_apps):
        lines.append(f"  ... and {summary.apps_with_high - len(summary.high_apps)} more")
    for title, counts in ranked_sections(summary):
        lines.append("")
        lines.append(SECTION_TITLES[title])
        if not counts:
            lines.append("  (none)")
        width = max((len(c.label) for c in counts), default=0)
        for c in counts:
            lines.append(
                f"  {c.apps:>6}  {percent(c.share):>6}  {c.label:<{width}}  {c.key if c.key != c.label else ''}".rstrip()
            )
    lines.append("")
    lines.append("Problem findings (contradicted + omitted + vague) per checked app:")
    peak = max((n for _, n in summary.problems_per_app), default=0)
    for label, n in summary.problems_per_app:
        bar = "#" * (round(30 * n / peak) if peak else 0)
        lines.append(f"  {label:>5}  {n:>6}  {bar}")
    return "\n".join(lines) + "\n"


SECTION_TITLES = {
    "omitted_data_types": "Data types most often omitted (apps, share of checked apps):",
    "contradicted_data_types": "Data types most often contradicted:",
    "undisclosed_sdks": "SDKs most often undisclosed (omitted or contradicted):",
    "sdk_prevalence": "SDK prevalence (apps, share of inspected apps):",
}


def count_sections(summary: ScanSummary) -> list[tuple[str, tuple[tuple[str, int], ...]]]:
    return [
        ("items_by_status", summary.by_status),
        ("findings_by_class", summary.findings_by_class),
        ("findings_by_severity", summary.findings_by_severity),
        ("problems_per_app", summary.problems_per_app),
        ("datasafety_by_kind", summary.datasafety_by_kind),  # issue 16
        (
            "totals",
            (
                ("items", summary.items),
                ("checked", summary.checked),
                ("inspected", summary.inspected),
                ("apps_with_high", summary.apps_with_high),
            ),
        ),
    ]


def ranked_sections(summary: ScanSummary) -> list[tuple[str, tuple[Count, ...]]]:
    return [
        ("omitted_data_types", summary.omitted_data_types),
        ("contradicted_data_types", summary.contradicted_data_types),
        ("undisclosed_sdks", summary.undisclosed_sdks),
        ("sdk_prevalence", summary.sdk_prevalence),
    ]


def percent(share: float) -> str:
    return f"{100 * share:.0f}%"


class SummaryTextReporter(Reporter[ScanSummary]):
    def render(self, subject: ScanSummary) -> str:
        return summary_text(subject)


class SummaryJsonReporter(Reporter[ScanSummary]):
    def render(self, subject: ScanSummary) -> str:
        return summary_json(subject)


class SummaryCsvReporter(Reporter[ScanSummary]):
    def render(self, subject: ScanSummary) -> str:
        return summary_csv(subject)
