"""Every phrase of the mapping tables, compiled once into one token trie.

Why a token trie and not one big regular expression: a policy lexicon has
thousands of phrases, and Python's ``re`` tries the alternatives of a pattern
one after another at every position, so a 100 KB policy would cost seconds.
Walking a trie over tokens costs a few dictionary look-ups per token whatever
the size of the lexicon.

Tokens are what make English match on word boundaries and Chinese match as a
substring with the same code: a Latin word is one token, every CJK character is
a token of its own, punctuation is a token, and hyphens are dropped, so
"third-party", "third party" and "第三方 SDK"/"第三方SDK" tokenise alike.
A phrase word ending in ``*`` matches any word starting with it.

Two layers are matched independently, each leftmost-longest (so "precise
location" beats "location" and "not limited to" beats "not"):

* ``mention``: data phrases (data types, categories, broad terms, catch-alls,
  permission names) and party phrases (SDK names, party categories, party
  catch-alls);
* ``cue``: the words of ``statements.yaml`` (actions, negations, subjects...).

A cue lying inside a mention is dropped ("logs" in "crash logs" is data, not
the verb "to log").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, NamedTuple

from ..charmap import CharMap
from .frozen_init import direct_init
from .hanzi import fold_chinese  # issue 12: Traditional forms match Simplified phrases

if TYPE_CHECKING:
    from ...mappings import Mappings
    from ...mappings.statements_schema import StatementsTable

# A Latin (or any non-CJK) word, keeping "n't" contractions whole ("don't"); a single
# CJK character; an apostrophe suffix ("'s"); or one punctuation character.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[^\W{_CJK}]+n't|[^\W{_CJK}]+|[{_CJK}]|'[^\W{_CJK}]+|[^\w\s'\-‐‑–]")
_CJK_TOKEN = re.compile(rf"[{_CJK}]")
_APOSTROPHES = CharMap(str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"}))

Layer = Literal["mention", "cue"]


@dataclass(frozen=True)
class DataEntry:
    """A data phrase: what it names and how specifically."""

    level: Literal["exact", "broad", "catch_all"]
    data_types: tuple[str, ...]
    source: str
    """Where the phrase comes from (``datatype:ID``, ``category:ID``, ``broad:ID``,
    ``catch_all``, ``permission:NAME``): for tests and debugging."""
    via_permission: str | None = None
    generic: bool = False
    """A name over several types that does not spell them out (the category word
    "location", a permission name, not "photos and videos"): in a policy that
    names some of those types specifically, it is read as meaning those."""


@dataclass(frozen=True)
class PartyEntry:
    """A party phrase: an SDK, a party category or a party catch-all."""

    kind: Literal["sdk", "category", "catch_all"]
    id: str
    source: str


@dataclass(frozen=True)
class ExcludedEntry:
    """A longer expression that contains a phrase but names nothing ("contact
    form", "location of our offices"): it wins the longest match and means nothing."""

    source: str


@dataclass(frozen=True)
class CueEntry:
    """A statement cue from ``statements.yaml``."""

    role: str
    """``action``, ``negation``, ``negation_exception``, ``negated_object``,
    ``paired_open``, ``paired_continue``, ``scope_breaker``, ``exception``, ``first_party``,
    ``third_party_actor``, ``anaphoric_subject``, ``share_target``, ``consent_condition``, ``source_marker``, ``inbound_marker``, ``user_recipient``, ``negative_condition``, ``imperative_negation``, ``processor_marker``, ``purpose_marker``, ``conditional``,
    ``non_action``, ``non_statement_section`` or ``definition``."""
    action: str | None = None
    source: str = ""


Entry = DataEntry | PartyEntry | ExcludedEntry | CueEntry


class Token(NamedTuple):
    """One match token. A named tuple rather than a frozen dataclass: a policy has
    tens of thousands of tokens, and a tuple is built at a third of the cost."""

    text: str
    """Lower-cased, apostrophes normalised."""
    start: int
    end: int


@direct_init  # some thousands per reading: see frozen_init
@dataclass(frozen=True)
class Match:
    """One phrase found in a text: character offsets and everything it means."""

    start: int
    end: int
    first_token: int
    last_token: int
    """Index of the token after the match."""
    entries: tuple[Entry, ...]
    roles: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    """The roles of its cue entries, set once by the lexicon: the readers ask "is
    this cue a negation / a verb / ..." of every cue of every sentence, and a set
    look-up spares walking the entries each time (a tenth of a reading)."""

    def names_sdk(self) -> bool:
        """Whether one of its readings is an SDK's name."""
        return any(isinstance(e, PartyEntry) and e.kind == "sdk" for e in self.entries)

    def of(self, kind: type) -> tuple:
        entries = self.entries
        if len(entries) == 1:  # most phrases mean one thing: no new tuple to build
            return entries if isinstance(entries[0], kind) else ()
        return tuple([e for e in entries if isinstance(e, kind)])


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split text into match tokens with absolute character offsets."""
    folded = fold_chinese(_APOSTROPHES.apply(text)).lower()
    # tuple.__new__ builds the named tuple without a call of its Python-level __new__
    # (one token per CJK character: this is most of what tokenising costs)
    make = tuple.__new__
    return [make(Token, (m.group(), m.start() + offset, m.end() + offset)) for m in _TOKEN.finditer(folded)]


def is_cjk(token: Token) -> bool:
    """Whether the token is a CJK character (the tokeniser makes each one a token of its own)."""
    return _CJK_TOKEN.fullmatch(token.text) is not None


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """How a table phrase is matched: the same tokeniser as the text, plus the
    trailing ``*`` of a wildcard word."""
    words: list[str] = []
    for piece in fold_chinese(_APOSTROPHES.apply(phrase)).lower().split():
        wildcard = piece.endswith("*") and len(piece) > 1
        toks = _TOKEN.findall(piece.rstrip("*") if wildcard else piece)  # already folded, as tokenize() does
        if wildcard and toks:
            toks[-1] += "*"
        words += toks
    return tuple(words)


class _Trie:
    """The phrases as a trie whose nodes are numbers: per node, a dict from word to
    child number, and (once frozen) the entries ending there. Why numbers and not
    node objects: dicts of strings to integers are not tracked by Python's garbage
    collector, and a lexicon of node objects was over half of the objects every
    full collection walks, a tenth of a long policy's reading."""

    def __init__(self) -> None:
        self.exact: list[dict[str, int]] = [{}]
        self.wild: list[dict[str, int]] = [{}]
        """Per node: the wildcard stems ("locat" of "locat*") and their children."""
        self.entries: list[dict[str, list[Entry]]] = [{}]
        """Per node, per layer: the entries of the phrases ending there (while adding)."""
        self.wild_lengths: list[tuple[int, ...]] = []
        """Per node: the lengths of its wildcard stems, shortest first (set by ``freeze``)."""
        self.wild_gate: list[frozenset[str] | None] = []
        """Per node: its stems cut to the shortest length; a word whose start is not among
        them starts no stem, so most words cost one look-up instead of one per length."""
        self.mention: list[tuple[Entry, ...]] = []
        self.cue: list[tuple[Entry, ...]] = []
        """Per node: the entries of each layer as a tuple (set by ``freeze``); equal entries
        and equal tuples are one object each, so the collector has few objects to walk."""
        self.mention_roles: list[frozenset[str]] = []
        self.cue_roles: list[frozenset[str]] = []
        """Per node and layer: the roles of its cue entries (``Match.roles``), shared like the tuples."""
        self._entries: dict[Entry, Entry] = {}

    def _child(self, table: list[dict[str, int]], node: int, word: str) -> int:
        child = table[node].get(word)
        if child is None:
            child = table[node][word] = len(self.exact)
            self.exact.append({})
            self.wild.append({})
            self.entries.append({})
        return child

    def add(self, phrase: str, layer: Layer, entry: Entry) -> None:
        words = phrase_tokens(phrase)
        if not words:
            return
        node = 0
        for word in words:
            if word.endswith("*"):
                node = self._child(self.wild, node, word[:-1])
            else:
                node = self._child(self.exact, node, word)
        bucket = self.entries[node].setdefault(layer, [])
        if entry not in bucket:
            bucket.append(self._entries.setdefault(entry, entry))

    def children(self, node: int, word: str) -> list[int]:
        """The nodes one word leads to: its literal child and any wildcard stem it starts with."""
        child = self.exact[node].get(word)
        found = [] if child is None else [child]
        gate = self.wild_gate[node]
        if gate is not None and word[: self.wild_lengths[node][0]] in gate:
            wild = self.wild[node]
            size = len(word)
            for n in self.wild_lengths[node]:
                if n > size:
                    break
                child = wild.get(word[:n])
                if child is not None:
                    found.append(child)
        return found

    def freeze(self) -> None:
        """Precompute what the scan reads at every node (after the last ``add``)."""
        tuples: dict[tuple[Entry, ...], tuple[Entry, ...]] = {}
        role_sets: dict[frozenset[str], frozenset[str]] = {}
        layers = (("mention", self.mention, self.mention_roles), ("cue", self.cue, self.cue_roles))
        for node, wild in enumerate(self.wild):
            lengths = tuple(sorted({len(stem) for stem in wild}))
            self.wild_lengths.append(lengths)
            self.wild_gate.append(frozenset(stem[: lengths[0]] for stem in wild) if lengths else None)
            entries = self.entries[node]
            for layer, per_node, roles_per_node in layers:
                found = tuple(entries.get(layer, ()))
                per_node.append(tuples.setdefault(found, found))
                roles = cue_roles(found)
                roles_per_node.append(role_sets.setdefault(roles, roles))
        self.entries = []
        self._entries = {}


class Lexicon:
    """All policy phrases of one :class:`Mappings`, ready to scan sentences."""

    def __init__(self, trie: _Trie, data_type_ids: tuple[str, ...]) -> None:
        self._trie = trie
        self.data_type_ids = data_type_ids

    def scan(self, text: str, offset: int = 0) -> tuple[list[Token], list[Match], list[Match]]:
        """Tokens, mention matches and cue matches of a text (offsets shifted by ``offset``)."""
        tokens = tokenize(text, offset)
        mentions, cues = self._scan_tokens(tokens)
        if mentions:
            cues = list(_outside(cues, mentions))
        return tokens, mentions, cues

    def _scan_tokens(self, tokens: list[Token]) -> tuple[list[Match], list[Match]]:
        """Leftmost-longest matching, independently per layer (the rule the table
        tests use too): the longest phrase at the first token where one starts.
        A layer whose last match still covers token ``i`` takes nothing starting
        there, so the walk from ``i`` is skipped when both layers are covered."""
        mentions: list[Match] = []
        cues: list[Match] = []
        free_mention = free_cue = 0
        children = self._trie.children
        mention, cue = self._trie.mention, self._trie.cue
        mention_roles, cue_roles_ = self._trie.mention_roles, self._trie.cue_roles
        exact, gates = self._trie.exact, self._trie.wild_gate
        # the first step from the root, inlined: most tokens start no phrase, or only a
        # literal one (a wildcard stem is tried only when the root's gate lets the word by)
        root, root_gate = exact[0], gates[0]
        root_cut = self._trie.wild_lengths[0][0] if root_gate is not None else 0
        words = [t.text for t in tokens]
        count = len(words)
        for i in range(count):
            if i < free_mention and i < free_cue:
                continue
            word = words[i]
            if root_gate is not None and word[:root_cut] in root_gate:
                frontier = children(0, word)
            else:
                child = root.get(word)
                if child is None:
                    continue
                frontier = [child]
            mention_end = cue_end = 0
            mention_nodes: list[int] = []
            cue_nodes: list[int] = []
            j = i + 1
            while frontier:
                if len(frontier) == 1:  # the usual case: one path through the trie, node by node
                    node = frontier[0]
                    while True:
                        if mention[node]:
                            mention_end, mention_nodes = j, [node]
                        if cue[node]:
                            cue_end, cue_nodes = j, [node]
                        if j == count:
                            frontier = []
                            break
                        word = words[j]
                        j += 1
                        if gates[node] is not None:
                            frontier = children(node, word)
                            break
                        node = exact[node].get(word)
                        if node is None:
                            frontier = []
                            break
                    continue
                ending = [node for node in frontier if mention[node]]
                if ending:
                    mention_end, mention_nodes = j, ending
                ending = [node for node in frontier if cue[node]]
                if ending:
                    cue_end, cue_nodes = j, ending
                if j == count:
                    break
                word = words[j]
                frontier = [child for node in frontier for child in children(node, word)]
                j += 1
            if mention_end and i >= free_mention:
                mentions.append(_match(tokens, i, mention_end, mention_nodes, mention, mention_roles))
                free_mention = mention_end
            if cue_end and i >= free_cue:
                cues.append(_match(tokens, i, cue_end, cue_nodes, cue, cue_roles_))
                free_cue = cue_end
        return mentions, cues


def _outside(cues: list[Match], mentions: list[Match]) -> Iterable[Match]:
    """The cues not lying inside a mention (but those kept inside, see below). Both
    lists are in token order and mentions do not overlap, so the only mention that
    can hold a cue is the first one ending after the cue starts: one sweep."""
    k, count = 0, len(mentions)
    for cue in cues:
        while k < count and mentions[k].last_token <= cue.first_token:
            k += 1
        holder = mentions[k] if k < count else None
        if holder is None or holder.first_token > cue.first_token or cue.last_token > holder.last_token:
            yield cue
        elif _kept_inside(cue):
            yield cue


def _match(
    tokens: list[Token],
    first: int,
    end: int,
    nodes: list[int],
    entries: list[tuple[Entry, ...]],
    roles: list[frozenset[str]],
) -> Match:
    """The match of tokens ``first`` to ``end`` (exclusive) with the entries (and their
    roles) of every node in ``nodes``, which all end there (a node's own entries are
    already distinct)."""
    start, stop = tokens[first].start, tokens[end - 1].end
    if len(nodes) == 1:
        return Match(start, stop, first, end, entries[nodes[0]], roles[nodes[0]])
    merged = _dedupe(e for n in nodes for e in entries[n])
    return Match(start, stop, first, end, merged, frozenset().union(*(roles[n] for n in nodes)))


def cue_roles(entries: Iterable[Entry]) -> frozenset[str]:
    """The roles of the cue entries among ``entries`` (what ``Match.roles`` holds)."""
    return frozenset(e.role for e in entries if isinstance(e, CueEntry))


_ROLES_KEPT_INSIDE_MENTIONS = frozenset({"user_recipient", "platform_account"})
"""Cues that still count inside a data phrase: "your contacts" is data AND, after
"share ... with", the people the user shares with."""


def _kept_inside(cue: Match) -> bool:
    return not cue.roles.isdisjoint(_ROLES_KEPT_INSIDE_MENTIONS)


def _dedupe(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    return tuple(dict.fromkeys(entries))


# ------------------------------------------------------------------ compiling


def compile_lexicon(mappings: Mappings) -> Lexicon:
    """Compile the phrases of every table (see the module docstring)."""
    trie = _Trie()
    _add_data_phrases(trie, mappings)
    _add_party_phrases(trie, mappings)
    _add_cues(trie, mappings.statements)
    _prefer_specific_data(trie)
    trie.freeze()
    return Lexicon(trie, mappings.datatype_ids)


def _add_excluded(trie: _Trie, spec: object, source: str) -> None:
    excluded = getattr(spec, "exclude", None)
    if excluded is not None:
        for phrase in excluded.all():
            trie.add(phrase, "mention", ExcludedEntry(source))


def _add_data_phrases(trie: _Trie, mappings: Mappings) -> None:
    tables = mappings.datatypes
    for spec in (*tables.categories, *tables.datatypes, *tables.broad_terms, tables.catch_all):
        _add_excluded(trie, spec, f"exclude:{getattr(spec, 'id', 'catch_all')}")
    by_category: dict[str, list[str]] = {}
    for dt in tables.datatypes:
        by_category.setdefault(dt.category, []).append(dt.id)
        for phrase in dt.phrases.all():
            trie.add(phrase, "mention", DataEntry("exact", (dt.id,), f"datatype:{dt.id}"))
    type_phrases = {dt.id: [phrase_tokens(p) for p in dt.phrases.all()] for dt in tables.datatypes}
    for cat in tables.categories:
        types = tuple(by_category.get(cat.id, ()))
        for phrase in cat.phrases.all():
            words = phrase_tokens(phrase)
            spelled = any(_contains(words, tp) for t in types for tp in type_phrases.get(t, ()))
            entry = DataEntry("exact", types, f"category:{cat.id}", generic=len(types) > 1 and not spelled)
            trie.add(phrase, "mention", entry)
    known = set(mappings.datatype_ids)
    for broad in tables.broad_terms:
        covered: list[str] = []
        for ref in broad.covers:
            covered += [ref] if ref in known else by_category.get(ref, [])
        types = tuple(dict.fromkeys(covered))
        level = "exact" if broad.names_each else "broad"
        for phrase in broad.phrases.all():
            trie.add(phrase, "mention", DataEntry(level, types, f"broad:{broad.id}"))
    for phrase in tables.catch_all.phrases.all():
        trie.add(phrase, "mention", DataEntry("catch_all", (), "catch_all"))
    for perm in mappings.permissions.permissions:
        disclosed = perm.named_data_types
        if not disclosed:
            continue
        for phrase in perm.policy_names.all():
            trie.add(
                phrase,
                "mention",
                DataEntry(
                    "exact",
                    tuple(disclosed),
                    f"permission:{perm.name}",
                    via_permission=perm.name,
                    generic=True,
                ),
            )


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Whether ``part`` occurs as a run of words in ``words``."""
    n = len(part)
    return bool(n) and any(words[i : i + n] == part for i in range(len(words) - n + 1))


def _add_party_phrases(trie: _Trie, mappings: Mappings) -> None:
    for sdk in mappings.sdks.sdks:
        for phrase in sdk.policy_names.all():
            trie.add(phrase, "mention", PartyEntry("sdk", sdk.id, f"sdk:{sdk.id}"))
    for spec in (*mappings.parties.categories, mappings.parties.catch_all):
        _add_excluded(trie, spec, f"exclude:{getattr(spec, 'id', 'party_catch_all')}")
    for cat in mappings.parties.categories:
        for phrase in cat.phrases.all():
            trie.add(phrase, "mention", PartyEntry("category", cat.id, f"party_category:{cat.id}"))
    for phrase in mappings.parties.catch_all.phrases.all():
        trie.add(phrase, "mention", PartyEntry("catch_all", "third_parties", "party_catch_all"))


CUE_ROLES = {  # statements.yaml cue group -> CueEntry.role (the tests run every group's examples)
    "negations": "negation",
    "negation_exceptions": "negation_exception",
    "negated_objects": "negated_object",
    "scope_breakers": "scope_breaker",
    "exceptions": "exception",
    "first_party": "first_party",
    "third_party_actors": "third_party_actor",
    "anaphoric_subjects": "anaphoric_subject",
    "share_targets": "share_target",
    "consent_conditions": "consent_condition",
    "source_markers": "source_marker",
    "inbound_markers": "inbound_marker",
    "user_recipients": "user_recipient",
    "negative_conditions": "negative_condition",
    "imperative_negations": "imperative_negation",
    "processor_markers": "processor_marker",
    "purpose_markers": "purpose_marker",
    "scope_limiters": "scope_limiter",
    "device_destinations": "device_destination",
    "object_references": "object_reference",
    "user_rules": "user_rule",
    "outside_the_app": "outside_the_app",
    "platform_accounts": "platform_account",
    "conditionals": "conditional",
    "non_actions": "non_action",
    "non_statement_sections": "non_statement_section",
    "definition_cues": "definition",
    "definition_links": "definition_link",
}


def _add_cues(trie: _Trie, table: StatementsTable) -> None:
    for spec in table.actions:
        for phrase in spec.phrases.all():
            trie.add(phrase, "cue", CueEntry("action", spec.action, f"action:{spec.action}"))
    for group, role in CUE_ROLES.items():
        spec = getattr(table, group)
        if spec is None:  # an optional group the table does not define
            continue
        for phrase in spec.phrases.all():
            trie.add(phrase, "cue", CueEntry(role, None, f"cue:{role}"))
    for index, pair in enumerate(table.paired_negations):
        for phrase in pair.opener.all():
            trie.add(phrase, "cue", CueEntry("paired_open", None, f"paired:{index}"))
        for phrase in pair.continuer.all():
            trie.add(phrase, "cue", CueEntry("paired_continue", None, f"paired:{index}"))


_LEVEL_RANK = {"exact": 0, "broad": 1, "catch_all": 2}


def _prefer_specific_data(trie: _Trie) -> None:
    """When one phrase is listed at several levels (a category name that is also a
    broad term), keep only its most specific reading: the tables name it
    precisely somewhere, so it is a precise disclosure. A phrase that names
    data is not also an SDK name ("advertising ID" is data, though an SDK
    detector is called after it)."""
    for current in trie.entries:
        mention = current.get("mention")
        if not mention:
            continue
        data = [e for e in mention if isinstance(e, DataEntry)]
        if data and any(isinstance(e, PartyEntry) and e.kind == "sdk" for e in mention):
            # "advertising ID" names data even where an SDK is called after it
            mention = current["mention"] = [
                e for e in mention if not (isinstance(e, PartyEntry) and e.kind == "sdk")
            ]
        if len({e.level for e in data}) > 1:
            best = min(_LEVEL_RANK[e.level] for e in data)
            current["mention"] = [
                e for e in mention if not isinstance(e, DataEntry) or _LEVEL_RANK[e.level] == best
            ]
