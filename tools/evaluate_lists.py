"""Score the structured lists a policy carries against hand labels (part of ``make eval``).

A labels file may add::

    language: zh                       # reported as its own group
    sdk_list:                          # every row of the policy's SDK list
      - {name: 高德定位SDK, sdk: amap-location}
      - {name: 支付宝SDK, sdk: [alipay, wechat-opensdk]}   # a row naming two SDKs
      - {name: 某某SDK, sdk: null}                          # the tables know no such SDK
    permission_list:                   # every entry of its permission list
      - CAMERA                         # the entry names this permission
      - [ACCESS_FINE_LOCATION, ACCESS_COARSE_LOCATION]     # either one counts

Figures: SDK rows *found* (a read row whose name overlaps the labelled name), rows
*resolved* (found, and its SDK ids equal the labelled ones, over rows labelled with
an id), *wrong ids* (a found row with an id the label does not give); permission
entries found (a read entry names one of the labelled permissions) and read
entries that match no labelled entry.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from consistency.models import ListedSdk, PolicyReading

PERMISSION_PREFIX = "android.permission."


@dataclass
class ListScore:
    sdk_rows: int = 0
    sdk_found: int = 0
    sdk_with_id: int = 0
    sdk_resolved: int = 0
    sdk_wrong: int = 0
    sdk_extra: int = 0
    """Rows read that match no labelled row."""
    permission_entries: int = 0
    permission_found: int = 0
    permission_read: int = 0
    permission_extra: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: ListScore) -> None:
        for name in self.__dataclass_fields__:
            if name != "errors":
                setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors


def load_list_labels(path: Path) -> tuple[list[dict], list[list[str]]] | None:
    """(sdk rows, permission entries) of a labels file; None when it labels no lists."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if "sdk_list" not in raw and "permission_list" not in raw:
        return None
    rows = [dict(r) for r in raw.get("sdk_list") or ()]
    entries = []
    for item in raw.get("permission_list") or ():
        names = [item] if isinstance(item, str) else list(item)
        entries.append([n if n.startswith(PERMISSION_PREFIX) else PERMISSION_PREFIX + n for n in names])
    return rows, entries


def score_lists(name: str, reading: PolicyReading, rows: list[dict], entries: list[list[str]]) -> ListScore:
    score = ListScore()
    read = list(reading.lists.sdks)
    matched: set[int] = set()
    for row in rows:
        score.sdk_rows += 1
        want = row.get("sdk")
        want_ids = set() if want is None else {want} if isinstance(want, str) else set(want)
        if want_ids:
            score.sdk_with_id += 1
        index = _find_row(read, str(row["name"]), matched)
        if index is None:
            score.errors.append(f"{name}: SDK row not read: {row['name']}")
            continue
        matched.add(index)
        score.sdk_found += 1
        got = set(read[index].sdk_ids)
        if want_ids and got == want_ids:
            score.sdk_resolved += 1
        elif want_ids:
            score.errors.append(
                f"{name}: SDK row {row['name']}: ids {sorted(got)}, expected {sorted(want_ids)}"
            )
        if got - want_ids:
            score.sdk_wrong += 1
            if not want_ids:
                score.errors.append(f"{name}: SDK row {row['name']}: wrong ids {sorted(got)}")
    score.sdk_extra = len(read) - len(matched)
    for index, extra in enumerate(read):
        if index not in matched:
            score.errors.append(
                f"{name}: SDK row read but not labelled: {extra.name!r} {list(extra.sdk_ids)}"
            )
    listed = reading.lists.permissions
    used: set[int] = set()
    for entry in entries:
        score.permission_entries += 1
        hits = [i for i, p in enumerate(listed) if set(p.permissions) & set(entry)]
        if hits:
            score.permission_found += 1
            used.update(hits)
        else:
            score.errors.append(f"{name}: permission entry not read: {entry}")
    score.permission_read = len(listed)
    score.permission_extra = len(listed) - len(used)
    for index, extra in enumerate(listed):
        if index not in used:
            score.errors.append(f"{name}: permission entry read but not labelled: {extra.name!r}")
    return score


def _find_row(read: list[ListedSdk], name: str, taken: set[int]) -> int | None:
    """The first read row not yet matched whose name overlaps the labelled one."""
    folded = _fold(name)
    for index, row in enumerate(read):
        got = _fold(row.name)
        if index not in taken and got and (folded in got or got in folded):
            return index
    return None


def _fold(text: str) -> str:
    from consistency.policy.extract.hanzi import fold_chinese

    return "".join(fold_chinese(unicodedata.normalize("NFKC", text)).lower().split())


def format_list_score(score: ListScore, *, show_errors: bool) -> str:
    def pct(a: int, b: int) -> str:
        return f"{a}/{b} ({100 * a / b:.1f} %)" if b else "0/0"

    lines = [
        f"SDK-list rows read             {pct(score.sdk_found, score.sdk_rows)}",
        f"SDK-list rows resolved to ids  {pct(score.sdk_resolved, score.sdk_with_id)}; wrong ids: {score.sdk_wrong}; "
        f"rows read but not labelled: {score.sdk_extra}",
        f"permission-list entries read   {pct(score.permission_found, score.permission_entries)}; "
        f"entries read but not labelled: {score.permission_extra} of {score.permission_read}",
    ]
    if show_errors and score.errors:
        lines += ["list errors:", *(f"  {e}" for e in score.errors)]
    return "\n".join(lines) + "\n"


def is_chinese_set(labels: Path) -> bool:
    """Labelled ``language: zh``: reported as the Chinese set."""
    raw = yaml.safe_load(labels.read_text(encoding="utf-8")) or {}
    return raw.get("language") == "zh"


def evaluate_group(title: str, policies, mappings, *, show_errors: bool) -> str:
    """Data-type scores and list scores of one group of labelled policies, read once each."""
    from consistency.policy import read_policy

    from .evaluate import Labels, Score, format_score, score_reading

    total, lists = Score(), ListScore()
    labelled_lists = False
    for item in policies:
        reading = read_policy(item.policy, mappings)
        total.add(score_reading(item.name, reading, Labels.load(item.labels)))
        found = load_list_labels(item.labels)
        if found is not None:
            labelled_lists = True
            lists.add(score_lists(item.name, reading, *found))
    text = format_score(title, total, show_errors=show_errors)
    if labelled_lists:
        text += format_list_score(lists, show_errors=show_errors)
    return text
