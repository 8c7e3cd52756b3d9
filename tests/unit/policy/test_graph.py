"""The policy graph: a defined term carries its members to the statements about it."""

from __future__ import annotations

import pytest

from consistency.compare import compare
from consistency.config import CheckConfig
from consistency.policy.extract.graph import find_definitions
from consistency.policy.extract.lexicon import tokenize
from tests.factories import app_profile, permission_source
from tests.helpers.policy_docs import builtin_mappings, document, read, status_of

DEFINITION = "Account Details include your phone number and your postal address."


def test_a_definition_alone_states_nothing():
    reading = read(DEFINITION)
    assert status_of(reading, "personal.phone_number") == "not_mentioned"


def test_collecting_a_defined_term_collects_its_members_with_both_sentences_as_evidence():
    reading = read(DEFINITION, "Other things happen here.", "We collect Account Details when you sign up.")
    assert status_of(reading, "personal.phone_number") == "collected"
    assert status_of(reading, "personal.address") == "collected"
    (statement,) = [s for s in reading.statements if s.defined_by]
    assert statement.sentence.text == "We collect Account Details when you sign up."
    assert [s.text for s in statement.defined_by] == [DEFINITION]


def test_the_use_may_come_before_the_definition():
    reading = read(
        "We share Order Data with our delivery partners.", "Order Data consists of your postal address."
    )
    assert status_of(reading, "personal.address") == "shared"


@pytest.mark.parametrize(
    "use",
    [
        "We share non-account details with partners.",  # another term
        "If you object to Account Details being collected, do not sign up.",  # a condition
        "Who do we share Account Details with?",  # a question
        "We delete Account Details after a year.",  # no collection or sharing
        "Account Details are stored on your phone.",  # no publisher as subject
    ],
)
def test_no_statement_about_the_term_reaches_the_members(use):
    reading = read(DEFINITION, use)
    assert status_of(reading, "personal.phone_number") == "not_mentioned"


def test_an_explicit_denial_outweighs_a_member_reached_only_through_a_definition():
    reading = read(DEFINITION, "We collect Account Details.", "We never collect your phone number.")
    assert status_of(reading, "personal.phone_number") == "denied"
    assert status_of(reading, "personal.address") == "collected"


@pytest.mark.parametrize(
    "sentence, term",
    [
        ("Usage Information may include your location.", ("usage", "information")),
        (
            "\u201cRegistration Data\u201d means your email address and your birthday.",
            ("registration", "data"),
        ),
        ("Personal information includes your email address.", ("personal", "information")),
    ],
)
def test_terms_are_found(sentence, term):
    mappings = builtin_mappings()
    (definition,) = find_definitions(document(sentence), mappings.lexicon, mappings)
    assert definition.term == term and definition.members


@pytest.mark.parametrize(
    "sentence",
    [
        "Information may include your location.",  # a bare head noun names no term
        "Your profile includes your email address.",  # no head noun
        "Usage Information does not include your location.",  # negated
        "Non-personal identification information may include your device model.",  # a blocked term
        "Usage Information includes how long you play.",  # no data member
    ],
)
def test_no_definition(sentence):
    mappings = builtin_mappings()
    assert find_definitions(document(sentence), mappings.lexicon, mappings) == []


def test_term_words_come_from_the_tables():
    statements = builtin_mappings().statements
    heads = {p.lower() for p in statements.defined_term_heads.phrases.all()}
    blocking = {p.lower() for p in statements.term_blocking_prefixes.phrases.all()}
    for group, words in (
        (statements.defined_term_heads, heads),
        (statements.term_blocking_prefixes, blocking),
    ):
        for sentence in group.examples.match:
            assert words & {t.text for t in tokenize(sentence)}, sentence
        for sentence in group.examples.no_match:
            assert not words & {t.text for t in tokenize(sentence)}, sentence


def test_check_discloses_through_the_definition_and_shows_the_chain():
    mappings = builtin_mappings()
    reading = read(DEFINITION, "We collect Account Details when you sign up.")
    profile = app_profile({"personal.phone_number": [permission_source("READ_PHONE_NUMBERS")]})
    finding = next(
        f for f in compare(profile, reading, mappings, CheckConfig()) if f.subject == "personal.phone_number"
    )
    assert finding.status == "disclosed"
    assert [e.text for e in finding.evidence][:2] == [
        "We collect Account Details when you sign up.",
        DEFINITION,
    ]


