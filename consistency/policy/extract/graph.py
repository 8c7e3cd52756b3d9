"""The policy graph: defined terms and the data they stand for.

Real policies often define a term in one place and use it in another:
"Account Information includes your name, email address and phone number" and,
three paragraphs later, "We collect Account Information when you register".
Read sentence by sentence, the first states nothing (it only names data) and
the second names no data type, so the email address would count as never
mentioned. As in PoliGraph (USENIX Security 2023), the definition is a
subsumption edge from the term to each member; a statement about the term
(collect, share) is then a statement about every member, with both sentences
as its evidence (``Statement.defined_by``). Such an affirmation is weak: an
explicit denial of collecting the member outweighs it (``aggregate_data``),
and a denial of the term is not carried to the members (a policy that
"does not collect Personal Information" and defines it broadly is more often
boilerplate than a denial of each member). Nor, then, is an affirmation of that
term: a policy that both denies and affirms collecting "Personal Information"
does not say which members it collects.

What makes a definition is data (``mappings/statements.yaml``): a
``definition_links`` verb ("includes", "may include", "consists of") or a
``definition_cues`` phrase ("refers to", "shall mean") after a *term* of one
to four words that ends in a ``defined_term_heads`` noun ("information",
"data", "details") and is either written with capitals or quotes ("Usage
Data") or a data phrase of the tables ("personal information"). The members
are the data phrases after the link, exact or broad (a catch-all member adds
nothing). A term preceded by a ``term_blocking_prefixes`` word ("non-personal
information") is another term. A negation between the term and its members
("Personal Data does not include ...") is no definition.

A term that points back ("These details include ...", "The data may include
...", or a bare "This may include ..." at the start of a sentence) is a
*reference*: its members take what one of the two sentences before says of
the same head noun (any head noun, for the bare form). Such a sentence is the
reference's own context, so it is read a little more freely than a use of a
defined term anywhere in the policy: a condition in a clause of its own
("when you book, we collect booking details") and a company name as subject
("Acme may collect certain information") do not stop it.

Statements about a term are read with the same negation scope as every other
statement (``consistency.policy.negation``): the term is placed into the
sentence as a mention and the segment that holds it gives the actions.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...models import DataMention, DataTypeId, Document, Sentence, Statement
from .lexicon import CueEntry, DataEntry, Lexicon, Match, Token
from .negation import Event, segment_sentence
from .statements import sentence_events, with_event

_NOT_USES = ("?", "？", ":", "：")
_CARRIED = frozenset({"collect", "share"})
"""The actions a statement about a term carries to its members: keeping, deleting
or selling "the personal information we hold" says nothing of what it holds."""
TERM_WORDS = 4
"""At most this many words make a defined term ("Device and Usage Information")."""


@dataclass(frozen=True)
class Definition:
    """One subsumption edge set: a term and the data phrases it includes."""

    term: tuple[str, ...]
    """The term's tokens, lower-cased."""
    sentence: Sentence
    members: tuple[DataMention, ...]
    reference: bool = False
    """The term points back ("These details include ...", "This information may
    include ..."): it stands for what a sentence just before names with the same
    head noun ("we collect personal details"), not for a term used elsewhere."""
    opening: bool = False
    """The sentence opens with the term ("Personal Information is information
    that identifies you, such as ... information stored on your device"): the
    whole sentence is the definition, and its own verbs state no practice."""


@dataclass(frozen=True)
class _Words:
    """The single-word lists of the graph, from ``statements.yaml``."""

    heads: frozenset[str]
    blocking: frozenset[str]
    references: frozenset[str]
    bare_references: frozenset[str] = frozenset()
    """Point back only before a bare head ("the information")."""

    @classmethod
    def of(cls, mappings) -> _Words:
        table = mappings.statements
        heads = table.defined_term_heads.phrases.all() if table.defined_term_heads else ()
        blocking = table.term_blocking_prefixes.phrases.all() if table.term_blocking_prefixes else ()
        references = table.reference_words.phrases.all() if table.reference_words else ()
        bare = table.bare_reference_words.phrases.all() if table.bare_reference_words else ()
        return cls(
            frozenset(h.lower() for h in heads),
            frozenset(b.lower() for b in blocking),
            frozenset(r.lower() for r in references),
            frozenset(b.lower() for b in bare),
        )


