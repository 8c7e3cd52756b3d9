"""Every exit code of the ``consistency`` command, decided here and only here.

* 0: success; for ``check``, nothing at or above ``--fail-on``;
* 1: ``check`` found something at or above ``--fail-on``;
* 2: bad input or usage (one line on stderr, no traceback), and also any
  unexpected error: a crash must never look like "findings" to CI;
* 130: interrupted (Ctrl-C), as shells report SIGINT.

A scan that completes exits 0 even with failed items: they are results,
recorded in the store with their reason.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a hint only: ``consistency --help`` need not import the models
    from .models import CheckResult


class ExitCode(enum.IntEnum):
    OK = 0
    FINDINGS = 1
    ERROR = 2
    INTERRUPTED = 130


def check_exit_code(result: CheckResult) -> ExitCode:
    """1 when a finding (not suppressed by the baseline) is at or above the threshold."""
    from .verdict import summarize

    # issue 16: the verdict counts the Data safety form's findings too
    return ExitCode.FINDINGS if summarize(result).verdict == "fail" else ExitCode.OK
