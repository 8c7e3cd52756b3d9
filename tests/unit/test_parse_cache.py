"""The on-disk cache of parsed tables: same result as parsing, and a corrupt or
hostile cache file is ignored rather than trusted."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from consistency.mappings import load_mappings
from consistency.mappings.cache import cache_dir, cached


class _Evil:
    def __reduce__(self):  # what a tampered cache file would contain
        return (os.system, ("echo pwned > pwned.txt",))


def test_second_load_reads_the_cache_and_gives_equal_tables(tmp_path: Path) -> None:
    env = {**os.environ, "CONSISTENCY_CACHE_DIR": str(tmp_path)}
    probe = "from consistency.mappings import load_mappings; m = load_mappings(); print(m.digest, len(m.sdks.sdks))"
    first = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert len(list(tmp_path.glob("table-*.pickle"))) == 5
    second = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    assert first.stdout == second.stdout
    off = subprocess.run(
        [sys.executable, "-c", probe],
        env={**env, "CONSISTENCY_CACHE_DIR": "off"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert off.stdout == first.stdout


def test_corrupt_entry_is_recomputed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSISTENCY_CACHE_DIR", str(tmp_path))
    assert cached("t", "abc", lambda: {"a": [1, 2]}) == {"a": [1, 2]}
    (entry,) = tmp_path.glob("t-*-abc.pickle")
    entry.write_bytes(b"\x80\x05garbage")
    assert cached("t", "abc", lambda: {"b": 3}) == {"b": 3}


def test_hostile_pickle_is_refused_not_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSISTENCY_CACHE_DIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t-v1-abc.pickle").write_bytes(pickle.dumps(_Evil()))
    assert cached("t", "abc", lambda: "parsed") == "parsed"
    assert not (tmp_path / "pwned.txt").exists()


def test_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSISTENCY_CACHE_DIR", "off")
    assert cache_dir() is None
    assert load_mappings().sdks.sdks


# --- the compiled knowledge object (consistency.mappings.knowledge_cache)

_KNOWLEDGE_PROBE = (
    "from consistency.mappings import load_mappings\n"
    "import sys\n"
    "m = load_mappings()\n"
    "print(m.digest, len(m.sdks.sdks), len(m.lexicon.scan('We never share your precise location.')[1]))\n"
    "print('yaml' in sys.modules, 'consistency.mappings.layers' in sys.modules)\n"
)


def test_second_load_is_served_by_the_knowledge_cache_without_yaml(tmp_path: Path) -> None:
    env = {**os.environ, "CONSISTENCY_CACHE_DIR": str(tmp_path)}
    run = lambda e: subprocess.run(  # noqa: E731
        [sys.executable, "-c", _KNOWLEDGE_PROBE], env=e, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    built = run(env)
    assert len(list(tmp_path.glob("knowledge-*.pickle"))) == 1
    assert built[1] == "True True"  # a miss reads the YAML and the layer models
    served = run(env)
    assert served[0] == built[0]
    assert served[1] == "False False"  # a hit imports neither
    assert run({**env, "CONSISTENCY_CACHE_DIR": "off"})[0] == built[0]


_POLICY_FORMS_PROBE = (
    "from consistency.mappings import load_mappings\n"
    "import sys\n"
    "m = load_mappings()\n"
    "m.sdk_signatures\n"
    "print('consistency.policy.extract.lexicon' in sys.modules, 'consistency.policy.lists.cues' in sys.modules)\n"
    "print(m.lexicon.scan('We never share your precise location.')[1], type(m.list_cues).__name__)\n"
)


def test_policy_forms_are_read_only_when_used(tmp_path: Path) -> None:
    """``inspect`` needs the tables and the SDK matcher only: a load served by the
    cache leaves the lexicon and the list cues (and their modules) unread until a
    policy needs them; then they are the same as compiled, and a lost forms entry
    only means compiling them again."""
    env = {**os.environ, "CONSISTENCY_CACHE_DIR": str(tmp_path)}
    run = lambda: subprocess.run(  # noqa: E731
        [sys.executable, "-c", _POLICY_FORMS_PROBE], env=env, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    built = run()
    served = run()
    assert served[0] == "False False"
    assert served[1] == built[1]
    (forms,) = tmp_path.glob("policy-forms-*.pickle")
    forms.unlink()
    assert run()[1] == built[1]


def test_edited_table_misses_the_knowledge_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSISTENCY_CACHE_DIR", str(tmp_path / "cache"))
    layer = tmp_path / "layer"
    layer.mkdir()
    (layer / "parties.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    first = load_mappings([layer])
    (layer / "parties.yaml").write_text("schema_version: 1\nbogus: 1\n", encoding="utf-8")
    with pytest.raises(Exception, match="bogus"):
        load_mappings([layer])
    (layer / "parties.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    assert load_mappings([layer]).digest == first.digest


def test_hostile_knowledge_entry_is_refused_not_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSISTENCY_CACHE_DIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    expected = load_mappings().digest
    (entry,) = tmp_path.glob("knowledge-*.pickle")
    entry.write_bytes(pickle.dumps(_Evil()))
    assert load_mappings().digest == expected
    assert not (tmp_path / "pwned.txt").exists()