def find_definitions(document: Document, lexicon: Lexicon, mappings) -> list[Definition]:
    """Every definition of a term with data members in the document."""
    words = _Words.of(mappings)
    if not words.heads:
        return []
    found = []
    for sentence in document.sentences:
        tokens, mentions, cues = lexicon.scan(sentence.text, sentence.start)
        definition = _definition(sentence, tokens, mentions, cues, words)
        if definition is not None:
            found.append(definition)
    return found


def _definition(
    sentence: Sentence, tokens: list[Token], mentions: list[Match], cues: list[Match], words: _Words
) -> Definition | None:
    links = [c for c in cues if _role(c) in ("definition_link", "definition")]
    for link in links:
        found = _term_before(sentence, tokens, mentions, link, words)
        if found is None:
            continue
        term, first = found
        if len(term) == 1 and any(_role(c) == "action" for c in cues if c.first_token >= link.last_token):
            continue  # "This means we collect your email": a statement of its own, no list of members
        opening = not any(t.text[0].isalnum() for t in tokens[:first])
        members = [m for m in mentions if m.first_token >= link.last_token]
        negated = any(
            _role(c) in ("negation", "negated_object")
            and link.first_token <= c.first_token < link.last_token + 2
            for c in cues
        )
        data = tuple(d for m in members for d in member_of(sentence, m))
        if data and not negated:
            reference = term[0] in words.references or (len(term) == 2 and term[0] in words.bare_references)
            return Definition(
                term[1:] if reference else term, sentence, data, reference, opening and not reference
            )
    return None


def _role(match: Match) -> str:
    return next((e.role for e in match.entries if isinstance(e, CueEntry)), "")


def _term_before(
    sentence: Sentence, tokens: list[Token], mentions: list[Match], link: Match, words: _Words
) -> tuple[tuple[str, ...], int] | None:
    """The term (and the index of its first token) that ends right before the link's verb (or inside a cue that spells
    it, "personal information includes"): up to TERM_WORDS words ending in a head
    noun, capitalised or quoted or a data phrase of the tables."""
    end = link.last_token
    # the head noun is the last word before the link's verb: inside the cue, or just before it
    last = link.first_token - 1
    while last >= 0 and tokens[last].text in ('"', "'", "”", "’", ")", "(", "which"):
        last -= 1
    if last >= 0 and tokens[last].text in words.references and not _words_before(tokens, last):
        # "This may include ...": the reference word alone opens the sentence
        return (tokens[last].text,), last
    if last < 0 or tokens[last].text not in words.heads:
        # a cue that spells the term ("personal information includes")
        inside = [i for i in range(link.first_token, end) if tokens[i].text in words.heads]
        if not inside:
            return None
        last = inside[-1]
    first = last
    while first - 1 >= 0 and last - first + 1 < TERM_WORDS and tokens[first - 1].text.isalpha():
        candidate = tokens[first - 1]
        original = sentence.text[candidate.start - sentence.start : candidate.end - sentence.start]
        if not original[:1].isupper() and not _in_data_phrase(mentions, first - 1, last):
            break
        first -= 1
    if first and tokens[first - 1].text in words.references | words.bare_references:
        first -= 1  # "... and this information may include": a reference
    if first == last:
        return None  # a bare head ("information includes ...") defines nothing
    if tokens[first].text not in words.references and any(
        tokens[i].text in words.blocking for i in range(max(first - 2, 0), first)
    ):
        return None  # "Non-personal identification information": another term, cut short
    return tuple(t.text for t in tokens[first : last + 1]), first


