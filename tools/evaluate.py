"""Measure how well policy reading matches hand labels (``make eval``).

    python -m tools.evaluate tests/data/policies [--seeds DIR] [--seed-texts DIR]

A labelled policy is ``NAME.{txt,html,md,pdf}`` next to ``NAME.labels.yaml``::

    datatypes: {location.precise: collected, device.ids: vague}   # unlisted: not_mentioned
    sdks: [firebase-analytics]
    third_party_categories: [advertising]

(semantics in ``tests/data/policies/README.md``). Seed labels live in
``tests/data/seeds/<stem>.labels.yaml`` for the real policies in
``../shared/seeds/<stem>.txt``, which are read at run time when present.

Scores are precision, recall and F1 over (policy, data type, status) triples,
where a predicted status counts only if it equals the label and
``not_mentioned`` is the negative class; and over (policy, SDK id) pairs for
named SDKs (an SDK the policy only denies using is not predicted). This module
is a development tool: ``main`` is its only side effect (writing the report).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from consistency.models import PolicyReading

POLICY_SUFFIXES = (".txt", ".html", ".htm", ".md", ".markdown", ".pdf")
NEGATIVE = "not_mentioned"


@dataclass(frozen=True)
class Labels:
    """What a person says the policy states."""

    datatypes: dict[str, str]
    sdks: frozenset[str]
    third_party_categories: frozenset[str]

    @classmethod
    def load(cls, path: Path) -> Labels:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return cls(
            datatypes={str(k): str(v) for k, v in (raw.get("datatypes") or {}).items()},
            sdks=frozenset(raw.get("sdks") or ()),
            third_party_categories=frozenset(raw.get("third_party_categories") or ()),
        )


@dataclass(frozen=True)
class LabelledPolicy:
    name: str
    policy: Path
    labels: Path


@dataclass(frozen=True)
class Error:
    """A wrong triple and the sentence that caused it (or none, for a miss)."""

    policy: str
    kind: str
    """``fp`` or ``fn``."""
    subject: str
    """Data type id or ``sdk:ID``."""
    expected: str
    predicted: str
    sentence: str = ""


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    """Scores of one set of labelled policies."""

    per_type: dict[str, Counts] = field(default_factory=dict)
    datatypes: Counts = field(default_factory=Counts)
    sdks: Counts = field(default_factory=Counts)
    errors: list[Error] = field(default_factory=list)
    policies: int = 0

    def add(self, other: Score) -> None:
        for key, counts in other.per_type.items():
            self.per_type.setdefault(key, Counts()).add(counts)
        self.datatypes.add(other.datatypes)
        self.sdks.add(other.sdks)
        self.errors += other.errors
        self.policies += other.policies


def find_labelled(directory: Path) -> list[LabelledPolicy]:
    """Every policy file in a directory that has a ``.labels.yaml`` beside it."""
    found = []
    for labels in sorted(directory.glob("*.labels.yaml")):
        name = labels.name[: -len(".labels.yaml")]
        policy = next(
            (directory / (name + s) for s in POLICY_SUFFIXES if (directory / (name + s)).is_file()), None
        )
        if policy is not None:
            found.append(LabelledPolicy(name, policy, labels))
    return found


def find_seeds(labels_dir: Path, texts_dir: Path) -> list[LabelledPolicy]:
    """Seed labels whose policy text is present (``texts_dir/<stem>.txt``)."""
    found = []
    for labels in sorted(labels_dir.glob("*.labels.yaml")):
        name = labels.name[: -len(".labels.yaml")]
        policy = next(
            (texts_dir / (name + s) for s in POLICY_SUFFIXES if (texts_dir / (name + s)).is_file()), None
        )
        if policy is not None:
            found.append(LabelledPolicy(name, policy, labels))
    return found


def score_reading(name: str, reading: PolicyReading, labels: Labels) -> Score:
    """Compare one reading with its labels."""
    score = Score(policies=1)
    predicted = {d.data_type: d.status for d in reading.data if d.status != NEGATIVE}
    evidence = {d.data_type: _cause_first(d) for d in reading.data}
    for data_type in sorted(set(predicted) | set(labels.datatypes)):
        got = predicted.get(data_type, NEGATIVE)
        want = labels.datatypes.get(data_type, NEGATIVE)
        counts = score.per_type.setdefault(data_type, Counts())
        if got == want:
            counts.tp += 1
            continue
        statements = evidence.get(data_type, ())
        sentence = statements[0].sentence.text if statements else ""
        if got != NEGATIVE:
            counts.fp += 1
            score.errors.append(Error(name, "fp", data_type, want, got, sentence))
        if want != NEGATIVE:
            counts.fn += 1
            score.errors.append(Error(name, "fn", data_type, want, got, sentence))
    for counts in score.per_type.values():
        score.datatypes.add(counts)
    named = {p.id: p for p in reading.parties if p.kind == "sdk"}
    sdks = {i for i, p in named.items() if not p.denied}
    score.sdks.tp = len(sdks & labels.sdks)
    for sdk in sorted(sdks - labels.sdks):
        score.sdks.fp += 1
        score.errors.append(
            Error(name, "fp", f"sdk:{sdk}", NEGATIVE, "named", named[sdk].evidence[0].sentence.text)
        )
    for sdk in sorted(labels.sdks - sdks):
        score.sdks.fn += 1
        why = named[sdk].evidence[0].sentence.text if sdk in named else ""
        score.errors.append(
            Error(name, "fn", f"sdk:{sdk}", "named", "denied" if sdk in named else NEGATIVE, why)
        )
    return score


def _cause_first(disclosure) -> tuple:
    """The evidence with the statement that decided the status first (the one
    that shares, for ``shared``; a denial, for ``denied``)."""

    def decisive(statement) -> bool:
        if disclosure.status == "shared":
            return bool(statement.actions) and ("share" in statement.actions or not statement.first_party)
        if disclosure.status == "denied":
            return bool(statement.denied)
        return bool(statement.actions)

    return tuple(sorted(disclosure.evidence, key=lambda st: not decisive(st)))


def evaluate(policies: Iterable[LabelledPolicy], mappings) -> Score:
    """Read and score every labelled policy."""
    from consistency.policy import read_policy

    total = Score()
    for item in policies:
        reading = read_policy(item.policy, mappings)
        total.add(score_reading(item.name, reading, Labels.load(item.labels)))
    return total


def format_score(title: str, score: Score, *, show_errors: bool) -> str:
    """A plain-text report of one set."""
    lines = [f"== {title}: {score.policies} policies =="]
    lines.append(f"{'data type':32} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'rec':>6} {'f1':>6}")
    for data_type, c in sorted(score.per_type.items()):
        lines.append(_row(data_type, c))
    lines.append(_row("MICRO (data types)", score.datatypes))
    lines.append(_row("MICRO (named SDKs)", score.sdks))
    if show_errors and score.errors:
        lines.append("")
        lines.append("errors (fp: predicted but not labelled; fn: labelled but not predicted):")
        for e in score.errors:
            lines.append(f"  {e.policy}: {e.kind} {e.subject} expected={e.expected} predicted={e.predicted}")
            if e.sentence:
                lines.append(f'      "{_shorten(e.sentence)}"')
    return "\n".join(lines) + "\n"


def _row(name: str, c: Counts) -> str:
    return f"{name:32} {c.tp:>4} {c.fp:>4} {c.fn:>4} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}"


def _shorten(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("policies", type=Path, help="directory of labelled policies")
    repo = Path(__file__).resolve().parents[1]
    parser.add_argument("--seeds", type=Path, default=repo / "tests" / "data" / "seeds", help="seed labels")
    parser.add_argument(
        "--seed-texts", type=Path, default=repo.parent / "shared" / "seeds", help="seed policy texts"
    )
    parser.add_argument("--errors", action="store_true", help="also list the errors of the own set")
    args = parser.parse_args(argv)

    from consistency.mappings import load_mappings

    mappings = load_mappings()
    from .evaluate_lists import evaluate_group, is_chinese_set  # issue 12: Chinese set and lists

    own = find_labelled(args.policies)
    chinese = [p for p in own if is_chinese_set(p.labels)]
    own = [p for p in own if p not in chinese]
    out = [evaluate_group(f"own set ({args.policies})", own, mappings, show_errors=args.errors)]
    if chinese:
        out.append(
            evaluate_group(
                f"own Chinese set ({args.policies}, language: zh)", chinese, mappings, show_errors=args.errors
            )
        )
    seeds = (
        find_seeds(args.seeds, args.seed_texts) if args.seeds.is_dir() and args.seed_texts.is_dir() else []
    )
    if seeds:
        out.append(evaluate_group("seeds", seeds, mappings, show_errors=True))
    else:
        out.append("== seeds: not evaluated (labels or ../shared/seeds absent) ==\n")
    sys.stdout.write("\n".join(out))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
