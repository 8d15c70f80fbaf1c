"""What a run uses at its peak: disk (the free space it took from its file system) and memory (the
resident memory of this process and every process under it), sampled while it runs."""

from __future__ import annotations

import os
import threading
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _tree_memory(root: int) -> int:
    """Resident bytes of `root` and its descendants, read from /proc (0 where there is none)."""
    parents, resident = {}, {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        pid = int(entry.name)
        parents[pid], resident[pid] = int(fields[1]), int(fields[21]) * PAGE
    total = 0
    for pid in resident:
        walk = pid
        while walk in parents and walk != root:
            walk = parents[walk]
        if walk == root:
            total += resident[pid]
    return total


class Usage:
    """Samples in a thread, from start() to stop(); peaks in bytes."""

    def __init__(self, folder: Path, every: float = 1.0):
        self.folder, self.every = folder, every
        self.peak_disk = self.peak_memory = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _free(self) -> int:
        found = os.statvfs(self.folder)
        return found.f_bavail * found.f_frsize

    def start(self) -> Usage:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._start_free = self._free()
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak_disk = max(self.peak_disk, self._start_free - self._free())
            self.peak_memory = max(self.peak_memory, _tree_memory(os.getpid()))
            self._stop.wait(self.every)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