def test_a_reference_takes_the_action_of_the_sentence_before_that_names_its_noun():
    reading = read(
        "To book a trip we collect booking details from you.",
        "These details may include your phone number and postal address.",
    )
    assert status_of(reading, "personal.phone_number") == "collected"
    (statement, *_rest) = [s for s in reading.statements if s.defined_by]
    assert statement.sentence.text.startswith("To book a trip")
    assert statement.defined_by[0].text.startswith("These details")


@pytest.mark.parametrize(
    "before",
    [
        "We may store usage data.",  # another noun
        "If you book a trip, booking details are needed.",  # a condition, no publisher
        "Nothing here.",
    ],
)
def test_a_reference_with_nothing_to_point_at_states_nothing(before):
    reading = read(before, "These details may include your phone number.")
    assert status_of(reading, "personal.phone_number") == "not_mentioned"


def test_a_sentence_that_opens_with_the_term_is_a_definition_and_states_nothing_itself():
    reading = read(
        "Account Details is information that identifies you, such as a phone number kept on your device."
    )
    assert status_of(reading, "personal.phone_number") == "not_mentioned"
    # a sentence that only ends in a definition still states its own practice
    reading = read("We collect Account Details, which include your phone number.")
    assert status_of(reading, "personal.phone_number") == "collected"


def test_a_term_the_policy_both_denies_and_affirms_carries_no_member():
    # boilerplate: the term is denied, defined, then used loosely elsewhere; which
    # members the policy collects its words do not say
    denied = "We do not collect Account Details."
    loose = "We use your Account Details to answer you."
    assert status_of(read(DEFINITION, loose), "personal.phone_number") == "collected"
    both = read(denied, DEFINITION, loose)
    assert status_of(both, "personal.phone_number") == "not_mentioned"
    assert status_of(both, "personal.address") == "not_mentioned"


def test_a_definition_with_also_is_still_a_definition():
    reading = read("Account Details also include the photos stored on your phone.")
    assert status_of(reading, "media.photos") == "not_mentioned"
    assert find_definitions(
        document("Account Details also include your phone number."),
        builtin_mappings().lexicon,
        builtin_mappings(),
    )


@pytest.mark.parametrize(
    "before, reference",
    [
        # the reference word alone, right before the link, after any head noun
        ("We may collect and keep information you give us.", "This may include your phone number."),
        ("We collect information when you order.", "D. This includes your phone number."),
        # "the" points back before a bare head noun
        ("We collect details of your order.", "The details may include your phone number."),
        # a condition in a clause of its own leaves the main clause a plain statement
        (
            "When you link a game account, we collect information through that service.",
            "This information may include your phone number.",
        ),
        # the publisher named by its company name: an active verb before the noun
        (
            "Lumen Games may collect certain information from your profile.",
            "This information may include your phone number.",
        ),
        # "is not limited to" denies nothing
        (
            "We collect personal details.",
            "Such details may include, but are not limited to, your phone number.",
        ),
    ],
)
def test_a_reference_points_back_at_the_data_just_named(before, reference):
    reading = read(before, reference)
    assert status_of(reading, "personal.phone_number") == "collected"


@pytest.mark.parametrize(
    "before, reference",
    [
        ("Nothing here.", "This may include your phone number."),
        # the sentence before states nothing the publisher does
        ("Your phone shows information on its lock screen.", "This may include your phone number."),
        # a condition that runs up to the noun ("if you ..., delete ... our use of your data")
        (
            "If you would like to review, correct or limit our use of your information, write to us.",
            "This information may include your phone number.",
        ),
        # a passive verb after the noun, with no publisher, names no one who collects
        ("Certain information is needed.", "This information may include your phone number."),
        # a longer term after "the" is a defined term, not a reference
        ("We collect information when you order.", "The Order Data includes your phone number."),
    ],
)
def test_a_reference_with_no_statement_behind_it_states_nothing(before, reference):
    reading = read(before, reference)
    assert status_of(reading, "personal.phone_number") == "not_mentioned"


def test_bare_reference_words_come_from_the_tables():
    statements = builtin_mappings().statements
    words = {p.lower() for p in statements.bare_reference_words.phrases.all()}
    definitions = [
        find_definitions(document(s), builtin_mappings().lexicon, builtin_mappings())
        for s in statements.bare_reference_words.examples.match
    ]
    assert all(d and d[0].reference for d in definitions)
    for sentence in statements.bare_reference_words.examples.no_match:
        (definition,) = find_definitions(document(sentence), builtin_mappings().lexicon, builtin_mappings())
        assert not definition.reference and definition.term[0] not in words
