"""Verification benchmark: cold and warm verifications of the real matrix, against a floor, the
per-mode workers and a naive runner, side by side in one run.

    python -m tests.benchmarks.verify        (make bench-verify)

It prints figures and asserts nothing about time, but exits 1, saying which, when a target is
missed:

- cold / floor <= 1.3, where floor = (one TensorFlow and tensorflow_hub import per runtime +
  the snippets' own run times) / cores: the pool, with one worker per runtime forking a child per
  snippet, wastes little beyond that;
- the same cold run with per-mode workers (one per runtime and mode, snippets run in the worker,
  as where the system cannot fork) is printed beside it;
- naive / cold >= 4, where naive is a runner that starts a fresh worker (a fresh Python importing
  TensorFlow) for every item, as many at a time as the pool runs workers;
- warm < 1 s: a re-run with nothing changed reads the cache and runs nothing.

It works on a copy of the project (matrix/ and mkdocs.yml) whose .runtimes is a real folder with
symlinks to the project's made environments, a copy of its built fixtures and a fresh results cache
of its own: the environments are reused, never re-created (the benchmark stops if one is not made
and current), and nothing under the project's .runtimes is written. The fixtures are built (if
their builders changed) before anything is timed.

Memory: a thread samples /proc every 0.1 s for this process's children (the workers) and keeps
the peak of their summed resident sizes and each one's VmHWM; the parent's own peak is ru_maxrss.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from tests import proc
from tests.helpers import REPO, copy_built_fixtures, copy_project, remove_copy

MAX_BOUND_RATIO = 1.3  # cold / floor
MIN_NAIVE_RATIO = 4.0  # naive / cold
MAX_WARM = 1.0  # seconds


# --- the project copy ----------------------------------------------------------------------------


def project_copy(root: Path) -> Path:
    """The real project, its made environments linked (never written through: `remove_copy`
    unlinks them) and its built fixtures copied (small)."""
    copy_project(root, REPO / "matrix")
    runtimes = root / ".runtimes"
    runtimes.mkdir()
    for folder in sorted((REPO / ".runtimes").iterdir()) if (REPO / ".runtimes").is_dir() else ():
        if folder.is_dir() and not folder.name.startswith(".") and (folder / "lock.json").exists():
            (runtimes / folder.name).symlink_to(folder, target_is_directory=True)
    copy_built_fixtures(REPO / ".runtimes" / "fixtures", runtimes / "fixtures")
    return root


# --- memory --------------------------------------------------------------------------------------


class ChildMemory(threading.Thread):
    """Samples the resident memory of this process's children until stopped."""

    def __init__(self, interval: float = 0.1):
        super().__init__(daemon=True)
        self.interval = interval
        self.halt = threading.Event()
        self.peak_sum = 0  # KiB: the largest sum of the children's VmRSS seen at one instant
        self.peaks: dict[tuple[int, str], int] = {}  # (pid, start time) -> its largest VmHWM seen, KiB
        self.samples = 0

    def run(self) -> None:
        while not self.halt.wait(self.interval):
            total = 0
            for pid, started in _children(os.getpid()):
                status = _status(pid)
                if status:
                    total += status.get("VmRSS", 0)
                    key = (pid, started)
                    self.peaks[key] = max(self.peaks.get(key, 0), status.get("VmHWM", 0))
            self.peak_sum = max(self.peak_sum, total)
            self.samples += 1

    def stop(self) -> None:
        self.halt.set()
        self.join()


def _children(parent: int) -> list[tuple[int, str]]:
    """(pid, start time) of each child; the start time tells a reused pid apart."""
    return [(pid, fields[19]) for pid, fields in proc.stats().items() if int(fields[1]) == parent]


def _status(pid: int) -> dict[str, int]:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return {
        key: int(value.split()[0])
        for key, _, value in (line.partition(":") for line in lines)
        if key in ("VmRSS", "VmHWM")
    }


T = TypeVar("T")


