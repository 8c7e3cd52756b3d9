"""The shape of ``mappings/statements.yaml``: the cues that tell what a sentence
*does* with the data it names (collect, share, sell, retain), whether it denies
it, and who does it.

Closed pydantic models like the other tables (``consistency.mappings.schema``):
a misspelt key is an error. Every cue group carries its meaning in
``description`` and test sentences in ``examples`` (run through the real
matcher by ``tests/mappings/test_phrase_examples.py``), so what a cue is for is
written next to the cue, not in Python.

Phrase syntax (shared by every cue): matching is case-insensitive; English
phrases match on word boundaries, and a word ending in ``*`` matches any word
that starts with it (``collect*`` covers collects, collected, collecting,
collection); Chinese phrases match as substrings.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from .schema import TABLES_SCHEMA_VERSION, Examples, Phrases

ActionName = Literal["collect", "share", "sell", "retain"]


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CueSpec(_Closed):
    """A group of phrases that signal one thing."""

    description: str
    """What a match means, for the people who edit the table."""
    phrases: Phrases
    examples: Examples = Examples()
    """``match``: sentences that contain one of the phrases; ``no_match``: near misses."""


class ActionCueSpec(CueSpec):
    """Verbs (and nouns) that state an action on data."""

    action: ActionName


class PairedNegationSpec(_Closed):
    """Negation spread over two words ("neither ... nor", "not ... or"): the first
    opens the scope, the second continues it over the next item of a list."""

    description: str
    opener: Phrases
    continuer: Phrases
    examples: Examples = Examples()


class EverythingDenialSpec(_Closed):
    """Sentences that deny collecting or sharing anything at all ("we do not collect
    any personal information"): a denying sentence containing one of ``phrases``
    and none of ``exclude`` (exceptions, children, cookies: scopes that make it a
    partial denial). Read by the review rubric (``consistency.rubric``)."""

    description: str
    phrases: Phrases
    exclude: Phrases = Phrases()
    examples: Examples = Examples()
    """``match``: denials of everything; ``no_match``: partial denials."""


class LanguageSpec(_Closed):
    """One language a policy may be written in (see ``consistency.policy.language``)."""

    id: str
    name: str
    covered: bool
    """The phrase tables have phrases in this language: a policy in it can be read."""
    script: str
    """First word of the Unicode character names of its letters (LATIN, CYRILLIC, CJK...)."""
    kana: bool = False
    """Recognised by kana among Han characters (Japanese)."""
    function_words: tuple[str, ...] = ()
    """For Latin-script languages: short words that make up much of any text in the language."""


class LanguageExample(_Closed):
    language: str
    text: str


class LanguagesSpec(_Closed):
    """How the language of a policy is recognised from its text."""

    min_share: float = 0.08
    """Share of a text's words that must be one Latin-script language's function words."""
    min_letters: int = 200
    """Texts with fewer letters are too short to tell: taken as covered."""
    kana_share: float = 0.1
    """Share of kana among Han and kana characters from which a text is Japanese."""
    entries: tuple[LanguageSpec, ...]
    examples: tuple[LanguageExample, ...] = ()


class StatementsTable(_Closed):
    schema_version: int = TABLES_SCHEMA_VERSION
    actions: tuple[ActionCueSpec, ...]
    """Action cues. A sentence with data and an action cue states that action."""
    negations: CueSpec
    """Words that deny the next action verb in the same clause ("do not", "never", 不会)."""
    negation_exceptions: CueSpec
    """Phrases that contain a negation word but deny nothing ("not limited to",
    "whether or not", 不限于). They win over the negation inside them because the
    longest match wins."""
    non_actions: CueSpec
    """Phrases with an action word inside that state no action ("purpose of use",
    "terms of use"): the longest match wins, so they hide the verb."""
    non_statement_sections: CueSpec
    """Headings of sections that define words rather than state practices
    ("Definitions", "Glossary", 释义): nothing in them is a statement."""
    definition_cues: CueSpec
    """Words that make a sentence a definition ("X refers to ...", 是指): it names
    data without saying anything is done with it, so it is no statement."""
    paired_negations: tuple[PairedNegationSpec, ...] = ()
    negated_objects: CueSpec
    """Determiners that deny the action for the data right after them ("no location
    data is collected", "without collecting"): the scope is the object, not a verb."""
    scope_breakers: CueSpec
    """Words that end a negation's scope and start a new clause ("but", "except")."""
    exceptions: CueSpec
    """Scope breakers that carve an exception out of a denial ("we don't share your
    messages with anyone EXCEPT the cloud drive you pick"): the exception affirms
    what the clause before denied, for the data or recipient it names."""
    first_party: CueSpec
    """Subjects meaning the publisher itself ("we", "our app")."""
    third_party_actors: CueSpec
    """Subjects meaning someone else acts on the data ("the SDK collects",
    "partners may collect"): the statement is not first party and implies sharing."""
    anaphoric_subjects: CueSpec
    """Pronouns ("they", "both") that stand for a third party named in the sentence before."""
    share_targets: CueSpec
    """Recipients that make an action a disclosure to others ("with third parties",
    "to advertisers") even without a share verb."""
    consent_conditions: CueSpec
    """"without your consent", "unless you agree", 未经您同意: a negation qualified by
    one of these states what happens WITH consent, so the clause is a conditional
    affirmation, not a denial ("we will not access your contacts without your
    permission" admits the app accesses contacts)."""
    source_markers: CueSpec
    """"from", "receive": a third party named after it is a source of data, not a recipient."""
    inbound_markers: CueSpec
    """"gives us", "provides us with": data comes to the publisher from whoever is named."""
    user_recipients: CueSpec
    """Other users or people the user picks: a share only with them is no third-party share."""
    negative_conditions: CueSpec
    imperative_negations: CueSpec | None = None
    """Negations that open a sentence of advice to the reader ("Do not post your
    address in public chats"): at the start of a sentence they deny nothing."""
    """"if you do not allow ...": the negations of the sentence are consequences for
    the user, not denials of a practice."""
    processor_markers: CueSpec
    """"through", "via": a third party named right after processes the data (a share),
    even after a source marker."""
    purpose_markers: CueSpec
    """"to" before a verb: a purpose ("we use X to track"), so X is not the subject of a new statement."""
    scope_limiters: CueSpec | None = None
    """Narrow scopes ("in the background", "outside a recording", "for advertising"):
    a denial limited by one denies a use, a time or a purpose, not the type, so it
    denies nothing ("we do not use your location for advertising" says nothing of
    whether location is collected)."""
    platform_accounts: CueSpec | None = None
    """Identifier words that make a vendor's name part of the user's identifier
    with that vendor ("your Facebook ACCOUNT ID", "your Steam ID"): such a name
    is no mention of the vendor's SDK."""
    outside_the_app: CueSpec | None = None
    """Words that place the handling outside the app ("that is outside the app and
    not controlled by us"): unless the sentence names an SDK (which runs inside
    the app), it states no practice of the publisher."""
    user_rules: CueSpec | None = None
    """Rules the policy lays down for its users ("it is prohibited for members to
    publish ...", "you must not post ...", 禁止用户): a sentence with one states
    no practice of the publisher, whatever data and verbs it holds."""
    object_references: CueSpec | None = None
    """Objects that point back at the data of the sentence before ("we never share
    THIS INFORMATION", "does not upload THEM", 上述信息): a statement naming no data
    of its own says what it says of that data (``consistency.policy.extract.references``)."""
    device_destinations: CueSpec | None = None
    """Places on the user's own device where an app writes its output (the
    Downloads folder, the photo gallery, 相册): data a sentence only saves there
    ("files you download are saved in your phone's Downloads folder") is written
    for the user, not read, so an explicit denial of collecting the type
    outweighs it (labelling rule 5 of tests/data/policies/README.md)."""
    definition_links: CueSpec | None = None
    """Verbs that tie a defined term to its members ("Account Information includes
    your name and email address", "... may include", "consists of"): the policy
    graph (``consistency.policy.graph``) gives the members what the policy says
    it does with the term elsewhere."""
    defined_term_heads: CueSpec | None = None
    """Single nouns that end a defined term ("information", "data", "details"):
    only a phrase ending in one of them is a term the graph follows."""
    reference_words: CueSpec | None = None
    """Words that make a defined term point back ("THESE details include ...",
    "SUCH information may include ..."): the members belong to what the sentence
    before names with the same noun."""
    bare_reference_words: CueSpec | None = None
    """Words that point back only before a bare head noun ("THE information
    includes ...", "THE data may include ..."): "The Account Data includes" is a
    defined term, "The data includes" the data just named."""
    containment_links: CueSpec | None = None
    """Words that put data inside an artefact ("X is part of your record", "X is
    stored with the workout"), the reverse of a definition: what the policy says
    it does with the artefact elsewhere it says of the data
    (``consistency.policy.extract.containment``). Matched on whole words by that
    reader, not by the lexicon, so "stored" stays a retain verb of the sentence."""
    container_heads: CueSpec | None = None
    """Nouns for artefacts that hold data (record, backup, profile, report): the
    containers a containment link may point at."""
    term_blocking_prefixes: CueSpec | None = None
    """Single words that turn a term into its opposite when written before it
    ("non-personal information" is not "personal information")."""
    conditionals: CueSpec
    """Conditions ("if", "when"): they never negate, and a third party named in the
    condition ("if you log in with a third-party account, we obtain ...") is not
    the recipient of the main clause."""
    denials_of_everything: EverythingDenialSpec | None = None
    """"We collect nothing": see :class:`EverythingDenialSpec`."""
    languages: LanguagesSpec | None = None
    """The languages a policy may be written in, and which of them these tables cover."""
