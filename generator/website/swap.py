"""Putting new docs/ and site/ in place together: one build at a time, and never a mixed tree.

`replace_folders` writes a journal (.build/replace.json) naming each target, its new folder and
where the old one goes, before the first rename. Every step can be seen done or not on disk, so
`repair` finishes a replacement that was killed halfway: the tree ends up wholly new. Ctrl+C and
SIGTERM are held back during the renames. Leftovers of killed builds (staging folders, old
folders) are removed under the lock, where no other build can be using them.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from ..files import write_atomically
from ..project import Project

JOURNAL = "replace.json"


@contextmanager
def build_lock(project: Project) -> Iterator[None]:
    """Hold the build lock; a second build waits for the first (the lock dies with its holder)."""
    project.work_dir.mkdir(parents=True, exist_ok=True)
    with open(project.work_dir / "build.lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("another build of this project is running; waiting for it to finish", file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            repair(project)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def _signals_held() -> Iterator[None]:
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def replace_folders(project: Project, new: Mapping[Path, Path]) -> None:
    """Replace each target folder with its new one (call under `build_lock`)."""
    old_root = project.work_dir / "old"
    steps = [
        {"target": str(target), "new": str(folder), "old": str(old_root / target.name)}
        for target, folder in new.items()
    ]
    with _signals_held():
        shutil.rmtree(old_root, ignore_errors=True)
        old_root.mkdir(parents=True)
        write_atomically(project.work_dir / JOURNAL, json.dumps(steps))
        _finish(project, steps)


def repair(project: Project) -> None:
    """Finish a replacement a killed build left halfway, and remove leftovers of killed builds."""
    journal = project.work_dir / JOURNAL
    if journal.exists():
        try:
            steps = json.loads(journal.read_text(encoding="utf-8"))
            valid = isinstance(steps, list) and all(
                isinstance(step, dict) and all(isinstance(step.get(key), str) for key in ("target", "new", "old"))
                for step in steps
            )
        except (OSError, ValueError):
            valid = False
        if valid:
            with _signals_held():
                _finish(project, steps)
        else:  # written atomically, so this is not a journal of ours: nothing to finish
            journal.unlink(missing_ok=True)
    for leftover in project.work_dir.glob("staging-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.rmtree(project.work_dir / "old", ignore_errors=True)
    for leftover in [*project.root.glob(".docs.old-*"), *project.root.glob(".site.old-*")]:
        shutil.rmtree(leftover, ignore_errors=True)  # left by builds before the journal


def _finish(project: Project, steps: list[dict[str, str]]) -> None:
    for step in steps:
        target, folder, old = Path(step["target"]), Path(step["new"]), Path(step["old"])
        if folder.exists():  # not moved yet
            if target.exists():
                if old.exists():
                    shutil.rmtree(old)
                old.parent.mkdir(parents=True, exist_ok=True)
                os.replace(target, old)
            os.replace(folder, target)
        elif not target.exists() and old.exists():  # the new folder is gone: keep the old one
            os.replace(old, target)
    (project.work_dir / JOURNAL).unlink(missing_ok=True)
    shutil.rmtree(project.work_dir / "old", ignore_errors=True)
