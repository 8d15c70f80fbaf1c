"""Stopping a run: Ctrl+C ends `verify` at once, with exit code 130 and no traceback, leaves no
worker behind and keeps the results that finished; a verify process killed outright (SIGKILL, no
chance to clean up) leaves no worker behind either: each worker exits when its parent is gone.

Each test makes the last TF2 item of the legacy runtime sleep for a minute, runs
`verify --runtime legacy --only /tf2/ --force` (one worker, these items in page order), waits until
every item before the sleeper has finished (so the worker is surely in the middle of the sleep),
then stops the run. The run's workers are found in /proc: processes running
generator/verify/worker.py whose working folder is in the test's copy.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time

import pytest

from tests import proc

from ..helpers import REPO, clean_env
from .conftest import TF2_SAVEDMODEL, Baseline, VerifyProject, alive, stop_process, wait_for

SLEEPER = "tf2_savedmodel/create/tf2/tf.saved_model.save[legacy]"
SLEEPER_CELL = (
    "  - operation: create\n    column: tf2\n    claim:\n      status: supported\n    snippets:\n"
    "      - label: tf.saved_model.save\n        code: |\n"
)
STARTED_WITHIN = 300  # seconds for the worker to start and run the items before the sleeper
STOPPED_WITHIN = 10  # seconds, for the run (Ctrl+C) or its workers (SIGKILL) to end


def _with_sleeper(project: VerifyProject, baseline: Baseline) -> list[str]:
    """Make the last TF2 item of legacy sleep; returns the TF2 items before it, which finish first."""
    tf2 = [item_id for item_id in baseline.ids("legacy") if "/tf2/" in item_id]
    assert tf2[-1] == SLEEPER, tf2
    project.replace(
        TF2_SAVEDMODEL,
        SLEEPER_CELL + "          module = tf.Module()\n",
        SLEEPER_CELL + "          import time\n          time.sleep(60)\n",
    )
    return tf2[:-1]


class Started:
    """A command (by default `verify` of the legacy TF2 items) running in the background, its output
    read as it comes."""

    def __init__(self, project: VerifyProject, command: list[str] | None = None, env: dict[str, str] | None = None):
        command = command or project.command("legacy", only=("/tf2/",), force=True)
        self.process = subprocess.Popen(
            command,
            cwd=REPO if env is None else project.root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env or clean_env(),
            preexec_fn=proc.interruptible,
        )
        self.out: list[str] = []
        self.err: list[str] = []
        self.readers = [
            threading.Thread(target=self._read, args=(stream, lines), daemon=True)
            for stream, lines in ((self.process.stdout, self.out), (self.process.stderr, self.err))
        ]
        for reader in self.readers:
            reader.start()

    @staticmethod
    def _read(stream, lines: list[str]) -> None:
        for line in stream:
            lines.append(line)

    def finished(self) -> list[str]:
        """The items reported done so far (progress lines '[k/N] ok <id> (...)')."""
        return [line.split()[2] for line in list(self.err) if line.startswith("[") and line.split()[1] == "ok"]

    def output(self) -> str:
        for reader in self.readers:
            reader.join(timeout=5)
        return "".join(self.out) + "".join(self.err)

    def interrupt(self, name: str) -> tuple[int, float, str]:
        """Press Ctrl+C (SIGINT) and wait for the end: the exit code, the seconds it took, the whole output."""
        self.process.send_signal(signal.SIGINT)
        sent = time.perf_counter()
        try:
            code = self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail(f"{name} was still running 60 s after Ctrl+C:\n{''.join(self.err)}")
        return code, time.perf_counter() - sent, self.output()


def _wait_for_sleeper(run: Started, project: VerifyProject, before: list[str]) -> dict[int, str]:
    """Wait until every item before the sleeper is done; returns the run's live workers."""
    assert wait_for(
        lambda: len(run.finished()) == len(before) or run.process.poll() is not None, STARTED_WITHIN, interval=0.2
    ), f"the items did not finish:\n{''.join(run.err)}"
    assert run.process.poll() is None, f"the run ended early:\n{run.output()}"
    assert sorted(run.finished()) == sorted(before), run.err
    time.sleep(1.0)  # the sleeper was sent as soon as the item before it answered: now it sleeps
    workers = project.workers()  # the worker, and the child it forked for the sleeper
    parents = {pid: int(fields[1]) for pid, fields in proc.stats().items() if pid in workers}
    top = [pid for pid, parent in parents.items() if parent not in workers]
    assert len(top) == 1, f"expected the one worker of the run, found {workers}"
    return workers


