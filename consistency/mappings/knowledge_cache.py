"""The compiled knowledge object on disk, so a fresh process skips building it.

Why: every ``consistency check`` used to parse, validate and cross-check the
tables and then compile the SDK matcher, the policy lexicon and the list cues:
about 0.3 s of CPU in each run, for tables that rarely change. Here the
finished :class:`~.knowledge.Mappings` (with its compiled forms) is stored once
and read back, which takes a fraction of that and imports neither YAML nor the
layer models. The forms only a policy needs (:data:`POLICY_FORMS`) have an entry
of their own that the object reads on first use, so ``inspect`` never loads them.

The key is the SHA-256 of everything the object is a function of: the path and
bytes of every YAML file in every mapping directory, the source of the modules
that validate and compile the tables (:data:`_COMPILING_MODULES`), and the
Python and pydantic versions, so editing a table or that code, or another
environment sharing the cache directory, gives a new key. Only a load that found no
problem is stored, so a hit can only give back tables that passed validation.
The unpickler accepts the classes of those modules and nothing else (no
function, no other class), so a tampered file cannot run code; an unreadable,
corrupt or foreign entry is a miss. It shares the directory of the parse
cache (:mod:`.cache`) and its switch, ``CONSISTENCY_CACHE_DIR=off``.
"""

from __future__ import annotations

import copy
import hashlib
import pickle
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import VERSION as PYDANTIC_VERSION

from ..regular_file import open_regular
from .cache import cache_dir, read_entry, write_entry

if TYPE_CHECKING:
    from .knowledge import Mappings

_FORMAT = "v1"
"""Bumped whenever what is stored changes shape in a way the source hash misses."""

_COMPILING_MODULES = (
    "consistency.mappings.knowledge",
    "consistency.mappings.schema",
    "consistency.mappings.statements_schema",
    "consistency.mappings.load",
    "consistency.mappings.layers",
    "consistency.mappings.cross_check",
    "consistency.mappings.yaml_reader",
    "consistency.apk.sdk_match",
    "consistency.apk.sdk_confidence",
    "consistency.apk.wildcard",
    "consistency.policy.extract.lexicon",
    "consistency.policy.extract.hanzi",
    "consistency.policy.charmap",
    "consistency.policy.lists.cues",
)
"""The modules that build the object and define every class in it: their source
is part of the key, and only their classes may be unpickled."""


POLICY_FORMS = ("lexicon", "list_cues")
"""The compiled forms only reading a policy needs. They are stored in an entry of
their own, read when first used: ``inspect`` skips unpickling them and importing
the policy modules that define their classes."""


def load_knowledge(directories: Sequence[Path]) -> Mappings | None:
    """The stored object for these directories as they are now, or None."""
    path = _entry(directories)
    if path is None:
        return None
    value = read_entry(path, _KnowledgeUnpickler)
    from .knowledge import Mappings

    if not isinstance(value, Mappings):
        return None
    object.__setattr__(value, "_policy_forms_entry", str(_forms_entry(path)))
    return value


def load_policy_forms(entry: str) -> dict[str, Any] | None:
    """The policy-side forms stored at ``entry`` (:data:`POLICY_FORMS`), or None when
    the entry is missing, corrupt or not what was stored: then they are compiled."""
    forms = read_entry(Path(entry), _KnowledgeUnpickler)
    if not isinstance(forms, dict) or set(forms) != set(POLICY_FORMS):
        return None
    from ..policy.extract.lexicon import Lexicon
    from ..policy.lists.cues import ListCues

    if not isinstance(forms["lexicon"], Lexicon) or not isinstance(forms["list_cues"], ListCues):
        return None
    return forms


def store_knowledge(directories: Sequence[Path], mappings: Mappings) -> None:
    """Store a validated object with its compiled forms, the policy-side ones in an
    entry of their own (written first, so a stored object always finds them). A
    form that fails to compile (a broken ``lists.yaml``) is left to fail where it
    is used, as without the cache, and nothing is stored; a read-only home only
    costs speed."""
    path = _entry(directories)
    if path is None:
        return
    try:
        mappings.compiled()
    except Exception:  # reported where the form is first used, exactly as before
        return
    write_entry(_forms_entry(path), {name: vars(mappings)[name] for name in POLICY_FORMS})
    core = copy.copy(mappings)  # a shallow copy with its own __dict__, minus the policy forms
    for name in POLICY_FORMS:
        del vars(core)[name]
    write_entry(path, core)


def _forms_entry(path: Path) -> Path:
    """The entry of the policy-side forms that belongs with the object stored at ``path``."""
    return path.with_name(path.name.replace("knowledge-", "policy-forms-", 1))


def _entry(directories: Sequence[Path]) -> Path | None:
    """Where the object for these directories is stored; None when caching is
    off or a directory cannot be listed (the full load reports why)."""
    base = cache_dir()
    if base is None:
        return None
    # the interpreter and pydantic (whose model instances are stored) are part of the key too
    hasher = hashlib.sha256(f"{_FORMAT}|{sys.version_info[:2]}|pydantic {PYDANTIC_VERSION}".encode())
    try:
        for module in _COMPILING_MODULES:
            hasher.update(_module_source(module))
        for directory in directories:
            hasher.update(b"\0dir\0" + str(directory).encode())
            for path in sorted(directory.iterdir()):
                if path.suffix in (".yaml", ".yml"):
                    with open_regular(path) as handle:
                        hasher.update(
                            b"\0" + path.name.encode() + b"\0" + hashlib.sha256(handle.read()).digest()
                        )
    except OSError:
        return None
    return base / f"knowledge-{hasher.hexdigest()}.pickle"


def _module_source(module: str) -> bytes:
    """A module's source, found next to this package without importing it."""
    package_root = Path(__file__).resolve().parent.parent
    return (package_root.joinpath(*module.split(".")[1:]).with_suffix(".py")).read_bytes()


class _KnowledgeUnpickler(pickle.Unpickler):
    """Classes of the compiling modules only: no function, no other global."""

    def find_class(self, module: str, name: str) -> Any:
        if module in _COMPILING_MODULES:
            value = super().find_class(module, name)
            if isinstance(value, type):
                return value
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the knowledge cache")
