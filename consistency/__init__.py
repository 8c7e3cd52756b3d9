"""consistency: check an Android app against its privacy policy.

The public library API is exactly what this module exports; everything else
(underscore-free submodules included) may change between releases::

    from consistency import load_mappings, inspect_apk, read_policy, check

    tables = load_mappings()
    result = check("app.apk", "policy.html", tables)
    for finding in result.findings:
        print(finding.status, finding.subject, finding.severity)

The names are imported lazily so ``import consistency`` stays cheap in batch
workers and for ``consistency --help``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "check", "inspect_apk", "load_mappings", "read_policy"]

if TYPE_CHECKING:  # pragma: no cover
    from .apk import inspect_apk
    from .mappings import load_mappings
    from .pipeline import check
    from .policy import read_policy

_LAZY = {
    "inspect_apk": ("consistency.apk", "inspect_apk"),
    "read_policy": ("consistency.policy", "read_policy"),
    "check": ("consistency.pipeline", "check"),
    "load_mappings": ("consistency.mappings", "load_mappings"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'consistency' has no attribute {name!r}")
