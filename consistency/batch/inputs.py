"""Read a batch catalog (a directory or a CSV/JSONL manifest) into catalog items.

Two shapes of catalog are accepted:

* a **directory**, one level deep: each app is either ``NAME.apk`` beside its
  policy ``NAME.policy.{txt,html,htm,md,pdf}``, or a folder ``NAME/`` holding
  one ``.apk`` and one ``policy.*``. A sub-folder without any ``.apk`` is not an
  app and is passed over (so a ``tools/`` folder does no harm);
* a **manifest** (``.csv``, ``.jsonl`` or ``.ndjson``) with an ``apk`` column, an
  optional ``policy`` column, an optional ``id`` column and any other columns,
  which are kept with the item as metadata (JSON). Relative paths are relative
  to the manifest's directory.

Decisions (they are documented in the README's batch section):

* an app without a policy is still an item: the APK is inspected and the item is
  recorded as ``no_policy``; a missing or unreadable file is not a catalog
  error either, it is that item's failure, recorded when the item runs;
* a policy with no APK (``NAME.policy.txt`` alone) and a folder with several
  APKs are items that fail with the reason, never silently dropped: a
  researcher counting rows must find every app. An app with several policies
  (``policy.md`` and the ``policy.pdf`` made from it) uses the first in
  :data:`POLICY_SUFFIXES` order: text formats before PDF, whose text is exact;
* explicit ids (the ``id`` column) must be unique: a duplicate is a
  :class:`CatalogError` naming both lines, because two rows claiming one id
  would overwrite each other's results. Ids derived from file names (no ``id``
  column, or an empty cell) get a ``~2``, ``~3`` suffix in catalog order when
  they collide; such ids are stable as long as the catalog order is, so use an
  ``id`` column for ids that must survive reordering;
* a malformed manifest (no ``apk`` column, a line that is not a JSON object, an
  empty ``apk`` cell) is a :class:`CatalogError` with ``file:line`` (exit 2);
  so is a catalog with no items at all.

Every path in an item is absolute, because the item may run on another machine
of a Dask cluster (which must see the same paths, e.g. on a shared filesystem).
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..apk.app_file import APP_SUFFIXES
from ..errors import CatalogError
from ..regular_file import open_regular

POLICY_SUFFIXES = (".txt", ".html", ".htm", ".md", ".pdf")
"""Policy file extensions, in order of preference when a folder holds several."""

MANIFEST_SUFFIXES = (".csv", ".jsonl", ".ndjson")
RESERVED_COLUMNS = ("id", "apk", "policy")
"""Columns with a meaning of their own; the rest are kept as metadata. ``policy_url``
is both: it is fetched when ``policy`` is empty, and kept so each result names
the URL its policy came from."""
_MAX_MANIFEST_LINE = 1 << 20
"""A JSONL line longer than this (1 MiB) is not a catalog row but a damaged file."""


@dataclass(frozen=True)
class CatalogItem:
    """One app of the catalog, as the parent hands it to a worker (picklable)."""

    item_id: str
    apk: str | None
    """Absolute path of the APK; None only for a policy that has no APK."""
    policy: str | None
    """Absolute path of the policy; None when the app has none."""
    metadata: str = "{}"
    """The manifest's free columns as a JSON object (sorted keys)."""
    problem: str | None = None
    """Set when the catalog itself shows the item cannot run (several APKs in
    one folder, a policy without an APK): the item is recorded as failed with
    this reason and no worker time is spent on it."""
    origin: str = ""
    """Where the item came from (``manifest.csv:12`` or the directory entry), for messages."""
    policy_url: str | None = None
    """The manifest's ``policy_url``: fetched before the scan runs when ``policy`` is empty."""


