"""Facts of the real corpus APKs, read once per test session.

Several corpus tests look at every APK; reading each once (about 4 s for all 49)
instead of once per test keeps the suite fast. The cache holds immutable
ApkFacts, so sharing them between tests cannot leak state.
"""

from __future__ import annotations

from functools import cache

from .paths import CORPUS_APKS


@cache
def corpus_facts(name: str):
    """ApkFacts of ``../shared/corpus/apks/<name>``."""
    from consistency.apk.facts import read_apk_facts

    return read_apk_facts(CORPUS_APKS / name)
