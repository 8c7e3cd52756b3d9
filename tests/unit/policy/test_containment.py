"""Containment: data put inside an artefact takes what the policy does with the artefact."""

from __future__ import annotations

import pytest

from consistency.compare import compare
from consistency.config import CheckConfig
from consistency.policy import read_policy
from consistency.policy.extract.containment import find_containers
from tests.factories import app_profile, permission_source
from tests.helpers.policy_docs import builtin_mappings, document, read, status_of

LINK = "Your heart rate is stored with the workout."


def _containers(*units):
    mappings = builtin_mappings()
    return find_containers(document(*units), mappings.lexicon, mappings)


def test_sharing_the_container_shares_what_it_holds_with_both_sentences_as_evidence():
    share = "We share your workouts with our partners."
    reading = read(LINK, "Nothing else here.", share)
    assert status_of(reading, "health.health_info") == "shared"
    (statement,) = [s for s in reading.statements if s.defined_by]
    assert statement.sentence.text == share
    assert [s.text for s in statement.defined_by] == [LINK]
    assert [m.phrase for m in statement.data] == ["heart rate"]


def test_the_share_may_come_first_and_under_a_condition():
    reading = read(
        "If you turn on coaching, we share your diary entries with our partners.",
        "Voice notes are part of your diary entry.",
    )
    assert status_of(reading, "audio.recordings") == "shared"


def test_a_first_party_storage_statement_about_the_container_stays_collection():
    reading = read(LINK, "We keep your workouts for two years on our own servers.")
    assert status_of(reading, "health.health_info") == "collected"


def test_a_denial_of_the_container_denies_no_member():
    reading = read(LINK, "We never share your workouts with advertisers.")
    assert status_of(reading, "health.health_info") == "collected"
    reading = read("Voice notes are part of your diary entry.", "We do not upload your diary entries.")
    assert status_of(reading, "audio.recordings") == "not_mentioned"


def test_a_negated_link_puts_nothing_inside():
    reading = read(
        "Your heart rate is never stored with the workout.", "We share your workouts with our partners."
    )
    assert status_of(reading, "health.health_info") != "shared"
    assert _containers("Your heart rate is not included in the export of your workout.") == []


@pytest.mark.parametrize(
    "use",
    [
        "We share profile information with our partners.",  # a noun after it: another thing
        "We share your Facebook profile with our partners.",  # a name before it: another profile
        "We share your Lumen profile with our partners.",
        "To profile you, we share your answers with our partners.",  # a verb
    ],
)
def test_only_the_same_container_carries_its_members(use):
    reading = read("Your phone number is part of your profile.", use)
    assert status_of(reading, "personal.phone_number") != "shared"


def test_the_plural_names_the_same_container():
    reading = read("Your phone number is part of your profile.", "We share profiles with our partners.")
    assert status_of(reading, "personal.phone_number") == "shared"


def test_a_data_phrase_names_the_container():
    # "medical record" is data of its own, and the container keeps all its words
    (container,) = _containers("Your allergies are part of your medical record.")
    assert container.key == ("medical", "record")
    assert [m.phrase for m in container.members] == ["allergies"]


def test_the_subject_of_the_sentence_is_inside_when_the_link_clause_names_no_data():
    (container,) = _containers(
        "Your GPS position is read each second while a ride runs and is stored with the route."
    )
    assert container.key == ("route",)
    assert [m.phrase for m in container.members] == ["GPS position"]


def test_chinese_containers():
    link = "您的心率会保存在您的运动档案中。"
    assert status_of(read(link), "health.health_info") == "collected"
    reading = read(link, "我们会与合作伙伴共享您的运动档案。")
    assert status_of(reading, "health.health_info") == "shared"


def test_a_table_row_that_shares_the_container_shares_its_members(tmp_path):
    policy = tmp_path / "policy.md"
    policy.write_text(
        "# Privacy\n\nVoice notes you record are part of your diary entry.\n\n"
        "## Who receives data\n\n"
        "| Recipient | What they receive |\n|---|---|\n"
        "| Printing partners | your diary entries |\n",
        encoding="utf-8",
    )
    reading = read_policy(policy, builtin_mappings())
    assert status_of(reading, "audio.recordings") == "shared"


def test_check_discloses_through_the_container_and_shows_the_chain():
    mappings = builtin_mappings()
    share = "We share your workouts with our partners."
    reading = read(LINK, share)
    profile = app_profile({"health.health_info": [permission_source("BODY_SENSORS")]})
    finding = next(
        f for f in compare(profile, reading, mappings, CheckConfig()) if f.subject == "health.health_info"
    )
    # the sharing sentence names no data of its own: it is evidence only through the link
    assert finding.status == "disclosed"
    assert {share, LINK} <= {e.text for e in finding.evidence}


def test_the_link_holds_its_own_subject_not_a_list_further_back():
    link = "We collect your email address, your phone number and any other data included in your profile."
    assert _containers(link) == []  # "any other data": a catch-all adds nothing
    reading = read(link, "We share your profile with our partners.")
    assert status_of(reading, "personal.phone_number") == "collected"
    (container,) = _containers(
        "We ask for your email address. Your nickname and your birthday are part of your profile."
    )
    assert [m.phrase for m in container.members] == ["nickname", "birthday"]


def test_a_heading_that_names_the_container_is_the_topic_of_the_line_under_it():
    link = "Voice notes are part of your diary entry."
    reading = read(
        link, ("heading", "Diary entries"), ("list_item", "Sent to the printing service you pick.")
    )
    assert status_of(reading, "audio.recordings") == "shared"
    (statement,) = [s for s in reading.statements if s.defined_by]
    assert statement.sentence.text == "Diary entries\nSent to the printing service you pick."
    reading = read(link, ("heading", "Diary entries"), ("list_item", "Kept on your phone for a week."))
    assert status_of(reading, "audio.recordings") == "not_mentioned"


def test_a_sentence_that_points_back_at_the_container_reaches_what_it_holds():
    reading = read(
        "Voice notes are part of your diary entry.",
        "You can keep your diary entries in the app.",
        "We share them with our partners.",
    )
    assert status_of(reading, "audio.recordings") == "shared"
    (statement,) = [s for s in reading.statements if s.defined_by]
    assert statement.sentence.text.endswith("We share them with our partners.")
