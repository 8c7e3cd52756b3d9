"""How sure a detection is, from which kinds of evidence agree.

* **high**: the SDK's own code is there (classes under its names that hold code);
* **medium**: no code under its names, which is what R8 or an obfuscator leaves,
  but things a build keeps by name are: manifest components or meta-data,
  ``META-INF/*.version`` files, native libraries, assets;
* **low**: the only classes under its names are empty stubs (no field, no method
  but a constructor), as some apps ship to satisfy a linker; ``check`` rates
  such an SDK's findings by the review rubric's weak-evidence rule;
* not reported: only supporting evidence (hosts in strings, permissions), which
  any app can show without the SDK (a link to a vendor's site, a common permission).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

PACKAGED_KINDS = ("component", "meta_data", "version_file", "native_lib", "asset")
"""Evidence that names the SDK even when its classes were renamed."""
SUPPORTING_KINDS = ("host", "permission")
"""Evidence that agrees with a detection but never makes one."""

_LABELS = {
    "component": "manifest components",
    "meta_data": "manifest meta-data",
    "version_file": "version files",
    "native_lib": "native libraries",
    "asset": "assets",
    "host": "hosts in the code's strings",
    "permission": "permissions",
}


@dataclass(frozen=True)
class Rating:
    confidence: Literal["high", "medium", "low"]
    note: str | None = None


def rate_detection(counts: Mapping[tuple[str, str], int], stub_classes: int = 0) -> Rating | None:
    """The confidence of one SDK's detection from its evidence counts (keyed by
    (kind, signature)) and how many of its matched classes are stubs; None when
    the evidence cannot report the SDK at all."""
    kinds = {kind for kind, _ in counts}
    classes = sum(n for (kind, _), n in counts.items() if kind == "class")
    agreeing = [_LABELS[k] for k in (*PACKAGED_KINDS, *SUPPORTING_KINDS) if k in kinds]
    if classes > stub_classes:
        return Rating("high")
    packaged = [k for k in PACKAGED_KINDS if k in kinds]
    if packaged:
        why = (
            "no code under the SDK's class names (shrunk or obfuscated)"
            if not classes
            else (f"its {classes} classes are empty stubs")
        )
        return Rating("medium", f"{why}; found by {', '.join(agreeing)}")
    if classes:
        extra = f"; also {', '.join(agreeing)}" if agreeing else ""
        return Rating(
            "low",
            f"only empty stub classes ({classes}, no code) under the SDK's names, as apps ship to satisfy a linker{extra}",
        )
    return None
