"""The user's settings for ``consistency check``: severities, ignores, extra tables, threshold.

Read from ``consistency.yaml`` (or ``.consistency.yaml``) or from the
``[tool.consistency]`` table of ``pyproject.toml``; with no explicit path, the
current directory is searched in that order and no file at all means the
defaults. The file is untrusted input, so it is validated by a closed pydantic
model: a misspelt key is a :class:`~consistency.errors.ConfigError` naming the
file and the key, never a silently ignored setting (a typo in
``ignore_permissions`` would otherwise quietly change what CI gates on).

Example ``consistency.yaml``::

    fail_on: medium
    severity:
      vague: medium               # every vague finding
      omitted_other_data: low     # one case of one class (see consistency.severity)
    ignore_permissions: [android.permission.READ_PHONE_STATE]
    ignore_sdks: [firebase-analytics]
    ignore_data_types: [app_info.crash_logs]
    mappings: [in-house-tables]   # relative to this file

Inside the pipeline the settings travel as the frozen, picklable
:class:`CheckConfig`, so batch workers receive them explicitly.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ConfigError
from .models import Severity
from .regular_file import read_regular

if TYPE_CHECKING:
    from .config_file import ConfigFile

CONFIG_FILES = ("consistency.yaml", ".consistency.yaml", "pyproject.toml")
"""Looked for in the current directory, in this order, when no path is given."""

_MAX_CONFIG_BYTES = 1 << 20


@dataclass(frozen=True)
class CheckConfig:
    """Settings that change what ``check`` reports and how severe it is."""

    severity: tuple[tuple[str, Severity], ...] = ()
    """Overrides as (rule, severity) pairs, sorted; a rule is a finding class
    (``omitted``) or one case of a class (``omitted_sdk``); see
    :data:`consistency.severity.SEVERITY_RULES`."""
    ignore_permissions: frozenset[str] = frozenset()
    """Permissions whose access is not reported (full names; the file may say
    ``READ_PHONE_STATE`` for ``android.permission.READ_PHONE_STATE``)."""
    ignore_sdks: frozenset[str] = frozenset()
    """SDK ids not reported, neither as SDK findings nor as sources of data types."""
    ignore_data_types: frozenset[str] = frozenset()
    """Data type ids for which no finding is made at all."""
    mappings: tuple[str, ...] = ()
    """Extra mapping-table directories, already resolved against the config file."""
    fail_on: Severity | None = None
    """The CI threshold when ``--fail-on`` is not given."""
    source: str | None = None
    """The file these settings came from, for messages; None for the defaults."""

    def severity_overrides(self) -> dict[str, Severity]:
        return dict(self.severity)


_TOO_DEEP = "the configuration is nested too deeply to be settings"
"""Both parsers recurse once per level of nesting: 100,000 levels in a
hostile file end in RecursionError, which is this one-line refusal, never a crash."""


def load_config(path: str | Path | None = None) -> CheckConfig:
    """Read the settings from ``path`` or, when None, from the current directory.

    Raises ConfigError (file and problem) for an unreadable or invalid file and
    for an explicit path that does not exist.
    """
    if path is None:
        found = _find_config(Path.cwd())
        if found is None:
            return CheckConfig()
        path = found
    path = Path(path)
    raw = _read_settings(path)
    if raw is None:
        return CheckConfig(source=str(path))
    # here, not at the top: most runs find no file, and need not build its pydantic models
    from pydantic import ValidationError

    from .config_file import ConfigFile

    try:
        parsed = ConfigFile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise ConfigError(f"{where}: {first['msg']}", path) from exc
    return _to_config(parsed, path)


def _find_config(directory: Path) -> Path | None:
    for name in CONFIG_FILES:
        candidate = directory / name
        if not candidate.is_file():
            continue
        if name != "pyproject.toml" or _read_settings(candidate) is not None:
            return candidate
    return None


def _read_settings(path: Path) -> dict | None:
    """The raw settings mapping, or None when a pyproject.toml has no
    ``[tool.consistency]`` table (that file exists for other reasons)."""
    try:
        data = read_regular(path, _MAX_CONFIG_BYTES)
    except FileNotFoundError as exc:
        raise ConfigError("configuration file not found", path) from exc
    except OSError as exc:
        raise ConfigError(f"cannot read the configuration: {exc.strerror or exc}", path) from exc
    if len(data) > _MAX_CONFIG_BYTES:
        raise ConfigError("configuration file is larger than 1 MiB", path)
    if path.suffix == ".toml":
        return _toml_settings(path, data)
    import yaml  # here: most runs find no consistency.yaml, and check need not import YAML

    try:
        doc = yaml.safe_load(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError("configuration is not UTF-8 text", path) from exc
    except RecursionError as exc:
        raise ConfigError(_TOO_DEEP, path) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or exc
        if "nesting depth" in str(problem):
            raise ConfigError(_TOO_DEEP, path) from exc
        raise ConfigError(f"{line}malformed YAML: {problem}", path) from exc
    if doc is None:
        return {}
    if not isinstance(doc, dict):
        raise ConfigError("the configuration must be a mapping of settings", path)
    return doc


def _toml_settings(path: Path, data: bytes) -> dict | None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"malformed TOML: {exc}", path) from exc
    except RecursionError as exc:
        raise ConfigError(_TOO_DEEP, path) from exc
    section = doc.get("tool", {}).get("consistency")
    if section is None:
        return None
    if not isinstance(section, dict):
        raise ConfigError("[tool.consistency] must be a table", path)
    return section


def _to_config(parsed: ConfigFile, path: Path) -> CheckConfig:
    base = path.resolve().parent
    overrides = {rule: value for rule, value in parsed.severity.model_dump().items() if value is not None}
    return CheckConfig(
        severity=tuple(sorted(overrides.items())),
        ignore_permissions=frozenset(_full_permission_name(p) for p in parsed.ignore_permissions),
        ignore_sdks=frozenset(parsed.ignore_sdks),
        ignore_data_types=frozenset(parsed.ignore_data_types),
        mappings=tuple(str(base / d) for d in parsed.mappings),
        fail_on=parsed.fail_on,
        source=str(path),
    )


def _full_permission_name(name: str) -> str:
    """Accept ``READ_PHONE_STATE`` for ``android.permission.READ_PHONE_STATE``:
    platform permissions are what people ignore, and they write them short."""
    return name if "." in name else f"android.permission.{name}"