def _words_before(tokens: list[Token], index: int) -> bool:
    """Whether a word (not a list marker such as "D." or "(ii)") comes before ``index``."""
    return any(
        t.text[0].isalnum() and not (t.text.isdigit() or len(t.text) == 1 or set(t.text) <= set("ivx"))
        for t in tokens[:index]
    )


def _in_data_phrase(mentions: list[Match], first: int, last: int) -> bool:
    return any(m.first_token <= first and last < m.last_token and m.of(DataEntry) for m in mentions)


def member_of(sentence: Sentence, match: Match) -> list[DataMention]:
    """The data a member phrase adds: exact or broad (a catch-all adds nothing, nor
    does a permission name, which names no data in the member's own words)."""
    entries = [e for e in match.of(DataEntry) if e.level != "catch_all" and not e.via_permission]
    if not entries:
        return []
    types = tuple(dict.fromkeys(DataTypeId(t) for e in entries for t in e.data_types))
    phrase = sentence.text[match.start - sentence.start : match.end - sentence.start]
    return [DataMention(types, entries[0].level, phrase, match.start, match.end)]


def statements_from_definitions(
    document: Document, lexicon: Lexicon, definitions: list[Definition], mappings
) -> list[Statement]:
    """A statement per use of a defined term with an action of its own: the
    members take the action, and the definition rides along as evidence."""
    if not definitions:
        return []
    words = _Words.of(mappings)
    by_first: dict[str, list[Definition]] = {}
    for definition in definitions:
        if not definition.reference:
            by_first.setdefault(definition.term[0], []).append(definition)
    result = _resolved_references(document, lexicon, [d for d in definitions if d.reference], words)
    defining = {d.sentence.start for d in definitions}
    carried: list[tuple[tuple[str, ...], Statement]] = []
    # a term the policy also denies collecting or sharing ("We do not collect Personal
    # Information. Personal Information is ... your name, email address") carries no
    # member: which of the two the policy means, its words do not say
    denied_terms: set[tuple[str, ...]] = set()
    for sentence in document.sentences:
        if (
            sentence.start in defining
            or sentence.kind == "heading"
            or sentence.text.rstrip().endswith(_NOT_USES)
        ):
            # a heading or question ("To whom do we disclose personal information?")
            # states nothing; a lead-in ("we collect personal information such as the
            # following:") is spelt out by its own list, not by the definition
            continue
        tokens = lexicon.scan(sentence.text, sentence.start)[0]
        uses = [
            (index, definition)
            for index, token in enumerate(tokens)
            for definition in by_first.get(token.text, ())
            if _term_at(tokens, index, definition.term)
            and not (index and tokens[index - 1].text in words.blocking)
        ]
        if not uses or _defines_something(lexicon, sentence):
            continue  # a definition's own verbs ("information that is collected") state no practice
        for index, definition in uses:
            statement = _use(lexicon, sentence, index, definition)
            if statement is None:
                continue
            if statement.denied:
                denied_terms.add(definition.term)
            else:
                carried.append((definition.term, statement))
    return result + [statement for term, statement in carried if term not in denied_terms]


def _events_of(lexicon, sentence: Sentence) -> list[Event]:
    """A sentence's events, worked out once per reading when the lexicon keeps
    its scans (``statements.ScanOnce`` does; a sentence can use several terms)."""
    keep = getattr(lexicon, "events", None)
    if keep is None:
        return sentence_events(lexicon, sentence)
    found = keep.get(sentence.start)
    if found is None:
        found = keep[sentence.start] = sentence_events(lexicon, sentence)
    return found


REFERENCE_REACH = 2
"""How many sentences back a reference ("these details") may point."""


