"""Policy reading speed: start-up (import, tables, lexicon), the real seed
policies, and one large policy (about 200 KB, built by concatenating the seeds
and the labelled test policies), both whole (reader + statements) and the
statement stage alone."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.inputs import REPO, seed_policies

TARGET_BYTES = 200_000
_STARTUP = """
import time
t0 = time.perf_counter()
from consistency.mappings import load_mappings
from consistency.policy import read_policy
from consistency.policy.document.read import read_document
from consistency.policy.extract.statements import read_statements
t1 = time.perf_counter()
m = load_mappings()
t2 = time.perf_counter()
m.compiled()
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2)
"""


def _labelled_policies() -> list[Path]:
    folder = REPO / "tests" / "data" / "policies"
    return sorted(p for p in folder.glob("*") if p.suffix in (".txt", ".md", ".html") and p.is_file())


def _best(fn, repeats: int) -> float:
    return _best_wall_cpu(fn, repeats)[0]


def _best_wall_cpu(fn, repeats: int) -> tuple[float, float]:
    """Best wall time and best CPU time of ``repeats`` runs: on a shared machine the
    wall time follows the load, the CPU time much less."""
    wall = cpu = float("inf")
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall = min(wall, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu


def run_policy_bench(repeats: int = 3) -> list[dict]:
    from consistency.mappings import load_mappings
    from consistency.policy import read_policy
    from consistency.policy.document.read import read_document
    from consistency.policy.extract.statements import read_statements

    rows: list[dict] = []
    out = subprocess.run(
        [sys.executable, "-c", _STARTUP], capture_output=True, text=True, cwd=REPO, check=True
    )
    imports, tables, lexicon = (float(x) for x in out.stdout.split())
    rows.append(
        {
            "what": "start-up",
            "import_ms": imports * 1000,
            "load_mappings_ms": tables * 1000,
            "lexicon_ms": lexicon * 1000,
        }
    )
    print(
        f"start-up (fresh process): import {imports * 1000:.0f} ms, load_mappings {tables * 1000:.0f} ms, "
        f"lexicon compile {lexicon * 1000:.0f} ms; total {(imports + tables + lexicon) * 1000:.0f} ms (target < 500 ms)"
    )

    mappings = load_mappings()
    seeds = seed_policies()
    if seeds:
        total = sum(_best(lambda p=p: read_policy(p, mappings), repeats) for p in seeds)
        size = sum(p.stat().st_size for p in seeds)
        rows.append(
            {
                "what": "seeds",
                "policies": len(seeds),
                "kb": size / 1000,
                "seconds": total,
                "policies_per_second": len(seeds) / total,
            }
        )
        print(
            f"seeds: {len(seeds)} policies, {size / 1000:.0f} KB in {total * 1000:.0f} ms: "
            f"{len(seeds) / total:.1f} policies/s"
        )
    else:
        print("seeds: ../shared/seeds absent, skipped")

    texts = [read_document(p).text for p in [*seeds, *_labelled_policies()]]
    if not texts:
        print("large policy: no input texts, skipped")
        return rows
    parts: list[str] = []
    size = 0
    while size < TARGET_BYTES:
        text = texts[len(parts) % len(texts)]
        parts.append(text)
        size += len(text.encode()) + 2
    big_text = "\n\n".join(parts)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big-policy.txt"
        path.write_text(big_text, encoding="utf-8")
        kb = path.stat().st_size / 1000
        whole, whole_cpu = _best_wall_cpu(lambda: read_policy(path, mappings), repeats)
        document = read_document(path)
        stage = _best(lambda: read_statements(document, mappings), repeats)
    rows.append(
        {
            "what": "large",
            "kb": kb,
            "sentences": len(document.sentences),
            "whole_seconds": whole,
            "whole_cpu_seconds": whole_cpu,
            "statements_seconds": stage,
            "policies_per_second": 1 / whole,
        }
    )
    print(
        f"large policy: {kb:.0f} KB, {len(document.sentences)} units: read+statements {whole * 1000:.0f} ms "
        f"({1 / whole:.1f} policies/s), statements alone {stage * 1000:.0f} ms; "
        f"per 100 KB {whole * 100 / kb * 1000:.0f} ms wall, {whole_cpu * 100 / kb * 1000:.0f} ms CPU (target < 500 ms)"
    )
    rows.append(_chinese_row(mappings, repeats))
    return rows


def _chinese_row(mappings, repeats: int) -> dict:
    """About 100 KB of Chinese policy text (the labelled ``zh_*`` policies, repeated):
    the whole reading, and the SDK and permission lists alone (issue 12)."""
    from consistency.policy import read_policy
    from consistency.policy.document.read import read_document
    from consistency.policy.lists import read_lists

    sources = [p for p in _labelled_policies() if p.name.startswith("zh_")]
    texts = [read_document(p).text for p in sources]
    parts: list[str] = []
    size = 0
    while texts and size < 100_000:
        text = texts[len(parts) % len(texts)]
        parts.append(text)
        size += len(text.encode()) + 2
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "zh-policy.txt"
        path.write_text("\n\n".join(parts), encoding="utf-8")
        kb = path.stat().st_size / 1000
        whole, whole_cpu = _best_wall_cpu(lambda: read_policy(path, mappings), repeats)
        document = read_document(path)
        lists = _best(lambda: read_lists(document, mappings), repeats)
    print(
        f"Chinese policy text: {kb:.0f} KB: read+statements+lists {whole * 1000:.0f} ms, lists alone "
        f"{lists * 1000:.0f} ms; per 100 KB {whole * 100 / kb * 1000:.0f} ms wall, "
        f"{whole_cpu * 100 / kb * 1000:.0f} ms CPU"
    )
    return {
        "what": "chinese",
        "kb": kb,
        "whole_seconds": whole,
        "whole_cpu_seconds": whole_cpu,
        "lists_seconds": lists,
    }


if __name__ == "__main__":
    run_policy_bench()
