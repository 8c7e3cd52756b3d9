"""Plain-text views of the mapping tables for ``consistency mappings check|list``.

Deterministic output (sorted, no timestamps) so it can be diffed and tested;
plain text rather than rich tables so it pipes cleanly into grep and diff.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..mappings import Mappings, Problem
from .interface import Reporter

_TABLES = ("datatypes", "permissions", "sdks")


def render_mapping_check(m: Mappings) -> str:
    """The report of a successful validation: where the tables came from and what they hold."""
    lines = ["mapping tables OK", f"  digest: {m.digest}"]
    lines += [f"  from: {d}" for d in m.directories]
    return "\n".join(lines + [""] + _summary_lines(m))


def render_mapping_problems(problems: Sequence[Problem]) -> str:
    """Every problem as ``file:line: message``, then a count."""
    noun = "problem" if len(problems) == 1 else "problems"
    return "\n".join([*(str(p) for p in problems), f"{len(problems)} {noun} in the mapping tables"])


@dataclass(frozen=True)
class MappingListing:
    """What ``consistency mappings list`` shows: one table, or the counts."""

    tables: Mappings
    table: str | None = None
    summary_only: bool = False


class MappingsTextReporter(Reporter[MappingListing]):
    """The listing as aligned plain-text columns."""

    def render(self, subject: MappingListing) -> str:
        return render_mapping_list(subject.tables, subject.table, subject.summary_only)


def render_mapping_list(m: Mappings, table: str | None, summary_only: bool) -> str:
    """One table as aligned columns, or the counts (``--summary``, or no table named)."""
    if table is None or summary_only:
        lines = _summary_lines(m)
        if table is None and not summary_only:
            lines += ["", "list one table with: consistency mappings list {" + "|".join(_TABLES) + "}"]
        return "\n".join(lines)
    if table == "datatypes":
        return _datatypes_table(m)
    if table == "permissions":
        return _permissions_table(m)
    if table == "sdks":
        return _sdks_table(m)
    raise ValueError(f"unknown table {table!r} (expected one of {', '.join(_TABLES)})")


# ---------------------------------------------------------------- summary


def _summary_lines(m: Mappings) -> list[str]:
    dt = m.datatypes
    perms = m.permissions.permissions
    sdks = m.sdks.sdks
    phrases_en = sum(
        len(e.phrases.en) for e in (*dt.categories, *dt.datatypes, *dt.broad_terms, dt.catch_all)
    )
    phrases_zh = sum(
        len(e.phrases.zh) for e in (*dt.categories, *dt.datatypes, *dt.broad_terms, dt.catch_all)
    )
    by_protection = Counter(p.protection for p in perms)
    with_data = sum(1 for p in perms if p.data_types)
    by_category = Counter(s.category for s in sdks)
    by_basis = Counter(s.basis for s in sdks)
    zh_names = sum(len(s.policy_names.zh) for s in sdks)
    zh_sdks = sum(1 for s in sdks if s.policy_names.zh)
    lines = [
        f"data types:          {len(dt.datatypes)} in {len(dt.categories)} categories",
        f"broad terms:         {len(dt.broad_terms)}",
        f"catch-all phrases:   {len(dt.catch_all.phrases.all())}",
        f"data phrases:        {phrases_en} English, {phrases_zh} Chinese",
        f"permissions:         {len(perms)} ({with_data} with data, {len(perms) - with_data} without)",
    ]
    lines += [f"  {level + ':':19}{count}" for level, count in sorted(by_protection.items())]
    lines += [
        f"SDKs:                {len(sdks)} (basis vendor: {by_basis.get('vendor', 0)}, category: {by_basis.get('category', 0)})",
        f"  Chinese aliases:   {zh_names} (on {zh_sdks} SDKs)",
    ]
    labels = {c.id: c.label for c in m.sdks.categories}
    lines.append("  by category:")
    lines += [f"    {count:>4}  {cat} ({labels.get(cat, cat)})" for cat, count in sorted(by_category.items())]
    lines += [
        f"party categories:    {len(m.parties.categories)}",
        f"party catch-alls:    {len(m.parties.catch_all.phrases.all())}",
    ]
    return lines


# ----------------------------------------------------------------- tables


def _datatypes_table(m: Mappings) -> str:
    rows = [("id", "category", "label", "en", "zh")]
    rows += [
        (d.id, d.category, d.label, str(len(d.phrases.en)), str(len(d.phrases.zh)))
        for d in sorted(m.datatypes.datatypes, key=lambda d: d.id)
    ]
    broad = [("broad term", "covers", "", "en", "zh")]
    broad += [
        (b.id, ", ".join(b.covers), "", str(len(b.phrases.en)), str(len(b.phrases.zh)))
        for b in sorted(m.datatypes.broad_terms, key=lambda b: b.id)
    ]
    return _columns(rows) + "\n\n" + _columns(broad)


def _permissions_table(m: Mappings) -> str:
    rows = [("permission", "protection", "API", "data types")]
    for p in sorted(m.permissions.permissions, key=lambda p: p.name):
        span = f"{p.added_in or ''}-{p.effective_until or ''}" if (p.added_in or p.effective_until) else ""
        rows.append((p.name, p.protection, span, ", ".join(p.data_types) or "-"))
    return _columns(rows)


def _sdks_table(m: Mappings) -> str:
    rows = [("id", "name", "vendor", "category", "basis", "data types")]
    rows += [
        (s.id, s.name, s.vendor, s.category, s.basis, ", ".join(s.data_types) or "-")
        for s in sorted(m.sdks.sdks, key=lambda s: s.id)
    ]
    return _columns(rows)


def _columns(rows: Iterable[Sequence[str]]) -> str:
    """Left-aligned columns; the last column is not padded."""
    rows = [tuple(r) for r in rows]
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    out = []
    for row in rows:
        cells = [cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row[:-1])]
        out.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(out)


def _width(text: str) -> int:
    """Display width: CJK characters take two terminal columns."""
    return sum(2 if "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" else 1 for ch in text)
