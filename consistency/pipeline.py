"""``consistency check``: APK + policy -> findings, as a library call and as the CLI command's body.

:func:`check` is the library entry point (exported as ``consistency.check``; the module is named ``pipeline`` so that the submodule never shadows the function on the package): it reads both
inputs, compares them and returns a :class:`~consistency.models.CheckResult`.
:func:`run_check` is what the ``check`` command calls: it adds what only a run
has (configuration file, threshold, baseline, report format, output file) and
returns the exit code. The threshold and the baseline are applied here, once,
before any reporter sees the result; reporters only render.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path

from .config import CheckConfig, load_config
from .mappings import Mappings
from .models import AppProfile, CheckResult, PolicyReading, Severity


def check(
    apk: str | Path,
    policy: str | Path,
    mappings: Mappings | None = None,
    config: CheckConfig | None = None,
    *,
    fail_on: Severity | None = None,
    timestamp: str | None = None,
    data_safety: str | Path | None = None,
) -> CheckResult:
    """Check an APK against its privacy policy (and, with ``data_safety``, against
    its Data safety form: Play Console's CSV).

    ``mappings`` defaults to the built-in tables plus the config's extra
    directories. Raises an InputError subclass for unusable input (APK, policy,
    tables, form); never exits or prints.
    """
    from .apk import inspect_apk
    from .mappings import load_mappings
    from .policy import read_policy

    config = config or CheckConfig()
    if mappings is None:
        mappings = load_mappings(config.mappings)
    form = None
    if data_safety is not None:  # issue 16: read the form first, so a bad one fails at once
        from .datasafety.attach import load_form

        form = load_form(data_safety, mappings)
    profile = inspect_apk(apk, mappings)
    reading = read_policy(policy, mappings)
    result = build_result(profile, reading, mappings, config, fail_on=fail_on, timestamp=timestamp)
    if form is not None:
        from .datasafety.attach import attach_form

        result = attach_form(result, *form, mappings, config)
    return result


def build_result(
    profile: AppProfile,
    reading: PolicyReading,
    mappings: Mappings,
    config: CheckConfig | None = None,
    *,
    fail_on: Severity | None = None,
    timestamp: str | None = None,
) -> CheckResult:
    """The result for an already inspected APK and an already read policy (batch
    workers that cache either stage call this)."""
    from . import __version__
    from .compare import compare

    config = config or CheckConfig()
    return CheckResult(
        profile=profile,
        policy=reading,
        findings=compare(profile, reading, mappings, config),
        fail_on=fail_on or config.fail_on or "high",
        tool_version=__version__,
        timestamp=timestamp,
    )


def run_check(
    *,
    apk: Path,
    policy: str,
    format: str,
    output: Path | None,
    fail_on: str | None,
    baseline: Path | None,
    write_baseline: Path | None,
    reason: str,
    config_path: Path | None,
    timestamp: bool,
    extra_mappings: Sequence[Path],
    emit: Callable[[str, Path | None], None],
    data_safety: Path | None = None,
) -> int:
    """The ``check`` command: returns 0 (nothing at or above the threshold) or 1.

    Bad input (APK, policy, config, tables, baseline) raises an InputError,
    which the CLI turns into exit code 2. The baseline is read *before* the
    slow work so a typo in its path fails at once.
    """
    from .baseline import accept_findings, apply_baseline, load_baseline, save_baseline
    from .mappings import load_mappings
    from .report.interface import reporter_for
    from .verdict import summarize

    config = load_config(config_path)
    accepted = load_baseline(baseline) if baseline is not None else None
    mappings = load_mappings((*config.mappings, *extra_mappings))
    stamp = datetime.now(timezone.utc).replace(microsecond=0).isoformat() if timestamp else None
    result = check(apk, policy, mappings, config, fail_on=fail_on, timestamp=stamp, data_safety=data_safety)  # type: ignore[arg-type]
    # issue 16: the Data safety form's findings share the baseline (no-ops without a form)
    from .datasafety.baseline import accept_form_findings, apply_form_baseline

    if write_baseline is not None:
        accepted = accept_findings(result.findings, reason, mappings.digest, previous=accepted)
        accepted = accept_form_findings(result, accepted, reason)
        save_baseline(write_baseline, accepted)
    if accepted is not None:
        result = apply_form_baseline(apply_baseline(result, accepted), accepted)
    to_terminal = output is None and sys.stdout.isatty()
    emit(reporter_for(format, color=to_terminal, terminal=to_terminal).render(result), output)
    return summarize(result).exit_code
