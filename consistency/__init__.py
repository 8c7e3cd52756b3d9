"""consistency: check an Android app against its privacy policy.

The public library API is exactly what this module exports; everything else
(underscore-free submodules included) may change between releases::

    from consistency import InputError, check, render

    try:
        result = check("app.apk", "policy.html")
    except InputError as exc:  # a bad APK, policy, table or config
        raise SystemExit(f"cannot check: {exc}")
    for finding in result.findings:
        print(finding.status, finding.subject, finding.severity)
    print(render(result, "markdown", kind="check"))

The names are imported lazily so ``import consistency`` stays cheap in batch
workers and for ``consistency --help``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = [
    "ApkReadError",
    "BaselineError",
    "CatalogError",
    "CheckResult",
    "ConfigError",
    "ConsistencyError",
    "Finding",
    "InputError",
    "MappingError",
    "Mappings",
    "PolicyReadError",
    "ScanError",
    "__version__",
    "apply_baseline",
    "check",
    "inspect_apk",
    "load_baseline",
    "load_mappings",
    "read_policy",
    "render",
]

if TYPE_CHECKING:  # pragma: no cover
    from .apk import inspect_apk
    from .baseline import apply_baseline, load_baseline
    from .errors import (
        ApkReadError,
        BaselineError,
        CatalogError,
        ConfigError,
        ConsistencyError,
        InputError,
        MappingError,
        PolicyReadError,
        ScanError,
    )
    from .mappings import Mappings, load_mappings
    from .models import CheckResult, Finding
    from .pipeline import check
    from .policy import read_policy
    from .report.interface import render

_ERRORS = (
    "ApkReadError",
    "BaselineError",
    "CatalogError",
    "ConfigError",
    "ConsistencyError",
    "InputError",
    "MappingError",
    "PolicyReadError",
    "ScanError",
)
_LAZY = {
    "inspect_apk": "consistency.apk",
    "read_policy": "consistency.policy",
    "check": "consistency.pipeline",
    "load_mappings": "consistency.mappings",
    "Mappings": "consistency.mappings",
    "apply_baseline": "consistency.baseline",
    "load_baseline": "consistency.baseline",
    "render": "consistency.report.interface",
    "CheckResult": "consistency.models",
    "Finding": "consistency.models",
    **dict.fromkeys(_ERRORS, "consistency.errors"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'consistency' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
