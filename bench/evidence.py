"""What SDK evidence beyond class names costs ``inspect`` on the largest corpus APK.

The host scan of the DEX string tables and the stub test of ``class_defs`` run
inside ``index_dex``; "before" is ``inspect`` minus the time of those two steps,
measured on the same DEX buffers (best of several runs each, so both figures
come from the same quiet moments of a shared machine). The issue's budget: the
whole of it at most 30 % on top of "before".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bench.dex import best_of
from bench.inputs import corpus_apks, sample_apks


def _best(runs: int, action: Callable[[], object]) -> float:
    return best_of(runs, action)[0]


def run_evidence_bench(runs: int = 5) -> dict | None:
    from consistency.apk import inspect_apk
    from consistency.apk.dex_index import _dex_starts, _DexReader
    from consistency.apk.dex_strings import string_table_hosts
    from consistency.apk.dex_stubs import stub_class_positions
    from consistency.apk.zipread import ApkLimits, open_apk
    from consistency.mappings import load_mappings

    apks = corpus_apks() or sample_apks()
    if not apks:
        print("no APK to measure")
        return None
    apk: Path = max(apks, key=lambda p: p.stat().st_size)
    mappings = load_mappings()
    limits = ApkLimits()
    with open_apk(apk, limits) as archive:
        buffers = [(name, archive.read(name, limits)) for name in archive.dex_names()]
    readers = [_DexReader(data, name, start) for name, data in buffers for start in _dex_starts(data, name)]
    after = _best(runs, lambda: inspect_apk(apk, mappings))
    strings = _best(runs, lambda: [string_table_hosts(r) for r in readers])
    stubs = _best(runs, lambda: [stub_class_positions(r) for r in readers])
    before = after - strings - stubs
    row = {
        "apk": apk.name,
        "mb": apk.stat().st_size / 1e6,
        "before_ms": before * 1000,
        "after_ms": after * 1000,
        "strings_ms": strings * 1000,
        "stubs_ms": stubs * 1000,
    }
    print(f"largest APK: {apk.name} ({row['mb']:.1f} MB, {len(readers)} DEX)")
    print(f"inspect before (no host scan, no stub test): {row['before_ms']:.0f} ms")
    print(
        f"inspect after:                               {row['after_ms']:.0f} ms "
        f"(+{100 * (after - before) / before:.1f} %, budget +30 %)"
    )
    print(
        f"  host scan of the string tables:            {row['strings_ms']:.0f} ms "
        f"({100 * strings / after:.1f} % of inspect)"
    )
    print(
        f"  stub test of class_defs:                   {row['stubs_ms']:.0f} ms "
        f"({100 * stubs / after:.1f} % of inspect)"
    )
    return row


if __name__ == "__main__":
    run_evidence_bench()
