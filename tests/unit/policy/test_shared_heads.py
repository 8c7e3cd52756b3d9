"""SDK names that share one head across a list of vendors ("Huawei, Xiaomi, OPPO
and vivo push SDKs"): each vendor the tables list with that head is named."""

from __future__ import annotations

import pytest

from tests.helpers.policy_docs import read


def _named_sdks(*units: str) -> set[str]:
    return {p.id for p in read(*units).parties if p.kind == "sdk"}


PUSH = {"huawei-push", "xiaomi-push", "oppo-push", "vivo-push"}


@pytest.mark.parametrize(
    "sentence",
    [
        "We use the Huawei, Xiaomi, OPPO and vivo push SDKs to deliver notifications.",
        "我们接入了华为、小米、OPPO和vivo推送SDK，用于发送通知。",
    ],
)
def test_every_vendor_of_the_list_is_named_with_the_shared_head(sentence):
    assert _named_sdks(sentence) >= PUSH


def test_a_head_that_fits_only_the_last_vendor_is_not_shared():
    # "Sentry Analytics" names nothing, so "Google Analytics" keeps its head to itself
    # and "Sentry" stays the one SDK its own name gives
    assert _named_sdks("We use Sentry and Google Analytics.") == _named_sdks("We use Sentry.") | _named_sdks(
        "We use Google Analytics."
    )


def test_vendors_the_tables_do_not_list_with_the_head_are_not_named():
    assert _named_sdks("We work with Apple, Google and vivo push to deliver notifications.") == {"vivo-push"}