def read_catalog(path: str | Path) -> tuple[CatalogItem, ...]:
    """The items of a catalog directory or manifest. Raises CatalogError when the
    catalog as a whole cannot be read or holds no item."""
    path = Path(path)
    if path.is_dir():
        items = list(_directory_items(path))
    elif path.is_file():
        suffix = path.suffix.lower()
        if suffix == ".csv":
            items = list(_csv_items(path))
        elif suffix in (".jsonl", ".ndjson"):
            items = list(_jsonl_items(path))
        else:
            raise CatalogError(
                f"not a catalog: expected a directory or a manifest ending in {', '.join(MANIFEST_SUFFIXES)}",
                path,
            )
    elif path.exists():
        raise CatalogError("not a directory or a regular file", path)
    else:
        raise CatalogError("catalog not found", path)
    if not items:
        raise CatalogError("the catalog holds no app (no .apk file or manifest row)", path)
    return tuple(_unique_ids(items, path))


# ------------------------------------------------------------------ directories


def _directory_items(root: Path) -> Iterator[_Draft]:
    try:
        entries = sorted(root.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        raise CatalogError(f"cannot list the catalog: {exc.strerror or exc}", root) from exc
    policies = _policy_files(p for p in entries if p.is_file())
    claimed: set[Path] = set()
    for entry in entries:
        if entry.is_dir():
            draft = _folder_item(entry)
            if draft is not None:
                yield draft
        elif entry.suffix.lower() in APP_SUFFIXES and entry.is_file():
            name = entry.name[: -len(entry.suffix)]
            found = policies.get(name, [])
            claimed.update(found)
            yield _Draft(name, False, entry, _preferred(found), origin=str(entry))
    for name, found in policies.items():
        for orphan in (p for p in found if p not in claimed):
            yield _Draft(name, False, None, orphan, problem="policy without an APK", origin=str(orphan))


def _policy_files(files: Iterable[Path]) -> dict[str, list[Path]]:
    """``NAME.policy.EXT`` files by NAME, each list in preference order."""
    files = list(files)
    found: dict[str, list[Path]] = {}
    for suffix in POLICY_SUFFIXES:
        ending = ".policy" + suffix
        for file in files:
            if file.name.lower().endswith(ending) and len(file.name) > len(ending):
                found.setdefault(file.name[: -len(ending)], []).append(file)
    return found


def _folder_item(folder: Path) -> _Draft | None:
    try:
        children = sorted(p for p in folder.iterdir() if p.is_file())
    except OSError as exc:
        return _Draft(
            folder.name, False, None, None, problem=f"cannot list: {exc.strerror or exc}", origin=str(folder)
        )
    apks = [p for p in children if p.suffix.lower() in APP_SUFFIXES]
    if not apks:
        return None
    policies = [p for s in POLICY_SUFFIXES for p in children if p.name.lower() == f"policy{s}"]
    if len(apks) > 1:
        names = ", ".join(p.name for p in apks)
        return _Draft(
            folder.name, False, None, None, problem=f"several APKs in one folder: {names}", origin=str(folder)
        )
    return _Draft(folder.name, False, apks[0], _preferred(policies), origin=str(folder))


def _preferred(policies: list[Path]) -> Path | None:
    """The policy to use when an app has several: the first (lists are built in
    :data:`POLICY_SUFFIXES` order)."""
    return policies[0] if policies else None


# -------------------------------------------------------------------- manifests


def _csv_items(path: Path) -> Iterator[_Draft]:
    with _open_text(path) as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
        except csv.Error as exc:
            raise CatalogError(f"malformed CSV: {exc}", f"{path}:1") from exc
        if header is None:
            return
        header = [h.strip() for h in header]
        if "apk" not in header:
            raise CatalogError(f"no 'apk' column (columns: {', '.join(header) or 'none'})", f"{path}:1")
        duplicated = sorted({h for h in header if header.count(h) > 1})
        if duplicated:
            raise CatalogError(f"column named twice: {', '.join(duplicated)}", f"{path}:1")
        line = reader.line_num
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise CatalogError(f"malformed CSV: {exc}", f"{path}:{reader.line_num}") from exc
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                raise CatalogError(f"{len(row)} fields but the header names {len(header)}", f"{path}:{start}")
            record = dict(zip(header, row, strict=False))  # a short row leaves the last columns empty
            yield _manifest_draft(record, path, start)


def _jsonl_items(path: Path) -> Iterator[_Draft]:
    with _open_text(path) as handle:
        for number, text in enumerate(handle, start=1):
            if len(text) > _MAX_MANIFEST_LINE:
                raise CatalogError(f"line longer than {_MAX_MANIFEST_LINE} characters", f"{path}:{number}")
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as exc:
                raise CatalogError(f"bad JSON: {exc.msg} (column {exc.colno})", f"{path}:{number}") from exc
            if not isinstance(record, dict):
                raise CatalogError(f"expected a JSON object, got {type(record).__name__}", f"{path}:{number}")
            yield _manifest_draft(record, path, number)


def _open_text(path: Path):
    try:
        return io.TextIOWrapper(open_regular(path), encoding="utf-8-sig", newline="", errors="strict")
    except OSError as exc:
        raise CatalogError(f"cannot read the manifest: {exc.strerror or exc}", path) from exc


def _manifest_draft(record: dict[str, Any], path: Path, line: int) -> _Draft:
    where = f"{path}:{line}"
    apk = _cell(record, "apk", where)
    if not apk:
        raise CatalogError("empty 'apk' value", where)
    policy = _cell(record, "policy", where)
    policy_url = _cell(record, "policy_url", where)
    explicit = _cell(record, "id", where)
    base = path.parent
    apk_path = _resolve(base, apk)
    metadata = {k: v for k, v in record.items() if k not in RESERVED_COLUMNS}
    form = _cell(record, "data_safety", where)  # issue 16: the app's Data safety form (Play Console CSV)
    metadata.pop("data_safety", None)
    if form:
        from ..datasafety.batch import form_metadata

        metadata.update(form_metadata(_resolve(base, form)))
    return _Draft(
        explicit or _stem(apk),
        bool(explicit),
        apk_path,
        _resolve(base, policy) if policy else None,
        metadata=json.dumps(metadata, sort_keys=True, ensure_ascii=False),
        origin=where,
        policy_url=policy_url,
    )


def _cell(record: dict[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise CatalogError(f"'{key}' must be a string, got {type(value).__name__}", where)
    return value.strip() or None


def _resolve(base: Path, value: str) -> Path:
    return Path(os.path.abspath(base / os.path.expanduser(value)))


def _stem(apk: str) -> str:
    name = Path(apk.replace("\\", "/")).name
    suffix = Path(name).suffix
    return name[: -len(suffix)] if suffix.lower() in APP_SUFFIXES else name


# ------------------------------------------------------------------------- ids


@dataclass(frozen=True)
class _Draft:
    """An item before its id is settled."""

    name: str
    explicit: bool
    apk: Path | None
    policy: Path | None
    metadata: str = "{}"
    problem: str | None = None
    origin: str = ""
    policy_url: str | None = None


def _unique_ids(drafts: Iterable[_Draft], catalog: Path) -> Iterator[CatalogItem]:
    drafts = list(drafts)
    first_explicit: dict[str, str] = {}
    for draft in drafts:
        if draft.explicit:
            if draft.name in first_explicit:
                raise CatalogError(
                    f"duplicate id {draft.name!r} (first at {first_explicit[draft.name]})", draft.origin
                )
            first_explicit[draft.name] = draft.origin
    taken = set(first_explicit)
    for draft in drafts:
        item_id = draft.name
        if not draft.explicit:
            n = 1
            while item_id in taken:
                n += 1
                item_id = f"{draft.name}~{n}"
            taken.add(item_id)
        yield CatalogItem(
            item_id=item_id,
            apk=str(Path(os.path.abspath(draft.apk))) if draft.apk is not None else None,
            policy=str(Path(os.path.abspath(draft.policy))) if draft.policy is not None else None,
            metadata=draft.metadata,
            problem=draft.problem,
            origin=draft.origin,
            policy_url=draft.policy_url,
        )
