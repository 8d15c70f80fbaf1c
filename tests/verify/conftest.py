"""Shared helpers for the verification runner's tests: a tiny project that verifies in seconds in the
real runtimes, and runs of the real command line against copies of it.

The tiny project is self-contained: its whole matrix/ comes from tiny_matrix/ (its own modes,
operations, one catalog with only the messages it names, and two tiny formats), so no edit to the
real matrix (a new language, a reworded message, a new snippet) can change what these tests see.
Its runtimes.yaml is written here: `legacy` and `current` are declared with `interpreter:`, the
Python of the project's own made environments, and the `environment:` their declarations in the
real matrix/runtimes.yaml give. So a copy's `.runtimes/` is a folder of its own holding only lock
files, built fixtures (copied, never linked) and its results cache: a run never writes into the
project's `.runtimes/`, whatever it does.

A session fixture verifies the tiny matrix once, cold, in every runtime; each test starts from a
copy of that run's `.runtimes/` (locks, fixtures, cache), so only the items a test changes (or
forgets) run again.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests import proc

from ..helpers import REPO, ProjectFiles, clean_env, copy_built_fixtures, copy_project, run_generator

TINY_MATRIX = Path(__file__).with_name("tiny_matrix")
TF1_HUB = "matrix/formats/tf1_hub.yaml"
TF2_SAVEDMODEL = "matrix/formats/tf2_savedmodel.yaml"
RUNTIMES = "matrix/runtimes.yaml"
WORKER_SCRIPT = "generator/verify/worker.py"
# The modes each of the project's environments runs for the tiny matrix: what TensorFlow 2 can do.
# (`current` runs TF2 alone here: each (runtime, mode) costs a worker, that is an import of TensorFlow.)
RUNTIME_MODES = {"legacy": ("[tf1_compat, tf2]", "[tf1]"), "current": ("[tf2]", "[]")}
# Only guards against a runner that never ends; no test asserts tight timings.
RUN_TIMEOUT = 900

COUNTS = re.compile(r"^(\d+) run, (\d+) from cache, in ([\d.]+)s; report: (.*)$", re.MULTILINE)


@dataclass
class Run:
    """What a run of `python -m generator verify` printed, its report, and how long it took."""

    code: int
    stdout: str
    stderr: str
    seconds: float
    report: Any

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def record(self, item_id: str) -> dict:
        assert self.report is not None, f"no report was written:\n{self.output}"
        found = [r for r in self.report["records"] if r["id"] == item_id]
        assert len(found) == 1, f"{item_id} is in the report {len(found)} times:\n{self.output}"
        return found[0]

    @property
    def ids(self) -> list[str]:
        assert self.report is not None, f"no report was written:\n{self.output}"
        return [r["id"] for r in self.report["records"]]

    def counts(self) -> tuple[int, int]:
        """(items run, items read from the cache), from the last line."""
        found = COUNTS.search(self.stdout)
        assert found, f"no 'N run, M from cache' line:\n{self.output}"
        return int(found[1]), int(found[2])

    def report_written(self) -> str:
        found = COUNTS.search(self.stdout)
        assert found, f"no 'N run, M from cache' line:\n{self.output}"
        return found[4]

    def assert_no_traceback(self) -> None:
        assert "Traceback" not in self.output, f"the run ended in a traceback:\n{self.output}"

    def contradiction(self, item_id: str) -> list[str]:
        """The summary's lines about a contradicted item: its first line, '<claim place>: claim
        contradicted by <id>', then every indented line after it."""
        lines = self.stderr.splitlines()
        starts = [n for n, line in enumerate(lines) if line.endswith(f": claim contradicted by {item_id}")]
        assert len(starts) == 1, f"{item_id} has {len(starts)} contradiction blocks:\n{self.output}"
        block = [lines[starts[0]]]
        for line in lines[starts[0] + 1 :]:
            if line.strip() and not line.startswith("  "):
                break
            block.append(line)  # a blank line may stand inside a traceback
        while block[-1] == "":
            block.pop()
        return block


