"""Usage errors: exit 2 with click's own message, never reported as an internal error."""

from __future__ import annotations

import pytest

from consistency.cli import main


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["check", "--fail-on", "bogus", "a.apk", "p.txt"], "Invalid value for '--fail-on'"),
        (["inspect"], "Missing argument"),
        (["no-such-command"], "No such command"),
        (["inspect", "x.apk", "--format", "xml"], "Invalid value for '--format'"),
    ],
)
def test_usage_error_exits_2(argv: list[str], says: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert says in err
    assert "internal error" not in err
