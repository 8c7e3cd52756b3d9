"""Find the app's privacy-policy URL in what it ships: string resources, DEX strings, web assets.

For most apps the policy is a web page, and the link to it is written into the
app (a ``privacy_policy_url`` string, a constant in code, a link in a bundled
web page). Each URL found where a resource name, the URL itself or the words
around it name a privacy policy becomes a candidate with a score; candidates
are ranked so ``inspect`` shows the likeliest first, each with where it was
found. The words and weights are data (``mappings/apk/policy_urls.yaml``).

Everything is read from bytes the bounded zip reader already produced; DEX
strings are found with one regular expression over the DEX file (a DEX string
is stored as plain MUTF-8 ending in a NUL), which costs far less than decoding
the string table.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import MappingError
from ..models import PolicyUrl

if TYPE_CHECKING:
    from .zipread import ApkArchive, ApkLimits

RULES_FILE = Path("apk") / "policy_urls.yaml"
_URL_TEXT = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
_URL_BYTES = re.compile(rb"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]{3,500}")
_TRAILING = ".,;:!?)]}'\""
_ASSET_TEXT = re.compile(r".*\.(html?|js|json|xml|txt|md)", re.IGNORECASE)
_MAX_ASSET_BYTES = 4 << 20
_MAX_ASSETS = 300
_MAX_CANDIDATES = 20


class _Scores(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    resource_name: int
    url: int
    nearby_text: int
    resource: int
    asset: int
    dex: int


class _Example(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = ""
    value: str


class _Examples(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    match: tuple[_Example, ...]
    no_match: tuple[_Example, ...]


class PolicyUrlRules(BaseModel):
    """The validated ``policy_urls.yaml``. Picklable (plain pydantic data)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    schema_version: int
    keywords: tuple[str, ...]
    name_keywords: tuple[str, ...]
    scores: _Scores
    nearby_window: int
    third_party_hosts: tuple[str, ...]
    third_party_penalty: int
    ignored_url_patterns: tuple[str, ...]
    examples: _Examples


def load_policy_url_rules(path: str | Path | None = None) -> PolicyUrlRules:
    """Read and validate the rules (the built-in table unless ``path`` is given)."""
    if path is None:
        from ..mappings import builtin_mappings_dir

        path = builtin_mappings_dir() / RULES_FILE
    from ..mappings.cache import cached

    path = Path(path)
    try:
        raw = path.read_bytes()
        # Parsing the YAML is most of the cost of loading the rules (pure-Python
        # safe_load, on every inspect): served from the parse cache by content hash,
        # so a hit imports no YAML at all. Validation still runs on every load.
        data = cached("policy-urls", hashlib.sha256(raw).hexdigest(), lambda: _parse_yaml(raw))
        rules = PolicyUrlRules.model_validate(data)
        for pattern in (*rules.keywords, *rules.name_keywords, *rules.ignored_url_patterns):
            re.compile(pattern)
    except (OSError, _RulesYamlError, ValidationError, re.error) as exc:
        raise MappingError(f"invalid policy URL rules: {' '.join(str(exc).split())[:200]}", path) from exc
    return rules


class _RulesYamlError(ValueError):
    """The rules file is not readable YAML (PyYAML's own error, carried without importing PyYAML)."""


def _parse_yaml(raw: bytes) -> object:
    import yaml

    try:
        return yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise _RulesYamlError(str(exc)) from exc


@dataclass
class _Candidate:
    score: int
    source: str
    context: str


