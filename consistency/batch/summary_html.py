"""The scan summary as one self-contained HTML page with bar charts.

Charts are inline SVG drawn here (no script, no font, no stylesheet or image
from anywhere else), so the page opens offline and can be mailed as one file.
Every string that came from a catalog or an APK (item ids, package names, SDK
and data type labels) is escaped: a catalog is untrusted input.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..report.interface import Reporter
from .summary import SECTION_TITLES, Count, ScanSummary, percent, ranked_sections

_BAR_WIDTH = 360
_ROW = 22
_LABEL_WIDTH = 270
_LABEL_CHARS = 36
"""Longer labels are cut (in full in the tooltip) so they fit the label column."""

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:60rem;color:#1d2330;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #d8dce6;padding-bottom:.2rem}
table{border-collapse:collapse}td,th{padding:.2rem .8rem .2rem 0;text-align:left}td.n{text-align:right}
.tiles{display:flex;gap:1rem;flex-wrap:wrap}.tile{border:1px solid #d8dce6;border-radius:6px;padding:.6rem 1rem;min-width:8rem}
.tile b{display:block;font-size:1.4rem}.muted{color:#69708a}svg text{font:12px system-ui,sans-serif;fill:#1d2330}
"""
_BLUE = "#4a5fa8"
_COLORS = {
    "done": "#2f7d4f",
    "no_policy": "#8a8f9e",
    "failed": "#b3261e",
    "contradicted": "#b3261e",
    "omitted": "#d9822b",
    "vague": "#c9a227",
    "unknown": "#7b3f99",
    "unsupported": "#6b7aa1",
    "disclosed": "#2f7d4f",
}


def summary_html(summary: ScanSummary) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Scan summary: {escape(summary.store)}</title><style>{_CSS}</style></head><body>",
        f'<h1>Scan summary</h1><p class="muted">{escape(summary.store)}: {summary.items} items, '
        f"{summary.scans} scan run(s), last {escape(summary.last_scan or 'never')}</p>",
        _tiles(summary),
    ]
    if len(summary.mappings_digests) > 1:
        parts.append(
            f"<p>Note: rows come from {len(summary.mappings_digests)} versions of the tables "
            f"({escape(', '.join(summary.mappings_digests))}).</p>"
        )
    parts.append("<h2>Items by status</h2>")
    parts.append(_pair_chart(summary.by_status, summary.items))
    parts.append(f"<h2>Findings by class ({summary.checked} checked apps)</h2>")
    parts.append(_pair_chart(summary.findings_by_class, None))
    parts.append("<h2>Problem findings per checked app</h2>")
    parts.append('<p class="muted">contradicted + omitted + vague findings of each app</p>')
    parts.append(_pair_chart(summary.problems_per_app, summary.checked, color=_BLUE))
    parts.append(f"<h2>Apps with at least one high finding: {summary.apps_with_high}</h2>")
    if summary.high_apps:
        rows = "".join(
            f'<tr><td>{escape(a.item_id)}</td><td>{escape(a.package or "")}</td><td class="n">{a.high}</td></tr>'
            for a in summary.high_apps
        )
        more = summary.apps_with_high - len(summary.high_apps)
        tail = f'<p class="muted">and {more} more</p>' if more > 0 else ""
        parts.append(f"<table><tr><th>item</th><th>package</th><th>high</th></tr>{rows}</table>{tail}")
    for key, counts in ranked_sections(summary):
        parts.append(f"<h2>{escape(SECTION_TITLES[key].rstrip(':'))}</h2>")
        parts.append(_count_chart(counts) if counts else '<p class="muted">none</p>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _tiles(summary: ScanSummary) -> str:
    status = dict(summary.by_status)
    tiles = [
        ("items", summary.items),
        ("checked", summary.checked),
        ("no policy", status.get("no_policy", 0)),
        ("failed", status.get("failed", 0)),
        ("apps with a high finding", summary.apps_with_high),
    ]
    return (
        '<div class="tiles">'
        + "".join(f'<div class="tile"><b>{n}</b>{escape(label)}</div>' for label, n in tiles)
        + "</div>"
    )


@dataclass(frozen=True)
class _Bar:
    label: str
    tooltip: str
    value: int
    figure: str
    color: str


def _pair_chart(pairs: tuple[tuple[str, int], ...], base: int | None, color: str | None = None) -> str:
    return _bars(
        [
            _Bar(
                key,
                key,
                n,
                f"{n}" + (f" ({percent(n / base)})" if base else ""),
                color or _COLORS.get(key, _BLUE),
            )
            for key, n in pairs
        ]
    )


def _count_chart(counts: tuple[Count, ...]) -> str:
    return _bars(
        [
            _Bar(c.label, f"{c.label} ({c.key})", c.apps, f"{c.apps} ({percent(c.share)})", _BLUE)
            for c in counts
        ]
    )


def _bars(rows: list[_Bar]) -> str:
    """A horizontal bar chart: label, bar proportional to the largest value, figure."""
    peak = max((row.value for row in rows), default=0) or 1
    height = _ROW * len(rows) + 4
    width = _LABEL_WIDTH + _BAR_WIDTH + 120
    out = [f'<svg width="{width}" height="{height}" role="img">']
    for i, row in enumerate(rows):
        y = i * _ROW + 2
        bar = round(_BAR_WIDTH * row.value / peak)
        shown = row.label if len(row.label) <= _LABEL_CHARS else row.label[: _LABEL_CHARS - 1] + "…"
        out.append(
            f'<text x="{_LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end"><title>{escape(row.tooltip)}</title>'
            f"{escape(shown)}</text>"
            f'<rect x="{_LABEL_WIDTH}" y="{y + 3}" width="{bar}" height="{_ROW - 6}" fill="{row.color}" rx="2"/>'
            f'<text x="{_LABEL_WIDTH + bar + 6}" y="{y + 15}">{escape(row.figure)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


class SummaryHtmlReporter(Reporter[ScanSummary]):
    """One self-contained page with inline SVG bars."""

    def render(self, subject: ScanSummary) -> str:
        return summary_html(subject)