def measured(function: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[T, float, ChildMemory]:
    """function(*args, **kwargs), its wall time, and its children's memory."""
    memory = ChildMemory()
    memory.start()
    started = time.perf_counter()
    try:
        result = function(*args, **kwargs)
    finally:
        seconds = time.perf_counter() - started
        memory.stop()
    return result, seconds, memory


# --- the runs ------------------------------------------------------------------------------------


def prepare_fixtures(project, matrix) -> tuple[dict, dict[str, tuple[str, str]]]:
    """Every runtime's environment (which must already be made) and every fixture, built now if needed."""
    from generator.verify.fixture_store import ensure_fixtures
    from generator.verify.items import items
    from generator.verify.runtimes import cached_environment

    environments = {}
    for runtime in matrix.runtimes.model.runtimes:
        environment = cached_environment(project.root, runtime)
        if environment is None:
            sys.exit(
                f"runtime {runtime.id} is not made in {REPO / '.runtimes'}: run "
                "`python -m generator verify` once first (the benchmark never creates runtimes)"
            )
        environments[runtime.id] = environment
    names = {name for item in items(matrix) for name in item.example.fixtures}
    first = next(iter(environments.values()))
    return environments, ensure_fixtures(project.root, names, first, lambda message: print(message, flush=True))


def not_cached(project, matrix, environments: dict, fixtures: dict[str, tuple[str, str]]) -> list[str]:
    """The items a re-run would run now: those whose key is not in the results cache."""
    import hashlib

    from generator.verify.cache import Cache
    from generator.verify.items import items
    from generator.verify.pool import WORKER
    from generator.verify.run import cache_key

    cache = Cache(project.runtimes_dir)
    worker = hashlib.sha256(WORKER.read_bytes()).hexdigest()
    contents = {name: content for name, (_, content) in fixtures.items()}
    return [
        item.id
        for item in items(matrix)
        if not cache.get(cache_key(item, environments[item.runtime], worker, contents))
    ]


def naive_run(project, matrix, environments: dict, fixtures: dict[str, tuple[str, str]], jobs: int) -> list[dict]:
    """Every item in a worker of its own: a fresh Python that imports TensorFlow, runs one request, exits."""
    from generator.verify.items import items
    from generator.verify.pool import Group, Worker, WorkerDied, Workers

    work_dir = project.root / ".build" / "naive"
    work_dir.mkdir(parents=True, exist_ok=True)
    timeout = matrix.runtimes.model.timeout
    paths = {name: path for name, (path, _) in fixtures.items()}
    workers = Workers()

    def one(index_item):
        index, item = index_item
        scratch = Path(tempfile.mkdtemp(prefix=f"{index}-", dir=work_dir))
        started = time.perf_counter()
        try:
            worker = Worker(
                Group(environments[item.runtime], item.example.mode, [item]),
                work_dir / f"{index}.log",
                scratch,
                workers,
            )
        except WorkerDied:
            return {"id": item.id, "observed": "crash", "seconds": time.perf_counter() - started, "startup": 0.0}
        try:
            result = worker.run(item, paths, timeout)
        finally:
            worker.stop(grace=10.0)
            workers.remove(worker)
        return {
            "id": item.id,
            "observed": result.outcome.value,
            "seconds": time.perf_counter() - started,
            "startup": worker.startup,
        }

    try:
        with ThreadPoolExecutor(max_workers=jobs) as executor:
            return list(executor.map(one, enumerate(items(matrix))))
    except BaseException:
        workers.stop_all()
        raise


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-naive", action="store_true", help="do not run the naive runner (minutes)")
    args = parser.parse_args()

    from generator.project import Project
    from generator.verify import pool
    from generator.verify.progress import Progress
    from generator.verify.run import verify

    cores = os.cpu_count() or 1
    root = project_copy(Path(tempfile.mkdtemp(prefix="bench-verify-")))
    try:
        project = Project(root)
        matrix = project.load()
        environments, fixtures = prepare_fixtures(project, matrix)

        runtimes = matrix.runtimes.model.runtimes
        print(
            f"cold run of every item in {len(environments)} runtimes ({', '.join(environments)}) "
            f"on {cores} cores, per-mode workers ...",
            flush=True,
        )
        forks, pool.FORKS = pool.FORKS, False
        try:
            modes, modes_seconds, modes_memory = measured(
                verify, project, matrix, runtimes, force=True, progress=Progress(0, stream=io.StringIO())
            )
        finally:
            pool.FORKS = forks
        print("... and with a worker per runtime forking a child per snippet ...", flush=True)
        cold, cold_seconds, cold_memory = measured(
            verify, project, matrix, runtimes, force=True, progress=Progress(0, stream=io.StringIO())
        )
        missing = not_cached(project, matrix, environments, fixtures)
        warm, warm_seconds, _ = measured(verify, project, matrix, runtimes, progress=Progress(0, stream=io.StringIO()))
        naive: list[Any] = []
        if not args.skip_naive:
            print(f"naive run: a fresh worker per item, {cores} at a time ...", flush=True)
            naive, naive_seconds, naive_memory = measured(naive_run, project, matrix, environments, fixtures, cores)
    finally:
        remove_copy(root)

    mib = 1024
    startups = cold.stats.startups
    snippets = sum(record.duration for record in cold.records)
    bound = (sum(startups) + snippets) / cores
    contradicted = len(cold.contradictions)
    print()
    print(
        f"items:                 {len(cold.records)} ({cold.ran} run; {len(cold.records) - contradicted} confirmed, "
        f"{contradicted} contradicted)"
    )
    print(f"cores:                 {cores}")
    print(
        f"cold:                  {cold_seconds:8.2f} s  (verify(force=True), fresh cache; environments reused; "
        f"{'a child forked per snippet' if pool.FORKS else 'this system cannot fork: per-mode workers'})"
    )
    print(
        f"cold, per-mode workers:{modes_seconds:8.2f} s  ({len(modes.stats.startups)} workers, start-ups "
        f"{sum(modes.stats.startups):.2f} s summed) = {modes_seconds / cold_seconds:.2f} x the cold run"
    )
    print(
        f"worker start-ups:      {sum(startups):8.2f} s  summed over {len(startups)} workers "
        f"(median {statistics.median(startups) if startups else 0:.2f} s)"
    )
    print(f"snippet run times:     {snippets:8.2f} s  summed over {len(cold.records)} items")
    print(f"floor:                 {bound:8.2f} s  = ({sum(startups):.2f} + {snippets:.2f}) / {cores}")
    print(f"warm (in-process):     {warm_seconds:8.3f} s  ({warm.ran} run, {warm.cached} from cache)")
    if missing:
        contradicted_ids = {record.id for record in cold.contradictions}
        print(f"                       not a no-op: {len(missing)} items were not in the cache after the cold run")
        for item_id in missing:
            why = (
                "contradicted (only confirmed results are cached)"
                if item_id in contradicted_ids
                else "confirmed, yet not found: a file its key hashes (worker.py, a fixture) changed during the run?"
            )
            print(f"                         {item_id}: {why}")
    print(
        f"peak memory, cold:     workers {cold_memory.peak_sum / mib:.0f} MiB at once (summed VmRSS, "
        f"{cold_memory.samples} samples); largest worker {max(cold_memory.peaks.values(), default=0) / mib:.0f} MiB "
        f"(VmHWM); parent {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / mib:.0f} MiB (ru_maxrss)"
    )
    print(f"peak memory, per-mode: workers {modes_memory.peak_sum / mib:.0f} MiB at once")
    if naive:
        sequential = sum(result["seconds"] for result in naive)
        naive_startups = [result["startup"] for result in naive]
        differ = [
            (r["id"], r["observed"])
            for r in naive
            if r["observed"] != next(c.observed.value for c in cold.records if c.id == r["id"])
        ]
        print(
            f"naive:                 {naive_seconds:8.2f} s  ({len(naive)} workers, {cores} at a time; "
            f"start-ups {sum(naive_startups):.2f} s summed; one at a time it would take about {sequential:.2f} s)"
        )
        print(f"peak memory, naive:    workers {naive_memory.peak_sum / mib:.0f} MiB at once")
        if differ:
            print(f"observed differently in a fresh worker than in the pool: {len(differ)} items")
            for item_id, observed in differ:
                print(f"    {item_id}: naive {observed}")

    print()
    verdicts = [
        (
            cold_seconds / bound <= MAX_BOUND_RATIO if bound else False,
            f"cold / floor = {cold_seconds:.2f} / {bound:.2f} = {cold_seconds / bound if bound else 0:.2f} "
            f"(target: at most {MAX_BOUND_RATIO})",
        ),
        (warm_seconds < MAX_WARM, f"warm = {warm_seconds:.3f} s (target: under {MAX_WARM:g} s)"),
    ]
    if naive:
        verdicts.insert(
            1,
            (
                naive_seconds / cold_seconds >= MIN_NAIVE_RATIO,
                f"naive / cold = {naive_seconds:.2f} / {cold_seconds:.2f} = "
                f"{naive_seconds / cold_seconds:.2f} (target: at least {MIN_NAIVE_RATIO:g})",
            ),
        )
    for ok, text in verdicts:
        print(f"{'PASS' if ok else 'FAIL'} {text}")
    if all(ok for ok, _ in verdicts):
        return 0
    print("a target was missed", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
