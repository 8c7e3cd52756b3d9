"""``consistency mappings coverage``: what a public tracker list has that the
SDK table lacks, as text for a person or JSON for a script."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..tracker_lists import TrackerCoverage, coverage_share
from .interface import Reporter


def render_coverage_text(results: Sequence[TrackerCoverage]) -> str:
    """A summary line, then every tracker the table does not fully cover."""
    covered, usable = coverage_share(results)
    counts = {s: sum(r.status == s for r in results) for s in ("partial", "missing", "unusable")}
    share = f"{100 * covered / usable:.1f} %" if usable else "n/a"
    lines = [
        f"{len(results)} trackers, {usable} with a package signature: {covered} covered ({share}), "
        f"{counts['partial']} partial, {counts['missing']} missing, {counts['unusable']} without a usable signature"
    ]
    for result in results:
        tracker = result.tracker
        if result.status == "covered":
            continue
        if result.status == "unusable":
            detail = "no package signature: " + (
                " | ".join(p or "(empty)" for p in tracker.unusable) or "(empty)"
            )
        else:
            detail = "not detected: " + ", ".join(result.missing)
            if result.sdk_ids:
                detail += f" (the rest is {', '.join(result.sdk_ids)})"
        lines.append(f"{result.status:<8} {tracker.key:>4} {tracker.name}: {detail}")
    return "\n".join(lines)


def render_coverage_json(results: Sequence[TrackerCoverage]) -> str:
    covered, usable = coverage_share(results)
    return json.dumps(
        {
            "covered": covered,
            "usable": usable,
            "trackers": [
                {
                    "id": r.tracker.key,
                    "name": r.tracker.name,
                    "status": r.status,
                    "signatures": list(r.tracker.signatures),
                    "missing": list(r.missing),
                    "sdk_ids": list(r.sdk_ids),
                }
                for r in results
            ],
        },
        indent=2,
        sort_keys=True,
        ensure_ascii=False,
    )


class CoverageTextReporter(Reporter[Sequence[TrackerCoverage]]):
    def render(self, subject: Sequence[TrackerCoverage]) -> str:
        return render_coverage_text(subject)


class CoverageJsonReporter(Reporter[Sequence[TrackerCoverage]]):
    def render(self, subject: Sequence[TrackerCoverage]) -> str:
        return render_coverage_json(subject)
