"""Persistent workers, one per runtime, run in parallel over the CPU cores.

Each worker imports TensorFlow once and then runs its items in turn, each in a child process
forked for it (where the system cannot fork, one worker per runtime and mode runs them itself). A
snippet that hangs is killed at the timeout; a worker that dies (a crash, os._exit, out of memory)
is reported for the item it was running and replaced; the run goes on either way. Workers run in
their own session, so Ctrl+C reaches this process alone: it stops every worker at once and
returns what finished.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor
from concurrent.futures import wait as futures_wait
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..matrix.verification import Observation, Outcome, RaisedException, Versions
from .items import Item
from .runtimes import Environment, process_environment

WORKER = Path(__file__).with_name("worker.py")
START_TIMEOUT = 300.0
FORKS = hasattr(os, "fork")  # the workers run on this system, so they can fork where this process can
GRACE = 30.0  # seconds past a snippet's timeout before the worker itself is taken for hung

Done = Callable[[Item, Observation, Versions | None], None]


@dataclass
class Group:
    """The items one worker runs: all of one runtime (and one mode, where workers cannot fork)."""

    environment: Environment
    mode: str | None  # None: a worker that forks a child per item, in the item's mode
    items: list[Item] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.environment.runtime.id}-{self.mode}" if self.mode else self.environment.runtime.id


def groups_of(items: list[Item], environment: Environment) -> list[Group]:
    """One runtime's items, grouped by the worker that runs them."""
    groups: dict[str | None, Group] = {}
    for item in items:
        mode = None if FORKS else item.example.mode
        groups.setdefault(mode, Group(environment, mode)).items.append(item)
    return list(groups.values())


@dataclass
class Stats:
    startups: list[float] = field(default_factory=list)
    groups: dict[str, float] = field(default_factory=dict)  # each group's wall time, from its worker's start
    peak_disk: int = 0  # bytes, when measured
    peak_memory: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def started(self, seconds: float) -> None:
        with self.lock:
            self.startups.append(seconds)

    def ran(self, group: Group, seconds: float) -> None:
        with self.lock:
            self.groups[group.name] = seconds

    def describe(self) -> str:
        times = sorted(self.groups.values())
        per = (
            f"{len(times)} ran, {times[0]:.0f}-{times[-1]:.0f} s each (median {times[len(times) // 2]:.0f} s)"
            if times
            else "none ran"
        )
        return f"{per}; peak disk {self.peak_disk / 2**30:.1f} GiB, peak memory {self.peak_memory / 2**30:.1f} GiB"


class WorkerDied(Exception):
    pass


def untested(outcome: Outcome, message: str, duration: float = 0.0) -> Observation:
    """An observation of nothing: the runtime, the worker or the time ran out before the claim was tested."""
    return Observation(
        outcome=outcome, duration=duration, exception=RaisedException(type=outcome.value, message=message)
    )


def request(item: Item, fixtures: dict[str, str], scratch: Path, timeout: float) -> dict:
    """What a worker runs for an item: the example's phases, each line placed in its YAML file."""
    phases = [
        {
            "name": phase,
            "text": code.text,
            "lines": [f"{place.file}:{place.line}" if place else None for place in code.lines],
        }
        for phase, code in item.example.runs
    ]
    return {
        "mode": item.example.mode,
        "emulated": item.emulated,
        "fresh": item.example.fresh,
        "phases": phases,
        "fixtures": fixtures,
        "scratch": str(scratch),
        "timeout": timeout,
    }


class Workers:
    """Every live worker of a run, so that an interruption can stop them all at once."""

    def __init__(self) -> None:
        self.stopping = threading.Event()
        self._live: set[Worker] = set()
        self._lock = threading.Lock()

    def add(self, worker: Worker) -> None:
        with self._lock:
            self._live.add(worker)
        if self.stopping.is_set():
            worker.kill()

    def remove(self, worker: Worker) -> None:
        with self._lock:
            self._live.discard(worker)

    def stop_all(self) -> None:
        self.stopping.set()
        with self._lock:
            live = list(self._live)
        for worker in live:
            worker.kill()


