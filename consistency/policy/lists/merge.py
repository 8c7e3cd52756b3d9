"""What an SDK list says, added to the policy's position per data type and party.

A row of a third-party SDK list is a statement in its own right: "this SDK
collects these data". The sentence reader often cannot see it as one: a table
flattened to one cell per line reads as verb-less fragments, and a cell far from
its header loses the header's verb. So each row that names data is added as a
statement by that SDK (a share with a third party), and each SDK it resolves to
as a named party.

Merging follows the aggregation rules (``aggregate``): an affirmation in specific
words by a third party makes the type ``shared`` whatever else the policy says
(affirmed beats denied); a broad term ("设备信息") makes a type nobody names
specifically ``vague``. A category word ("位置信息") is read, as in the sentence
reader, as the types of it the policy names specifically elsewhere, or all of
them when it names none.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from ...models import (
    DataDisclosure,
    DataMention,
    DataTypeId,
    ListedPermission,
    ListedSdk,
    PartyDisclosure,
    PartyMention,
    PolicyLists,
    PolicyReading,
    Sentence,
    Statement,
)
from ..document.sourcemap import span_origin
from ..extract.aggregate import StatementSet

_AFFIRMED = frozenset({"collect", "share"})


def merge_lists(reading: PolicyReading, lists: PolicyLists, mappings) -> PolicyReading:
    """The reading with the SDK list's rows counted as statements (module docstring)."""
    rows = [r for r in lists.sdks if r.sdk_ids]
    data: dict[str, DataDisclosure | _Affirmations] = {d.data_type: d for d in reading.data}
    specific = _named_specifically(reading)
    for entry in lists.permissions:
        if entry.denied:
            continue
        statement = _permission_statement(reading, entry, specific)
        for mention in statement.data:
            for data_type in mention.data_types:
                known = data.get(data_type)
                if known is None or known.status in ("not_mentioned", "vague"):
                    data[data_type] = _affirmed(known, DataTypeId(data_type), statement, shared=False)
    parties = {(p.kind, p.id): p for p in reading.parties}
    added: dict[str, _Evidence] = {}
    for row in rows:
        statement = _statement(reading, row, specific)
        for mention in statement.data:
            for data_type in mention.data_types:
                data[data_type] = _merged(data.get(data_type), DataTypeId(data_type), mention, statement)
        for sdk_id in row.sdk_ids:
            if sdk_id not in added:
                known = parties.get(("sdk", sdk_id))
                added[sdk_id] = _Evidence(known.evidence if known else ())
            added[sdk_id].add(statement)
    for sdk_id, evidence in added.items():
        # each row naming the SDK added once, after what the sentences say of it
        known = parties.get(("sdk", sdk_id))
        if known is None:
            parties[("sdk", sdk_id)] = PartyDisclosure(
                "sdk", sdk_id, mappings.sdk(sdk_id).name, evidence.all()
            )
        elif evidence.new:
            parties[("sdk", sdk_id)] = replace(known, evidence=evidence.all(), denied=False)
    for key in [k for k, p in parties.items() if k[0] == "sdk" and _only_as_company(p, lists.sdks)]:
        del parties[key]
    order = {"sdk": 0, "category": 1, "catch_all": 2}
    return replace(
        reading,
        data=tuple(_final(data[k]) for k in sorted(data)),
        parties=tuple(sorted(parties.values(), key=lambda p: (order[p.kind], p.id))),
        lists=lists,
    )


class _Evidence:
    """A party's evidence with statements added, each once (see ``StatementSet``)."""

    def __init__(self, earlier: tuple[Statement, ...]) -> None:
        self.earlier = earlier
        self.new: list[Statement] = []
        self._seen = StatementSet(earlier)

    def add(self, statement: Statement) -> None:
        if self._seen.add(statement):
            self.new.append(statement)

    def all(self) -> tuple[Statement, ...]:
        return (*self.earlier, *self.new)


def _final(disclosure: DataDisclosure | _Affirmations) -> DataDisclosure:
    return disclosure.disclosure() if isinstance(disclosure, _Affirmations) else disclosure


def _only_as_company(party: PartyDisclosure, rows: tuple[ListedSdk, ...]) -> bool:
    """The SDK is named only by a vendor name that also names the SDK of its row, in
    that row's company cell ("第三方主体：高德软件有限公司" in the row of 高德定位SDK: 高德 names
    both Amap SDKs, and the row says which one)."""
    if any(party.id in r.sdk_ids for r in rows):
        return False
    for statement in party.evidence:
        for mention in statement.parties:
            if mention.id != party.id:
                continue
            siblings = {
                p.id
                for p in statement.parties
                if p.kind == "sdk" and (p.start, p.end) == (mention.start, mention.end)
            }
            if not any(
                r.start <= mention.start < r.end and mention.phrase in r.company and siblings & set(r.sdk_ids)
                for r in rows
            ):
                return False
    return bool(party.evidence)


def _statement(reading: PolicyReading, row: ListedSdk, specific: set[str]) -> Statement:
    sentence = _row_sentence(reading, row.start, row.end, "table_cell", row.line)
    data = []
    for mention in row.data:
        if mention.level == "catch_all":
            continue
        types = mention.data_types
        if mention.via_permission is None and len(types) > 1 and mention.level == "exact":
            narrowed = tuple(t for t in types if t in specific)
            types = narrowed or types
        data.append(replace(mention, data_types=types))
    parties = tuple(
        PartyMention("sdk", i, row.name, row.start, row.start + len(row.name)) for i in row.sdk_ids
    )
    return Statement(sentence, tuple(data), parties, _AFFIRMED, frozenset(), first_party=False)


