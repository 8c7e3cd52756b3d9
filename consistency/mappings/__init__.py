"""The mapping tables (``mappings/*.yaml``) as one frozen knowledge object.

One module per job:

* :mod:`.schema`, :mod:`.statements_schema`: closed pydantic models of every table;
* :mod:`.yaml_reader`: a bounded YAML reader that keeps the line of every node;
* :mod:`.cache`: the on-disk cache of parsed files, keyed by content hash;
* :mod:`.knowledge_cache`: the finished object on disk, keyed by the tables' bytes and the code;
* :mod:`.layers`: one file read as a layer, and the layers of a table merged in order;
* :mod:`.cross_check`: references between entries and tables;
* :mod:`.load`: find the directories, build and check everything, return a :class:`Mappings`;
* :mod:`.knowledge`: :class:`Mappings`, the tables with their indexes, compiled SDK
  matcher, compiled policy lexicon and digest, handed explicitly to every stage.

Importing this package imports only the loader; the compiled forms import their
stages (``consistency.apk``, ``consistency.policy``) when first used.
"""

from __future__ import annotations

from typing import Any

from .knowledge import Mappings
from .load import builtin_mappings_dir, check_mappings, load_mappings, resolve_mappings
from .problems import Problem

__all__ = [
    "TABLE_FILES",
    "Mappings",
    "Problem",
    "builtin_mappings_dir",
    "check_mappings",
    "load_mappings",
    "resolve_mappings",
]


def __getattr__(name: str) -> Any:
    """``TABLE_FILES`` on first use: it lives with the layer models, which a load
    served by the knowledge cache never imports."""
    if name == "TABLE_FILES":
        from .layers import TABLE_FILES

        return TABLE_FILES
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
