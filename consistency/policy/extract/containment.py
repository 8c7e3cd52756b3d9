"""Containment: data kept inside an artefact goes where the artefact goes.

Policies often say what becomes part of a record, a backup or a workout in one
place and what happens to that artefact in another: "Chat messages are part of
your medical record" and, in the sharing table, "Clinicians | your medical
record"; "your precise location is stored with the workout" and "if you connect
Google Fit, we send your workouts to it". Read sentence by sentence, the chat
messages are only kept. This is the reverse of a definition (``graph.py``: "Account
Details include your phone number"): a *containment link* (``containment_links``
in ``mappings/statements.yaml``: "part of", "stored with", "included in", 保存在)
followed within a few words by a *container* (a ``container_heads`` noun: record,
backup, profile, report, workout) makes the data the sentence names as the
link's subject a member of the container. What the policy says it does with the
container anywhere else, read exactly as the statement reader reads data (its
verbs, a condition, the table row and column, the section, a third party as
actor or recipient), it says of the members, with both sentences as evidence
(``Statement.defined_by``).

Why the artefact is put through the statement reader rather than read on its
own sentence: it is named where data is named (a cell of a sharing table with no
verb, a list item under "What we send"), and only the reader knows what such a
place says. It is read in a second walk of the document in which the container
is a mention naming no type (``_Uses``), so the policy's own statements are
untouched, and only when the policy has a link.

What it does not do, and why:

* only collection and sharing travel to the members, as for definitions: the
  link sentence itself already says the data is kept, and storing, keeping or
  deleting the container says nothing new. A first-party storage statement
  therefore never becomes sharing by itself; sharing comes only from a sentence
  that shares the container;
* a denial of the container ("we never share your medical record with your
  employer") denies no member: like the denial of a defined term (labelling rule
  13), it is more often a scoped promise than a denial of each thing inside;
* a negated link ("contact names are not included in the backup") puts nothing
  inside, unless an exception reopens it ("... unless you tick 'Include contact
  names'"): negation scope is that of every other statement;
* a container is the same container only under the same words: a data phrase
  around the noun is part of its name ("medical record", not "a record of your
  payments"), and so is a name right before it ("your Facebook profile" is not
  "your profile"); a noun after it makes it a modifier ("backup files", "profile
  information"); a verb reading ("we record", "to report") is no container.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ...models import DataMention, Document, Sentence, Statement
from .graph import member_of
from .lexicon import DataEntry, Lexicon, Match, Token, is_cjk, phrase_tokens
from .negation import Event, segment_sentence
from .statements import sentence_events, with_event

_LINK = "contain"
"""The action a link is read as, so that negation scope decides whether it holds."""
_CARRIED = frozenset({"collect", "share"})
"""What the members take from a statement about their container (module docstring)."""
LINK_REACH = 4
"""How many words may stand between a link and its container ("stored in the
uploaded backup"); a Chinese character counts as a word, so Chinese links reach
twice as far ("保存在您的健康档案中")."""
SUBJECT_GAP = 4
"""How many words may stand between the link's subject and the link ("documents
you send are stored in")."""
LIST_GAP = 2
"""How many words may stand between two items of the subject's list ("name, and email")."""
_LIST_MARKS = frozenset({",", "，", "、", "/"})
"""Punctuation that continues the subject's list ("your name, email and phone")."""
_SOURCE = "container:"
"""Source tag of the mentions that stand for a container in the second walk."""
_VERB_BEFORE = frozenset(
    {"first_party", "third_party_actor", "anaphoric_subject", "purpose_marker", "negation"}
)
"""Cue roles of a word right before a head that make the head a verb ("we
report", "to record", "never profile")."""


Phrases = dict[str, tuple[tuple[str, ...], ...]]
"""Phrases as token tuples by their first word, longest first: most words start
none, so a look-up per token is all a sentence without a link costs."""


def by_first_word(phrases: Iterable[tuple[str, ...]]) -> Phrases:
    """Group token tuples for ``phrase_at``."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted({p for p in phrases if p}, key=len, reverse=True):
        grouped.setdefault(phrase[0], []).append(phrase)
    return {word: tuple(found) for word, found in grouped.items()}


def phrase_at(tokens: list[Token], index: int, phrases: Phrases) -> tuple[str, ...] | None:
    """The longest of ``phrases`` whose words start at ``index``."""
    for phrase in phrases.get(tokens[index].text, ()):
        if tuple(t.text for t in tokens[index : index + len(phrase)]) == phrase:
            return phrase
    return None


@dataclass(frozen=True)
class Container:
    """One containment link: the container's name and the data put inside it."""

    key: tuple[str, ...]
    """The container's words, lower-cased, singular (``("medical", "record")``)."""
    sentence: Sentence
    members: tuple[DataMention, ...]


@dataclass(frozen=True)
class _Words:
    """The phrase lists of the containment reader, as token tuples."""

    links: Phrases
    heads: Phrases
    singular: dict[str, str]
    """Plural head word -> singular ("records" -> "record")."""
    nouns: frozenset[str]
    """The ``defined_term_heads`` ("information", "data"): one of them between a data
    phrase and the link is the link's own subject ("... and other data stored in")."""

    @classmethod
    def of(cls, mappings) -> _Words:
        table = mappings.statements
        links = table.containment_links.phrases.all() if table.containment_links else ()
        heads = table.container_heads.phrases.all() if table.container_heads else ()
        head_tokens = {phrase_tokens(h) for h in heads}
        last_words = {h[-1] for h in head_tokens}
        singular = {w: w[:-1] for w in last_words if w.endswith("s") and w[:-1] in last_words}
        singular.update(
            {w: w[:-3] + "y" for w in last_words if w.endswith("ies") and w[:-3] + "y" in last_words}
        )
        nouns = table.defined_term_heads.phrases.all() if table.defined_term_heads else ()
        return cls(
            by_first_word(phrase_tokens(p) for p in links),
            by_first_word(head_tokens),
            singular,
            frozenset(n.lower() for n in nouns),
        )


def find_containers(document: Document, lexicon: Lexicon, mappings) -> list[Container]:
    """Every containment link of the document that puts data in a container."""
    words = _Words.of(mappings)
    if not words.links or not words.heads:
        return []
    found = []
    for sentence in document.sentences:
        if sentence.kind == "heading":
            continue
        tokens, mentions, cues = lexicon.scan(sentence.text, sentence.start)
        for index, token in enumerate(tokens):
            if token.text not in words.links:
                continue
            link = phrase_at(tokens, index, words.links)
            if link is None:
                continue
            place = _container_after(tokens, mentions, index + len(link), words, sentence)
            if place is None:
                continue
            key, first, last = place
            members = _members(lexicon, sentence, (tokens, mentions), index, (first, last), words)
            if members:
                found.append(Container(key, sentence, members))
    return found


def _container_after(
    tokens: list[Token], mentions: list[Match], start: int, words: _Words, sentence: Sentence
) -> tuple[tuple[str, ...], int, int] | None:
    """The container a link at ``start`` points at: a head within LINK_REACH words,
    with no punctuation before it. Returns its key and token span."""
    reach = LINK_REACH * (2 if start < len(tokens) and is_cjk(tokens[start]) else 1)
    for index in range(start, min(start + reach, len(tokens))):
        if not tokens[index].text[0].isalnum():
            return None
        head = phrase_at(tokens, index, words.heads)
        if head is not None:
            return _key(tokens, mentions, index, index + len(head), words, sentence.text, sentence.start)
    return None


def _key(
    tokens: list[Token], mentions: list[Match], first: int, last: int, words: _Words, text: str, offset: int
) -> tuple[tuple[str, ...], int, int] | None:
    """The container's name around a head at ``first``..``last``: the data phrase that
    ends with it ("medical record"), or a name right before it (a phrase of the
    tables, "Facebook profile", or a capitalised word that does not open the
    sentence, "your Acme profile"); None when the head is a modifier of a data
    phrase that goes on ("workout data"). ``text`` starts at offset ``offset``."""
    for mention in mentions:
        if mention.first_token <= first and last <= mention.last_token:
            if mention.last_token > last:
                return None
            first = mention.first_token
            break
    else:
        before = next((m for m in mentions if m.last_token == first), None)
        if before is not None:
            first = before.first_token
        elif _named(tokens, first - 1, text, offset):
            first -= 1
    names = [t.text for t in tokens[first:last]]
    names[-1] = words.singular.get(names[-1], names[-1])
    return tuple(names), first, last


def _named(tokens: list[Token], index: int, text: str, offset: int) -> bool:
    """The word at ``index`` is a capitalised name inside the sentence, not its first word."""
    if index < 1 or not tokens[index].text.isalpha():
        return False
    if not any(t.text[0].isalpha() for t in tokens[:index]):
        return False
    return text[tokens[index].start - offset].isupper()


def _members(
    lexicon: Lexicon,
    sentence: Sentence,
    scan: tuple[list[Token], list[Match]],
    link: int,
    container: tuple[int, int],
    words: _Words,
) -> tuple[DataMention, ...]:
    """The data a link at token ``link`` puts inside the container at ``first``..``last``:
    the link's subject, when the link holds (not negated) in its segment. The
    subject is the data named right before the link ("photos and documents you
    send are stored in ..."), with the list it ends ("your name, email and phone
    are part of ..."), not a list further back ("we collect your name, email ...
    and any other data included in your profile": only "any other data", a
    catch-all that adds nothing). When the link's own clause names no data ("...
    while a workout is running and is stored with the workout"), the subject is the
    sentence's: the data named before its first verb."""
    tokens, mentions = scan
    first, last = container
    events = with_event(sentence_events(lexicon, sentence), Event("action", link, _LINK))
    holding = [s for s in segment_sentence(events) if _LINK in s.affirmed]
    if not holding:
        return ()
    before = sorted(
        (m for s in holding for m in s.mentions if isinstance(m, Match) and m.of(DataEntry)),
        key=lambda m: m.first_token,
    )
    before = [m for m in before if m.last_token <= link and not first <= m.first_token < last]
    subject: list[Match] = []
    end = link
    for mention in reversed(before):
        if end - mention.last_token > (LIST_GAP if subject else SUBJECT_GAP):
            break
        gap = tokens[mention.last_token : end]
        if any(not t.text[0].isalnum() and (not subject or t.text not in _LIST_MARKS) for t in gap):
            break  # another sentence or clause; "..., and any other data included in"
        if not subject and any(t.text in words.nouns for t in gap):
            break  # "... and any other data included in": that is the subject
        subject.insert(0, mention)
        end = mention.first_token
    if not before:
        verb = next((e.index for e in events if e.kind in ("action", "negation")), link)
        subject = [m for m in mentions if m.of(DataEntry) and m.last_token <= min(verb, link)]
    return tuple(d for m in subject for d in member_of(sentence, m))


class _Uses:
    """The lexicon, with every use of a container added as a mention that names no
    type (source ``container:<key>``), for the second walk. The scans of the
    lexicon are shared, so the mention lists are copied, never changed."""

    def __init__(self, lexicon: Lexicon, uses: dict[tuple[int, str], list[Match]]) -> None:
        self._lexicon = lexicon
        self._uses = uses

    def scan(self, text: str, offset: int = 0) -> tuple[list, list[Match], list[Match]]:
        tokens, mentions, cues = self._lexicon.scan(text, offset)
        extra = self._uses.get((offset, text))
        if extra:
            mentions = sorted([*mentions, *extra], key=lambda m: (m.first_token, m.last_token))
        return tokens, mentions, cues


def _uses(
    document: Document, lexicon: Lexicon, containers: list[Container], words: _Words
) -> dict[tuple[int, str], list[Match]]:
    """Every place outside its own link sentences where a container is named, as
    mentions keyed like the lexicon's scans."""
    keys = {c.key for c in containers}
    linking = {c.sentence.start for c in containers}
    found: dict[tuple[int, str], list[Match]] = {}
    for sentence in document.sentences:
        if sentence.start in linking:
            continue
        tokens, mentions, cues = lexicon.scan(sentence.text, sentence.start)
        cue_at = {c.first_token: c for c in cues}
        for index, token in enumerate(tokens):
            head = phrase_at(tokens, index, words.heads) if token.text in words.heads else None
            if head is None or index in cue_at:
                continue  # "we record your location": a verb
            before = cue_at.get(index - 1)
            if before is not None and before.last_token == index and before.roles & _VERB_BEFORE:
                continue  # "we report", "to record"
            end = index + len(head)
            if end < len(tokens) and (
                any(m.first_token == end for m in mentions) or phrase_at(tokens, end, words.heads)
            ):
                continue  # "backup files": a modifier
            place = _key(tokens, mentions, index, end, words, sentence.text, sentence.start)
            if place is None or place[0] not in keys:
                continue
            key, first, last = place
            entry = DataEntry("exact", (), _SOURCE + " ".join(key))
            found.setdefault((sentence.start, sentence.text), []).append(
                Match(tokens[first].start, tokens[last - 1].end, first, last, (entry,))
            )
    return found


Walk = Callable[[set[tuple[int, str]], object], list]
"""The statement reader's walk of the document, again: given the (start, text) of
the units that name a container and a lexicon whose scans of those units add the
uses, the raw statements of those units (``sentence``, ``matches``, ``affirmed``,
``first_party``), each read with what it inherits from the units around it."""


def statements_from_containers(
    document: Document, lexicon: Lexicon, containers: list[Container], mappings, walk: Walk
) -> list[Statement]:
    """A statement per statement about a container that collects or shares it: the
    members take those actions, and the link sentence rides along as evidence."""
    if not containers:
        return []
    uses = _uses(document, lexicon, containers, _Words.of(mappings))
    if not uses:
        return []
    by_source: dict[str, list[Container]] = {}
    for container in containers:
        by_source.setdefault(_SOURCE + " ".join(container.key), []).append(container)
    result: list[Statement] = []
    seen: set[tuple[int, int, int]] = set()
    for raw in walk(set(uses), _Uses(lexicon, uses)):
        actions = raw.affirmed & _CARRIED
        if not actions:
            continue  # a denial, or keeping and deleting: nothing new about the members
        for match in raw.matches:
            for entry in match.of(DataEntry):
                for container in by_source.get(entry.source, ()):
                    mark = (raw.sentence.start, raw.sentence.end, container.sentence.start)
                    if mark in seen:
                        continue
                    seen.add(mark)
                    result.append(
                        Statement(
                            sentence=raw.sentence,
                            data=container.members,
                            parties=(),
                            actions=frozenset(actions),
                            denied=frozenset(),
                            first_party=raw.first_party,
                            defined_by=(container.sentence,),
                        )
                    )
    return result


__all__ = ["Container", "by_first_word", "find_containers", "phrase_at", "statements_from_containers"]
