"""Bad input and bounds: one-line PolicyReadError, never a traceback, never unbounded reads."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from consistency.errors import InputError, PolicyReadError
from consistency.policy.document.limits import MIB, PolicyLimits
from consistency.policy.document.read import read_document


def _error(source, **kwargs) -> str:
    with pytest.raises(PolicyReadError) as info:
        read_document(source, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    assert isinstance(info.value, InputError)
    return message


def test_missing_file(tmp_path):
    assert _error(tmp_path / "nope.txt") == f"{tmp_path / 'nope.txt'}: file not found"


def test_directory(tmp_path):
    assert _error(tmp_path).endswith("is a directory, not a policy file")


def test_empty_and_whitespace_only(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t\r\n\xc2\xa0\n")
    assert _error(tmp_path / "empty.txt").endswith("empty file")
    assert _error(tmp_path / "blank.txt").endswith("whitespace-only file")


def test_invisible_characters_only_is_no_readable_text():
    assert _error("\u200b\u200b\ufeff\u00ad".encode() * 3).endswith("no readable text")


def test_fifty_megabytes_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: 50 MB on paper, nothing written
        handle.truncate(50 * MIB)
    assert _error(path) == f"{path}: too large (50.0 MB > 20 MB limit)"


def test_bytes_over_the_limit():
    assert _error(b"a" * 2048, limits=PolicyLimits(max_bytes=1024)).endswith(
        "too large (0.0 MB > 0.000976562 MB limit)"
    )


class _EndlessStream(io.RawIOBase):
    """An endless standard input that counts what was read from it."""

    def __init__(self) -> None:
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        buffer[:] = b"a" * len(buffer)
        self.consumed += len(buffer)
        return len(buffer)


def test_stdin_is_read_with_a_bound(monkeypatch):
    raw = _EndlessStream()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(raw)))
    message = _error("-", limits=PolicyLimits(max_bytes=64 * 1024))
    assert message.startswith("<stdin>: too large")
    assert raw.consumed <= 64 * 1024 + 1 + io.DEFAULT_BUFFER_SIZE


def test_stdin_policy(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Privacy\n\nWe collect your location.\n")))
    document = read_document("-")
    assert document.source == "<stdin>"
    assert [s.text for s in document.sentences] == ["Privacy", "We collect your location."]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_is_refused_as_not_a_regular_file():
    """Not read at all (a FIFO would block; ``-`` is the way to read a stream)."""
    assert _error(Path("/dev/zero"), limits=PolicyLimits(max_bytes=MIB)).endswith(
        "is a character device, not a regular file"
    )


def test_unreadable_file(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    path = tmp_path / "secret.txt"
    path.write_text("We collect.")
    path.chmod(0)
    assert _error(path).endswith("permission denied")


def test_too_many_sentences():
    text = "".join(f"Sentence {i} is here. " for i in range(50)).encode()
    assert "too many sentences" in _error(text, limits=PolicyLimits(max_sentences=10))


def test_document_fields(tmp_path):
    path = tmp_path / "p.txt"
    path.write_bytes(b"Privacy\n\nWe collect your location.\n")
    document = read_document(path)
    import hashlib

    assert document.source == str(path)
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert read_document(path.read_bytes(), name="named.txt").source == "named.txt"


# ------------------------------------------------------------------ through the CLI


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "file not found"),
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "binary file (PNG image), not a policy"),
        (b"<html><body><script>x()</script></body></html>", "no readable text in HTML"),
    ],
    ids=["missing", "empty", "png", "script-only-html"],
)
def test_cli_policy_bad_input_exits_2_with_one_line(tmp_path, capsys, content, reason):
    from consistency.cli import main

    path = tmp_path / "policy.html"
    if content is not None:
        path.write_bytes(content)
    code = main(["policy", str(path)])
    captured = capsys.readouterr()
    assert code == 2
    lines = captured.err.strip().splitlines()
    assert lines == [f"consistency: error: {path}: {reason}"]
    assert captured.out == ""
