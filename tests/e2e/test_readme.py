"""The README's promises, run: its library example and its two set-up commands."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.helpers.paths import REPO

pytestmark = pytest.mark.e2e
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands() -> None:
    first_block = re.search(r"```\n(.*?)```", README, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]


def test_library_example_runs_and_finds_the_contradiction() -> None:
    example = re.search(r"```python\n(.*?)```", README, re.S).group(1)
    run = subprocess.run(
        [sys.executable, "-c", example], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    # rubric rule 5: the app queries the contacts provider (ContactsContract...Phone.CONTENT_URI,
    # a field reference), so the denial is contradicted by a used API: high (denial_contradicted)
    assert any(line.startswith("contradicted high contacts.contacts") for line in lines)
    assert any(line.startswith("omitted medium tencent-bugly") for line in lines)