def _row_sentence(reading: PolicyReading, start: int, end: int, kind: str, line: int) -> Sentence:
    """A list row or entry as a sentence of its own, with its section and its place in
    the policy file (so its evidence cites the file's line, as every sentence's does)."""
    document = reading.document
    origin = span_origin(document.sentences, document.text, start, end)
    return Sentence(document.text[start:end], start, end, _section(reading, start), kind, line, origin=origin)  # type: ignore[arg-type]


def _section(reading: PolicyReading, offset: int) -> tuple[str, ...]:
    """The section of the last sentence starting at or before ``offset`` (sentences
    are in document order, so a binary search finds it)."""
    sentences = reading.document.sentences
    at = bisect_right(sentences, offset, key=lambda s: s.start)
    return sentences[at - 1].section if at else ()


def _named_specifically(reading: PolicyReading) -> set[str]:
    """Types the policy affirms in their own words (a phrase naming that one type, not
    a category word or a permission), as the sentence reader counts them."""
    return {
        m.data_types[0]
        for st in reading.statements
        if st.actions
        for m in st.data
        if m.level == "exact" and m.via_permission is None and len(m.data_types) == 1
    }


def _permission_statement(reading: PolicyReading, entry: ListedPermission, specific: set[str]) -> Statement:
    """An entry of the permission list: the app holds the permission, so it collects
    what the permission exposes (README rule 12), as the sentence reader reads a
    permission named under a heading. A permission over one category is read as the
    types of it the policy names in their own words (rule 3: "位置权限" in a policy
    that only ever speaks of precise location is precise location); one over several
    (storage: photos, videos, audio, files) discloses them all (rule 12)."""
    sentence = _row_sentence(reading, entry.start, entry.end, "list_item", entry.line)
    types = entry.data_types
    if len({t.split(".", 1)[0] for t in types}) == 1:
        types = tuple(t for t in types if t in specific) or types
    mentions = tuple(
        DataMention(
            (t,), "exact", entry.name, entry.start, entry.start + len(entry.name), entry.permissions[0]
        )
        for t in types
    )
    return Statement(sentence, mentions, (), frozenset({"collect"}), frozenset())


class _Affirmations:
    """Affirmations in specific words added to what the policy says of a type, applied
    once, when the merge is done (:meth:`disclosure`). Why not one new disclosure per
    affirmation: each copied the whole evidence so far, so a type named in every row
    of a long SDK list cost the square of the rows."""

    def __init__(self, known: DataDisclosure | None, data_type: DataTypeId) -> None:
        self.known = known
        self.data_type = data_type
        self.statements: list[Statement] = []
        self.shared = False

    @property
    def status(self) -> str:
        return "shared" if self.shared or (self.known and self.known.status == "shared") else "collected"

    def add(self, statement: Statement, *, shared: bool) -> _Affirmations:
        self.statements.append(statement)
        self.shared = self.shared or shared
        return self

    def disclosure(self) -> DataDisclosure:
        """What adding the statements one by one gives: the newest first, a statement
        added again moves to the front, and the earlier evidence follows without the
        statements added. ``known.evidence`` never repeats a statement (aggregation
        and this module build it without repeats), and only a statement about the
        same sentence can equal another, so statements are compared per sentence
        start only: hashing or comparing whole evidence cost a long Chinese policy a
        fifth of its reading."""
        known = self.known
        added = StatementSet(reversed(self.statements))
        earlier = known.evidence if known else ()
        rest = [e for e in earlier if e not in added]
        actions = known.actions if known else frozenset()
        for statement in self.statements:
            actions = actions | statement.actions
        return DataDisclosure(
            data_type=self.data_type,
            status=self.status,  # type: ignore[arg-type]
            exact=True,
            actions=actions,
            denied=known.denied if known else frozenset(),
            evidence=(*added.order, *rest),
            shared_with_third_parties=self.shared or bool(known and known.shared_with_third_parties),
        )


def _affirmed(
    known: DataDisclosure | _Affirmations | None, data_type: DataTypeId, statement: Statement, *, shared: bool
) -> _Affirmations:
    """An affirmation in specific words added to what the policy says of a type."""
    pending = known if isinstance(known, _Affirmations) else _Affirmations(known, data_type)
    return pending.add(statement, shared=shared)


def _merged(
    known: DataDisclosure | _Affirmations | None,
    data_type: DataTypeId,
    mention: DataMention,
    statement: Statement,
) -> DataDisclosure | _Affirmations:
    if mention.level == "exact":
        return _affirmed(known, data_type, statement, shared=True)
    if known is None or known.status == "not_mentioned":  # (never an affirmed type: collected or shared)
        evidence = (statement, *(known.evidence if known else ()))
        return DataDisclosure(
            data_type=data_type,
            status="vague",
            exact=False,
            actions=_AFFIRMED,
            denied=known.denied if known else frozenset(),
            evidence=tuple(StatementSet(evidence).order),
            shared_with_third_parties=True,
        )
    return known
