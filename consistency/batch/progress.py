"""Progress of a scan, on stderr: a live bar on a terminal, plain lines in a log.

On a terminal a rich progress bar shows items done, failed, rate and ETA. When
stderr is not a terminal (CI logs, ``nohup``, a file) a bar would write
thousands of carriage returns, so a plain line is written every few seconds
instead::

    scan: 120/300 done, 3 failed, 14.2 items/s, ETA 12 s

``--quiet`` silences both (errors still reach stderr through the CLI).
"""

from __future__ import annotations

import time
from typing import TextIO

from .worker import ItemResult

PLAIN_INTERVAL = 5.0
"""Seconds between plain progress lines."""


class Progress:
    """Counts results as they come; subclasses decide how to show them."""

    def __init__(self) -> None:
        self.total = 0
        self.completed = 0
        self.failed = 0
        self.started = time.monotonic()

    def start(self, total: int) -> None:
        self.total = total
        self.started = time.monotonic()

    def advance(self, result: ItemResult) -> None:
        self.completed += 1
        self.failed += result.status == "failed"

    def finish(self) -> None:
        """Stop showing progress (the caller prints the final line)."""

    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.completed / elapsed if elapsed > 0 else 0.0

    def eta_seconds(self) -> float | None:
        rate = self.rate()
        return (self.total - self.completed) / rate if rate > 0 else None


class QuietProgress(Progress):
    pass


class PlainProgress(Progress):
    def __init__(self, stream: TextIO, interval: float = PLAIN_INTERVAL) -> None:
        super().__init__()
        self.stream = stream
        self.interval = interval
        self._last = 0.0

    def start(self, total: int) -> None:
        super().start(total)
        self._last = self.started

    def advance(self, result: ItemResult) -> None:
        super().advance(result)
        now = time.monotonic()
        if now - self._last >= self.interval and self.completed < self.total:
            self._last = now
            self.stream.write(plain_line(self) + "\n")
            self.stream.flush()


class RichProgress(Progress):
    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream
        self._bar = None
        self._task = None

    def start(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as Bar

        super().start(total)
        self._bar = Bar(
            TextColumn("scan"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("[red]{task.fields[failed]} failed"),
            TextColumn("{task.fields[rate]}"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(file=self.stream),
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task("scan", total=total, failed=0, rate="")

    def advance(self, result: ItemResult) -> None:
        super().advance(result)
        if self._bar is not None:
            self._bar.update(self._task, advance=1, failed=self.failed, rate=f"{self.rate():.1f} items/s")

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def make_progress(stream: TextIO, quiet: bool) -> Progress:
    if quiet:
        return QuietProgress()
    isatty = getattr(stream, "isatty", None)
    return RichProgress(stream) if isatty is not None and isatty() else PlainProgress(stream)


def plain_line(progress: Progress) -> str:
    eta = progress.eta_seconds()
    eta_text = f", ETA {eta:.0f} s" if eta is not None else ""
    return (
        f"scan: {progress.completed}/{progress.total} done, {progress.failed} failed, "
        f"{progress.rate():.1f} items/s{eta_text}"
    )