def _resolved_references(
    document: Document, lexicon: Lexicon, references: list[Definition], words: _Words
) -> list[Statement]:
    """ "We collect personal details when you book. These details may include your
    name and phone number.": the members take the action of the nearest sentence
    before that names the same head noun, read at that noun."""
    result = []
    position = {s.start: i for i, s in enumerate(document.sentences)}
    for reference in references:
        index = position.get(reference.sentence.start)
        if index is None:
            continue
        # a bare reference word ("This may include") points at any head noun
        heads = {reference.term[-1]} if reference.term else words.heads
        for before in reversed(document.sentences[max(index - REFERENCE_REACH, 0) : index]):
            tokens = lexicon.scan(before.text, before.start)[0]
            at = [i for i, t in enumerate(tokens) if t.text in heads]
            statement = next(
                (s for i in reversed(at) if (s := _use(lexicon, before, i, reference, main_clause=True))),
                None,
            )
            if statement is not None:
                result.append(statement)
                break
    return result


def _defines_something(lexicon: Lexicon, sentence: Sentence) -> bool:
    _tokens, _mentions, cues = lexicon.scan(sentence.text, sentence.start)
    return any(_role(c) in ("definition_link", "definition") for c in cues)


def _term_at(tokens: list[Token], index: int, term: tuple[str, ...]) -> bool:
    return tuple(t.text for t in tokens[index : index + len(term)]) == term


def _use(
    lexicon: Lexicon, sentence: Sentence, index: int, definition: Definition, *, main_clause: bool = False
) -> Statement | None:
    """The statement a sentence makes about a term at token ``index``, carried to its
    members. ``main_clause``: a condition in a clause of its own before a main
    clause that opens with its subject ("when you book, we collect booking
    details") does not stop it, and an active verb before the noun stands for
    the publisher's name ("Acme collects information"); used for references,
    whose sentence before is their own context. A defined term used anywhere in
    the policy keeps the stricter reading: "we" as subject, no condition before."""
    marker = object()
    events = with_event(_events_of(lexicon, sentence), Event("mention", index, ref=marker, names_data=True))
    clause: set[str] = set()
    conditional = False
    cut = -2
    for event in events:
        if event.index >= index:
            break
        if event.kind in ("comma", "breaker", "exception"):
            clause, cut = set(), event.index
            continue
        clause.add(event.kind)
        conditional = conditional or event.kind == "conditional"
        if main_clause and event.kind == "subject" and event.index == cut + 1:
            conditional = False  # the condition ended at the comma
    # a reference's sentence before may name the publisher by its company name
    # ("Acme may collect certain information"): a verb before the noun will do
    acted = "subject" in clause or (main_clause and "action" in clause)
    if not acted or conditional:
        # only a plain statement by the publisher ("we collect Account Information
        # when ...") reaches the members; a condition, a passive or a legal aside
        # ("if you object to your Personal Information being transferred") does not
        return None
    for segment in segment_sentence(events):
        if not any(m is marker for m in segment.mentions):
            continue
        if segment.needs_context:
            return None
        if not segment.affirmed & _CARRIED:
            # a denial of a broad term ("we do not collect Personal Information") is
            # too often boilerplate beside what the policy says of each member; only
            # affirmations travel along the edges. The denial is returned with no
            # data, so that the term's affirmations elsewhere carry nothing either.
            if segment.denied & _CARRIED and not segment.affirmed:
                return Statement(
                    sentence=sentence,
                    data=(),
                    parties=(),
                    actions=frozenset(),
                    denied=frozenset(segment.denied & _CARRIED),  # type: ignore[arg-type]
                    first_party=True,
                    defined_by=(definition.sentence,),
                )
            return None
        affirmed = set(segment.affirmed)
        if segment.third_party and affirmed:
            affirmed.add("share")
        return Statement(
            sentence=sentence,
            data=definition.members,
            parties=(),
            actions=frozenset(affirmed),  # type: ignore[arg-type]
            denied=frozenset(),
            first_party=not (segment.third_party_subject and affirmed),
            defined_by=(definition.sentence,),
        )
    return None


__all__ = ["Definition", "find_definitions", "statements_from_definitions"]