def _kill_leftovers(workers: dict[int, str]) -> None:
    """After a failure only: end the workers this test's run started, by their pid."""
    for pid, started in workers.items():
        if alive(pid, started):
            os.kill(pid, signal.SIGKILL)


def test_ctrl_c_stops_at_once_and_keeps_what_finished(project: VerifyProject, baseline: Baseline) -> None:
    before = _with_sleeper(project, baseline)
    project.cache_path.unlink()  # what the cache holds afterwards was kept by the interrupted run
    run = Started(project)
    workers: dict[int, str] = {}
    try:
        workers = _wait_for_sleeper(run, project, before)

        code, seconds, output = run.interrupt("verify")
        print(f"Ctrl+C: verify ended {seconds:.2f}s after the signal")

        assert code == 130, output
        assert seconds < STOPPED_WITHIN, f"verify took {seconds:.1f}s to end after Ctrl+C"
        assert "Traceback" not in output, output
        kept = len(before)
        assert f"interrupted; {kept} finished results kept" in output, output
        assert not any(alive(pid, started) for pid, started in workers.items()), "a worker outlived the run"
        assert project.workers() == {}, "a worker of the run is still alive"
    finally:
        stop_process(run.process)
        _kill_leftovers(workers)

    # The finished results were saved: a following run reads them from the cache and runs nothing.
    assert project.cached_ids() == set(before)
    again = project.verify("legacy", only=tuple(before))
    again.assert_no_traceback()
    assert again.code == 0, again.output
    assert again.counts() == (0, len(before)), again.output


def test_killed_verify_leaves_no_worker_behind(project: VerifyProject, baseline: Baseline) -> None:
    before = _with_sleeper(project, baseline)
    run = Started(project)
    workers: dict[int, str] = {}
    try:
        workers = _wait_for_sleeper(run, project, before)

        run.process.kill()  # SIGKILL: verify cannot stop its workers; they must see it is gone
        run.process.wait()
        killed = time.perf_counter()
        gone = wait_for(lambda: not any(alive(pid, started) for pid, started in workers.items()), STOPPED_WITHIN)
        seconds = time.perf_counter() - killed
        print(f"SIGKILL: the workers exited {seconds:.2f}s after verify was killed")

        assert gone, f"a worker was still alive {STOPPED_WITHIN}s after verify was killed: {workers}"
        assert project.workers() == {}, "a worker of the run is still alive"
    finally:
        stop_process(run.process)
        _kill_leftovers(workers)


def test_ctrl_c_stops_a_test_session_in_the_middle_of_verification(project: VerifyProject, baseline: Baseline) -> None:
    """`make test` verifies every item when the first one runs: Ctrl+C there ends the session, once."""
    before = _with_sleeper(project, baseline)
    project.cache_path.unlink()
    command = project.pytest_command("-q", "matrix/formats")
    run = Started(project, command, clean_env({"PYTHONPATH": str(REPO)}))
    workers: dict[int, str] = {}
    try:
        assert wait_for(
            lambda: set(before) <= set(run.finished()) or run.process.poll() is not None, STARTED_WITHIN, interval=0.2
        ), f"the items did not finish:\n{''.join(run.err)}"
        assert run.process.poll() is None, f"the session ended early:\n{run.output()}"
        time.sleep(1.0)
        workers = project.workers()

        code, seconds, output = run.interrupt("pytest")

        assert code == 2, output  # pytest's exit code for an interrupted session
        assert seconds < STOPPED_WITHIN, f"pytest took {seconds:.1f}s to end after Ctrl+C"
        assert "KeyboardInterrupt" in output and "interrupted; " in output, output
        assert sum(line.startswith("[1/") for line in run.err) == 1, "verification started again after Ctrl+C"
        assert project.workers() == {}, "a worker of the session is still alive"
    finally:
        stop_process(run.process)
        _kill_leftovers(workers)
