"""The ``datasafety`` command's body: APK (and policy) -> a rendered draft."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .draft import draft_form
from .render import render_draft
from .table import load_form_table


def run_draft(apk: Path, policy: str | None, format: str, extra_mappings: Sequence[Path] = ()) -> str:
    """Read the APK (first: a bad APK is reported without loading the tables), then draft."""
    from ..apk.facts import read_apk_facts
    from ..apk.profile import build_profile
    from ..mappings import load_mappings
    from ..policy import read_policy

    facts = read_apk_facts(apk)
    mappings = load_mappings(extra_mappings)
    table = load_form_table(mappings)
    profile = build_profile(facts, mappings)
    reading = read_policy(policy, mappings) if policy is not None else None
    return render_draft(draft_form(profile, table, mappings, reading), table, format)
