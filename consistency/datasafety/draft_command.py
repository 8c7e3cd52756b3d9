"""The ``datasafety`` command's library half: APK (and policy) -> a drafted form."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..mappings import Mappings, resolve_mappings
from .draft import draft_form
from .render import DraftedForm
from .table import load_form_table


def draft_for_app(
    apk: str | Path,
    policy: str | Path | None = None,
    mappings: Mappings | Callable[[], Mappings] | None = None,
    *,
    extra_mappings: Sequence[str | Path] = (),
) -> DraftedForm:
    """Draft the form for an app. Like ``check``: both inputs are read first, the
    tables loaded only then, so a bad APK or policy is reported even when the
    tables are broken."""
    from ..apk.app_file import read_app_facts
    from ..apk.profile import build_profile
    from ..policy import interpret_policy
    from ..policy.document.read import read_document

    facts = read_app_facts(apk)
    document = read_document(policy) if policy is not None else None
    tables = resolve_mappings(mappings, extra_mappings)
    table = load_form_table(tables)
    profile = build_profile(facts, tables)
    reading = interpret_policy(document, tables) if document is not None else None
    return DraftedForm(draft_form(profile, table, tables, reading), table)
