"""A policy's third-party SDK list (第三方SDK目录, 第三方信息共享清单, "Third-party
SDKs") read into one :class:`~consistency.models.ListedSdk` per row or block.

Layouts read (real policies use all of them):

* a table with a name column ("SDK名称", "SDK name"), as HTML, Markdown or pipe text;
* the same table flattened to one cell per line;
* blocks of labelled lines, "SDK名称：… 第三方主体：… 收集个人信息类型：… 使用目的：…
  隐私政策链接：…", one field per line or several in one line;
* prose under a list title: each bullet or sentence that names an SDK ("we will
  access Amap Location and Map's SDK to …. The Privacy policy can be viewed at
  https://…"), with the lines after it up to the next SDK as its details.

The SDK is resolved through the names and aliases of ``sdks.yaml`` found in the
name cell only: the company ("阿里巴巴") names a vendor, not which of its SDKs,
so it never resolves a row. Data types come from the data cell, or from the
whole entry when the layout has no data column.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ...models import DataMention, DataTypeId, ListedSdk, PermissionName, SdkId
from ..extract.lexicon import DataEntry, Lexicon, PartyEntry
from .cues import ListCues
from .permission_list import PermissionIndex, permissions_named
from .records import Record, block_records, flat_table_records, table_records
from .units import URL, Span, Unit

NAME_GAP = 8
"""Characters between two SDK names that still make them one entry's name ("A SDK和B")."""
MAX_PROSE_UNITS = 80
"""How far after its title a prose SDK list may run (it also ends at the next heading
that is not inside it, and at a permission-list title)."""


def read_sdk_list(
    units: list[Unit], lexicon: Lexicon, cues: ListCues, permission_names: PermissionIndex
) -> tuple[bool, tuple[ListedSdk, ...]]:
    """Whether the policy has an SDK list, and its entries in document order."""
    records = [
        *table_records(units, cues.sdk, cues.permission),
        *block_records(units, cues.sdk, cues.permission, cues.sdk.max_label_chars),
        *flat_table_records(units, cues.sdk, cues.permission),
    ]
    entries = [_from_record(r, lexicon, permission_names) for r in records]
    taken = [(e.start, e.end) for e in entries]
    covered = -1  # a title inside a prose list already read opens nothing new
    for index, unit in enumerate(units):
        if unit.start < covered or not _opens_list(unit, cues):
            continue
        found, covered = _prose_entries(units, index, lexicon, cues, permission_names)
        for entry in found:
            if not any(s <= entry.start < e for s, e in taken):
                entries.append(entry)
                taken.append((entry.start, entry.end))
    entries.sort(key=lambda e: e.start)
    return bool(entries), tuple(_dedupe(entries))


def _opens_list(unit: Unit, cues: ListCues) -> bool:
    """A heading, or a short lead line ending in a colon, that names an SDK list."""
    if unit.kind == "table_row":
        return False
    head = unit.text.split(":", 1)[0].split("：", 1)[0]
    if unit.kind != "heading" and len(head) > cues.sdk.max_label_chars * 3:
        return False
    return cues.sdk.is_title(head) and not cues.permission.is_title(head)


def _prose_entries(
    units: list[Unit], title: int, lexicon: Lexicon, cues: ListCues, permission_names: PermissionIndex
) -> tuple[list[ListedSdk], int]:
    """Entries of a list written as bullets or sentences after its title (or inside
    the title's own line, after the colon): each piece naming an SDK opens an entry,
    the pieces after it up to the next one add its details. Also returns where the
    list ends. Each piece is scanned once."""
    head = units[title]
    pieces: list[Span] = []
    if head.kind != "heading":
        pieces += _clauses(head.span)
    inline = head.kind != "heading" and len(head.text.split(":", 1)[-1].split("：", 1)[-1].strip()) > 1
    for unit in () if inline else units[title + 1 : title + 1 + MAX_PROSE_UNITS]:
        if unit.kind == "heading" and head.kind == "heading" and head.text not in unit.section:
            break
        if unit.kind == "heading" and head.kind != "heading":
            break
        if cues.permission.is_title(unit.text.split(":", 1)[0]) and unit.kind == "heading":
            break
        pieces += _clauses(unit.span) if unit.kind != "table_row" else []
    entries: list[tuple[Span, list[str], list[Span]]] = []
    scans: dict[int, tuple[list, list]] = {}
    for piece in pieces:
        _, all_mentions, piece_cues = lexicon.scan(piece.text, piece.start)
        scans[piece.start] = (all_mentions, piece_cues)
        # "高德定位SDK（高德软件有限公司）": a name in brackets is the company, not another SDK
        mentions = [m for m in all_mentions if not _in_brackets(piece.text, m.start - piece.start)]
        ids = _sdk_ids(mentions)
        if ids and not (entries and set(ids) & set(entries[-1][1])):
            names = [m for m in mentions if m.names_sdk()]
            end = names[0].end
            for later in names[1:]:  # "支付宝SDK和微信SDK": names close together form one name
                if later.start - end > NAME_GAP:
                    break
                end = later.end
            name = Span(piece.text[names[0].start - piece.start : end - piece.start], names[0].start, end)
            entries.append((name, ids, [piece]))
        elif entries:
            entries[-1][2].append(piece)
    out = []
    for name, ids, body in entries:
        start, end = body[0].start, body[-1].end
        data = tuple(
            m
            for p in body
            for m in _data_mentions(lexicon, p, scans[p.start][0])
            if m.start < _denial_start(scans[p.start][1])
        )
        link = next((u.group() for p in body for u in URL.finditer(p.text)), "")
        perms = tuple(dict.fromkeys(p for b in body for p in _permissions(lexicon, b, permission_names)))
        out.append(
            ListedSdk(
                name=name.text,
                sdk_ids=tuple(SdkId(i) for i in ids),
                data=data,
                start=start,
                end=end,
                line=_line_of(units, start),
                purpose=body[0].text,
                permissions=perms,
                link=link,
            )
        )
    return out, (pieces[-1].end if pieces else head.end)