class Worker:
    """One worker process and the thread that reads its answers."""

    def __init__(self, group: Group, log: Path, scratch: Path, workers: Workers):
        self.group = group
        self.scratch = scratch
        self.log = log.open("ab")
        self.process = subprocess.Popen(
            [str(group.environment.python), str(WORKER), group.mode or "fork"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            env=process_environment(group.environment.runtime),
            cwd=scratch,
            text=True,
            bufsize=1,
            start_new_session=True,
        )
        assert self.process.stdin is not None and self.process.stdout is not None  # both are pipes
        self.stdin, self.stdout = self.process.stdin, self.process.stdout
        workers.add(self)
        self.answers: queue.Queue[dict | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        started = time.perf_counter()
        try:
            ready = self._answer(START_TIMEOUT)
        except TimeoutError:
            ready = None
        versions = None
        if isinstance(ready, dict) and ready.get("ready"):
            try:
                versions = Versions.model_validate(ready.get("versions"))
            except ValidationError:
                versions = None
        if versions is None:
            self.stop()
            raise WorkerDied(f"the worker did not start (its output is in {log})")
        self.startup = time.perf_counter() - started
        self.versions = versions

    def _read(self) -> None:
        for line in self.stdout:
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

    def run(self, item: Item, fixtures: dict[str, str], timeout: float) -> Observation:
        started = time.perf_counter()
        try:
            self.stdin.write(json.dumps(request(item, fixtures, self.scratch, timeout)) + "\n")
            self.stdin.flush()
            answer = self._answer(timeout if self.group.mode else timeout + GRACE)
        except TimeoutError:
            self.stop()
            return untested(
                Outcome.timeout, f"still running after {timeout:g} s; killed", time.perf_counter() - started
            )
        except OSError:
            answer = None
        if answer is None:
            code = self.process.wait()
            self.stop()
            return untested(Outcome.crash, f"the worker died (exit code {code})", time.perf_counter() - started)
        try:
            return Observation.model_validate(answer)
        except ValidationError as error:
            return untested(Outcome.crash, f"the worker answered something unreadable: {error.errors()[0]['msg']}")

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """Kill the worker and the child it runs a snippet in (they share the worker's own session)."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except (OSError, AttributeError):  # no process groups on this system
                self.process.kill()

    def stop(self, grace: float = 0.0) -> None:
        """End the process: at once, or after `grace` seconds for a worker whose input was closed."""
        if grace and self.process.poll() is None:
            try:
                self.stdin.close()
                self.process.wait(timeout=grace)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self.kill()
        self.process.wait()
        self.log.close()


def run_groups(
    groups: Iterable[Group],
    fixtures: dict[str, str],
    timeout: float,
    work_dir: Path,
    done: Done,
    cores: int | None = None,
    finished: Callable[[Group], None] | None = None,
) -> Stats:
    """Run every group's items, `cores` workers at a time; `done(item, observation, versions)` per item,
    and `finished(group)` once a group's worker has ended.

    Groups are taken from `groups` as workers free up, so that a group may be made (its runtime
    installed) while the ones before it run. On Ctrl+C (KeyboardInterrupt in this thread) every
    worker is killed at once, the items not yet finished are left unrecorded, and the
    interruption is raised again once all threads have ended.
    """
    stats = Stats()
    workers = Workers()
    cores = cores or os.cpu_count() or 1
    executor = ThreadPoolExecutor(max_workers=cores)
    running: set[Future] = set()

    def wait(below: int) -> None:
        """Wait, in short steps so that Ctrl+C is seen at once, until fewer than `below` groups run."""
        while len(running) >= below:
            finished_now, _ = futures_wait(running, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in finished_now:
                running.discard(future)
                future.result()

    try:
        for group in groups:  # the next group is made while `cores` groups run
            wait(below=cores)
            running.add(executor.submit(_run_group, group, fixtures, timeout, work_dir, done, stats, workers, finished))
        wait(below=1)
    except BaseException:
        workers.stop_all()
        for future in running:
            future.cancel()
        raise
    finally:
        executor.shutdown(wait=True)
    return stats


def _run_group(
    group: Group,
    fixtures: dict[str, str],
    timeout: float,
    work_dir: Path,
    done: Done,
    stats: Stats,
    workers: Workers,
    finished: Callable[[Group], None] | None,
) -> None:
    name = group.name
    log = work_dir / f"{name}.log"
    log.write_bytes(b"")  # this run's output only
    scratch = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=work_dir))
    worker, failed_starts, started = None, 0, time.perf_counter()
    try:
        for item in group.items:
            if workers.stopping.is_set():
                return
            if worker is None or not worker.alive:
                try:
                    if failed_starts >= 2:  # do not wait START_TIMEOUT again for every item
                        raise WorkerDied(f"the worker failed to start twice (its output is in {log})")
                    if worker is not None:
                        workers.remove(worker)
                    worker = Worker(group, log, scratch, workers)
                except WorkerDied as error:
                    failed_starts += 1
                    if not workers.stopping.is_set():
                        done(item, untested(Outcome.crash, str(error)), None)
                    continue
                failed_starts = 0
                stats.started(worker.startup)
            observation = worker.run(item, fixtures, timeout)
            if workers.stopping.is_set():
                return  # killed by the interruption: nothing was observed
            done(item, observation, worker.versions)
    finally:
        if worker is not None:
            worker.stop(grace=0.0 if workers.stopping.is_set() else 10.0)
            workers.remove(worker)
        shutil.rmtree(scratch, ignore_errors=True)
    stats.ran(group, time.perf_counter() - started)
    if finished is not None:
        finished(group)
