"""An APK's ``resources.arsc``, decoded once by androguard and shared by its readers.

Two readers need the table: the app label (a reference resolved for the default
configuration) and the privacy-policy URL finder (every string resource).
Decoding it costs about a second for a large app, so :class:`ArscTable` decodes
it at most once, on first use, and only if someone asks.

androguard's string getter returns XML text built by concatenation (a value
holding ``]]>`` breaks it), so :meth:`ArscTable.strings` reads the decoded
``(name, value)`` pairs it keeps per package and locale. The default
configuration comes first; a name that only exists in a localised folder is
taken from the first locale that has it. A damaged table is noted, never fatal:
the label and the policy URL are for people.
"""

from __future__ import annotations

from typing import Any

from ..errors import ApkReadError
from .zipread import ApkArchive, ApkLimits

RESOURCES = "resources.arsc"
_DEFAULT_LOCALE = "\x00\x00"


class ArscTable:
    """The resource table of one open APK, decoded on first use."""

    def __init__(self, archive: ApkArchive, limits: ApkLimits, notes: list[str]) -> None:
        self._archive = archive
        self._limits = limits
        self._notes = notes
        self._parser: Any = None
        self._tried = False

    @property
    def present(self) -> bool:
        return RESOURCES in self._archive

    def parser(self) -> Any:
        """androguard's ``ARSCParser`` over the table; raises what it raises on damage
        (callers note it), ApkReadError from the bounded reader (callers pass it on)."""
        if self._parser is None:
            from .axml_resources import preload_public_resources

            preload_public_resources()
            from androguard.core.axml import ARSCParser

            self._parser = ARSCParser(self._archive.read(RESOURCES, self._limits))
        return self._parser

    def strings(self) -> tuple[tuple[str, str], ...]:
        """``(name, value)`` of every string resource, default configuration first."""
        if not self.present:
            return ()
        found: dict[str, str] = {}
        try:
            parser = self.parser()
            parser._analyse()  # fills parser.values: {package: {locale: {"string": [[name, value]]}}}
            for package in parser.get_packages_names():
                locales = parser.values.get(package, {})
                for locale in sorted(locales, key=lambda loc: loc != _DEFAULT_LOCALE):
                    for pair in locales[locale].get("string", ()):
                        name, value = pair[0], pair[1]
                        if isinstance(name, str) and isinstance(value, str):
                            found.setdefault(name, value)
        except ApkReadError:
            raise
        except Exception as exc:  # androguard raises anything on a damaged table
            self._notes.append(f"string resources not read: {type(exc).__name__}")
        return tuple(found.items())
