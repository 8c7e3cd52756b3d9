"""Negation scope: which actions a sentence denies, and for which of its phrases.

A sentence arrives as a sequence of :class:`Event` (cues and mentions in text
order). It is cut into *clauses* at scope breakers ("but", "except", ";"),
and each clause into *segments* of one polarity:

* a negation ("not", "never", "no", "without", "neither") opens a denied
  segment; if the clause already stated an action before it, what came before
  stays affirmed ("we collect your email and do not sell your location": email
  collected, location's sale denied, location not affirmed collected);
* inside a denied segment every following action is denied ("we do not sell or
  share") until a new subject with its own verb restarts an affirmed segment
  ("... and we use it to ...");
* a negation with no action after it borrows the action before it in the clause
  ("we collect no location data"), or the previous clause's actions ("we collect
  your email but not your name"); when there is none, a negated object ("no
  chat", "no location data") denies collection, and a negated verb denies
  nothing ("linked to an install number, not to your name");
* a passive denial keeps the data before it ("your location is not stored"):
  the negation only splits when the text before it already had an action;
* in English a negated verb comes before its object: data named after a
  negation but before any verb, with a verb after it, is that verb's subject in
  a clause of its own ("does not require registration the device id ... is
  used"); with no verb after it, it is elliptical and stays denied ("never your
  card number");
* a clause names a third party as actor or recipient unless the third party is
  in a condition ("if you log in with a third-party account, we ..."), after a
  source marker ("we receive ... from Facebook") or the data comes in ("Google
  Sign-In gives us your name");
* a share whose only recipients are other users ("with your contacts") is
  collection: other users are not third parties;
* a negation qualified by consent ("not ... without your consent") is a
  conditional affirmation, not a denial; so is a denial with an exception that
  names a recipient ("we don't share your messages with anyone except the
  cloud drive you pick"); an exception that names data affirms that data only;
* a denial narrowed by a scope limiter ("not in the background", "outside a
  recording ... does not track", "not used for advertising") denies nothing: it
  speaks of a time, a place or a purpose, not of the type;
* a clause with data but no verb of its own repeats the previous clause's
  action, affirmatively ("we don't collect your name, but your email").

This module knows no words: the events are classified from ``statements.yaml``
by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .frozen_init import direct_init

EventKind = Literal[
    "action",
    "negation",
    "object_negation",
    "breaker",
    "exception",
    "source",
    "inbound",
    "user_recipient",
    "comma",
    "subject",
    "third_party_actor",
    "share_target",
    "consent",
    "conditional",
    "limiter",
    "mention",
]

DEFAULT_ACTION = "collect"
"""What a negated object denies when the sentence names no action ("no location data")."""


@direct_init  # some thousands per reading: see frozen_init
@dataclass(frozen=True)
class Event:
    """One cue or mention of a sentence, at a token position."""

    kind: EventKind
    index: int
    """Token index of the first token."""
    action: str | None = None
    ref: object = None
    """For ``mention``: the caller's mention object, handed back in segments."""
    names_data: bool = False
    """For ``mention``: the mention names data (not only a party)."""
    processor: bool = False
    """For ``third_party_actor``: named right after "through"/"via": it processes the data."""
    verb_follows: bool = False
    """For ``subject``: an action or negation follows within a few tokens ("we do collect"),
    so the subject starts a new statement rather than being a possessive ("our partners")."""
    before_verb: bool = False
    """For ``negation``: the negation of a verb, in a language that puts the verb
    before its object ("does NOT collect your name"). Data named before any verb
    then starts a clause of its own ("does not require registration the device id
    ... is used"), which the negation does not reach. Not so in Chinese, whose
    将/把 construction puts the object first (我们不会将您的信息提供给第三方)."""


@dataclass
class Segment:
    """A stretch of one clause with one polarity."""

    mentions: list[object] = field(default_factory=list)
    names_data: bool = False
    """One of the mentions names data (not only a party)."""
    own_actions: list[str] = field(default_factory=list)
    negated: bool = False
    negation_index: int | None = None
    """Token index of the negation that opened the segment."""
    object_negation: bool = False
    """Opened by a negation of the object ("no location data", "without") rather than of a verb."""
    awaits_verb: bool = False
    """Opened by a negation whose verb must come before the data it denies (see
    ``Event.before_verb``), and no verb has come yet."""
    mentions_before_negation: list[object] = field(default_factory=list)
    affirmed: frozenset[str] = frozenset()
    denied: frozenset[str] = frozenset()
    needs_context: bool = False
    """Affirmed but with no action word: the caller fills in the actions from the
    context (a lead-in sentence, the section heading) or defaults to collect."""
    conditional: bool = False
    """A consent-qualified negation turned into an affirmation."""
    third_party: bool = False
    """The clause names a third party as actor or recipient."""
    third_party_subject: bool = False
    """A third party appears before the clause's first action: it is the actor."""


@dataclass
class Clause:
    """Events between two scope breakers; ``opener`` is the breaker that started it."""

    opener: Literal["start", "breaker", "exception"]
    events: list[Event] = field(default_factory=list)


def split_clauses(events: list[Event]) -> list[Clause]:
    """Cut at scope breakers and exceptions; the breakers themselves are dropped."""
    clauses = [Clause("start")]
    for event in events:
        if event.kind in ("breaker", "exception"):
            if clauses[-1].events:
                clauses.append(Clause(event.kind))
            elif event.kind == "exception":
                clauses[-1].opener = "exception"
        else:
            clauses[-1].events.append(event)
    return [c for c in clauses if c.events]


