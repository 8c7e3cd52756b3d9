"""One example budget for every fuzz target: ``CONSISTENCY_FUZZ_EXAMPLES``.

Every property test under ``tests/fuzz/`` (DEX, zip, manifest, policy readers,
and any format added later) leaves ``max_examples`` unset and so takes it from
the Hypothesis profile loaded here, before any test module is imported (a
``settings(...)`` object inherits what it does not set from the profile
current when it is created). ``make test`` keeps the small default;
``make fuzz`` (``bench/fuzz.py``) runs every target with a budget that adds up
to 100,000 inputs or more. Nothing else is global: the profile only sets how
many examples to try.
"""

from __future__ import annotations

import os

from hypothesis import settings

FUZZ_EXAMPLES_ENV = "CONSISTENCY_FUZZ_EXAMPLES"
DEFAULT_FUZZ_EXAMPLES = 150
"""Per fuzz target in ``make test``: enough to catch a regression, seconds per target."""


def fuzz_examples() -> int:
    """The budget from the environment; a malformed value is an error, not a silent default."""
    value = os.environ.get(FUZZ_EXAMPLES_ENV, "").strip()
    if not value:
        return DEFAULT_FUZZ_EXAMPLES
    examples = int(value)
    if examples < 1:
        raise ValueError(f"{FUZZ_EXAMPLES_ENV} must be a positive number of examples, not {value!r}")
    return examples


settings.register_profile("consistency", max_examples=fuzz_examples())
settings.load_profile("consistency")
