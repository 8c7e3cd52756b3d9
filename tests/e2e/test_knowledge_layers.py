"""One process, two sets of tables: ``check`` called with and without a user's
``--mappings`` layer gives independent results, in either order, because each
call's knowledge object carries its own compiled matcher and lexicon and no
module keeps anything between calls."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from consistency import check
from tests.helpers.paths import SAMPLES
from tests.helpers.tables import sdk

WALKIE = (SAMPLES / "walkie" / "walkie.apk", SAMPLES / "walkie" / "policy.md")
pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not WALKIE[0].is_file(), reason="samples are not built")]


def _in_house_layer(directory: Path) -> Path:
    """A user's table that claims the app's own package as an in-house analytics SDK."""
    directory.mkdir()
    entry = sdk(
        "in-house-telemetry", classes=["org.example.walkie"], data_types=["app_activity.interactions"]
    )
    (directory / "sdks.yaml").write_text(yaml.safe_dump({"sdks": [entry]}), encoding="utf-8")
    return directory


def _sdk_findings(result) -> set[str]:
    return {f.subject for f in result.findings if f.subject_type == "sdk"}


def test_check_twice_with_different_layers_gives_independent_results(tmp_path: Path) -> None:
    layer = _in_house_layer(tmp_path / "inhouse")
    plain_first = check(*WALKIE)
    layered = check(*WALKIE, extra_mappings=[layer])
    plain_again = check(*WALKIE)

    assert "in-house-telemetry" in {hit.sdk_id for hit in layered.profile.sdks}
    assert "in-house-telemetry" not in {hit.sdk_id for hit in plain_first.profile.sdks}
    assert "in-house-telemetry" in _sdk_findings(layered)
    assert layered.profile.mappings_digest != plain_first.profile.mappings_digest
    # the plain call after the layered one is untouched by it
    assert plain_again.findings == plain_first.findings
    assert plain_again.profile.mappings_digest == plain_first.profile.mappings_digest
