"""Public tracker lists (the Exodus Privacy list and its copies) read as
plain signatures, and measured against the SDK table.

Keeping the SDK table level with a public tracker list should be one command:
``consistency mappings coverage TRACKERS.json`` lists every tracker the table
would miss. A tracker counts as *covered* when a class under each of its
package signatures is detected as some SDK by the real matcher, exactly as a
class of that name in an APK would be; *partial* when only some are;
*unusable* when the tracker list gives no package signature our matcher can use
(Exodus writes regular expressions, and a few are empty or match anywhere in
a name, like ``.tealium.``).

Accepted layouts (all Exodus's own): ``{"trackers": {"1": {...}}}`` (the API),
``[{"1": {...}}]`` (the copy app stores ship) or ``{"1": {...}}``; each tracker
has ``name`` and ``code_signature`` (``|``-separated, ``\\.`` escapes allowed).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .apk.sdk_match import CompiledSignatures, match_sdks
from .errors import InputError

_PACKAGE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_$][A-Za-z0-9_$]*)+$")
PROBE_CLASS = "ExodusProbe"
"""The class placed under a package signature to test it (a package itself is no class)."""

Status = Literal["covered", "partial", "missing", "unusable"]


@dataclass(frozen=True)
class Tracker:
    """One tracker list entry, reduced to what detection needs."""

    key: str
    """The tracker list's id for it (Exodus tracker number)."""
    name: str
    signatures: tuple[str, ...]
    """Package prefixes or class names our matcher can use."""
    unusable: tuple[str, ...] = ()
    """Signature parts that are no package name (empty, or unanchored like ``.tealium.``)."""


@dataclass(frozen=True)
class TrackerCoverage:
    tracker: Tracker
    status: Status
    sdk_ids: tuple[str, ...]
    """SDKs the tracker's probe classes are detected as."""
    missing: tuple[str, ...]
    """Signatures whose probe class nothing detects."""


def read_tracker_list(path: str | Path) -> tuple[Tracker, ...]:
    """The trackers of a tracker list file, sorted by id. Raises InputError for a
    file that is not such a tracker list."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a JSON tracker list ({exc})") from exc
    entries = _entries(data)
    if entries is None:
        raise InputError(f"{path}: not a tracker list (expected Exodus's {{id: {{name, code_signature}}}})")
    trackers = []
    for key, entry in entries.items():
        if not (isinstance(entry, Mapping) and isinstance(entry.get("name"), str)):
            raise InputError(f"{path}: tracker {key!r} has no name")
        signature = entry.get("code_signature")
        if not isinstance(signature, str):
            raise InputError(f"{path}: tracker {key!r} has no code_signature")
        trackers.append(_tracker(str(key), entry["name"], signature))
    return tuple(sorted(trackers, key=lambda t: (len(t.key), t.key)))


def _entries(data: Any) -> Mapping[str, Any] | None:
    if isinstance(data, Mapping) and isinstance(data.get("trackers"), Mapping):
        return data["trackers"]
    if isinstance(data, list) and len(data) == 1 and isinstance(data[0], Mapping):
        data = data[0]
    if isinstance(data, Mapping) and data and all(isinstance(v, Mapping) for v in data.values()):
        return data
    return None


def _tracker(key: str, name: str, code_signature: str) -> Tracker:
    usable: list[str] = []
    unusable: list[str] = []
    for part in code_signature.replace("\\.", ".").split("|"):
        prefix = part.strip().rstrip(".")
        if not part.startswith(".") and _PACKAGE.match(prefix):
            usable.append(prefix)
        else:
            unusable.append(part)
    return Tracker(key, name.strip(), tuple(dict.fromkeys(usable)), tuple(unusable))


def probe_class(signature: str) -> str:
    """A class name a signature must catch: the signature itself when it names a
    class (its last part is capitalised), else a class directly in the package."""
    last = signature.rpartition(".")[2]
    return signature if last[:1].isupper() else f"{signature}.{PROBE_CLASS}"


def measure_coverage(
    trackers: Iterable[Tracker], compiled: CompiledSignatures
) -> tuple[TrackerCoverage, ...]:
    """How the table fares on each tracker, through the real matcher."""
    results = []
    for tracker in trackers:
        if not tracker.signatures:
            results.append(TrackerCoverage(tracker, "unusable", (), ()))
            continue
        found: set[str] = set()
        missing = []
        for signature in tracker.signatures:
            ids = {hit.sdk_id for hit in match_sdks((probe_class(signature),), (), (), compiled)}
            found |= ids
            if not ids:
                missing.append(signature)
        status: Status = "covered" if not missing else "partial" if found else "missing"
        results.append(TrackerCoverage(tracker, status, tuple(sorted(found)), tuple(missing)))
    return tuple(results)


def coverage_share(results: Iterable[TrackerCoverage]) -> tuple[int, int]:
    """(covered, usable): the figure the project reports and tests."""
    results = [r for r in results if r.status != "unusable"]
    return sum(r.status == "covered" for r in results), len(results)
