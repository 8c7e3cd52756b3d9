"""Synthetic batch catalogs built from the committed sample apps, for the batch
tests and ``bench/scan.py``.

Each copy is a real, readable APK and a real policy, made distinct the way a
real catalog's files are distinct (different bytes, so different hashes):

* the APK gets its own zip comment (rewritten by :mod:`zipfile`; the entries and
  the signing block are untouched, so every reader still accepts it);
* a text, Markdown or HTML policy gets one innocuous closing line ("Document
  reference N.") or an HTML comment; a PDF is copied as is.

The builder imports no pytest so the benchmark can use it as well.
"""

from __future__ import annotations

import csv
import json
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
PAIRS = (
    ("walkie", "policy.md"),
    ("chatter", "policy.html"),
    ("shopper", "policy.txt"),
    ("blank", "policy.txt"),
    ("legacy", "policy.pdf"),
)
"""The sample apps that ship their own policy (the seed-* apps' policies live
outside the repository)."""


@dataclass(frozen=True)
class Pair:
    """One app of a synthetic catalog."""

    name: str
    apk: Path
    policy: Path | None
    sample: str


def available_pairs() -> list[tuple[str, str]]:
    return [
        (app, pol)
        for app, pol in PAIRS
        if (SAMPLES / app / f"{app}.apk").is_file() and (SAMPLES / app / pol).is_file()
    ]


def build_catalog(
    dest: Path, count: int, *, layout: str = "folders", vary: bool = True, first: int = 0
) -> list[Pair]:
    """``count`` apps under ``dest``, cycling through the sample pairs, numbered from ``first``.

    ``layout="folders"``: ``dest/NAME/NAME.apk`` + ``dest/NAME/policy.EXT``;
    ``layout="flat"``: ``dest/NAME.apk`` + ``dest/NAME.policy.EXT``.
    """
    pairs = available_pairs()
    if not pairs:
        raise FileNotFoundError(f"no sample app with its policy under {SAMPLES}")
    dest.mkdir(parents=True, exist_ok=True)
    made = []
    for n in range(first, first + count):
        app, policy_name = pairs[n % len(pairs)]
        name = f"{app}-{n:04d}"
        suffix = Path(policy_name).suffix
        if layout == "folders":
            folder = dest / name
            folder.mkdir(exist_ok=True)
            apk, policy = folder / f"{name}.apk", folder / f"policy{suffix}"
        else:
            apk, policy = dest / f"{name}.apk", dest / f"{name}.policy{suffix}"
        copy_apk(SAMPLES / app / f"{app}.apk", apk, n if vary else None)
        copy_policy(SAMPLES / app / policy_name, policy, n if vary else None)
        made.append(Pair(name, apk, policy, app))
    return made


def copy_apk(source: Path, dest: Path, tag: int | None) -> None:
    shutil.copyfile(source, dest)
    if tag is not None:
        with zipfile.ZipFile(dest, "a") as archive:
            archive.comment = f"synthetic copy {tag}".encode()


def copy_policy(source: Path, dest: Path, tag: int | None) -> None:
    if tag is None or source.suffix == ".pdf":
        shutil.copyfile(source, dest)
        return
    text = source.read_text(encoding="utf-8")
    if source.suffix in (".html", ".htm"):
        text += f"\n<!-- synthetic copy {tag} -->\n"
    else:
        text = text.rstrip("\n") + f"\n\nDocument reference {tag}.\n"
    dest.write_text(text, encoding="utf-8")


def write_csv_manifest(
    path: Path, pairs: list[Pair], *, relative: bool = True, extra: dict[str, str] | None = None
) -> Path:
    """A CSV manifest (``id``, ``apk``, ``policy`` and free columns) of ``pairs``."""
    columns = ["id", "apk", "policy", "sample", *(extra or {})]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for pair in pairs:
            writer.writerow(
                [
                    pair.name,
                    _where(pair.apk, path, relative),
                    _where(pair.policy, path, relative),
                    pair.sample,
                    *(extra or {}).values(),
                ]
            )
    return path


def write_jsonl_manifest(path: Path, pairs: list[Pair], *, relative: bool = True) -> Path:
    """A JSONL manifest of ``pairs``, ids left to be derived from the APK names."""
    with path.open("w", encoding="utf-8") as handle:
        for pair in pairs:
            row = {
                "apk": _where(pair.apk, path, relative),
                "sample": pair.sample,
                "tags": [pair.sample, "synthetic"],
            }
            if pair.policy is not None:
                row["policy"] = _where(pair.policy, path, relative)
            handle.write(json.dumps(row) + "\n")
    return path


def _where(file: Path | None, manifest: Path, relative: bool) -> str:
    if file is None:
        return ""
    if relative:
        try:
            return str(file.relative_to(manifest.parent))
        except ValueError:
            pass
    return str(file)
