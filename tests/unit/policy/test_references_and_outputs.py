"""Two ways a sentence's words reach beyond it, or fall short of collecting:
an object that points back at the data of the sentence before ("we never
share THIS INFORMATION"), and data only written to an output folder of the
user's phone (labelling rule 5: writing is not reading)."""

from __future__ import annotations

import pytest

from tests.helpers.policy_docs import read, status_of


def test_a_denial_whose_object_points_back_denies_the_data_before_it():
    reading = read("We read your calendar to show reminders.", "We never upload it to our servers.")
    assert status_of(reading, "calendar.events") == "collected"  # the affirmation still wins
    (statement,) = [s for s in reading.statements if s.denied]
    assert [m.data_types for m in statement.data] == [("calendar.events",)]
    assert statement.sentence.text.endswith("We never upload it to our servers.")


def test_a_share_whose_object_points_back_shares_the_data_before_it():
    reading = read("We collect your email address at sign-up.", "We share this information with our advertising partners.")
    assert status_of(reading, "personal.email") == "shared"


@pytest.mark.parametrize(
    "second",
    [
        "It is a simple app that we maintain in our spare time.",  # "it" as subject, no verb on data
        "We improve the app every month so that it stays fast.",  # "it" far from the verb, another clause
        "This information will only be collected if the feature needs it.",  # hedges a denial
    ],
)
def test_no_reference_reaches_the_data_before(second):
    reading = read("We do not collect your contact list.", second)
    assert status_of(reading, "contacts.contacts") == "denied"


def test_a_reference_reaches_only_the_sentence_right_before():
    reading = read("We collect your email address.", "Other things happen here.", "We share this information with our advertising partners.")
    assert status_of(reading, "personal.email") == "collected"


def test_saving_a_download_to_the_phone_loses_to_a_denial_of_reading_it():
    reading = read(
        "Files you download are saved in your phone's Downloads folder.", "The app does not upload or scan them."
    )
    assert status_of(reading, "files.files_docs") == "denied"


def test_saving_to_the_gallery_alone_is_still_handling_the_data():
    reading = read("The pictures you edit are saved to your gallery.")
    assert status_of(reading, "media.photos") == "collected"


def test_storing_the_users_own_data_on_the_device_is_not_an_output():
    # "stored on your device" is use of the user's photos (rule 5), and "not uploaded"
    # is a scoped denial that never undoes it (rule 1); only output folders are weak
    reading = read("Your photos are stored on your device.", "We do not upload your photos.")
    assert status_of(reading, "media.photos") == "collected"


def test_chinese_wallpaper_saved_to_the_album_with_a_denial_of_access_is_denied():
    reading = read("您下载的壁纸保存在您手机的相册中，我们无法访问您的相册。")
    assert status_of(reading, "media.photos") == "denied"


@pytest.mark.parametrize(
    "rule",
    [
        "It is prohibited for members to publish the nickname or phone number of another member.",
        "You must not post another person's home address in the forum.",
        "用户不得发布他人的手机号码或住址。",
    ],
)
def test_a_rule_for_users_states_no_practice(rule):
    reading = read(rule)
    assert status_of(reading, "personal.phone_number") == "not_mentioned"
    assert status_of(reading, "personal.address") == "not_mentioned"


def test_the_publishers_own_obligation_is_still_a_practice():
    reading = read("We must share your address with the courier.")
    assert status_of(reading, "personal.address") == "shared"


def _named_sdks(reading) -> set[str]:
    return {p.id for p in reading.parties if p.kind == "sdk"}


def test_a_vendors_name_in_the_users_identifier_names_no_sdk():
    reading = read("If you sign in, we receive your Facebook or Google account ID.")
    assert not {s for s in _named_sdks(reading) if s.startswith("facebook")}
    assert status_of(reading, "personal.user_ids") == "collected"


def test_logging_in_with_a_vendors_account_still_names_its_sdk():
    reading = read("You can log in with your Facebook account.")
    assert {s for s in _named_sdks(reading) if s.startswith("facebook")}


def test_what_happens_outside_the_app_is_no_practice_of_the_publisher():
    reading = read(
        "We collect your approximate location to show the weather near you.",
        "Your carrier may share your location with emergency services; that is outside the app.",
    )
    assert status_of(reading, "location.approximate") == "collected"


def test_an_sdk_named_with_outside_words_still_runs_inside_the_app():
    reading = read("Outside the app's own servers, Google Analytics collects your advertising ID.")
    assert status_of(reading, "device.ids") == "shared"


def test_delivery_information_names_the_recipients_name_address_and_phone():
    reading = read("The courier receives your delivery information to bring the parcel.")
    for data_type in ("personal.name", "personal.address", "personal.phone_number"):
        assert status_of(reading, data_type) == "shared"