def segment_sentence(events: list[Event]) -> list[Segment]:
    """All segments of a sentence, in order, with their affirmed and denied actions."""
    result: list[Segment] = []
    previous: list[Segment] = []
    previous_actions: tuple[str, ...] = ()
    for clause in split_clauses(events):
        segments = _segment_clause(clause.events)
        _resolve(segments, clause.events, previous_actions)
        if clause.opener == "exception" and any(s.denied for s in previous):
            _carve_exception(previous, segments)
        clause_actions = tuple(a for s in segments for a in (*s.affirmed, *s.denied))
        if clause_actions:
            previous_actions = tuple(dict.fromkeys(clause_actions))
        result += segments
        previous = segments
    return result


def _carve_exception(denials: list[Segment], exception: list[Segment]) -> None:
    """ "... not X except Y": when Y names data, Y alone is affirmed; when Y only
    names a recipient or purpose, the denial of X becomes an affirmation (it
    happens, within the exception)."""
    names_data = any(s.names_data and s.affirmed for s in exception)
    if names_data:
        return
    for segment in denials:
        if segment.denied:
            segment.affirmed, segment.denied = segment.denied, frozenset()
            segment.conditional = True


def _segment_clause(clause: list[Event]) -> list[Segment]:
    segments = [Segment()]
    last_action = max((i for i, e in enumerate(clause) if e.kind == "action"), default=-1)
    for position, event in enumerate(clause):
        current = segments[-1]
        if event.kind in ("negation", "object_negation"):
            if not current.negated and current.own_actions:
                current = Segment()
                segments.append(current)
            if not current.negated:
                current.negated = True
                current.negation_index = event.index
                current.object_negation = event.kind == "object_negation"
                current.awaits_verb = event.before_verb
                current.mentions_before_negation = list(current.mentions)
        elif event.kind in ("subject", "third_party_actor") and event.verb_follows and current.own_actions:
            segments.append(Segment())
        elif event.kind == "action" and event.action is not None:
            current.own_actions.append(event.action)
            current.awaits_verb = False
        elif event.kind == "mention":
            if current.awaits_verb and event.names_data and position < last_action:
                # the negated verb never came before the data, and a verb comes after it: the
                # data is that verb's subject, in a clause of its own ("does not require
                # registration the device id ... is used"). With no verb after it the data is
                # elliptical ("never to your email address") and stays denied.
                current = Segment()
                segments.append(current)
            current.mentions.append(event.ref)
            current.names_data = current.names_data or event.names_data
    return segments


def _outside_conditions(clause: list[Event]) -> list[Event]:
    """The events of a clause that are not inside a condition: from "if"/"when" up
    to the next comma or the subject of the main clause ("if you log in with a
    third-party account, WE obtain ..."), a third party is part of the condition,
    not an actor."""
    kept: list[Event] = []
    in_condition = False
    for event in clause:
        if event.kind == "conditional":
            in_condition = True
        elif event.kind == "comma" or (event.kind == "subject" and event.verb_follows):
            in_condition = False
        if not in_condition:
            kept.append(event)
    return kept


def _third_party_events(clause: list[Event]) -> list[Event]:
    """The events that make the clause a third party's: third parties named as
    actors or recipients, not in a condition, not after a source marker ("we
    receive ... from Facebook"), and none at all when data comes in ("Google
    Sign-In gives us your name")."""
    if any(e.kind == "inbound" for e in clause):
        return []
    first_source = next((e.index for e in clause if e.kind == "source"), None)
    return [
        e
        for e in _outside_conditions(clause)
        if e.kind in ("third_party_actor", "share_target")
        and (first_source is None or e.index < first_source or e.processor)
    ]


def _resolve(segments: list[Segment], clause: list[Event], previous_clause_actions: tuple[str, ...]) -> None:
    consent = any(e.kind == "consent" for e in clause)
    limiters = [e.index for e in clause if e.kind == "limiter"]
    actors = _third_party_events(clause)
    third_party = bool(actors)
    users_only = not third_party and any(e.kind == "user_recipient" for e in clause)
    first_action = next((e.index for e in clause if e.kind == "action"), None)
    third_party_subject = any(
        e.kind == "third_party_actor" and (first_action is None or e.index < first_action) for e in actors
    )
    earlier_actions: tuple[str, ...] = ()
    for segment in segments:
        segment.third_party = third_party
        segment.third_party_subject = third_party_subject
        own = tuple(dict.fromkeys(segment.own_actions))
        if segment.negated:
            fallback = (DEFAULT_ACTION,) if segment.object_negation else ()
            actions = own or earlier_actions or previous_clause_actions or fallback
            if not actions:
                pass  # "linked to an install number, not to your name": denies no action
            elif any(i > (segment.negation_index or 0) for i in limiters) or (
                limiters
                and not segment.mentions_before_negation
                and min(limiters) < (segment.negation_index or 0)
            ):
                pass  # "not in the background", "not for advertising": denies a scope, not the type
            elif consent:
                segment.affirmed = frozenset(actions)
                segment.conditional = True
            else:
                segment.denied = frozenset(actions)
        elif own:
            segment.affirmed = frozenset(own)
        elif earlier_actions or previous_clause_actions:
            # an elliptical clause: "we don't collect your name, but [we collect] your email"
            segment.affirmed = frozenset(earlier_actions or previous_clause_actions)
        else:
            segment.needs_context = True
        if own:
            earlier_actions = own
        if "share" in segment.affirmed and users_only:
            # "share your location with your contacts": other users are no third party
            segment.affirmed = (segment.affirmed - {"share"}) | {"collect"}
