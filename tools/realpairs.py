"""Reviewer checks on real app + policy pairs: ``make eval-realpairs DIR=...``.

``tests/data/realpairs.yaml`` lists real pairs taken from public repositories
(source, commits, paths, sha256) and a reviewer's labels under the review
rubric (README, "How a reviewer's rubric shapes the findings"). The APKs and
policies themselves are never committed: each pair is a folder ``<id>/`` with
``app.apk`` and ``policy.*``, found in the directories given (the shared pairs
in ``../shared/corpus/pairs`` and your own in ``DIR``).

Each label is one *check*:

- ``must_see``: ``{subject, min_severity[, status]}``: a finding on that subject
  (data type or SDK id) at least that severe (and of that class or one of those);
- ``not_high``: subjects that must have no high finding;
- ``no_high``: true: no high finding at all, except the subjects in ``no_high_except``.

Prints the share of checks that hold, per pair and in all, and every miss.
Exit 0 when at least ``--min-share`` of the checks hold, else 1; 2 on bad input.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from consistency import check, load_mappings
from consistency.errors import ConsistencyError
from consistency.models import CheckResult, Finding
from consistency.severity import severity_rank

LABELS = Path(__file__).resolve().parent.parent / "tests" / "data" / "realpairs.yaml"


@dataclass(frozen=True)
class Check:
    pair: str
    label: str
    holds: bool
    why: str = ""


def load_labels(path: Path = LABELS) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["pairs"]


def find_pair(pair_id: str, dirs: Iterable[Path]) -> tuple[Path, Path] | None:
    """The pair's APK and policy in the first directory that holds them."""
    for d in dirs:
        folder = d / pair_id
        policies = sorted(folder.glob("policy.*")) if folder.is_dir() else []
        if (folder / "app.apk").is_file() and policies:
            return folder / "app.apk", policies[0]
    return None


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def evaluate(pair: dict, result: CheckResult) -> list[Check]:
    """Every check of one pair against its result."""
    by_subject: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_subject.setdefault(f.subject, []).append(f)
    pid = pair["id"]
    checks: list[Check] = []
    for want in pair.get("must_see", ()):
        subject, floor = want["subject"], want["min_severity"]
        statuses = want.get("status")
        statuses = [statuses] if isinstance(statuses, str) else statuses
        found = [
            f
            for f in by_subject.get(subject, ())
            if severity_rank(f.severity) >= severity_rank(floor) and (not statuses or f.status in statuses)
        ]
        got = ", ".join(f"{f.status}/{f.severity}" for f in by_subject.get(subject, ())) or "no finding"
        label = f"must see {subject} >= {floor}" + (f" ({'/'.join(statuses)})" if statuses else "")
        checks.append(Check(pid, label, bool(found), f"got {got}"))
    for subject in pair.get("not_high", ()):
        high = [f for f in by_subject.get(subject, ()) if f.severity == "high"]
        checks.append(
            Check(
                pid,
                f"{subject} not high",
                not high,
                ", ".join(f"{f.status}/high ({getattr(f, 'rule', '')})" for f in high),
            )
        )
    if pair.get("no_high"):
        allowed = set(pair.get("no_high_except", ()))
        high = [f for f in result.findings if f.severity == "high" and f.subject not in allowed]
        checks.append(
            Check(
                pid,
                "no high finding" + (f" except {sorted(allowed)}" if allowed else ""),
                not high,
                ", ".join(f"{f.subject} {f.status}/high ({getattr(f, 'rule', '')})" for f in high),
            )
        )
    return checks


def run(dirs: Sequence[Path], labels: Path = LABELS) -> tuple[list[Check], list[str]]:
    """All checks of every pair found; the ids of pairs not found."""
    tables = load_mappings()
    checks: list[Check] = []
    missing: list[str] = []
    for pair in load_labels(labels):
        found = find_pair(pair["id"], dirs)
        if found is None:
            missing.append(pair["id"])
            continue
        apk, policy = found
        checks += evaluate(pair, check(apk, policy, tables))
    return checks, missing


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="+", type=Path, help="folders holding <pair id>/app.apk and policy.*")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--min-share", type=float, default=0.95)
    args = parser.parse_args(argv)
    try:
        checks, missing = run(args.dirs, args.labels)
    except (ConsistencyError, OSError, yaml.YAMLError, KeyError) as exc:
        print(f"eval-realpairs: error: {exc}", file=sys.stderr)
        return 2
    pairs: dict[str, list[Check]] = {}
    for c in checks:
        pairs.setdefault(c.pair, []).append(c)
    for pid, cs in pairs.items():
        held = sum(c.holds for c in cs)
        print(f"{'ok  ' if held == len(cs) else 'MISS'} {pid}: {held}/{len(cs)} checks hold")
    misses = [c for c in checks if not c.holds]
    for c in misses:
        print(f"  miss  {c.pair}: {c.label}: {c.why}")
    if missing:
        print(f"not found (skipped): {', '.join(missing)}")
    held = len(checks) - len(misses)
    share = held / len(checks) if checks else 0.0
    good_pairs = sum(all(c.holds for c in cs) for cs in pairs.values())
    print(
        f"checks holding: {held}/{len(checks)} = {share:.1%}; pairs with every check holding: {good_pairs}/{len(pairs)}"
    )
    return 0 if checks and share >= args.min_share else 1


if __name__ == "__main__":
    raise SystemExit(main())
