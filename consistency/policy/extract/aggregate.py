"""Aggregate statements into the policy's position per data type and per party.

Kept apart from statement extraction because it is the contract with the
checker: ``DataDisclosure.status`` and ``PartyDisclosure.denied`` are decided
here and only here (semantics in ``tests/data/policies/README.md``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ...models import DataDisclosure, DataMention, DataTypeId, PartyDisclosure, Statement

_STATED = frozenset({"collect", "share", "sell", "retain"})
"""Denials that make a type ``denied`` when nothing affirms it: any of them ("we do
not store your card number" is the policy's whole word on card numbers). An
affirmation elsewhere always wins, so a scoped denial ("we never sell your
location") never undoes collection."""


class StatementSet:
    """Statements, each once, in the order first added. Why not a set or ``in`` on a
    list: hashing a statement hashes every field again (a tuple's hash is not kept),
    and comparing a new one with every earlier one made a party or type named in most
    paragraphs cost the square of them. Only a statement about the same sentence can
    equal another, so one is compared with those alone."""

    def __init__(self, statements: Iterable[Statement] = ()) -> None:
        self._by_start: dict[int, list[Statement]] = {}
        self.order: list[Statement] = []
        for statement in statements:
            self.add(statement)

    def add(self, statement: Statement) -> bool:
        """Add ``statement`` unless an equal one is there; whether it was added."""
        same_start = self._by_start.setdefault(statement.sentence.start, [])
        if statement in same_start:
            return False
        same_start.append(statement)
        self.order.append(statement)
        return True

    def __contains__(self, statement: Statement) -> bool:
        return statement in self._by_start.get(statement.sentence.start, ())


@dataclass(frozen=True)
class PartyRead:
    """A statement and the party mentions it denies (kept out of the model: the
    aggregate ``PartyDisclosure.denied`` carries the result)."""

    statement: Statement
    denied_parties: frozenset[int]
    """Indexes into ``statement.parties``."""


def aggregate_data(
    statements: Iterable[Statement],
    generic: frozenset[DataMention] = frozenset(),
    verbless: frozenset[DataMention] = frozenset(),
) -> tuple[DataDisclosure, ...]:
    """The policy's position on every data type it mentions at all.

    ``shared`` when an affirmation shares it or a third party acts on it; else
    ``collected`` when affirmed in specific words; else ``denied`` when it is
    denied in specific words, or only denied ("we do not sell your location" is
    a denial when it is all the policy says of location); else ``vague`` when
    only broad terms affirm it; a type only named, neither affirmed nor denied
    ("if you do not allow location access, ..."), stays ``not_mentioned``, with
    its evidence for context.

    Two kinds of weak affirmation lose to a denial: one made only through a
    ``generic`` name (a permission, a category word) loses to a denial in the
    type's own words ("the camera permission is used to switch on the flash; the
    camera never takes a picture" denies photos); a ``verbless`` one (a permission
    name, or data whose action is inherited from a heading or lead-in, not a verb
    of its own) loses to any explicit denial of collecting the type ("We never
    collect your contact list" beats a bare "- Contacts" under "Your choices").
    Scoped denials ("not used for advertising") and catch-alls ("we do not
    collect personal information") outweigh nothing; an affirmation with its own
    verb always wins."""
    weak = _Weak(generic, verbless)
    by_type: dict[str, list[tuple[Statement, DataMention]]] = {}
    for statement in statements:
        for mention in statement.data:
            for data_type in mention.data_types:
                by_type.setdefault(data_type, []).append((statement, mention))
    return tuple(_disclosure(DataTypeId(t), pairs, weak) for t, pairs in sorted(by_type.items()))


@dataclass(frozen=True)
class _Weak:
    """Affirming mentions that a denial can outweigh (see ``aggregate_data``)."""

    generic: frozenset[DataMention]
    verbless: frozenset[DataMention]

    def outweighed(self, mentions: list[DataMention], denying: list[tuple[Statement, DataMention]]) -> bool:
        own_words = any(m.level == "exact" and m not in self.generic for _s, m in denying)
        collect = any(m.level == "exact" and "collect" in s.denied for s, m in denying)
        return all((own_words and m in self.generic) or (collect and m in self.verbless) for m in mentions)


def _disclosure(
    data_type: DataTypeId, pairs: list[tuple[Statement, DataMention]], weak: _Weak
) -> DataDisclosure:
    affirming = [(s, m) for s, m in pairs if s.actions]
    denying = [(s, m) for s, m in pairs if s.denied & _STATED and not s.actions]
    exact_affirming = [(s, m) for s, m in affirming if m.level == "exact"]
    if denying and weak.outweighed([m for _s, m in exact_affirming], denying):
        exact_affirming = []
        affirming = [(s, m) for s, m in affirming if m.level != "exact"]
    shared = any("share" in s.actions or not s.first_party for s, _m in affirming)
    if exact_affirming:
        status = "shared" if shared else "collected"
    elif any(m.level == "exact" for _s, m in denying) or (denying and not affirming):
        status = "denied"
    elif affirming:
        status = "vague"
    else:
        status = "not_mentioned"
    evidence = [s for s, _m in affirming] + [s for s, _m in pairs if not s.actions]
    return DataDisclosure(
        data_type=data_type,
        status=status,
        exact=any(m.level == "exact" for _s, m in pairs),
        actions=frozenset(a for s, _m in affirming for a in s.actions),
        denied=frozenset(a for s, _m in pairs for a in s.denied),
        evidence=tuple(StatementSet(evidence).order),
        shared_with_third_parties=shared,
    )


def aggregate_parties(reads: Iterable[PartyRead], mappings) -> tuple[PartyDisclosure, ...]:
    """One disclosure per named SDK, per named party category, and one for all
    catch-all parties ("third parties", "partners"), which the checker shows as
    context when nothing better covers an SDK."""
    found: dict[tuple[str, str], tuple[StatementSet, list[bool]]] = {}
    catch_all_name = ""
    for read in reads:
        for index, party in enumerate(read.statement.parties):
            if party.kind == "catch_all" and not catch_all_name:
                catch_all_name = party.phrase
            statements, denials = found.setdefault((party.kind, party.id), (StatementSet(), []))
            statements.add(read.statement)
            denials.append(index in read.denied_parties)
    names = {c.id: (c.phrases.en or c.phrases.zh or (c.id,))[0] for c in mappings.parties.categories}
    result = []
    order = {"sdk": 0, "category": 1, "catch_all": 2}
    for (kind, party_id), (statements, denials) in sorted(
        found.items(), key=lambda kv: (order[kv[0][0]], kv[0][1])
    ):
        if kind == "sdk":
            name = mappings.sdk(party_id).name
        else:
            name = catch_all_name if kind == "catch_all" else names.get(party_id, party_id)
        result.append(
            PartyDisclosure(
                kind=kind, id=party_id, name=name, evidence=tuple(statements.order), denied=all(denials)
            )
        )
    return tuple(result)
