"""The APKs and policies the benchmarks run on: the committed samples, and the
shared corpus and seed policies when they sit beside the repository."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def sample_apks() -> list[Path]:
    return sorted((REPO / "samples").glob("*/*.apk"))


def corpus_apks() -> list[Path]:
    return sorted((SHARED / "corpus" / "apks").glob("*.apk"))


def bench_apks() -> list[Path]:
    """Samples first, then the corpus by size (largest last)."""
    return sample_apks() + sorted(corpus_apks(), key=lambda p: p.stat().st_size)


def seed_policies() -> list[Path]:
    return sorted((SHARED / "seeds").glob("*.txt"))
