"""Processes as Linux's /proc shows them, for tests and benchmarks that watch child processes."""

from __future__ import annotations

import os
import signal
from pathlib import Path


def stats() -> dict[int, list[str]]:
    """Every process's /proc/<pid>/stat fields after "pid (comm) ": state first, ppid second, start time 20th."""
    found = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{name}/stat").read_text()
        except OSError:
            continue
        found[int(name)] = stat[stat.rindex(")") + 2 :].split()
    return found


def interruptible() -> None:
    """For preexec_fn: the child gets Ctrl+C (SIGINT) as from a terminal, even when these tests were
    started in the background by a shell, which starts them with SIGINT ignored (and children inherit that)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
