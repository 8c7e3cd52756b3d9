"""``check`` as a library call: APK + policy + tables -> a :class:`~consistency.models.CheckResult`.

:func:`check` is the library entry point (exported as ``consistency.check``; the
module is named ``pipeline`` so that the submodule never shadows the function on
the package). It reads both inputs first and loads the tables only then (unless
they are given), so a bad APK or policy is reported even when the tables are
broken, the same order ``inspect`` and ``policy`` follow. Thresholds, baselines
and rendering are the caller's: :func:`consistency.apply_baseline`,
:func:`consistency.render`; the CLI composes them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from .config import CheckConfig
from .fetch.client import FetchLimits
from .mappings import Mappings
from .models import AppProfile, CheckResult, PolicyReading, Severity


def check(
    apk: str | Path,
    policy: str | Path,
    mappings: Mappings | Callable[[], Mappings] | None = None,
    config: CheckConfig | None = None,
    *,
    extra_mappings: Sequence[str | Path] = (),
    fail_on: Severity | None = None,
    timestamp: str | None = None,
    fetch_limits: FetchLimits | None = None,
    data_safety: str | Path | None = None,
) -> CheckResult:
    """Check an app (APK, App Bundle or split APK set) against its privacy policy
    (a file, ``-`` or an http(s) URL, fetched within ``fetch_limits``) and, with
    ``data_safety``, against its Data safety form: Play Console's CSV, read as soon
    as the tables are loaded.

    The tables (``mappings``, or a function that loads them; by default the
    built-in tables plus the config's and ``extra_mappings`` directories) are
    loaded only after both inputs were read.
    Raises an InputError subclass for unusable input (APK, policy, tables);
    never exits or prints.
    """
    from .apk.app_file import read_app_facts
    from .apk.profile import build_profile
    from .fetch.policy_source import read_policy_document
    from .mappings import resolve_mappings
    from .policy import interpret_policy

    config = config or CheckConfig()
    facts = read_app_facts(apk)
    document = read_policy_document(policy, fetch_limits)
    mappings = resolve_mappings(mappings, (*config.mappings, *extra_mappings))
    form = None
    if data_safety is not None:  # issue 16: the form is validated against the tables' form table
        from .datasafety.attach import load_form

        form = load_form(data_safety, mappings)
    profile = build_profile(facts, mappings)
    reading = interpret_policy(document, mappings)
    result = build_result(profile, reading, mappings, config, fail_on=fail_on, timestamp=timestamp)
    if form is not None:  # issue 16: the form's side of the diff
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
    workers that time each stage call this)."""
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