class VerifyProject(ProjectFiles):
    """A copy of the tiny project under tmp_path, with helpers to put a fault in it and verify it."""

    # --- places in the matrix files -------------------------------------------------------------

    def _cell_line(self, file: str, operation: str, column: str) -> int:
        """The index (from 0) of the line that starts a cell."""
        lines = self.text(file).splitlines()
        for n in range(len(lines) - 1):
            if lines[n] == f"  - operation: {operation}" and lines[n + 1] == f"    column: {column}":
                return n
        raise AssertionError(f"no cell ({operation}, {column}) in {file}")

    def claim_place(self, file: str, operation: str, column: str) -> str:
        """'file:line:col' of the `claim:` key of a cell, as the runner names a claim."""
        lines = self.text(file).splitlines()
        start = self._cell_line(file, operation, column)
        claim = next(n for n in range(start, len(lines)) if lines[n] == "    claim:")
        return f"{file}:{claim + 1}:5"

    def snippet_place(self, file: str, operation: str, column: str, index: int = 0) -> str:
        """'file:line:col' of a cell's `index`-th snippet (its first key, after '- '), or of the
        `counterexample:` key of a cell that has one."""
        lines = self.text(file).splitlines()
        start = self._cell_line(file, operation, column)
        end = next((n for n in range(start + 1, len(lines)) if lines[n].startswith("  - ")), len(lines))
        counter = [n for n in range(start, end) if lines[n] == "    counterexample:"]
        if counter:
            return f"{file}:{counter[0] + 1}:5"
        labels = [n for n in range(start, end) if lines[n].startswith("      - label:")]
        return f"{file}:{labels[index] + 1}:9"

    def set_timeout(self, seconds: float) -> None:
        text = self.text(RUNTIMES)
        text, count = re.subn(r"(?m)^timeout: .*$", f"timeout: {seconds:g}", text)
        assert count == 1, "runtimes.yaml has no top-level 'timeout:' line"
        self.write(RUNTIMES, text)

    def add_runtime(self, block: str) -> None:
        """Append a runtime (YAML of one list item, indented as in runtimes.yaml)."""
        text = self.text(RUNTIMES)
        self.write(RUNTIMES, text + ("" if text.endswith("\n") else "\n") + block)

    # --- state under .runtimes/ -----------------------------------------------------------------

    @property
    def runtimes_dir(self) -> Path:
        return self.root / ".runtimes"

    @property
    def cache_path(self) -> Path:
        return self.runtimes_dir / "results.json"

    def cache(self) -> dict:
        return json.loads(self.cache_path.read_text(encoding="utf-8"))

    def cached_ids(self) -> set[str]:
        return {entry["id"] for entry in self.cache().values()}

    def forget(self, *item_ids: str) -> None:
        """Drop these items' cached results, so the next run runs them."""
        entries = self.cache()
        kept = {key: entry for key, entry in entries.items() if entry["id"] not in item_ids}
        assert len(entries) - len(kept) == len(item_ids), f"not all of {item_ids} were cached"
        self.cache_path.write_text(json.dumps(kept), encoding="utf-8")

    def lock_path(self, runtime: str) -> Path:
        return self.runtimes_dir / runtime / "lock.json"

    # --- running --------------------------------------------------------------------------------

    def arguments(
        self, *runtimes: str, only: tuple[str, ...] = (), verbose: bool = False, force: bool = False
    ) -> list[str]:
        """`verify [--runtime R ...] [--only P ...] [--verbose] [--force] --report <copy>/r.json`."""
        return [
            "verify",
            *[arg for runtime in runtimes for arg in ("--runtime", runtime)],
            *[arg for pattern in only for arg in ("--only", pattern)],
            *(["--verbose"] if verbose else []),
            *(["--force"] if force else []),
            "--report",
            str(self.root / "r.json"),
        ]

    def command(
        self, *runtimes: str, only: tuple[str, ...] = (), verbose: bool = False, force: bool = False
    ) -> list[str]:
        """The whole command line of such a run, to start it in the background."""
        arguments = self.arguments(*runtimes, only=only, verbose=verbose, force=force)
        return [sys.executable, "-m", "generator", "--root", str(self.root), *arguments]

    def pytest_command(self, *args: str) -> list[str]:
        """A pytest session in the copy, with the project's plugin alone: its snippets as test items."""
        return [
            sys.executable,
            "-m",
            "pytest",
            "-c",
            "/dev/null",
            "--rootdir",
            str(self.root),
            "-p",
            "generator.verify.pytest_plugin",
            "-p",
            "no:cacheprovider",
            *args,
        ]

    def verify(
        self,
        *runtimes: str,
        only: tuple[str, ...] = (),
        verbose: bool = False,
        force: bool = False,
        extra_env: dict[str, str] | None = None,
    ) -> Run:
        """`python -m generator --root <copy> verify [--runtime R ...] [--only P ...] --report <copy>/r.json`."""
        report = self.root / "r.json"
        report.unlink(missing_ok=True)
        started = time.perf_counter()
        done = run_generator(
            self.root,
            *self.arguments(*runtimes, only=only, verbose=verbose, force=force),
            timeout=RUN_TIMEOUT,
            env=clean_env(extra_env),
        )
        seconds = time.perf_counter() - started
        loaded = json.loads(report.read_text(encoding="utf-8")) if report.exists() else None
        return Run(done.returncode, done.stdout, done.stderr, seconds, loaded)

    def workers(self) -> dict[int, str]:
        """Live worker processes of runs in this copy: pid -> its start time (to tell a reused pid apart)."""
        return {pid: started for pid, started in processes().items() if is_worker(pid) and working_in(pid, self.root)}


