"""androguard's table of Android's public resource ids, built fast, before androguard wants it.

Why: ``androguard.core.axml`` (the binary-manifest and resource decoders) imports
``androguard.core.resources.public``, which parses its bundled 190 KB
``public.xml`` with ``xml.dom.minidom`` at import time: about 170 ms of every
fresh process that reads an APK, the largest single item of ``consistency
inspect``'s start-up after the interpreter itself. What the module provides is
two dicts. :func:`preload_public_resources` builds the very same dicts from the
very same file with ElementTree's C parser (a tenth of the time), keeps them in
the parse cache (:mod:`consistency.mappings.cache`, by the file's hash), and
registers them as that module, so androguard's import finds it done.

Only androguard's own data file is read, and nothing changes if anything is
unexpected: without the file, or with one ElementTree cannot read, the function
does nothing and androguard imports its module as before. A test checks the
dicts are equal to the ones androguard builds itself.
"""

from __future__ import annotations

import hashlib
import sys
import types
from pathlib import Path

from ..mappings.cache import cached

MODULE = "androguard.core.resources.public"


def preload_public_resources() -> None:
    """Register androguard's public-resource module, built from its ``public.xml``
    (once per process; a no-op when it is already imported)."""
    if MODULE in sys.modules:
        return
    try:
        import androguard.core.resources as package

        xml = Path(package.__file__).with_name("public.xml")
        raw = xml.read_bytes()
        # parsing the 190 KB file is still most of the cost: the parse cache keeps the dicts
        public = cached("android-public", hashlib.sha256(raw).hexdigest(), lambda: _parse_public(raw))
        resources = {
            kind: {"forward": dict(public[key]), "inverse": {v: k for k, v in public[key].items()}}
            for kind, key in (("attributes", "attr"), ("styles", "style"))
        }
    except (ImportError, OSError, ValueError, KeyError, TypeError, AttributeError, SyntaxError):
        # SyntaxError: ElementTree's ParseError; TypeError, AttributeError: a cache entry of another shape
        return  # androguard's own import builds it (or reports the problem) as before
    module = types.ModuleType(
        MODULE, "androguard's public resource ids (built by consistency.apk.axml_resources)"
    )
    module.__file__ = str(xml.with_name("public.py"))
    module._public_res = public
    module.SYSTEM_RESOURCES = resources
    sys.modules[MODULE] = module
    package.public = module


def _parse_public(raw: bytes) -> dict[str, dict[str, int]]:
    """``{type: {name: id}}`` of every ``<public>`` element, as androguard builds it."""
    from xml.etree import ElementTree

    public: dict[str, dict[str, int]] = {}
    for element in ElementTree.fromstring(raw).iter("public"):
        # minidom's getAttribute gives "" for a missing attribute, as .get(..., "") does
        public.setdefault(element.get("type", ""), {})[element.get("name", "")] = int(
            element.get("id", ""), 16
        )
    return public
