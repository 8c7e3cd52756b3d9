"""From a normalised :class:`Document` to what it states: one :class:`Statement`
per sentence (or per part of a sentence, when its clauses say different things)
and the policy's overall position on every data type and third party.

The words come from the tables (``consistency.policy.extract.lexicon``), the scope of
negation from ``consistency.policy.extract.negation``; this module connects them with
the structure of the document:

* every unit (sentence, list item, table cell, heading) is scanned once for
  mentions and cues, and cut into segments of one polarity (see ``negation``);
* a heading (or a label line such as "Permission name: Contacts") with no
  action word states nothing about the data it names, except that a permission
  it names is affirmed as held; it is the *topic* of the units right under it,
  so "Microphone permission" followed by "- Used for voice chat" reads as one
  statement (its evidence spans both), and "Contacts permission" followed by
  "- Not applied for." as a denial;
* definitions ("X refers to ...") and sections of definitions or contents
  state nothing;
* a unit with data but no action word ("Email address", a table cell) takes
  its action from the other cells of its table row ("Contacts | not
  collected"), its column header ("Data collected"), the sentence that
  introduced its list ("We collect the following:"), the section heading
  ("Information we share"), or else reads as collection: naming data in a
  privacy policy is saying it is handled;
* a third party named as actor or recipient, in the clause, in another cell of
  the same table row, or in a heading of the section ("Third-party SDKs"),
  makes an affirmation a share by a third party;
* a name that covers several types without spelling them out ("location", a
  permission name) is read, in an affirmation, as the types of it the policy
  names specifically elsewhere ("precise location"); when the policy names
  none, it covers them all. Denials always cover everything they name;
* a unit that names no data but whose verb's object points back ("we never
  share THIS INFORMATION", "does not upload THEM") takes the data of the unit
  right before it, as a unit under a topic heading does (never turning a
  denial before it into an affirmation);
* data only saved to an output folder of the user's device (Downloads, the
  gallery, 相册) is written, not read: an explicit denial of collecting it wins;
* the statements are aggregated per data type and per named party.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ...models import (
    DataMention,
    DataTypeId,
    Document,
    PartyMention,
    PermissionName,
    PolicyReading,
    Sentence,
    Statement,
)
from .aggregate import PartyRead, aggregate_data, aggregate_parties
from .language import detect_language
from .lexicon import CueEntry, DataEntry, Lexicon, Match, PartyEntry, Token, is_cjk
from .negation import Event, Segment, segment_sentence
from .shared_heads import COORDINATORS, distributed_heads

_COMMAS = frozenset({",", "，", "、"})
"""Commas close a condition ("if the app crashes, a report is sent to X")."""
_CLOSING = (".", "。", "!", "！", "?", "？", ";", "；")
_QUESTION = ("?", "？")
"""A question ("Does the app collect my location?", an FAQ entry or a heading in
question form) asks and states nothing; its answer is read on its own."""
SUBJECT_REACH = 4
"""How many tokens after a subject its verb may start ("we will also collect")."""
PROCESSOR_REACH = 1
"""Tokens allowed between "through"/"via" and the party ("through [the] Sentry")."""
TOPIC_REACH = 4
"""How many units under a cue-less heading may take it as their topic (until
one names something itself)."""

_CUE_EVENT = {
    "action": "action",
    "negation": "negation",
    "negated_object": "object_negation",
    "paired_open": "negation",
    "paired_continue": "negation",
    "scope_breaker": "breaker",
    "exception": "exception",
    "first_party": "subject",
    "third_party_actor": "third_party_actor",
    "share_target": "share_target",
    "consent_condition": "consent",
    "source_marker": "source",
    "inbound_marker": "inbound",
    "user_recipient": "user_recipient",
    "conditional": "conditional",
    "scope_limiter": "limiter",
}
_EVENT_ORDER = {
    "breaker": 0,
    "exception": 0,
    "negation": 1,
    "object_negation": 1,
    "subject": 2,
    "third_party_actor": 2,
    "action": 3,
}
_VERB_ROLES = frozenset({"action", "negation", "paired_open", "paired_continue"})
"""Cues that make a preceding subject the start of a new statement ("we do not",
"Sentry collects"); a negated object ("... and contain no text") does not."""


@dataclass(frozen=True)
class _Context:
    """Actions a cue-less unit inherits from its surroundings."""

    affirmed: frozenset[str]
    denied: frozenset[str]
    third_party: bool = False


_DEFAULT_CONTEXT = _Context(frozenset({"collect"}), frozenset())
"""A list item or table cell that names data with no verb anywhere around it is
read as collection ("- Email address")."""
_NO_CONTEXT = _Context(frozenset(), frozenset())
"""A full sentence that names data with no verb ("Photos can contain the place
where they were taken") states nothing about handling it."""


@dataclass
class _Unit:
    """One sentence of the document, scanned."""

    sentence: Sentence
    mentions: list[Match]
    events: list[Event]
    own_cues: bool
    """Has an action or negation word of its own."""
    third_party: bool
    """Names a third party (SDK, category, catch-all) or a third-party actor."""
    defines: bool = False
    """Ends with a word for a section of definitions ("Appendix: Glossary",
    "Contents"): as a heading, nothing under it is a statement."""
    definition: bool = False
    """Defines a word ("X refers to ...") or lays down a rule for users ("it is
    prohibited for members to publish ..."): no statement."""
    negative_condition: bool = False
    """"If you do not allow ...": the sentence's negations are consequences, not denials."""
    anaphora: tuple[Event, ...] = ()
    """Third-party actor events to add when the unit before names a third party
    ("Both receive your advertising ID")."""
    refers_back: bool = False
    """Names no data, but a verb's object points at the data of the unit before
    ("We never share THIS INFORMATION", "does not upload THEM")."""
    writes_out: bool = False
    """Names an output folder of the user's device (the table's ``device_destinations``)."""

    @property
    def names_something(self) -> bool:
        return any(m.of(DataEntry) or m.of(PartyEntry) for m in self.mentions)


@dataclass
class _Raw:
    """A statement before its data mentions are built (see ``_narrow``)."""

    sentence: Sentence
    affirmed: frozenset[str]
    denied: frozenset[str]
    first_party: bool
    matches: list[Match] = field(default_factory=list)
    denied_parties: set[int] = field(default_factory=set)
    """``id()`` of the party matches this statement denies."""
    inherited: bool = False
    """The action comes from around the unit (heading, lead-in, table column,
    the default for a bare list item), not from a verb of its own."""
    written_out: bool = False
    """The unit only saves data to an output folder of the user's device (see
    ``_written_to_device``)."""


def read_statements(document: Document, mappings, scans: ScanOnce | None = None) -> PolicyReading:
    """Extract every statement of a document and aggregate them per data type and party.
    ``scans``: the reading's scans when the caller shares them with the list readers."""
    lexicon = scans or ScanOnce(mappings.lexicon)
    units = [_scan(lexicon, s) for s in document.sentences]
    raws = _Walker(document, units, lexicon).walk()
    reads, generic, verbless = _build(raws)
    defined, definitions = _through_definitions(document, lexicon, mappings)
    defined += _through_containers(document, lexicon, mappings, units)
    reads = [r for r in reads if r.statement.sentence.start not in definitions]
    statements = tuple(r.statement for r in reads) + defined
    # data reached only through a definition is a weak affirmation: an explicit
    # denial of collecting it outweighs it, as for data with no verb of its own
    own = {m for r in reads if r.statement.actions for m in r.statement.data}
    verbless = verbless | {m for st in defined if st.actions for m in st.data if m not in own}
    return PolicyReading(
        document=document,
        statements=statements,
        data=aggregate_data(statements, generic, verbless),
        parties=aggregate_parties(reads, mappings),
        catch_all_evidence=tuple(s for s in statements if _only_catch_all(s)),
        language=detect_language(document.text, mappings.statements.languages),
    )


class ScanOnce:
    """The lexicon, scanning each sentence once per reading: the walk, the headings,
    the policy graph and the list readers all look at the same sentences and lines,
    and a scan is the expensive step. Lives for one reading (no shared cache); the
    scans it hands out are shared, so callers never change them."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._lexicon = lexicon
        self._done: dict[tuple[int, str], tuple[list, list[Match], list[Match]]] = {}
        self.events: dict[int, list[Event]] = {}
        """Events of document sentences by start offset, for the policy graph."""

    def scan(self, text: str, offset: int = 0) -> tuple[list, list[Match], list[Match]]:
        key = (offset, text)
        found = self._done.get(key)
        if found is None:
            found = self._done[key] = self._lexicon.scan(text, offset)
        return found


def _through_definitions(
    document: Document, lexicon: Lexicon | ScanOnce, mappings
) -> tuple[tuple[Statement, ...], frozenset[int]]:
    """Statements about defined terms, read as statements about their members
    (the policy graph, ``graph.py``), and the start offsets of the sentences that
    are whole definitions (they open with the term), which state nothing themselves."""
    from .graph import find_definitions, statements_from_definitions

    definitions = find_definitions(document, lexicon, mappings)
    whole = frozenset(d.sentence.start for d in definitions if d.opening)
    return tuple(statements_from_definitions(document, lexicon, definitions, mappings)), whole


def _through_containers(
    document: Document, lexicon: Lexicon | ScanOnce, mappings, units: list[_Unit]
) -> tuple[Statement, ...]:
    """Statements about containers ("we share your medical record"), read as
    statements about the data the policy puts in them (``containment.py``).
    ``units``: the document's units as the first walk scanned them."""
    from .containment import find_containers, statements_from_containers

    containers = find_containers(document, lexicon, mappings)
    if not containers:
        return ()

    def walk(uses: set[tuple[int, str]], scans) -> list[_Raw]:
        # the second walk rescans only the units that name a container, and builds
        # statements only for them (and the units under a heading that names one)
        again = [
            _scan(scans, s) if (s.start, s.text) in uses else unit
            for s, unit in zip(document.sentences, units, strict=True)
        ]
        only = frozenset(i for i, s in enumerate(document.sentences) if (s.start, s.text) in uses)
        return _Walker(document, again, scans, only).walk()

    return tuple(statements_from_containers(document, lexicon, containers, mappings, walk))


def sentence_events(lexicon: Lexicon | ScanOnce, sentence: Sentence) -> list[Event]:
    """The cue and mention events of a sentence, in the order negation scope reads them."""
    return _scan(lexicon, sentence).events


def with_event(events: list[Event], extra: Event) -> list[Event]:
    """``events`` plus one more (a mention the tables do not know, such as a
    defined term), in the order negation scope reads them."""
    return sorted([*events, extra], key=lambda e: (e.index, _EVENT_ORDER.get(e.kind, 4)))


def _scan(
    lexicon: Lexicon | ScanOnce, sentence: Sentence, text: str | None = None, offset: int | None = None
) -> _Unit:
    text = sentence.text if text is None else text
    offset = sentence.start if offset is None else offset
    tokens, mentions, cues = lexicon.scan(text, offset)
    mentions = [
        m
        for m in mentions
        if not _CONTACT_ADDRESS.match(text, m.end - offset) and _cased(m, text[m.start - offset])
    ]
    cues = _objects_named(cues, mentions, tokens)
    mentions = _without_platform_accounts(mentions, cues, tokens)
    mentions = distributed_heads(
        mentions, tokens, text, offset, lambda candidate: lexicon.scan(candidate, 0)[1]
    )
    events = _events(mentions, cues, tokens)
    # commas are tokens of their own, which folding neither makes nor removes: a unit
    # without one in its text (most Chinese list items and headings) is not walked
    has_comma = any(comma in text for comma in _COMMAS)
    commas = [Event("comma", i) for i, t in enumerate(tokens) if t.text in _COMMAS] if has_comma else []
    commas += _closed_asides(tokens, events)
    if commas:
        events = sorted([*events, *commas], key=lambda e: (e.index, _EVENT_ORDER.get(e.kind, 4)))
    own = any(e.kind in ("action", "negation", "object_negation") for e in events)
    third = any(e.kind in ("third_party_actor", "share_target") for e in events)
    roles = {role for c in cues for role in c.roles}
    sections = [c for c in cues if "non_statement_section" in c.roles]
    defines = bool(sections) and any(c.last_token == _last_word(tokens) + 1 for c in sections)
    first_action = next((e.index for e in events if e.kind == "action"), None)
    anaphora = tuple(
        Event("third_party_actor", c.first_token, verb_follows=_verb_follows(c, cues))
        for c in cues
        if "anaphoric_subject" in c.roles and (first_action is None or c.first_token < first_action)
    )
    return _Unit(
        sentence,
        mentions,
        events,
        own,
        third,
        defines,
        "definition" in roles or "user_rule" in roles or _outside_the_app(roles, mentions),
        "negative_condition" in roles or _opens_with_advice(tokens, cues),
        anaphora,
        "object_reference" in roles and _object_points_back(cues, mentions),
        "device_destination" in roles,
    )


def _negates(unit: _Unit) -> bool:
    return any(e.kind in ("negation", "object_negation") for e in unit.events)


def _outside_the_app(roles: set[str], mentions: list[Match]) -> bool:
    """The sentence places the handling outside the app and names no SDK (which
    would run inside it): no practice of the publisher."""
    return "outside_the_app" in roles and not any(m.names_sdk() for m in mentions)


def _without_platform_accounts(mentions: list[Match], cues: list[Match], tokens: list) -> list[Match]:
    """The mentions without the SDK names that are part of the user's identifier
    with a vendor ("your Facebook or Google account ID"): the table's
    ``platform_accounts`` words right after the name (or after the next vendor
    name, joined by "or"/"and")."""
    heads = {c.first_token for c in cues if "platform_account" in c.roles}
    if not heads:
        return mentions
    sdk = [m for m in mentions if m.names_sdk()]
    dropped: set[int] = set()
    for index, mention in enumerate(sdk):
        if mention.last_token in heads:
            dropped.add(id(mention))
            continue
        after = mention.last_token
        if after >= len(tokens) or tokens[after].text not in COORDINATORS:
            continue
        following = sdk[index + 1] if index + 1 < len(sdk) else None
        # the other vendor: an SDK name, or a single word the tables do not know ("Google")
        joined = after + 2 in heads or (
            following is not None and following.first_token == after + 1 and following.last_token in heads
        )
        if joined:
            dropped.add(id(mention))
    return [m for m in mentions if id(m) not in dropped] if dropped else mentions


OBJECT_REACH = 2
"""Tokens that may stand between a verb and the reference that is its object
("share THIS INFORMATION", "upload or scan THEM", "keep ALL OF them"): further
away, "it" and "them" are as often the subject of another clause."""


def _object_points_back(cues: list[Match], mentions: list[Match]) -> bool:
    """An object reference right after an action verb, in a unit naming no data:
    "we never share this information with advertisers" says what is done with
    the data the sentence before names (the issue's kind 4)."""
    if any(m.of(DataEntry) for m in mentions):
        return False
    verbs = [c.last_token for c in cues if "action" in c.roles]
    return any(
        0 <= c.first_token - end <= OBJECT_REACH
        for c in cues
        if "object_reference" in c.roles
        for end in verbs
    )


def _last_word(tokens: list) -> int:
    """Index of the last token that is a word (not punctuation), or -1. Searched from
    the end, where it is one or two tokens away, and only for a sentence with a
    section cue, rather than by a walk over every token of every sentence."""
    return next((i for i in range(len(tokens) - 1, -1, -1) if tokens[i].text[0].isalnum()), -1)


_OPEN, _CLOSE = ("(", "（"), (")", "）")


def _closed_asides(tokens: list, events: list[Event]) -> list[Event]:
    """A negation inside brackets stays there: "we ask you to verify your account
    (to be sure you are not a robot) and may ask for your phone number" denies
    nothing outside the aside. The closing bracket of an aside with a negation
    ends the clause (a scope breaker)."""
    negations = [e.index for e in events if e.kind in ("negation", "object_negation")]
    if not negations:
        return []
    found, opened = [], None
    for index, token in enumerate(tokens):
        if token.text in _OPEN:
            opened = index
        elif token.text in _CLOSE and opened is not None:
            if any(opened < n < index for n in negations) and not any(n < opened for n in negations):
                # (a negation before the aside, "we will not (and will not let others)
                # collect ...", still reaches past it)
                found.append(Event("breaker", index))
            opened = None
    return found


def _opens_with_advice(tokens: list, cues: list[Match]) -> bool:
    """The sentence opens (after a list marker) with an imperative negation ("Do
    not post your address ..."): advice to the reader, no denial. The tokens are
    walked for the first word only when such a cue is there (a Chinese sentence
    has no word of two letters, so the walk would cross all of it)."""
    imperative = [c.first_token for c in cues if _has_role(c, "imperative_negation")]
    if not imperative:
        return False
    first = next((i for i, t in enumerate(tokens) if t.text[0].isalpha() and len(t.text) > 1), None)
    return first is not None and first in imperative


def _cased(match: Match, first: str) -> bool:
    """A one-word SDK name is a brand, written with a capital ("Intercom", "Digits");
    in lower case it is an ordinary word ("last four digits"). Other readings of
    the phrase (data, categories) are kept either way."""
    if not first.islower() or match.last_token - match.first_token > 1:
        return True
    return not match.of(PartyEntry) or any(
        not isinstance(e, PartyEntry) or e.kind != "sdk" for e in match.entries
    )


_CONTACT_ADDRESS = re.compile(r"\s*[:：]?\s*(?:(?:is|at|to)\s+)?[\w.+-]+@[\w-]+\.\w")
"""A data word followed by an e-mail address ("Email: privacy@example.com",
"email us at ...") labels the publisher's contact address, not the user's data."""


# ------------------------------------------------------------ document walk


@dataclass
class _Topic:
    unit: _Unit
    index: int
    reach: int = TOPIC_REACH


class _Walker:
    """Reads the units in order, carrying what a unit may inherit from the ones
    around it (topic heading, lead-in, table row and column, section)."""

    def __init__(
        self, document: Document, units: list[_Unit], lexicon: Lexicon, only: frozenset[int] | None = None
    ) -> None:
        self.document = document
        self.units = units
        self.lexicon = lexicon
        self.only = only
        """Indexes of the units whose statements are wanted (all when None): the
        others are read only as far as the units after them inherit from them."""
        self.rows = _table_rows(units)
        self._headings: dict[str, _Unit] = {}

    def walk(self) -> list[_Raw]:
        raws: list[_Raw] = []
        lead_in: _Context | None = None
        topic: _Topic | None = None
        for index, unit in enumerate(self.units):
            sentence = unit.sentence
            if unit.definition or any(self._heading(text).defines for text in sentence.section):
                continue
            if sentence.kind == "heading":
                lead_in = None
                topic = None
                if not unit.own_cues:
                    if unit.names_something:
                        topic = _Topic(unit, index)
                    raws += _heading_statements(unit)
                    continue
            elif self._is_label(unit, lead_in):
                topic = _Topic(unit, index)
                raws += _heading_statements(unit)
                continue
            if sentence.text.rstrip().endswith(_QUESTION):
                continue
            events = unit.events
            if unit.anaphora and index and self.units[index - 1].third_party:
                events = sorted(
                    [*events, *unit.anaphora], key=lambda e: (e.index, _EVENT_ORDER.get(e.kind, 4))
                )
            from_topic = bool(topic and unit.own_cues and not unit.names_something and topic.reach > 0)
            if from_topic:
                # the topic comes before the unit's own tokens
                events, sentence = self._joined(topic.unit, topic.unit.events, events, sentence)
            if topic:
                topic.reach = 0 if unit.names_something else topic.reach - 1
            antecedent = self._antecedent(index) if not from_topic else None
            if antecedent is not None:
                # the data of the unit before, then this unit's own words: its verb
                # and negation reach that data as they would a topic's
                data_events = [e for e in antecedent.events if e.kind == "mention" and e.names_data]
                events, sentence = self._joined(antecedent, data_events, events, sentence)
            wanted = (
                self.only is None
                or index in self.only
                or (from_topic and topic.index in self.only)
                or (antecedent is not None and index - 1 in self.only)
            )
            if not wanted and not (unit.own_cues and sentence.text.rstrip().endswith((":", "："))):
                if sentence.kind not in ("list_item", "table_cell") and unit.own_cues:
                    lead_in = None
                continue
            segments = segment_sentence(events)
            if unit.negative_condition:
                for segment in segments:
                    segment.denied = frozenset()
            context = self._row_context(index) or lead_in
            if context is None and sentence.kind == "sentence" and not _label_line(unit):
                # a full sentence with no verb of its own states nothing; the heading
                # speaks for the list items under it and for label lines ("Device
                # IDs and Location Information" under "Information we collect"),
                # not for prose
                context = _NO_CONTEXT
            context = context or self._heading_context(sentence.section) or _DEFAULT_CONTEXT
            grouped = _group(sentence, segments, context, self._third_party_around(index)) if wanted else []
            if from_topic:
                # the data is named by the heading, the verb by the unit under it:
                # no verb of the data's own, so an explicit denial outweighs it
                for raw in grouped:
                    raw.inherited = True
            for raw in grouped:
                raw.written_out = unit.writes_out
            raws += grouped
            if sentence.text.rstrip().endswith((":", "：")) and unit.own_cues:
                lead_in = _context_of(segments) or lead_in
            elif sentence.kind not in ("list_item", "table_cell") and unit.own_cues:
                lead_in = None
        return raws

    def _joined(
        self, before: _Unit, before_events: list[Event], events: list[Event], sentence: Sentence
    ) -> tuple[list[Event], Sentence]:
        """``before_events`` ahead of a unit's own ``events`` (at negative token
        indexes), and one sentence spanning from ``before`` to the unit's end, so
        the evidence shows both and is cited where ``before`` starts."""
        shift = -len(before_events) - 1
        joined = [replace(e, index=shift + i) for i, e in enumerate(before_events)] + events
        start = before.sentence.start
        span = Sentence(
            self.document.text[start : sentence.end],
            start,
            sentence.end,
            sentence.section,
            sentence.kind,
            before.sentence.line,
            before.sentence.origin,
        )
        return joined, span

    def _antecedent(self, index: int) -> _Unit | None:
        """The unit right before one whose object points back, when it names data
        in the same section; None otherwise. A reference does not turn a denial
        into an affirmation: after "we do not collect your contact list", "this
        information will only be collected if needed" hedges the denial (the
        APP-350 annotators read such pairs as denials), so a unit with a negation
        is followed only by one that denies too."""
        unit = self.units[index]
        if not (unit.refers_back and index):
            return None
        before = self.units[index - 1]
        names_data = any(e.kind == "mention" and e.names_data for e in before.events)
        if not names_data or before.sentence.section != unit.sentence.section:
            return None
        if _negates(before) and not _negates(unit):
            return None
        return before

    # -- context of a unit

    def _is_label(self, unit: _Unit, lead_in: _Context | None) -> bool:
        """A plain line that names data with no verb and no closing punctuation
        ("Permission name: Contacts (READ_CONTACTS)") is a label, like a heading:
        the lines after it say what happens to what it names."""
        if unit.sentence.kind != "sentence" or unit.own_cues or not unit.names_something:
            return False
        if unit.sentence.text.rstrip().endswith(_CLOSING):
            return False
        return lead_in is None and self._heading_context(unit.sentence.section) is None

    def _heading(self, text: str) -> _Unit:
        unit = self._headings.get(text)
        if unit is None:
            unit = self._headings[text] = _scan(self.lexicon, Sentence(text, 0, len(text)))
        return unit

    def _heading_context(self, section: tuple[str, ...]) -> _Context | None:
        """The innermost heading of the path that says what is done with data
        ("Information we share", "What we do not collect")."""
        for text in reversed(section):
            unit = self._heading(text)
            if unit.own_cues:
                return _context_of(segment_sentence(unit.events))
        return None

    def _row_context(self, index: int) -> _Context | None:
        """For a table cell: the other cells of its row that say what happens but
        name nothing ("Not collected"), else its column header ("Data collected")."""
        row = self.rows.get(index)
        if row is None:
            return None
        cells, header = row
        for other in cells:
            unit = self.units[other]
            if other != index and unit.own_cues and not unit.names_something:
                found = _context_of(segment_sentence(unit.events))
                if found:
                    return found
        if header is not None and self.units[header].own_cues:
            return _context_of(segment_sentence(self.units[header].events))
        return None

    def _third_party_around(self, index: int) -> bool:
        """Another cell of the row names a third party, or the unit's own heading
        does ("Third-party SDKs") and the unit does not say "we" do it."""
        row = self.rows.get(index)
        if row is not None and any(self.units[c].third_party for c in row[0] if c != index):
            return True
        unit = self.units[index]
        section = unit.sentence.section
        if not section or not self._heading(section[-1]).third_party:
            return False
        first_action = next((e.index for e in unit.events if e.kind == "action"), None)
        return not any(
            e.kind == "subject" and (first_action is None or e.index < first_action) for e in unit.events
        )


def _label_line(unit: _Unit) -> bool:
    """A line with no verb and no closing punctuation ("Unique Device IDs and
    Location Information"): a label, read like a list item under its heading."""
    return not unit.own_cues and not unit.sentence.text.rstrip().endswith(_CLOSING)


def _table_rows(units: list[_Unit]) -> dict[int, tuple[list[int], int | None]]:
    """unit index -> (indexes of the cells of its row, index of its column's header
    cell). Cells of one row share a line; the first row of a table is its header."""
    rows: dict[int, tuple[list[int], int | None]] = {}
    index = 0
    while index < len(units):
        if units[index].sentence.kind != "table_cell":
            index += 1
            continue
        table: list[list[int]] = []
        while index < len(units) and units[index].sentence.kind == "table_cell":
            line = units[index].sentence.line
            if not table or units[table[-1][0]].sentence.line != line:
                table.append([])
            table[-1].append(index)
            index += 1
        header = table[0]
        for row in table:
            for column, cell in enumerate(row):
                is_header = row is header
                rows[cell] = (row, None if is_header or column >= len(header) else header[column])
    return rows


def _context_of(segments: list[Segment]) -> _Context | None:
    for segment in reversed(segments):
        if segment.affirmed or segment.denied:
            return _Context(segment.affirmed, segment.denied, segment.third_party)
    return None


def _objects_named(cues: list[Match], mentions: list[Match], tokens: list) -> list[Match]:
    """A negated object ("no", "without") denies the thing right after it: when that
    is a word the tables do not know ("Lumen has no accounts"), it denies no data,
    so the cue is dropped (an action or data phrase may follow a few filler words:
    "no such data", "without first collecting")."""
    starts = {m.first_token for m in mentions} | {c.first_token for c in cues if c.roles - _NOT_OBJECTS}
    kept = []
    for cue in cues:
        if "negated_object" in cue.roles:
            after = range(cue.last_token, min(cue.last_token + _OBJECT_REACH, len(tokens)))
            if not any(i in starts for i in after):
                continue
        kept.append(cue)
    return kept


_OBJECT_REACH = 3
"""Tokens after "no" / "without" in which its object (data, a party or a verb) must start."""
_NOT_OBJECTS = frozenset({"negated_object", "platform_account"})
"""Cue roles that do not make a word an object "no" can deny ("no accounts" denies no data)."""


def _events(mentions: list[Match], cues: list[Match], tokens: list[Token]) -> list[Event]:
    events: list[Event] = []
    for cue in cues:
        for entry in cue.entries:
            if not isinstance(entry, CueEntry):
                continue
            kind = _CUE_EVENT.get(entry.role)
            if kind is None:
                continue
            follows = kind in ("subject", "third_party_actor") and _verb_follows(cue, cues)
            # not at the start of a sentence ("Don't give anyone your photo ..." is advice),
            # nor in Chinese (不, 没有), whose object may come before the verb (将/把)
            before_verb = (
                entry.role == "negation" and cue.first_token > 0 and not is_cjk(tokens[cue.first_token])
            )
            events.append(
                Event(kind, cue.first_token, entry.action, verb_follows=follows, before_verb=before_verb)
            )
    processors = [c.last_token for c in cues if "processor_marker" in c.roles]
    for mention in mentions:
        names_data, names_party = bool(mention.of(DataEntry)), bool(mention.of(PartyEntry))
        if not (names_data or names_party):
            continue
        events.append(Event("mention", mention.first_token, ref=mention, names_data=names_data))
        if names_party:
            processor = any(0 <= mention.first_token - end <= PROCESSOR_REACH for end in processors)
            follows = _verb_follows(mention, cues)
            events.append(
                Event("third_party_actor", mention.first_token, verb_follows=follows, processor=processor)
            )
    events.sort(key=lambda e: (e.index, _EVENT_ORDER.get(e.kind, 4)))
    return events


def _verb_follows(subject: Match, cues: list[Match]) -> bool:
    """A verb (or verb negation) starts within a few tokens after the subject and is
    not a purpose ("... analytics tool TO track")."""
    purposes = {c.last_token for c in cues if _has_role(c, "purpose_marker")}
    for cue in cues:
        if subject.last_token <= cue.first_token < subject.last_token + SUBJECT_REACH:
            if not cue.roles.isdisjoint(_VERB_ROLES):
                return cue.first_token not in purposes
    return False


def _has_role(match: Match, role: str) -> bool:
    return role in match.roles


# ------------------------------------------------------------------ statements


def _group(
    sentence: Sentence, segments: list[Segment], context: _Context, third_party_around: bool
) -> list[_Raw]:
    """Group the segments of a unit that say the same thing into one statement each."""
    groups: dict[tuple, _Raw] = {}
    for segment in segments:
        if not segment.mentions:
            continue
        affirmed, denied = segment.affirmed, segment.denied
        third_party = segment.third_party or third_party_around
        inherited = segment.needs_context
        if inherited:
            affirmed, denied = context.affirmed, context.denied
            third_party = third_party or context.third_party
        if third_party and affirmed:
            affirmed = affirmed | {"share"}
        by_third_party = segment.third_party_subject or (third_party_around and not segment.third_party)
        first_party = not (by_third_party and affirmed)
        key = (affirmed, denied, first_party, inherited)
        raw = groups.get(key)
        if raw is None:
            raw = groups[key] = _Raw(sentence, frozenset(affirmed), frozenset(denied), first_party)
            raw.inherited = inherited
        for mention in segment.mentions:
            if not isinstance(mention, Match):
                continue
            if segment.denied and _party_denied(segment, mention):
                raw.denied_parties.add(id(mention))
            raw.matches.append(mention)
    return list(groups.values())


def _heading_statements(unit: _Unit) -> list[_Raw]:
    """A heading or label states nothing about what it names, with two
    exceptions: the parties it names are named, and a permission it names
    ("Microphone permission", "Location permission (ACCESS_FINE_LOCATION)") is
    one the app holds, so its data types are affirmed as collected (the items
    under it say what for). A denial under it ("Not applied for", "we do not read
    your contacts") is a specific statement and still wins."""
    raws = []
    permissions = [m for m in unit.mentions if any(e.via_permission for e in m.of(DataEntry))]
    if permissions:
        raws.append(
            _Raw(unit.sentence, _DEFAULT_CONTEXT.affirmed, frozenset(), True, permissions, inherited=True)
        )
    parties = [m for m in unit.mentions if m.of(PartyEntry)]
    if parties:
        raws.append(_Raw(unit.sentence, frozenset(), frozenset(), True, parties))
    return raws


def _party_denied(segment: Segment, mention: Match) -> bool:
    """A party is denied when it is the object of the denial ("we do not use
    Google Analytics", "... not shared with Facebook") or the whole denial is
    about it ("Google Analytics is not used"); not when it is the subject of a
    denial about data ("Crashlytics does not collect personal information")."""
    after = segment.negation_index is not None and mention.first_token > segment.negation_index
    names_data = any(isinstance(m, Match) and m.of(DataEntry) for m in segment.mentions)
    return after or not names_data


def _build(raws: list[_Raw]) -> tuple[list[PartyRead], frozenset[DataMention], frozenset[DataMention]]:
    """Turn raw statements into model statements, reading generic names in
    affirmations as the specific types the policy names (module docstring).
    Also returns the mentions made only through generic names, and the
    affirming mentions with no verb of their own (the action is inherited from
    around the unit, or the phrase is a permission name), which an explicit
    denial of collecting the type outweighs (``aggregate_data``)."""
    specific: set[str] = set()
    named: set[str] = set()
    for raw in raws:
        for match in raw.matches:
            for entry in match.of(DataEntry):
                if entry.level == "exact" and entry.source.startswith("datatype:"):
                    named.update(entry.data_types)
                    if raw.affirmed:
                        specific.update(entry.data_types)
    reads = []
    generic: set[DataMention] = set()
    verbless: set[DataMention] = set()
    for raw in raws:
        data: list[DataMention] = []
        # a first-party denial says nothing about what a third party collects
        own_only = bool(raw.affirmed) and raw.first_party and "share" not in raw.affirmed
        written_out = _written_to_device(raw)
        for match in raw.matches:
            # a category word stands for those of its types the policy names in their own
            # words: affirmed ones in an affirmation; in a denial of sharing or keeping only,
            # which presumes the data is collected, the named ones ("we do not share your
            # health data" where only health information is named). A denial of collecting
            # denies the whole category ("we do not collect your location": both precisions).
            narrow = specific if raw.affirmed else (None if "collect" in raw.denied else named)
            for mention in _data_mentions(raw.sentence, match, narrow):
                data.append(mention)
                if all(e.generic for e in match.of(DataEntry)):
                    generic.add(mention)
                if own_only and (
                    raw.inherited or mention.via_permission or _row_label(raw.sentence, match) or written_out
                ):
                    verbless.add(mention)
        parties: list[PartyMention] = []
        denied_indexes: list[int] = []
        for match in raw.matches:
            for entry in match.of(PartyEntry):
                if id(match) in raw.denied_parties:
                    denied_indexes.append(len(parties))
                parties.append(
                    PartyMention(entry.kind, entry.id, _phrase(raw.sentence, match), match.start, match.end)
                )
        statement = Statement(
            sentence=raw.sentence,
            data=tuple(data),
            parties=tuple(parties),
            actions=raw.affirmed,
            denied=raw.denied,
            first_party=raw.first_party,
        )
        reads.append(PartyRead(statement, frozenset(denied_indexes)))
    return reads, frozenset(generic), frozenset(verbless)


def _written_to_device(raw: _Raw) -> bool:
    """The statement only saves data to an output folder of the user's device
    ("saved in your phone's Downloads folder", 保存在您手机的相册中): the app writes
    there, it does not read, so the affirmation is weak (rule 5 of the labels)."""
    return raw.written_out and raw.affirmed == _RETAIN_ONLY


_RETAIN_ONLY = frozenset({"retain"})


_ROW_LABEL = re.compile(r"\s*[/|：:]\s")
"""What follows the first cell of a flattened "PERMISSION / PURPOSE" row."""


def _row_label(sentence: Sentence, match: Match) -> bool:
    """The phrase is the whole first cell of a flattened table row ("Location / On
    Android 11 ... requires ..."): a label, whose verb belongs to the cell after it."""
    before = sentence.text[: match.start - sentence.start]
    return not before.strip() and bool(_ROW_LABEL.match(sentence.text, match.end - sentence.start))


def _phrase(sentence: Sentence, match: Match) -> str:
    return sentence.text[match.start - sentence.start : match.end - sentence.start]


def _data_mentions(sentence: Sentence, match: Match, specific: set[str] | None) -> list[DataMention]:
    """The data a phrase names. ``specific`` (for affirmations) holds the types the
    policy names in their own words somewhere: a generic category word is read as
    those of its types. A permission name ("storage permission", "Location
    permission") discloses every type the permission exposes, exactly: that is
    how many real policies disclose, and what the permission gives the app."""
    entries: tuple[DataEntry, ...] = match.of(DataEntry)
    if not entries:
        return []
    types = list(dict.fromkeys(t for e in entries for t in e.data_types))
    level = entries[0].level
    permission = next((e.via_permission for e in entries if e.via_permission), None)
    groups: list[tuple[str, list[str]]] = [(level, types)]
    if specific is not None and not permission and all(e.generic for e in entries):
        narrowed = [t for t in types if t in specific]
        if narrowed:
            groups = [(level, narrowed)]
    phrase = _phrase(sentence, match)
    via = PermissionName(permission) if permission else None
    return [
        DataMention(tuple(DataTypeId(t) for t in group), lvl, phrase, match.start, match.end, via)  # type: ignore[arg-type]
        for lvl, group in groups
        if group
    ]


def _only_catch_all(statement: Statement) -> bool:
    """Names data or parties only through catch-alls ("personal information", "third parties")."""
    levels = {m.level for m in statement.data}
    kinds = {p.kind for p in statement.parties}
    if not levels and not kinds:
        return False
    return levels <= {"catch_all"} and kinds <= {"catch_all"}