# --- processes, read from /proc --------------------------------------------------------------------


def processes() -> dict[int, str]:
    """Every live process (zombies aside): pid -> its start time."""
    return {pid: fields[19] for pid, fields in proc.stats().items() if fields[0] != "Z"}


def alive(pid: int, started: str) -> bool:
    return processes().get(pid) == started


def is_worker(pid: int) -> bool:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return any(part.decode(errors="replace").endswith(WORKER_SCRIPT) for part in command)


def working_in(pid: int, root: Path) -> bool:
    """Whether the process's working folder is under root (a worker's is its run's scratch folder)."""
    try:
        cwd = os.readlink(f"/proc/{pid}/cwd")
    except OSError:
        return False
    return cwd.startswith(f"{root}{os.sep}")


def stop_process(process: subprocess.Popen) -> None:
    """End a process this test started, if it is still running, and reap it."""
    if process.poll() is None:
        process.kill()
    process.wait()


def wait_for(condition, seconds: float, interval: float = 0.1) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


# --- the project's runtimes and the tiny project ---------------------------------------------------


@pytest.fixture(scope="session")
def environments() -> dict:
    """The project's made environments legacy and current (made now, once, if a fresh checkout lacks them)."""
    from generator.matrix.model import RuntimesFile
    from generator.verify.runtimes import RuntimeUnavailable, cached_environment, prepare

    declared = RuntimesFile.model_validate(yaml.safe_load((REPO / RUNTIMES).read_text(encoding="utf-8")))
    by_id = {runtime.id: runtime for runtime in declared.runtimes}
    found = {}
    for runtime_id in RUNTIME_MODES:
        if runtime_id not in by_id:
            pytest.skip(f"{RUNTIMES} declares no runtime '{runtime_id}'")
        runtime = by_id[runtime_id]
        try:
            found[runtime_id] = cached_environment(REPO, runtime) or prepare(REPO, runtime, print)
        except RuntimeUnavailable as error:
            pytest.skip(f"the runtimes cannot be made here: {error}")
    return found


