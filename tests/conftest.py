"""Suite-wide test settings.

``CONSISTENCY_FUZZ_EXAMPLES`` (an int) sets how many examples every Hypothesis
property test without its own ``max_examples`` tries: ``make fuzz`` raises it,
``make test`` keeps Hypothesis' small default."""

from __future__ import annotations

import os

from hypothesis import settings

FUZZ_EXAMPLES_ENV = "CONSISTENCY_FUZZ_EXAMPLES"

if os.environ.get(FUZZ_EXAMPLES_ENV, "").strip():
    settings.register_profile("fuzz-budget", max_examples=int(os.environ[FUZZ_EXAMPLES_ENV]), deadline=None)
    settings.load_profile("fuzz-budget")
