"""Which language a policy is written in, from its text alone.

Why: the phrase tables read English and Chinese. A policy in Russian or
Portuguese names no data type the tables know, so every data type would come
out ``omitted`` and every SDK unnamed: a report full of false alarms about a
policy the tool simply cannot read. Knowing the language lets the check say so
and call those data types ``unknown`` instead.

How: script statistics, then function words. Each letter's Unicode script is
the first word of its character name (LATIN, CYRILLIC, CJK, HIRAGANA...). The
dominant script names the language when one listed language uses it; for Han
characters, kana among them mean Japanese. For Latin script, the language whose
function words (``statements.yaml``, ``languages``) make up the largest share
of the words wins, if that share is high enough. No model, no download, no
guess from the file name; short texts (under ``min_letters``) are not judged.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ...mappings.statements_schema import LanguageSpec, LanguagesSpec
from ...models import PolicyLanguage

UNDETERMINED = "und"

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_KANA = frozenset({"HIRAGANA", "KATAKANA"})


def detect_language(text: str, spec: LanguagesSpec | None) -> PolicyLanguage | None:
    """The policy's language, or None when the tables list no languages or the
    text is too short to tell (then the policy is read as usual)."""
    if spec is None:
        return None
    scripts = _script_counts(text)
    letters = sum(scripts.values())
    if letters < spec.min_letters:
        return None
    han_like = scripts.get("CJK", 0) + sum(scripts.get(k, 0) for k in _KANA)
    script = "CJK" if han_like else ""
    top_script, top_count = scripts.most_common(1)[0]
    # Han characters are whole words: a Chinese policy with Latin SDK names has
    # fewer Han characters than Latin letters, yet is Chinese.
    if not han_like or han_like * 3 < top_count:
        script = top_script
    if script == "CJK":
        kana = sum(scripts.get(k, 0) for k in _KANA)
        return _pick(spec, "CJK", kana=kana / han_like >= spec.kana_share)
    if script == "LATIN":
        return _latin(text, spec)
    return _pick(spec, script, kana=False)


_SAMPLE_CHARS = 60_000
"""Script statistics need a sample, not the whole text: a long policy is read in
an even stride of about this many characters."""


def _script_counts(text: str) -> Counter[str]:
    """Letters per Unicode script (the first word of the character's name), over
    an even sample of the text. Each distinct character is named once."""
    sample = text[:: max(1, len(text) // _SAMPLE_CHARS)]
    letters = Counter(filter(str.isalpha, sample))
    counts: Counter[str] = Counter()
    for ch, n in letters.items():
        try:
            counts[unicodedata.name(ch).split(" ", 1)[0]] += n
        except ValueError:  # unnamed code point
            continue
    return counts


def _pick(spec: LanguagesSpec, script: str, kana: bool) -> PolicyLanguage:
    for lang in spec.entries:
        if lang.script == script and lang.kana == kana:
            return _language(lang)
    return PolicyLanguage(UNDETERMINED, f"a language in {script.title()} script", covered=False)


def _latin(text: str, spec: LanguagesSpec) -> PolicyLanguage:
    words = list(map(str.lower, _WORD.findall(text)))  # in C: this reads every word of the policy
    latin = [lang for lang in spec.entries if lang.script == "LATIN" and lang.function_words]
    if not words or not latin:
        return PolicyLanguage(UNDETERMINED, "a language in Latin script", covered=False)
    counts = Counter(words)
    shares = {lang.id: sum(counts[w] for w in set(lang.function_words)) / len(words) for lang in latin}
    best = max(latin, key=lambda lang: (shares[lang.id], lang.covered))
    if shares[best.id] < spec.min_share:
        return PolicyLanguage(UNDETERMINED, "a language in Latin script", covered=False)
    return _language(best)


def _language(lang: LanguageSpec) -> PolicyLanguage:
    return PolicyLanguage(lang.id, lang.name, lang.covered)