def runtimes_yaml(environments: dict, timeout: float = 120) -> str:
    lines = [
        "# yaml-language-server: $schema=schema/runtimes.schema.json",
        "# The project's made environments, used as they are (written by tests/verify/conftest.py).",
        f"timeout: {timeout:g}",
        "runtimes:",
    ]
    for runtime_id, (modes, emulates) in RUNTIME_MODES.items():
        environment = environments[runtime_id]
        lines += [
            f"  - id: {runtime_id}",
            f"    interpreter: {json.dumps(str(environment.python))}",
            f"    modes: {modes}",
            f"    emulates: {emulates}",
            f"    keras: {json.dumps(environment.runtime.keras)}",
            f"    environment: {json.dumps(dict(environment.runtime.environment))}",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="session")
def pristine(environments: dict, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny project, made once: tiny_matrix/ as matrix/, with its runtimes.yaml."""
    from generator.problems import Failure
    from generator.project import Project

    root = copy_project(tmp_path_factory.mktemp("pristine"), TINY_MATRIX).root
    (root / RUNTIMES).write_text(runtimes_yaml(environments), encoding="utf-8")
    try:
        Project(root).load()
    except Failure as error:
        pytest.fail(f"the tiny matrix (tests/verify/tiny_matrix/) is not valid:\n{error.report()}")
    return root


def seed_locks(root: Path, environments: dict) -> None:
    """Write the lock files the copy's interpreter runtimes would get, from what the project's own
    locks already know: a run then trusts them without importing TensorFlow to read the versions."""
    from generator.project import Project
    from generator.verify.runtimes import Lock, _wanted, fingerprint, runtime_folder

    for runtime in Project(root).load().runtimes.model.runtimes:
        environment = environments[runtime.id]
        lock = Lock(
            wanted=_wanted(runtime),
            python=str(environment.python),
            status=environment.status,
            versions=environment.versions,
            distributions=environment.distributions,
            fingerprint=fingerprint(environment.python),
        )
        folder = runtime_folder(root, runtime)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "lock.json").write_text(lock.model_dump_json(indent=2), encoding="utf-8")


@dataclass
class Baseline:
    run: Run
    runtimes_dir: Path  # its .runtimes/: locks, fixtures, results cache

    def ids(self, runtime: str | None = None) -> list[str]:
        return [item_id for item_id in self.run.ids if runtime is None or item_id.endswith(f"[{runtime}]")]


@pytest.fixture(scope="session")
def baseline(pristine: Path, environments: dict, tmp_path_factory: pytest.TempPathFactory) -> Baseline:
    """The tiny matrix verified once, cold, in every runtime: every item runs and is confirmed."""
    root = copy_project(tmp_path_factory.mktemp("baseline"), pristine / "matrix").root
    seed_locks(root, environments)
    copy_built_fixtures(REPO / ".runtimes" / "fixtures", root / ".runtimes" / "fixtures")
    run = VerifyProject(root).verify()
    print(f"baseline: every item of the tiny matrix, cold, in {run.seconds:.1f}s")
    run.assert_no_traceback()
    assert run.code == 0, f"the tiny matrix is not confirmed everywhere:\n{run.output}"
    assert run.counts() == (len(run.ids), 0), run.output
    return Baseline(run, root / ".runtimes")


def tiny_copy(root: Path, pristine: Path, baseline: Baseline) -> VerifyProject:
    """A fresh copy of the tiny project at root, whose .runtimes/ is a copy of the baseline's."""
    return VerifyProject(copy_project(root, pristine / "matrix", runtimes=baseline.runtimes_dir).root)


@pytest.fixture
def project(pristine: Path, baseline: Baseline, tmp_path: Path) -> VerifyProject:
    return tiny_copy(tmp_path / "project", pristine, baseline)