def _in_brackets(text: str, position: int) -> bool:
    depth = 0
    for char in text[:position]:
        if char in "(（":
            depth += 1
        elif char in ")）" and depth:
            depth -= 1
    return depth > 0


_CLAUSE_END = re.compile(r"[;；。！？]|\.(?=\s+[A-Z])")


def _clauses(span: Span) -> list[Span]:
    """A line cut after ``；`` / ``;``, ``。`` and English sentence ends: several SDKs
    in one paragraph ("the Huawei Push SDK needs …; the Alipay SDK needs …") become
    one piece each."""
    pieces = []
    start = 0
    text = span.text
    for cut in _CLAUSE_END.finditer(text):
        if cut.end() < len(text):
            pieces.append((start, cut.end()))
            start = cut.end()
    pieces.append((start, len(text)))
    out = []
    for s, e in pieces:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        chunk = chunk.strip()
        if chunk:
            out.append(Span(chunk, span.start + s + lead, span.start + s + lead + len(chunk)))
    return out


def _from_record(record: Record, lexicon: Lexicon, permission_names: PermissionIndex) -> ListedSdk:
    name = record.fields["name"]
    _, mentions, _ = lexicon.scan(name.text, name.start)
    data_cell = record.fields.get("data")
    data = _data_mentions(lexicon, data_cell) if data_cell else ()
    perm_cell = record.fields.get("permissions")
    link = record.fields.get("link")
    url = URL.search(link.text) if link else None
    return ListedSdk(
        name=name.text,
        sdk_ids=tuple(SdkId(i) for i in _sdk_ids(mentions)),
        data=data,
        start=record.start,
        end=record.end,
        line=record.line,
        company=record.fields["company"].text if "company" in record.fields else "",
        purpose=record.fields["purpose"].text if "purpose" in record.fields else "",
        permissions=_permissions(lexicon, perm_cell, permission_names) if perm_cell else (),
        link=url.group() if url else (link.text if link else ""),
    )


def _denial_start(cues) -> int:
    """Where a piece starts denying ("Crashlytics does not collect names or e-mail
    addresses"; "…the application list, which is not used for any other purpose"):
    data named after it are what the SDK does NOT collect, or a scoped denial's
    object; data named before it are still disclosed."""
    starts = [c.start for c in cues if "negation" in c.roles]
    return min(starts, default=1 << 62)


def _sdk_ids(mentions) -> list[str]:
    return list(
        dict.fromkeys(
            e.id for m in mentions for e in m.entries if isinstance(e, PartyEntry) and e.kind == "sdk"
        )
    )


def _data_mentions(lexicon: Lexicon, span: Span, mentions=None) -> tuple[DataMention, ...]:
    """Every data phrase of a span, at its own level (no narrowing: a list row says
    exactly what it says). ``mentions``: the span's scan, when already made."""
    if mentions is None:
        _, mentions, _ = lexicon.scan(span.text, span.start)
    out = []
    for match in mentions:
        entries = [e for e in match.entries if isinstance(e, DataEntry)]
        if not entries:
            continue
        types = tuple(dict.fromkeys(DataTypeId(t) for e in entries for t in e.data_types))
        via = next((e.via_permission for e in entries if e.via_permission), None)
        phrase = span.text[match.start - span.start : match.end - span.start]
        out.append(
            DataMention(
                types, entries[0].level, phrase, match.start, match.end, PermissionName(via) if via else None
            )
        )
    return tuple(out)


def _permissions(
    lexicon: Lexicon, span: Span, permission_names: PermissionIndex
) -> tuple[PermissionName, ...]:
    return permissions_named(lexicon, span, permission_names)


def _line_of(units: list[Unit], offset: int) -> int:
    """The line of the last unit starting at or before ``offset`` (units are in
    document order, so a binary search finds it)."""
    if not units:
        return 1
    at = bisect_right(units, offset, key=lambda u: u.start)
    return units[at - 1].line if at else units[0].line


def _dedupe(entries: list[ListedSdk]) -> list[ListedSdk]:
    seen: set[tuple[int, str]] = set()
    out = []
    for entry in entries:
        key = (entry.start, entry.name)
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out
