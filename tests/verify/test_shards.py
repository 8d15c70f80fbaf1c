"""A run split over machines: each shard of the runtimes writes a partial report, and merging the
parts gives the report a single run writes, byte for byte."""

from __future__ import annotations

import json
import subprocess
import sys

from ..helpers import REPO, clean_env
from .conftest import RUN_TIMEOUT, VerifyProject


def generator(project: VerifyProject, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project.root), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        env=clean_env(),
    )


def test_merged_shards_equal_a_single_run(project: VerifyProject) -> None:
    whole = project.verify()
    assert whole.code == 0, whole.output
    parts = []
    for index in (1, 2):
        part = project.root / f"part-{index}.json"
        done = generator(project, "verify", "--shard", f"{index}/2", "--report", str(part))
        assert done.returncode == 0, done.stdout + done.stderr
        parts.append(part)
    runtimes = [set(json.loads(part.read_text(encoding="utf-8"))["runtimes"]) for part in parts]
    assert runtimes[0] and runtimes[1] and not runtimes[0] & runtimes[1], "each shard runs its own runtimes"
    merged = project.root / "merged.json"
    done = generator(project, "report", "merge", *map(str, parts), "--output", str(merged))
    assert done.returncode == 0, done.stdout + done.stderr
    assert merged.read_bytes() == (project.root / "r.json").read_bytes()


def test_a_partial_run_needs_a_report_of_its_own(project: VerifyProject) -> None:
    done = generator(project, "verify", "--shard", "1/2")
    assert done.returncode == 2 and "--report" in done.stderr, done.stderr
    bad = generator(project, "verify", "--shard", "3/2", "--report", str(project.root / "x.json"))
    assert bad.returncode == 2 and "3/2" in bad.stderr, bad.stderr
