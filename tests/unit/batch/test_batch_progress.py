"""Progress lines when stderr is not a terminal, and silence when quiet."""

from __future__ import annotations

import io
import re

from consistency.batch.progress import PlainProgress, QuietProgress, RichProgress, make_progress
from consistency.batch.worker import ItemResult


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_count_done_and_failed():
    stream = io.StringIO()
    progress = PlainProgress(stream, interval=0)
    progress.start(4)
    for status in ("done", "failed", "no_policy"):
        progress.advance(ItemResult(item_id=status, status=status))
    progress.finish()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3
    assert re.fullmatch(r"scan: 2/4 done, 1 failed, [\d.]+ items/s, ETA \d+ s", lines[1])
    assert lines[2].startswith("scan: 3/4 done, 1 failed")


def test_the_kind_of_progress_follows_the_stream():
    assert isinstance(make_progress(io.StringIO(), quiet=False), PlainProgress)
    assert isinstance(make_progress(_Terminal(), quiet=False), RichProgress)
    assert isinstance(make_progress(_Terminal(), quiet=True), QuietProgress)


def test_the_bar_leaves_nothing_behind_on_a_terminal():
    stream = _Terminal()
    progress = make_progress(stream, quiet=False)
    progress.start(2)
    progress.advance(ItemResult(item_id="a", status="done"))
    progress.finish()
    assert progress.completed == 1 and "Traceback" not in stream.getvalue()
