"""Verification's progress: a bar on a terminal, a line per item elsewhere (CI logs), each with an
estimate of the time left, from the pace of the items run so far (cached ones cost nothing)."""

from __future__ import annotations

import sys
import time

from ..matrix.verification import Record


class Progress:
    def __init__(self, total: int, stream=None):
        self.total, self.count, self.cached = total, 0, 0
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.started = time.monotonic()

    def say(self, message: str) -> None:
        self._clear()
        print(message, file=self.stream, flush=True)

    def left(self) -> str:
        """'about 3 min left', from the pace so far; empty until an item has run."""
        ran = self.count - self.cached
        if ran <= 0 or self.count >= self.total:
            return ""
        seconds = (time.monotonic() - self.started) / ran * (self.total - self.count)
        return f"about {seconds / 60:.0f} min left" if seconds >= 90 else f"about {seconds:.0f} s left"

    def step(self, entry: Record, cached: bool = False) -> None:
        self.count += 1
        if cached:
            self.cached += 1
            self.started = time.monotonic()  # the pace counts from the first item that runs
        mark = "ok" if entry.confirmed else "CONTRADICTED"
        left = self.left()
        if self.tty:
            width = 30
            filled = width * self.count // max(self.total, 1)
            self.stream.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {self.count}/{self.total} {left:<18} {entry.id:<55.55}"
            )
            self.stream.flush()
            if not entry.confirmed:
                self.say(f"{mark} {entry.id}: {entry.reason}")
        elif not cached:
            print(
                f"[{self.count}/{self.total}] {mark} {entry.id} ({entry.duration:.1f}s){', ' + left if left else ''}",
                file=self.stream,
                flush=True,
            )

    def finish(self) -> None:
        self._clear()

    def _clear(self) -> None:
        if self.tty:
            self.stream.write("\r" + " " * 120 + "\r")
