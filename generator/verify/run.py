"""Verify the matrix: every item in its runtime and mode, skipping those already confirmed.

A result is cached under a key made of everything it depends on (the item's code and claim, the
runtime's lock, the models' builders, the worker), and only when it confirmed its claim. A re-run
with nothing changed reads the cache and the runtimes' lock files, and never imports TensorFlow.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..matrix.documents import Matrix
from ..matrix.model import Runtime
from ..website.build import Project, check
from .items import Item, items
from .models import ensure_models, fixture_hash
from .pool import WORKER, Group, Stats, run_groups
from .report import REPORT_VERSION, record, write_report
from .runtimes import Environment, RuntimeUnavailable, cached_environment, prepare
from .verdicts import judge


class UnknownRuntime(Exception):
    pass


@dataclass
class Outcome:
    records: list[dict]
    runtimes: dict[str, dict]
    stats: Stats = field(default_factory=Stats)
    ran: int = 0
    cached: int = 0
    seconds: float = 0.0

    @property
    def contradictions(self) -> list[dict]:
        return [r for r in self.records if not r["confirmed"]]


@dataclass(frozen=True)
class CodeHashes:
    """The worker's and the model builders' code, hashed once when a run starts: a result is
    stored under the code it actually ran with, even if a file is edited during the run."""

    worker: str
    models: dict[str, str]

    @classmethod
    def now(cls, every: list[Item]) -> CodeHashes:
        names = {name for item in every for name in item.fixtures}
        return cls(hashlib.sha256(WORKER.read_bytes()).hexdigest(), {name: fixture_hash(name) for name in names})


def cache_key(item: Item, environment: Environment, hashes: CodeHashes) -> str:
    parts = [REPORT_VERSION, item.digest, environment.lock_hash, environment.runtime.environment,
             hashes.worker, [(name, hashes.models[name]) for name in item.fixtures]]
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


class Cache:
    """Confirmed results by key, in .runtimes/results.json."""

    def __init__(self, root: Path):
        self.path = root / ".runtimes" / "results.json"
        try:
            self.entries: dict[str, dict] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}
        self.lock = threading.Lock()

    def get(self, key: str) -> dict | None:
        return self.entries.get(key)

    def put(self, key: str, value: dict) -> None:
        with self.lock:
            self.entries[key] = value

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps(self.entries), encoding="utf-8")
        os.replace(temporary, self.path)


def select_runtimes(matrix: Matrix, names: list[str] | None) -> tuple[Runtime, ...]:
    declared = matrix.runtimes.model.runtimes
    if not names:
        return declared
    known = {runtime.id for runtime in declared}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise UnknownRuntime(f"unknown runtime {', '.join(unknown)}; matrix/runtimes.yaml declares "
                             f"{', '.join(sorted(known))}")
    return tuple(runtime for runtime in declared if runtime.id in names)


def verify(project: Project, *, runtimes: list[str] | None = None, force: bool = False,
           progress: Progress | None = None, matrix: Matrix | None = None) -> Outcome:
    """Verify every item of the selected runtimes; returns the records in page order."""
    started = time.perf_counter()
    matrix = matrix or check(project)
    selected = select_runtimes(matrix, runtimes)
    every = items(matrix, selected)
    progress = progress or Progress(len(every))
    cache = Cache(project.root)
    hashes = CodeHashes.now(every)
    environments = {runtime.id: cached_environment(project.root, runtime) for runtime in selected}
    records: dict[str, dict] = {}
    pending: list[Item] = []
    for item in every:
        environment = environments[item.runtime]
        cached = cache.get(cache_key(item, environment, hashes)) if environment and not force else None
        if cached:
            records[item.id] = cached
            progress.step(item, cached)
        else:
            pending.append(item)

    outcome = Outcome([], {}, cached=len(every) - len(pending))
    if pending:
        outcome.stats, outcome.ran = _run_pending(project, matrix, pending, environments, cache, hashes, records,
                                                  progress)
        cache.save()
    progress.finish()
    outcome.records = [records[item.id] for item in every]
    outcome.runtimes = {runtime_id: {**environment.versions, "emulates": list(environment.runtime.emulates)}
                        for runtime_id, environment in environments.items() if environment}
    outcome.seconds = time.perf_counter() - started
    return outcome


def _run_pending(project: Project, matrix: Matrix, pending: list[Item], environments: dict,
                 cache: Cache, hashes: CodeHashes, records: dict, progress: Progress) -> tuple[Stats, int]:
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    lock = threading.Lock()

    def done(item: Item, result: dict, versions: dict) -> None:
        verdict = judge(item, result, versions)
        entry = record(item, result, versions, verdict, today)
        with lock:
            records[item.id] = entry
            progress.step(item, entry)
        if verdict.confirmed:
            cache.put(cache_key(item, environments[item.runtime], hashes), entry)

    unavailable: dict[str, str] = {}
    for runtime in {item.runtime for item in pending}:
        declared = next(r for r in matrix.runtimes.model.runtimes if r.id == runtime)
        try:
            environments[runtime] = prepare(project.root, declared, progress.say)
        except RuntimeUnavailable as error:
            unavailable[runtime] = str(error)
            progress.say(str(error))

    runnable = [item for item in pending if item.runtime not in unavailable]
    try:
        builder = next(environments[r.id] for r in matrix.runtimes.model.runtimes
                       if r.id in environments and environments[r.id] and r.id not in unavailable)
        models = ensure_models(project.root, {name for item in runnable for name in item.fixtures}, builder,
                               progress.say) if runnable else {}
    except (StopIteration, RuntimeUnavailable) as error:
        reason = str(error) or "no runtime is available to build the models"
        unavailable.update({item.runtime: reason for item in runnable})
        runnable, models = [], {}

    for item in pending:
        if item.runtime in unavailable:
            result = {"observed": "unavailable", "duration": 0.0,
                      "exception": {"type": "unavailable", "bases": [], "message": unavailable[item.runtime]}}
            done(item, result, {})

    groups: dict[tuple[str, str], Group] = {}
    for item in runnable:
        key = (item.runtime, item.mode)
        groups.setdefault(key, Group(environments[item.runtime], item.mode, item.emulated)).items.append(item)
    work_dir = project.root / ".build" / "verify"
    work_dir.mkdir(parents=True, exist_ok=True)
    timeout = matrix.runtimes.model.timeout
    stats = run_groups(list(groups.values()), models, timeout, work_dir, done)
    return stats, len(runnable)


def write(outcome: Outcome, path: Path) -> None:
    write_report(path, outcome.records, outcome.runtimes)


class Progress:
    """A progress bar on a terminal, a line per item elsewhere (CI logs)."""

    def __init__(self, total: int, stream=None):
        self.total, self.count = total, 0
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()

    def say(self, message: str) -> None:
        self._clear()
        print(message, file=self.stream, flush=True)

    def step(self, item: Item, entry: dict) -> None:
        self.count += 1
        mark = "ok" if entry["confirmed"] else "CONTRADICTED"
        if self.tty:
            width = 30
            filled = width * self.count // max(self.total, 1)
            self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.count}/{self.total} {item.id:<60.60}")
            self.stream.flush()
            if not entry["confirmed"]:
                self.say(f"{mark} {item.id}: {entry['reason']}")
        else:
            print(f"[{self.count}/{self.total}] {mark} {item.id} ({entry['duration']:.1f}s)", file=self.stream, flush=True)

    def finish(self) -> None:
        self._clear()

    def _clear(self) -> None:
        if self.tty:
            self.stream.write("\r" + " " * 110 + "\r")