class PolicyUrlFinder:
    """Collects candidates from every source of one app, then ranks them."""

    def __init__(self, rules: PolicyUrlRules) -> None:
        self.rules = rules
        self._keyword = re.compile("|".join(rules.keywords), re.IGNORECASE)
        self._name_keyword = re.compile("|".join((*rules.keywords, *rules.name_keywords)), re.IGNORECASE)
        self._ignored = (
            re.compile("|".join(rules.ignored_url_patterns)) if rules.ignored_url_patterns else None
        )
        self._hosts = frozenset(host.lower() for host in rules.third_party_hosts)
        self._found: dict[str, _Candidate] = {}

    # -- sources

    def add_strings(self, strings: Iterable, kind: str = "resource") -> None:
        """String resources, as objects with ``name`` and ``value`` (or pairs)."""
        for item in strings:
            name, value = (item.name, item.value) if hasattr(item, "name") else item
            self.add_text(value, f"{kind} string/{name}", name=name, base=self.rules.scores.resource)

    def add_dex(self, entry: str, data: bytes) -> None:
        """Every URL in a DEX file's strings, judged with the rest of its own string."""
        for match in _URL_BYTES.finditer(data):
            low, high = (
                max(0, match.start() - self.rules.nearby_window),
                match.end() + self.rules.nearby_window,
            )
            start = data.rfind(b"\x00", low, match.start())
            start = low if start < 0 else _skip_uleb128(data, start + 1, match.start())
            end = data.find(b"\x00", match.end(), high)
            end = high if end < 0 else end
            text = data[start:end].decode("utf-8", "replace")
            url = match.group().decode("ascii")
            self._judge(url, text, f"dex {entry}", name="", base=self.rules.scores.dex)

    def add_assets(self, archive: ApkArchive, names: Iterable[str], limits: ApkLimits) -> None:
        """Text assets (web pages, scripts) up to a size, read through the bounded reader."""
        taken = 0
        for name in names:
            if taken >= _MAX_ASSETS or not _ASSET_TEXT.fullmatch(name):
                continue
            if archive.declared_size(name) > _MAX_ASSET_BYTES:
                continue
            taken += 1
            text = archive.read(name, limits).decode("utf-8", "replace")
            self.add_text(text, f"asset {name}", base=self.rules.scores.asset)

    def add_text(self, text: str, source: str, *, name: str = "", base: int = 0) -> None:
        """Every URL in ``text``, judged with the words within the window around it."""
        window = self.rules.nearby_window
        for match in _URL_TEXT.finditer(text):
            around = text[max(0, match.start() - window) : match.end() + window]
            self._judge(match.group(), around, source, name=name, base=base)

    # -- ranking

    def _judge(self, url: str, around: str, source: str, *, name: str, base: int) -> None:
        url = url.rstrip(_TRAILING)
        if self._ignored is not None and self._ignored.search(url):
            return
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            return
        if not host or "." not in host:
            return
        scores = self.rules.scores
        named = bool(name and self._name_keyword.search(name))
        in_url = bool(self._keyword.search(url))
        rest = around.replace(url, " ")
        nearby = None if in_url else self._keyword.search(rest)
        if not (named or in_url or nearby):
            return
        score = base + scores.resource_name * named + scores.url * in_url
        reasons = [f"name {name}"] if named else []
        if nearby is not None:
            score += scores.nearby_text
            reasons.append(f"near “{_snippet(rest, nearby.start())}”")
        if host in self._hosts:
            score -= self.rules.third_party_penalty
        if score <= 0:
            return
        best = self._found.get(url)
        if best is None or score > best.score:
            self._found[url] = _Candidate(score, source, "; ".join(reasons))

    def result(self) -> tuple[PolicyUrl, ...]:
        """Candidates, best first (score, then URL), at most a screenful."""
        ranked = sorted(self._found.items(), key=lambda item: (-item[1].score, item[0]))
        return tuple(PolicyUrl(url, c.score, c.source, c.context) for url, c in ranked[:_MAX_CANDIDATES])


def _skip_uleb128(data: bytes, start: int, limit: int) -> int:
    """Past the ULEB128 length that opens a DEX string (after the previous string's NUL)."""
    while start < limit and data[start] & 0x80:
        start += 1
    return min(start + 1, limit)


def _snippet(text: str, at: int) -> str:
    return " ".join(text[max(0, at - 30) : at + 40].split())
