"""Statement extraction and aggregation with the shipped tables."""

from __future__ import annotations

import pytest

from tests.helpers.policy_docs import read, status_of


def test_every_mention_slices_back_to_its_phrase():
    reading = read(
        "We collect your precise location and your email address.",
        "Our advertising partners may receive your advertising ID.",
    )
    text = reading.document.text
    assert reading.statements
    for statement in reading.statements:
        sentence = statement.sentence
        assert text[sentence.start : sentence.end] == sentence.text
        for mention in (*statement.data, *statement.parties):
            assert sentence.start <= mention.start < mention.end <= sentence.end
            assert text[mention.start : mention.end] == mention.phrase


def test_exact_affirmation_is_collected():
    reading = read("We collect your email address to create your account.")
    assert status_of(reading, "personal.email") == "collected"
    disclosure = reading.data[0]
    assert disclosure.exact and "collect" in disclosure.actions


def test_named_third_party_with_data_is_shared():
    reading = read("We share your email address with advertising partners.")
    assert status_of(reading, "personal.email") == "shared"


def test_third_party_subject_is_not_first_party():
    reading = read("The SDK collects your device identifiers.")
    statement = reading.statements[0]
    assert not statement.first_party and "share" in statement.actions
    assert status_of(reading, "device.ids") == "shared"


def test_broad_term_only_is_vague():
    reading = read("We collect device information.")
    vague = [d for d in reading.data if d.status == "vague"]
    assert vague and all(not d.exact for d in vague)


def test_catch_all_never_makes_a_type_vague():
    reading = read("We collect your personal information and share it with third parties.")
    assert reading.data == ()
    assert reading.catch_all_evidence == reading.statements


def test_specific_beats_broad():
    reading = read("We collect device information.", "We collect your IMEI.")
    disclosure = next(d for d in reading.data if d.data_type == "device.ids")
    assert disclosure.status == "collected" and disclosure.exact


def test_affirmation_beats_denial_and_evidence_lists_affirmations_first():
    reading = read(
        "We do not collect your precise location.", "We collect your precise location when you share it."
    )
    disclosure = next(d for d in reading.data if d.data_type == "location.precise")
    assert disclosure.status in ("collected", "shared")
    assert disclosure.evidence[0].actions and not disclosure.evidence[-1].actions


def test_permission_heading_affirms_collection():
    reading = read(("heading", "Microphone permission"), "Used for voice chat.")
    assert status_of(reading, "audio.recordings") in ("collected", "shared")
    mention = reading.statements[0].data[0]
    assert mention.via_permission == "android.permission.RECORD_AUDIO" and mention.level == "exact"


def test_permission_list_item_affirms_collection():
    reading = read(("list_item", "Location permission: used to show nearby friends"))
    assert status_of(reading, "location.precise") in ("collected", "shared")


def test_list_items_inherit_the_lead_in_denial():
    reading = read(
        "We do not collect the following information:",
        ("list_item", "Your contacts"),
        ("list_item", "Your call log"),
        "We collect your email address.",
    )
    assert status_of(reading, "contacts.contacts") == "denied"
    assert status_of(reading, "calls.call_log") == "denied"
    assert status_of(reading, "personal.email") == "collected"


def test_list_items_inherit_the_heading_share():
    reading = read(
        ("heading", "Information we share with third parties"), ("list_item", "Your email address")
    )
    assert status_of(reading, "personal.email") == "shared"


def test_cue_less_mention_reads_as_collection():
    reading = read(("list_item", "Email address"))
    assert status_of(reading, "personal.email") == "collected"


def test_named_sdk_and_category_become_parties():
    reading = read("We use Firebase Crashlytics and share usage data with analytics providers.")
    kinds = {(p.kind, p.id) for p in reading.parties}
    assert any(k == "sdk" for k, _ in kinds)
    assert any(k == "category" for k, _ in kinds)
    assert not any(p.denied for p in reading.parties)


def test_party_denied_only_when_every_mention_denies():
    reading = read("We do not use Google Analytics.", "Google Analytics helps us count visits.")
    parties = [p for p in reading.parties if p.kind == "sdk"]
    assert parties and not parties[0].denied and len(parties[0].evidence) == 2


def test_data_disclosures_only_for_mentioned_types():
    reading = read("We collect your email address.")
    assert [d.data_type for d in reading.data] == ["personal.email"]


def test_generic_location_takes_the_precision_the_policy_states():
    reading = read(
        "We use your location to find nearby shops.", "We collect your precise location for delivery."
    )
    assert status_of(reading, "location.precise") == "collected"
    assert status_of(reading, "location.approximate") == "not_mentioned"


def test_generic_location_alone_covers_both_precisions():
    reading = read("We use your location to find nearby shops.")
    assert status_of(reading, "location.precise") == "collected"
    assert status_of(reading, "location.approximate") == "collected"


def test_permission_name_discloses_all_its_types_exactly():
    reading = read("Storage permission: used to save the photos you edit.")
    assert status_of(reading, "media.photos") == "collected"
    assert status_of(reading, "files.files_docs") == "collected"
    assert status_of(reading, "audio.music") == "collected"


def test_explicit_denial_of_collection_beats_data_without_a_verb_of_its_own():
    reading = read(
        ("heading", "Your choices"),
        ("list_item", "Contacts, for the emergency-contact picker;"),
        "We never collect or store your contact list.",
    )
    assert status_of(reading, "contacts.contacts") == "denied"


def test_scoped_denial_does_not_beat_data_without_a_verb_of_its_own():
    reading = read(
        ("heading", "Your choices"),
        ("list_item", "Location, for the team map;"),
        "We never sell or share your location.",
    )
    assert status_of(reading, "location.precise") == "collected"


