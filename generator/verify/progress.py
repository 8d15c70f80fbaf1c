"""Verification's progress: a bar on a terminal, a line per item elsewhere (CI logs)."""

from __future__ import annotations

import sys

from ..matrix.verification import Record


class Progress:
    def __init__(self, total: int, stream=None):
        self.total, self.count = total, 0
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()

    def say(self, message: str) -> None:
        self._clear()
        print(message, file=self.stream, flush=True)

    def step(self, entry: Record) -> None:
        self.count += 1
        mark = "ok" if entry.confirmed else "CONTRADICTED"
        if self.tty:
            width = 30
            filled = width * self.count // max(self.total, 1)
            self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.count}/{self.total} {entry.id:<60.60}")
            self.stream.flush()
            if not entry.confirmed:
                self.say(f"{mark} {entry.id}: {entry.reason}")
        else:
            print(f"[{self.count}/{self.total}] {mark} {entry.id} ({entry.duration:.1f}s)", file=self.stream, flush=True)

    def finish(self) -> None:
        self._clear()

    def _clear(self) -> None:
        if self.tty:
            self.stream.write("\r" + " " * 110 + "\r")
