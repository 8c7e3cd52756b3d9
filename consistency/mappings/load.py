"""Find, read, layer, validate and cross-check the tables into one :class:`Mappings`.

The built-in tables ship inside the package (``consistency/_mappings`` in an
installed wheel, the repository's ``mappings/`` in a checkout) and are found
through ``importlib.resources``, never relative to the working directory.

Every problem is collected before anything is raised, so one run of
``consistency mappings check`` lists them all as ``file:line: message``.
Each call reads the files again and gives a fresh object: either the finished
object stored for exactly these files and this code (:mod:`.knowledge_cache`),
or one built here (the YAML parse itself cached by content hash: :mod:`.cache`). The result records a
digest of every table it was built from, so each report and each batch row says
which tables produced it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import MappingError
from ..regular_file import open_regular
from .knowledge import Mappings
from .knowledge_cache import load_knowledge, store_knowledge
from .problems import Problem

if TYPE_CHECKING:
    from pydantic import BaseModel

    from .layers import Layer, Placed

# --- issue 16 (Data safety): tables another module loads and validates itself
# (consistency.datasafety.table); here they are only allowed and hashed into the digest.
COMPANION_FILES = ("datasafety.yaml", "lists.yaml")  # lists.yaml: issue 12 (consistency.policy.lists.cues)


def builtin_mappings_dir() -> Path:
    """Where the shipped tables are: inside the installed package, or the
    repository's ``mappings/`` when running from a checkout (editable install)."""
    packaged = resources.files("consistency") / "_mappings"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parent.parent.parent / "mappings"
    if checkout.is_dir():
        return checkout
    raise MappingError("the built-in mapping tables are missing from this installation")


def load_mappings(extra_dirs: Sequence[str | Path] = (), *, include_builtin: bool = True) -> Mappings:
    """Load, merge and validate the tables. Raises one MappingError naming the
    first problem (``file:line``) and carrying all of them in ``.problems``."""
    directories = _directories(extra_dirs, include_builtin)
    stored = load_knowledge(directories)
    if stored is not None:
        return stored
    mappings, problems = _build(directories)
    if problems or mappings is None:
        first = problems[0]
        more = (
            f" (and {len(problems) - 1} more: run `consistency mappings check`)" if len(problems) > 1 else ""
        )
        error = MappingError(first.message + more, first.path, first.line)
        error.problems = tuple(problems)  # type: ignore[attr-defined]
        raise error
    store_knowledge(directories, mappings)
    return mappings


def check_mappings(extra_dirs: Sequence[str | Path] = (), *, include_builtin: bool = True) -> list[Problem]:
    """Every problem of the tables (built-in plus ``extra_dirs``), in file order;
    empty when they load."""
    return _build(_directories(extra_dirs, include_builtin))[1]


# --------------------------------------------------------------- building


def _directories(extra_dirs: Sequence[str | Path], include_builtin: bool) -> list[Path]:
    if isinstance(extra_dirs, (str, Path)):  # a lone directory is a common slip
        extra_dirs = [extra_dirs]
    return ([builtin_mappings_dir()] if include_builtin else []) + [Path(d) for d in extra_dirs]


def _build(dirs: list[Path]) -> tuple[Mappings | None, list[Problem]]:
    # imported here: a load served by the knowledge cache needs neither YAML nor the layer models
    from pydantic import ValidationError

    from .cross_check import cross_check
    from .layers import TABLE_CLASSES, TABLE_FILES, describe_error, merge_layers, read_layer

    problems: list[Problem] = []
    layers: dict[str, list[Layer]] = {name: [] for name in TABLE_FILES}
    unreadable: set[str] = set()  # tables with a file too broken to validate
    hasher = hashlib.sha256()
    for directory in dirs:
        if not directory.is_dir():
            problems.append(Problem(str(directory), None, "not a directory of mapping tables"))
            continue
        found = False
        for path in sorted(directory.iterdir()):
            if path.suffix not in (".yaml", ".yml") or path.is_dir():
                continue  # a FIFO or device named like a table is read, and refused, below
            if path.name in COMPANION_FILES:  # issue 16: validated by its owner, counted in the digest
                try:
                    with open_regular(path) as handle:
                        companion = handle.read()
                except OSError as exc:
                    problems.append(Problem(str(path), None, f"cannot read: {exc.strerror or exc}"))
                    continue
                hasher.update(path.name.encode() + b"\0" + hashlib.sha256(companion).digest())
                found = True
                continue
            if path.name not in TABLE_FILES:
                problems.append(
                    Problem(str(path), None, f"unknown table file (the tables are {', '.join(TABLE_FILES)})")
                )
                continue
            found = True
            layer = read_layer(str(path), path.name)
            hasher.update(path.name.encode() + b"\0" + layer.sha256)
            problems += layer.problems
            if layer.model is not None:
                layers[path.name].append(layer)
            else:
                unreadable.add(path.name)
        if not found:
            problems.append(
                Problem(str(directory), None, f"no mapping tables here ({', '.join(TABLE_FILES)})")
            )

    tables: dict[str, BaseModel | None] = {}
    merged: dict[str, dict[str, list[Placed]]] = {}
    for name in TABLE_FILES:
        table_cls = TABLE_CLASSES[name]
        if not layers[name]:
            if name not in unreadable:  # else its own problems say why
                where = str(dirs[0]) if dirs else "(no directories)"
                problems.append(Problem(where, None, f"no {name} in any mapping directory"))
            tables[name] = None
            continue
        values, merged[name] = merge_layers(layers[name], problems)
        try:
            tables[name] = table_cls.model_validate(values)
        except ValidationError as exc:
            last = layers[name][-1]
            problems += [
                Problem(last.path, None, f"merged {name}: {describe_error(err)}") for err in exc.errors()
            ]
            tables[name] = None

    problems += cross_check(tables, merged)
    if problems or any(t is None for t in tables.values()):
        return None, problems
    return (
        Mappings(
            datatypes=tables["datatypes.yaml"],  # type: ignore[arg-type]
            permissions=tables["permissions.yaml"],  # type: ignore[arg-type]
            sdks=tables["sdks.yaml"],  # type: ignore[arg-type]
            parties=tables["parties.yaml"],  # type: ignore[arg-type]
            statements=tables["statements.yaml"],
            digest=hasher.hexdigest()[:16],
            directories=tuple(str(d) for d in dirs),
        ),
        [],
    )


def resolve_mappings(
    mappings: Mappings | Callable[[], Mappings] | None, extra_dirs: Sequence[str | Path] = ()
) -> Mappings:
    """The tables a library call uses: given, produced by a loader the caller
    passed (so it can load them after reading its input and keep them for its own
    report), or loaded here (built-in plus ``extra_dirs``)."""
    if mappings is None:
        return load_mappings(extra_dirs)
    if isinstance(mappings, Mappings):
        return mappings
    return mappings()
