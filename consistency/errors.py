"""Every error `consistency` raises on purpose, in one place.

The tree separates *bad input* (the user's APK, policy, table, baseline or
catalog cannot be used: exit code 2, and in a batch scan the item is recorded
as failed and the scan goes on) from bugs (anything else: the CLI still exits
2, never 1, so CI never reads a crash as "findings", and prints the traceback
only under ``--debug``).

Every deliberate rejection of bad input is an :class:`InputError`, so the CLI,
the batch runner and the fuzz tests can all tell a refusal from a crash by
type alone, never by matching message text.
"""

from __future__ import annotations

from pathlib import Path


class ConsistencyError(Exception):
    """Base of every error raised on purpose by this package."""


class InputError(ConsistencyError):
    """Some input cannot be used. The message is one line, meant for a person,
    and names the file and the problem."""

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.reason = message
        super().__init__(f"{self.path}: {message}" if self.path else message)


class ApkReadError(InputError):
    """The APK is not a usable Android package: not a zip, truncated, encrypted,
    a zip bomb, no or corrupt manifest, or a DEX file with impossible tables."""


class PolicyReadError(InputError):
    """The privacy policy is empty, binary, too large, has no extractable text,
    or is in a format or encoding that cannot be read."""


class MappingError(InputError):
    """A mapping table is malformed or inconsistent. Carries file and line so
    ``consistency mappings check`` can print ``file:line: message``."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None) -> None:
        self.line = line
        where = f"{path}:{line}" if path is not None and line is not None else path
        super().__init__(message, where)


class BaselineError(InputError):
    """A baseline file is unreadable, of an unknown version, or malformed."""


class ConfigError(InputError):
    """The configuration (``consistency.yaml`` or ``[tool.consistency]``) is invalid."""


class CatalogError(InputError):
    """A batch catalog (directory or manifest) cannot be read."""


class ScanError(ConsistencyError):
    """A problem with a scan as a whole (the store cannot be opened, the Dask
    scheduler cannot be reached): unlike an item's InputError, this stops it."""


class FetchError(InputError):
    """A policy URL cannot be fetched: not http(s), a private address without
    permission, too large, too slow, too many redirects, or an HTTP error."""


class DataSafetyFormError(InputError):
    """A Data safety form (Play Console's CSV) cannot be read: wrong header, an
    unknown question or response id, a duplicate row, a value that is not TRUE,
    FALSE or blank, or bytes in an encoding Play Console and spreadsheets do not
    produce. The message names the row."""