def test_first_party_denial_does_not_undo_what_a_third_party_collects():
    reading = read(
        "We do not collect your contacts.",
        ("heading", "Third-party SDKs"),
        ("list_item", "Firebase Analytics: contacts"),
    )
    assert status_of(reading, "contacts.contacts") == "shared"


def test_specific_denial_beats_an_affirmation_through_a_permission_name():
    reading = read(
        ("heading", "Contacts permission"), ("list_item", "Not applied for. We do not read your contacts.")
    )
    assert status_of(reading, "contacts.contacts") == "denied"


def test_definitions_are_no_statements():
    reading = read("Personal sensitive information refers to information such as your precise location.")
    assert reading.data == ()


def test_sharing_with_other_users_is_no_third_party_share():
    reading = read("You can share your precise location with your friends.")
    assert status_of(reading, "location.precise") == "collected"


def test_receiving_from_a_third_party_is_collection():
    reading = read("If you log in with Facebook, we receive your email address from Facebook.")
    assert status_of(reading, "personal.email") == "collected"


def test_processor_after_through_is_a_share():
    reading = read("If the app crashes we receive a crash report through Firebase Crashlytics.")
    assert status_of(reading, "app_info.crash_logs") == "shared"


def test_a_question_states_nothing_and_its_answer_is_read():
    reading = read(
        "Does the app collect your precise location?",
        "Yes: we collect your email address.",
        "我们会收集您的通讯录吗？",
    )
    assert status_of(reading, "location.precise") == "not_mentioned"
    assert status_of(reading, "contacts.contacts") == "not_mentioned"
    assert status_of(reading, "personal.email") == "collected"


def test_a_question_heading_still_speaks_for_its_list():
    reading = read(("heading", "What information do we collect?"), ("list_item", "Your email address"))
    assert status_of(reading, "personal.email") == "collected"


def test_a_permission_named_by_its_label_discloses_what_the_label_names():
    # READ_PHONE_STATE exposes the phone number on old Android, but its label names the
    # phone's identity; the phone permission group (READ_PHONE_NUMBERS too) names both
    reading = read("The app requests the permission to read phone status and identity.")
    assert status_of(reading, "device.ids") == "collected"
    assert status_of(reading, "personal.phone_number") == "not_mentioned"
    group = read("The app requests the phone permission to verify your number.")
    assert status_of(group, "personal.phone_number") == "collected"


def test_word_senses_that_name_no_user_data():
    reading = read(
        "You can share your playlists with your contacts.",
        "The app periodically contacts our servers to check for updates.",
        "Our servers log Internet Protocol (IP) addresses and browser types.",
        "We will tell you about changes by way of an email.",
        "Our Classroom Edition serves the education sector.",
        "We publish aggregated demographic information about our readers.",
        "Enter the serial number of your licence to unlock the full version.",
    )
    named = {d.data_type for d in reading.data if d.status in ("collected", "shared", "vague")}
    assert not named & {
        "contacts.contacts",
        "personal.address",
        "personal.email",
        "personal.other",
        "device.ids",
    }


def test_a_category_word_in_a_denial_of_sharing_covers_the_types_the_policy_names():
    # "health data" in a sharing denial refers to what the policy collects (health
    # information), not to fitness data it never speaks of
    reading = read("We collect the symptoms you enter.", "We do not share your health data with anyone.")
    assert status_of(reading, "health.health_info") == "collected"
    assert status_of(reading, "health.fitness_info") == "not_mentioned"
    # a denial of collecting the category denies all of it
    both = read("We collect your approximate location.", "We do not collect your location in any other way.")
    assert status_of(both, "location.precise") == "denied"


def test_a_chinese_passive_denial_of_a_word_that_is_its_own_verb():
    # 录音 is "recording" and "to record": "不会被录音" denies recordings, and outweighs
    # the microphone permission named in the list
    reading = read("问诊过程不会被录音。", "麦克风权限：视频问诊")
    assert status_of(reading, "audio.recordings") == "denied"


def test_processed_by_is_a_verb_so_a_new_subject_after_it_starts_a_new_statement():
    # "... are processed by Stripe and we never see the card number": the denial is
    # ours, the processing by Stripe is still stated
    reading = read("Card payments are processed by Stripe and we never see the card number.")
    assert status_of(reading, "financial.payment_info") == "shared"


def test_a_label_line_under_a_heading_takes_the_heading_action_and_prose_does_not():
    reading = read(
        ("heading", "Information we share with partners"),
        "Device identifiers and email address",
        "Photos can show where they were taken.",
    )
    assert status_of(reading, "device.ids") == "shared"
    assert status_of(reading, "personal.email") == "shared"
    assert status_of(reading, "media.photos") == "not_mentioned"


@pytest.mark.parametrize(
    "advice",
    [
        "Do not post your home address in public chats.",
        "If you are under 13, please do not send us your home address.",
        "Please do not include the following in a post: your home address, your birthday.",
        "If you opt out, ads will not be tailored using your home address.",
    ],
)
def test_advice_to_the_reader_and_consequences_of_opting_out_deny_nothing(advice):
    reading = read(("list_item", "Your home address"), advice)
    assert status_of(reading, "personal.address") == "collected"


def test_a_publisher_denial_that_opens_with_a_subject_is_still_a_denial():
    reading = read("We do not post your home address.")
    assert status_of(reading, "personal.address") == "denied"


def test_a_negation_inside_an_aside_stays_inside_it():
    reading = read(
        "We verify new accounts (to be sure you are not a bot) and may ask for your phone number.",
        "We will not (and will not let partners) collect your email address.",
    )
    assert status_of(reading, "personal.phone_number") == "collected"
    assert status_of(reading, "personal.email") == "denied"
