"""Verify the matrix: every item in its runtime and mode, skipping those already confirmed.

A result is cached under a key made of everything it depends on (the item's code and claim, the
runtime's lock, the fixtures' content, the worker), and only when it confirmed its claim. A re-run
with nothing changed reads the cache, the runtimes' lock files and the fixtures' manifests, and
never imports TensorFlow. Ctrl+C stops every worker at once and keeps the results that finished.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import threading
import time
from dataclasses import dataclass, field

from ..matrix.documents import Matrix
from ..matrix.model import Runtime
from ..matrix.verification import REPORT_VERSION, Observation, Outcome, Record, Report, RuntimeVersions, Versions
from ..project import Project
from .cache import Cache
from .fixture_store import built, ensure_fixtures, fixture_folder
from .items import Item, items
from .judge import judge
from .pool import WORKER, Group, Stats, run_groups, unobserved
from .progress import Progress
from .report import record, report_of
from .runtimes import Environment, RuntimeUnavailable, cached_environment, prepare


class UnknownRuntime(Exception):
    pass


class Interrupted(Exception):
    """Ctrl+C: the workers are stopped; `kept` results that finished are in the cache."""

    def __init__(self, kept: int):
        super().__init__(f"interrupted; {kept} finished result{'s' if kept != 1 else ''} kept, "
                         "run verify again to go on from there")
        self.kept = kept


@dataclass
class Run:
    items: list[Item]
    records: list[Record] = field(default_factory=list)
    runtimes: dict[str, RuntimeVersions] = field(default_factory=dict)
    stats: Stats = field(default_factory=Stats)
    ran: int = 0
    cached: int = 0
    seconds: float = 0.0

    @property
    def contradictions(self) -> list[Record]:
        return [r for r in self.records if not r.confirmed]

    def report(self) -> Report:
        return report_of(self.records, {item.id: item for item in self.items}, self.runtimes)


def cache_key(item: Item, environment: Environment, worker: str, fixtures: dict[str, str]) -> str:
    parts = [REPORT_VERSION, item.digest, environment.lock_hash, environment.runtime.environment, worker,
             [(name, fixtures[name]) for name in item.example.fixtures]]
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


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


def verify(project: Project, matrix: Matrix, *, runtimes: list[str] | None = None, only: tuple[str, ...] = (),
           force: bool = False, progress: Progress | None = None) -> Run:
    """Verify the selected items; returns their records in page order. Raises Interrupted on Ctrl+C."""
    started = time.perf_counter()
    selected = select_runtimes(matrix, runtimes)
    every = items(matrix, selected, only)
    progress = progress or Progress(len(every))
    cache = Cache(project.runtimes_dir)
    worker = hashlib.sha256(WORKER.read_bytes()).hexdigest()  # read once: results are stored under the code that ran
    names = sorted({name for item in every for name in item.example.fixtures})
    fixtures = {name: content for name in names if (content := built(fixture_folder(project.root, name)))}
    environments = {runtime.id: cached_environment(project.root, runtime) for runtime in selected}
    records: dict[str, Record] = {}
    pending: list[Item] = []
    for item in every:
        environment = environments[item.runtime]
        usable = environment is not None and not force and all(name in fixtures for name in item.example.fixtures)
        cached = cache.get(cache_key(item, environment, worker, fixtures)) if usable else None
        if cached is not None and cached.digest == item.digest:
            records[item.id] = cached
            progress.step(cached)
        else:
            pending.append(item)

    outcome = Run(every, cached=len(every) - len(pending))
    try:
        if pending:
            outcome.stats, outcome.ran = _run_pending(project, matrix, pending, environments, cache, worker,
                                                      records, progress)
    except KeyboardInterrupt:
        progress.finish()
        kept = cache.save()
        raise Interrupted(kept) from None
    cache.save()
    progress.finish()
    outcome.records = [records[item.id] for item in every]
    outcome.runtimes = {runtime_id: RuntimeVersions(**environment.versions.model_dump(),
                                                    emulates=environment.runtime.emulates)
                        for runtime_id, environment in environments.items() if environment}
    outcome.seconds = time.perf_counter() - started
    return outcome


def _run_pending(project: Project, matrix: Matrix, pending: list[Item], environments: dict[str, Environment | None],
                 cache: Cache, worker: str, records: dict[str, Record], progress: Progress) -> tuple[Stats, int]:
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    lock = threading.Lock()
    fixtures: dict[str, tuple[str, str]] = {}  # name: (path, content hash), once built
    contents: dict[str, str] = {}  # name: content hash, for the cache keys

    def done(item: Item, observation: Observation, versions: Versions | None) -> None:
        verdict = judge(item, observation, versions)
        entry = record(item, observation, versions, verdict, today)
        with lock:
            records[item.id] = entry
            progress.step(entry)
        if verdict.confirmed:
            cache.put(cache_key(item, environments[item.runtime], worker, contents), entry)

    unavailable: dict[str, str] = {}
    for runtime in matrix.runtimes.model.runtimes:  # in the declared order
        if any(item.runtime == runtime.id for item in pending):
            try:
                environments[runtime.id] = prepare(project.root, runtime, progress.say)
            except RuntimeUnavailable as error:
                unavailable[runtime.id] = str(error)
                progress.say(str(error))

    runnable = [item for item in pending if item.runtime not in unavailable]
    wanted = {name for item in runnable for name in item.example.fixtures}
    if wanted:
        builder = next((environments[r.id] for r in matrix.runtimes.model.runtimes
                        if environments.get(r.id) and r.id not in unavailable), None)
        try:
            if builder is None:
                raise RuntimeUnavailable("no runtime is available to build the fixtures")
            fixtures.update(ensure_fixtures(project.root, wanted, builder, progress.say))
            contents.update({name: content for name, (_, content) in fixtures.items()})
        except RuntimeUnavailable as error:
            unavailable.update({item.runtime: str(error) for item in runnable})
            runnable = []

    for item in pending:
        if item.runtime in unavailable:
            done(item, unobserved(Outcome.unavailable, unavailable[item.runtime]), None)

    groups: dict[tuple[str, str], Group] = {}
    for item in runnable:
        key = (item.runtime, item.example.mode)
        groups.setdefault(key, Group(environments[item.runtime], item.example.mode, item.emulated)).items.append(item)
    work_dir = project.work_dir / "verify"
    work_dir.mkdir(parents=True, exist_ok=True)
    paths = {name: path for name, (path, _) in fixtures.items()}
    stats = run_groups(list(groups.values()), paths, matrix.runtimes.model.timeout, work_dir, done)
    return stats, len(runnable)
