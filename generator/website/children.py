"""Processes the build starts (MkDocs workers, Pagefind) end with it, however it ends.

Ctrl+C from a terminal reaches the whole process group; a signal sent to the build alone, or the
build killed outright, would leave its children running into a staging folder the next build
removes. On Linux each child asks the kernel to kill it when its parent dies.
"""

from __future__ import annotations

import ctypes
import signal
import sys

PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies


def die_with_parent() -> None:
    """In a child, before it runs anything else (preexec_fn, or a pool's initializer)."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def build_worker_start() -> None:
    """A build worker leaves Ctrl+C to its parent, which stops it, and dies with its parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
