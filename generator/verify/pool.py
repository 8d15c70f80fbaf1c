"""Persistent workers, one per (runtime, mode), run in parallel over the CPU cores.

Each worker imports TensorFlow once and then runs its items in turn. A snippet that hangs is
killed at the timeout; a worker that dies (a crash, os._exit, out of memory) is reported for the
item it was running and replaced; the run goes on either way.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .items import Item
from .runtimes import Environment

WORKER = Path(__file__).with_name("worker.py")
START_TIMEOUT = 300.0


@dataclass
class Group:
    """The items one worker runs: all of one runtime and one mode."""

    environment: Environment
    mode: str
    emulated: bool
    items: list[Item] = field(default_factory=list)


@dataclass
class Stats:
    startups: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def started(self, seconds: float) -> None:
        with self.lock:
            self.startups.append(seconds)


class WorkerDied(Exception):
    pass


class Worker:
    """One worker process and the thread that reads its answers."""

    def __init__(self, group: Group, log: Path, scratch: Path):
        self.group = group
        self.scratch = scratch
        env = {**os.environ, **group.environment.runtime.environment, "TF_CPP_MIN_LOG_LEVEL": "2",
               "CUDA_VISIBLE_DEVICES": "", "PYTHONDONTWRITEBYTECODE": "1"}
        self.log = log.open("ab")
        self.process = subprocess.Popen(
            [str(group.environment.python), str(WORKER), group.mode, "emulated" if group.emulated else "native"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, env=env, cwd=scratch,
            text=True, bufsize=1,
        )
        self.answers: queue.Queue[dict | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        started = time.perf_counter()
        try:
            ready = self._answer(START_TIMEOUT)
        except TimeoutError:
            ready = None
        if ready is None or not ready.get("ready"):
            self.stop()
            raise WorkerDied(f"the worker did not start (its output is in {log})")
        self.startup = time.perf_counter() - started
        self.versions = ready["versions"]

    def _read(self) -> None:
        for line in self.process.stdout:
            try:
                self.answers.put(json.loads(line))
            except ValueError:
                continue
        self.answers.put(None)  # the process ended

    def _answer(self, timeout: float) -> dict | None:
        try:
            return self.answers.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError from None

    def run(self, item: Item, fixtures: dict[str, str], timeout: float) -> dict:
        request = {"setup": item.setup, "code": item.code, "checks": item.checks,
                   "fixtures": fixtures, "scratch": str(self.scratch)}
        started = time.perf_counter()
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            answer = self._answer(timeout)
        except TimeoutError:
            self.stop()
            return {"observed": "timeout", "duration": time.perf_counter() - started,
                    "exception": {"type": "timeout", "bases": [], "message": f"still running after {timeout:g} s; killed"}}
        except OSError:
            answer = None
        if answer is None:
            code = self.process.wait()
            self.stop()
            return {"observed": "crash", "duration": time.perf_counter() - started,
                    "exception": {"type": "crash", "bases": [], "message": f"the worker died (exit code {code})"}}
        return answer

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self, grace: float = 0.0) -> None:
        """End the process: at once, or after `grace` seconds for a worker whose input was closed."""
        if grace and self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                pass
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.log.close()


def run_groups(groups: list[Group], fixtures: dict[str, str], timeout: float, work_dir: Path,
               done: Callable[[Item, dict, dict], None], cores: int | None = None) -> Stats:
    """Run every group's items, `cores` workers at a time; `done(item, result, versions)` per item."""
    stats = Stats()
    cores = cores or os.cpu_count() or 1
    ordered = sorted(groups, key=lambda group: len(group.items), reverse=True)  # longest first
    with ThreadPoolExecutor(max_workers=cores) as executor:
        for future in [executor.submit(_run_group, group, fixtures, timeout, work_dir, done, stats)
                       for group in ordered]:
            future.result()
    return stats


def _run_group(group: Group, fixtures: dict[str, str], timeout: float, work_dir: Path,
               done: Callable[[Item, dict, dict], None], stats: Stats) -> None:
    name = f"{group.environment.runtime.id}-{group.mode}"
    log = work_dir / f"{name}.log"
    log.write_bytes(b"")  # this run's output only
    scratch = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=work_dir))
    worker, failed_starts = None, 0
    try:
        for item in group.items:
            if worker is None or not worker.alive:
                try:
                    if failed_starts >= 2:  # do not wait START_TIMEOUT again for every item
                        raise WorkerDied(f"the worker failed to start twice (its output is in {log})")
                    worker = Worker(group, log, scratch)
                except WorkerDied as error:
                    failed_starts += 1
                    done(item, {"observed": "crash", "duration": 0.0,
                                "exception": {"type": "crash", "bases": [], "message": str(error)}}, {})
                    continue
                failed_starts = 0
                stats.started(worker.startup)
            done(item, worker.run(item, fixtures, timeout), worker.versions)
    finally:
        if worker is not None and worker.alive:
            worker.stop(grace=10.0)
        shutil.rmtree(scratch, ignore_errors=True)
