"""Verify the matrix: every item in its runtime and mode, skipping those already confirmed.

A result is cached under a key made of everything it depends on (the item's code and claim, the
runtime's lock, the fixtures' content, the worker), and only when it confirmed its claim. A re-run
with nothing changed reads the cache, the runtimes' lock files and the fixtures' manifests, and
never imports TensorFlow. Runtimes are made one after another, in their declared order, the next
while the current ones run; the sweep releases each once its items are done. Ctrl+C stops every
worker at once and keeps the results that finished.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..matrix.documents import Matrix
from ..matrix.examples import Example
from ..matrix.model import Runtime
from ..matrix.verification import (
    REPORT_VERSION,
    Observation,
    Outcome,
    RaisedException,
    Record,
    Report,
    RuntimeStatus,
    RuntimeVersions,
    Versions,
)
from ..problems import INTERRUPTED, Failure, failure
from ..project import Project
from .cache import Cache
from .fixture_store import built, ensure_fixtures, fixture_folder
from .items import Item, items
from .judge import NOT_INSTALLED, judge
from .pool import WORKER, Group, Stats, groups_of, run_groups, untested
from .progress import Progress
from .report import record, rejudged, report_of
from .runtimes import (
    TENSORFLOW_DISTRIBUTIONS,
    Environment,
    RuntimeUnavailable,
    cached_environment,
    prepare,
    release,
    release_packages,
)
from .usage import Usage


def interrupted(kept: int) -> Failure:
    """Ctrl+C: the workers are stopped; `kept` results that finished are in the cache."""
    return failure(
        f"interrupted; {kept} finished result{'s' if kept != 1 else ''} kept",
        "run again to go on from there",
        code=INTERRUPTED,
    )


@dataclass
class Run:
    items: list[Item]
    records: list[Record] = field(default_factory=list)
    runtimes: dict[str, RuntimeVersions] = field(default_factory=dict)
    stats: Stats = field(default_factory=Stats)
    ran: int = 0
    cached: int = 0
    seconds: float = 0.0
    part: str | None = None

    @property
    def contradictions(self) -> list[Record]:
        return [r for r in self.records if not r.confirmed]

    def report(self) -> Report:
        return report_of(self.records, {item.id: item for item in self.items}, self.runtimes, self.part)


def cache_key(item: Item, environment: Environment, worker: str, fixtures: dict[str, str]) -> str:
    """What an observation depends on: what runs, where, and with which fixtures (not the claim,
    against which a cached observation is judged again when it is read)."""
    parts = [
        REPORT_VERSION,
        item.runs_digest,
        environment.lock_hash,
        environment.runtime.environment,
        worker,
        [(name, fixtures[name]) for name in item.example.fixtures],
    ]
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def select_runtimes(
    declared: tuple[Runtime, ...], names: list[str] | None = None, shard: tuple[int, int] | None = None
) -> tuple[Runtime, ...]:
    """The runtimes named (default: all), then shard i of n of them: every n-th, from the i-th."""
    known = {runtime.id for runtime in declared}
    unknown = [name for name in names or () if name not in known]
    if unknown:
        raise failure(
            f"unknown runtime {', '.join(unknown)}", f"matrix/runtimes.yaml declares {', '.join(sorted(known))}"
        )
    selected = tuple(runtime for runtime in declared if not names or runtime.id in names)
    if shard:
        index, count = shard
        selected = selected[index - 1 :: count]
    return selected


def missing(example: Example, environment: Environment) -> tuple[str, ...]:
    """The distributions the example needs that the runtime does not have."""
    return tuple(name for name in example.requires if name not in environment.distributions)


def missing_observation(example: Example, environment: Environment) -> Observation:
    """An example not run, since the runtime lacks a distribution it needs: not applicable there."""
    names = ", ".join(missing(example, environment))
    message = f"not installed in this runtime: {names}"
    return Observation(
        outcome=Outcome.unavailable, phase="install", exception=RaisedException(type=NOT_INSTALLED, message=message)
    )


def runtime_observation(environment: Environment) -> Observation:
    """What every item observes in a runtime that cannot be used: the cause, at install or import."""
    if environment.status is RuntimeStatus.unimportable:
        return Observation(outcome=Outcome.failed, phase="import", exception=environment.cause)
    return Observation(outcome=Outcome.unavailable, phase="install", exception=environment.cause)


def verify(
    project: Project,
    matrix: Matrix,
    runtimes: tuple[Runtime, ...],
    *,
    only: tuple[str, ...] = (),
    force: bool = False,
    release: bool = False,
    part: str | None = None,
    progress: Progress | None = None,
) -> Run:
    """Verify the items of these runtimes; returns their records in page order. `release` deletes each
    made runtime (and the TensorFlow it was made from, in the package cache) once its items are done.
    Raises Failure (exit 130) on Ctrl+C."""
    started = time.perf_counter()
    every = items(matrix, runtimes, only)
    progress = progress or Progress(len(every))
    cache = Cache(project.runtimes_dir)
    worker = hashlib.sha256(WORKER.read_bytes()).hexdigest()  # read once: results are stored under the code that ran
    names = sorted({name for item in every for name in item.example.fixtures})
    fixtures = {name: content for name in names if (content := built(fixture_folder(project.root, name)))}
    environments = {runtime.id: cached_environment(project.root, runtime) for runtime in runtimes}
    records: dict[str, Record] = {}
    pending: list[Item] = []
    for item in every:
        environment = environments[item.runtime]
        usable = not force and all(name in fixtures for name in item.example.fixtures)
        cached = cache.get(cache_key(item, environment, worker, fixtures)) if environment and usable else None
        if cached is not None and cached.runs_digest == item.runs_digest:
            cached = rejudged(item, cached)
        if cached is not None and cached.confirmed:  # a contradiction is always observed afresh
            records[item.id] = cached
            progress.step(cached, cached=True)
        else:
            pending.append(item)

    outcome = Run(every, cached=len(every) - len(pending), part=part)
    try:
        if pending:
            outcome.stats, outcome.ran = _run_pending(
                project, matrix, runtimes, pending, environments, cache, worker, records, progress, release
            )
    except KeyboardInterrupt:
        progress.finish()
        kept = cache.save()
        raise interrupted(kept) from None
    cache.save()
    progress.finish()
    outcome.records = [records[item.id] for item in every]
    outcome.runtimes = {
        runtime_id: environment.report_versions() for runtime_id, environment in environments.items() if environment
    }
    outcome.seconds = time.perf_counter() - started
    return outcome


def _run_pending(
    project: Project,
    matrix: Matrix,
    runtimes: tuple[Runtime, ...],
    pending: list[Item],
    environments: dict[str, Environment | None],
    cache: Cache,
    worker: str,
    records: dict[str, Record],
    progress: Progress,
    release_each: bool,
) -> tuple[Stats, int]:
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    lock = threading.Lock()
    contents: dict[str, str] = {}  # fixture name: content hash, for the cache keys

    def done(item: Item, observation: Observation, versions: Versions | None) -> None:
        verdict = judge(item, observation, versions)
        entry = record(item, observation, versions, verdict, today)
        with lock:
            records[item.id] = entry
            progress.step(entry)
        environment = environments[item.runtime]
        if verdict.confirmed and environment is not None:
            cache.put(cache_key(item, environment, worker, contents), entry)

    def unavailable(items: list[Item], message: str) -> None:
        for item in items:
            done(item, untested(Outcome.unavailable, message), None)

    by_runtime = {runtime.id: [item for item in pending if item.runtime == runtime.id] for runtime in runtimes}
    wanted = {name for item in pending for name in item.example.fixtures}
    paths: dict[str, str] = {}
    if wanted:
        try:
            fixtures = ensure_fixtures(project.root, wanted, _builder(project, matrix, progress), progress.say)
        except RuntimeUnavailable as error:
            progress.say(str(error))
            unavailable(pending, str(error))
            return Stats(), 0
        paths = {name: path for name, (path, _) in fixtures.items()}
        contents.update({name: content for name, (_, content) in fixtures.items()})

    def groups() -> Iterator[Group]:
        """Each runtime's group as soon as its runtime is made; runtimes that cannot be used answer at once."""
        tensorflow = None
        for runtime in runtimes:
            waiting = by_runtime[runtime.id]
            if not waiting:
                continue
            if release_each and tensorflow != (tensorflow := _tensorflow_pin(runtime)):
                release_packages(project.root, list(TENSORFLOW_DISTRIBUTIONS))  # the last one's, all made
            try:
                environment = environments[runtime.id] = prepare(project.root, runtime, progress.say)
            except RuntimeUnavailable as error:
                progress.say(str(error))
                unavailable(waiting, str(error))
                continue
            if not environment.usable:
                for item in waiting:
                    done(item, runtime_observation(environment), environment.versions)
                continue
            runnable = []
            for item in waiting:
                if missing(item.example, environment):
                    done(item, missing_observation(item.example, environment), environment.versions)
                else:
                    runnable.append(item)
            yield from groups_of(runnable, environment)

    def finished(group: Group) -> None:
        if release_each:
            release(project.root, group.environment.runtime)

    work_dir = project.work_dir / "verify"
    work_dir.mkdir(parents=True, exist_ok=True)
    usage = Usage(project.runtimes_dir).start()
    try:
        stats = run_groups(groups(), paths, matrix.runtimes.model.timeout, work_dir, done, finished=finished)
    finally:
        usage.stop()
    stats.peak_disk, stats.peak_memory = usage.peak_disk, usage.peak_memory
    return stats, len(pending)


def _tensorflow_pin(runtime: Runtime) -> str | None:
    return next((pin for pin in runtime.requirements if pin.split("==")[0].strip() in TENSORFLOW_DISTRIBUTIONS), None)


def _builder(project: Project, matrix: Matrix, progress: Progress) -> Environment:
    """The runtime that builds the fixtures: the first everyday runtime that can be used."""
    for runtime in matrix.runtimes.model.runtimes:
        try:
            environment = prepare(project.root, runtime, progress.say)
        except RuntimeUnavailable as error:
            progress.say(str(error))
            continue
        if environment.usable:
            return environment
    raise RuntimeUnavailable("no runtime is available to build the fixtures")
