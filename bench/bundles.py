"""``inspect`` on App Bundles and split APK sets, next to the same app as an APK.

For each app of ``../shared/corpus/bundles`` (when present) that exists in more
than one form (``.aab`` and the ``.apks`` built from it, or an ``.apk`` of the
same name in ``../shared/corpus/apks``), and for the Field Notes samples
(``samples/notes``: one app as ``.aab``, ``.apks`` and ``.xapk``), best of 3
``inspect_apk`` with the tables loaded once. The largest bundle is timed too,
alone when it has no other form. The base APK of an ``.apks`` is also timed on
its own (extracted), so the cost of the split container shows.

Run: ``python -m bench bundles``.
"""

from __future__ import annotations

import tempfile
import time
import zipfile
from collections import defaultdict
from pathlib import Path

from bench.inputs import REPO

SHARED = REPO.parent / "shared"
BUNDLES = SHARED / "corpus" / "bundles"
APKS = SHARED / "corpus" / "apks"
SUFFIXES = (".aab", ".apks", ".xapk", ".apkm", ".apk")


def _groups() -> dict[str, list[Path]]:
    groups: dict[str, list[Path]] = defaultdict(list)
    for folder in (BUNDLES, APKS):
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.suffix.lower() in SUFFIXES:
                    groups[path.name.rsplit("__", 1)[0] if "__" in path.name else path.stem].append(path)
    notes = REPO / "samples" / "notes"
    groups["samples/notes"] = [
        p for p in (notes / "notes.aab", notes / "notes.apks", notes / "notes.xapk") if p.is_file()
    ]
    return groups


def _time(path: Path, mappings, repeats: int) -> tuple[float, object]:
    from consistency.apk import inspect_apk

    best, profile = float("inf"), None
    for _ in range(repeats):
        started = time.perf_counter()
        profile = inspect_apk(path, mappings)
        best = min(best, time.perf_counter() - started)
    return best * 1000, profile


def run_bundles_bench(repeats: int = 3) -> list[dict]:
    from consistency.mappings import load_mappings

    mappings = load_mappings()
    groups = _groups()
    bundles = [p for group in groups.values() for p in group if p.parent == BUNDLES]
    largest = max(bundles, key=lambda p: p.stat().st_size, default=None)
    chosen = {k: v for k, v in groups.items() if len(v) > 1 or (largest is not None and largest in v)}
    if not bundles:
        print(f"{BUNDLES} is absent: only the samples are timed")
    rows = []
    print(f"{'app':<40} {'form':<6} {'MB':>6} {'parts':>6} {'classes':>8} {'perms':>6} {'ms':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, paths in sorted(chosen.items()):
            forms = list(paths)
            for path in paths:
                if path.suffix == ".apks":
                    with zipfile.ZipFile(path) as archive:
                        base = next(
                            (
                                n
                                for n in archive.namelist()
                                if n.endswith(("base-master.apk", "universal.apk"))
                            ),
                            None,
                        )
                        if base:
                            extracted = Path(tmp) / f"{path.stem}.base.apk"
                            extracted.write_bytes(archive.read(base))
                            forms.append(extracted)
            for path in forms:
                ms, profile = _time(path, mappings, repeats)
                facts = profile.facts
                form = "base" if path.name.endswith(".base.apk") else facts.container
                row = {
                    "app": name,
                    "form": form,
                    "mb": path.stat().st_size / 1e6,
                    "parts": len(facts.parts),
                    "classes": len(facts.classes),
                    "permissions": len(facts.permissions),
                    "ms": ms,
                }
                rows.append(row)
                print(
                    f"{name[:40]:<40} {form:<6} {row['mb']:>6.2f} {row['parts']:>6} {row['classes']:>8} "
                    f"{row['permissions']:>6} {ms:>8.1f}"
                )
    if largest is not None:
        print(f"largest bundle: {largest.name} ({largest.stat().st_size / 1e6:.1f} MB)")
    return rows


if __name__ == "__main__":
    run_bundles_bench()
