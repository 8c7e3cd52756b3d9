"""File-name patterns where ``*`` matches any run of characters, matched in linear time.

A user's mapping table is input too: ``lib*a*a*a*a*a*a*a*.so`` turned into the
regular expression ``lib.*a.*a.*...`` backtracks catastrophically on a long
native-library name (every ``.*`` retries every split). A ``*`` glob needs no
backtracking: the first literal part must start the name, the last must end
it, and each part in between is taken at its leftmost place after the one
before (leftmost is always safe, because ``*`` can absorb whatever lies
between). So matching is a handful of ``str.find`` calls, one per part.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Wildcard:
    """A compiled ``*`` pattern; :meth:`fullmatch` tells whether it matches a whole name."""

    pattern: str
    parts: tuple[str, ...]

    @classmethod
    def compile(cls, pattern: str) -> Wildcard:
        return cls(pattern, tuple(pattern.split("*")))

    def fullmatch(self, name: str) -> bool:
        parts = self.parts
        if len(parts) == 1:
            return name == parts[0]
        first, *middle, last = parts
        if len(name) < len(first) + len(last) or not name.startswith(first) or not name.endswith(last):
            return False
        position, end = len(first), len(name) - len(last)
        for part in middle:
            found = name.find(part, position, end)
            if found < 0:
                return False
            position = found + len(part)
        return True
