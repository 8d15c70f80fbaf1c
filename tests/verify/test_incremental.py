"""Incremental verification: a re-run with nothing changed runs nothing, starts no worker and
never imports TensorFlow; a changed snippet runs again, and only its items.

The copy's cache holds the session's baseline run, which ran every item cold (conftest.py
asserts it reported 'N run, 0 from cache'). Each run here is a fresh interpreter running a small
driver that calls generator.verify.run.verify() in-process and watches what it does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from ..helpers import REPO, clean_env
from .conftest import RUN_TIMEOUT, TF1_HUB, VerifyProject

DRIVER = textwrap.dedent("""
    import io, json, sys, time
    from pathlib import Path

    started = time.perf_counter()
    from generator.project import Project
    import generator.verify.pool as pool
    import generator.verify.run as run

    sent = []  # every item handed to the workers
    real_run_groups = run.run_groups
    def spying_run_groups(groups, *args, **kwargs):
        def spied():
            for group in groups:
                sent.extend(item.id for item in group.items)
                yield group
        return real_run_groups(spied(), *args, **kwargs)
    run.run_groups = spying_run_groups

    workers = []  # every worker process started
    real_init = pool.Worker.__init__
    def spying_init(self, *args, **kwargs):
        workers.append(1)
        return real_init(self, *args, **kwargs)
    pool.Worker.__init__ = spying_init

    imported = time.perf_counter()
    project = Project(Path(sys.argv[1]))
    matrix = project.load()
    outcome = run.verify(project, matrix, run.select_runtimes(matrix.runtimes.model.runtimes, ["legacy"]),
                         progress=run.Progress(0, stream=io.StringIO()))
    finished = time.perf_counter()
    print(json.dumps({
        "ran": outcome.ran, "cached": outcome.cached, "sent": sent, "workers": len(workers),
        "startups": outcome.stats.startups,
        "contradicted": [r.id for r in outcome.contradictions],
        "import_seconds": imported - started, "verify_seconds": finished - imported,
        "tensorflow_imported": any(name == "tensorflow" or name.startswith("tensorflow.") for name in sys.modules),
    }))
""")


def _drive(project: VerifyProject) -> dict:
    driver = project.root / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(driver), str(project.root)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        env={**clean_env(), "PYTHONPATH": str(REPO)},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_unchanged_rerun_runs_nothing_then_a_changed_snippet_runs_alone(project: VerifyProject) -> None:
    legacy = {item_id for item_id in project.cached_ids() if item_id.endswith("[legacy]")}

    for _ in range(2):  # twice on the unchanged copy: each run finds every item cached
        warm = _drive(project)
        print(
            f"warm re-run: verify() {warm['verify_seconds']:.3f}s in-process "
            f"(+ {warm['import_seconds']:.3f}s importing the generator)"
        )
        assert (warm["ran"], warm["cached"]) == (0, len(legacy)), warm
        assert warm["sent"] == [] and warm["workers"] == 0 and warm["startups"] == [], warm
        assert not warm["tensorflow_imported"], warm
        assert warm["contradicted"] == [], warm

    # One snippet of a (tf1, tf1_compat) column: its two items in legacy run again, nothing else.
    project.replace(
        TF1_HUB, "          outputs = tf.constant(inputs) * 2.0\n", "          outputs = tf.constant(inputs) * 3.0\n"
    )
    changed = _drive(project)
    expected = ["tf1_hub/load/tf1/hub.Module[legacy]", "tf1_hub/load/tf1_compat/hub.Module[legacy]"]
    assert sorted(changed["sent"]) == expected, changed
    assert (changed["ran"], changed["cached"]) == (2, len(legacy) - 2), changed
    # One worker for the runtime (each item in a child forked for its mode), or one per mode where
    # the system cannot fork.
    workers = 1 if hasattr(os, "fork") else 2
    assert changed["workers"] == workers and len(changed["startups"]) == workers, changed
    assert changed["contradicted"] == [], changed

    again = _drive(project)  # and now those two are cached as well
    assert (again["ran"], again["sent"], again["workers"]) == (0, [], 0), again
