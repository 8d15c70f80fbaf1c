"""Sweep benchmark: a whole release sweep, cold, in a copy of the project.

    python -m tests.benchmarks.sweep [--keep]        (make bench-sweep; takes about a quarter of an hour)

It prints the wall time, the time per runtime, and the peak disk and memory, as the sweep's own
summary measures them (disk: the free space the run took from its file system, sampled every
second; memory: the resident memory of the run and every process under it). With --keep the
runtimes are kept, to show what releasing them saves.

The copy has the project's matrix/, mkdocs.yml and built fixtures, and links to the project's
everyday runtimes (which build the fixtures, if needed); every sweep runtime is made in the copy,
from an empty package cache, and nothing under the project's .runtimes is written.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.helpers import REPO, copy_built_fixtures, copy_project, remove_copy


def project_copy(root: Path) -> Path:
    from generator.project import Project
    from generator.verify.runtimes import cached_environment

    copy_project(root, REPO / "matrix")
    runtimes = root / ".runtimes"
    runtimes.mkdir()
    for runtime in Project(REPO).load().runtimes.model.runtimes:
        folder = REPO / ".runtimes" / runtime.id
        if cached_environment(REPO, runtime) is None:  # the copy must never make it again through the link
            sys.exit(f"runtime {runtime.id} is not made: run `make verify` once first")
        (runtimes / runtime.id).symlink_to(folder, target_is_directory=True)
    copy_built_fixtures(REPO / ".runtimes" / "fixtures", runtimes / "fixtures")
    return root


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep every runtime (no release)")
    args = parser.parse_args()
    root = project_copy(Path(tempfile.mkdtemp(prefix="bench-sweep-")))
    try:
        command = [
            sys.executable,
            "-m",
            "generator",
            "--root",
            str(root),
            "sweep",
            "--report",
            str(root / "sweep.json"),
            *(["--keep"] if args.keep else []),
        ]
        started = time.perf_counter()
        done = subprocess.run(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        seconds = time.perf_counter() - started
        lines = done.stdout.strip().splitlines()
        print("\n".join(lines[-3:]))
        print(
            f"wall time: {seconds / 60:.1f} min ({seconds:.0f} s), exit code {done.returncode}"
            f"{', runtimes kept' if args.keep else ', each runtime released once its items were done'}"
        )
        return done.returncode
    finally:
        remove_copy(root)


if __name__ == "__main__":
    sys.exit(main())
