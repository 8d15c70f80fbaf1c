"""Shared helpers for the verification runner's fault tests: a project copy that reuses the real
runtimes, a tiny matrix that verifies in seconds, and a run of the real command line against it.

Every test works on its own copy under tmp_path: the real matrix/ and mkdocs.yml, with the two
format files replaced by the tiny stand-ins in tiny_formats/ (the real ids and messages, trivial
code, so the copy passes `generator check` and does not depend on the real snippets). The copy's
`.runtimes` is a real folder holding symlinks to the project's made environments (legacy,
current) and models, and its own results cache: a run never re-creates an environment and never
touches the project's cache. runtimes.yaml is copied unchanged, so the environments' lock files
match (a test may change `timeout:`, which is not part of a lock).

A session fixture verifies the tiny matrix once, cold, in every runtime; each test starts from a
copy of that run's cache, so only the items a test changes (or forgets) run again.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TINY_FORMATS = Path(__file__).with_name("tiny_formats")
TF1_HUB = "matrix/formats/tf1_hub.yaml"
TF2_SAVEDMODEL = "matrix/formats/tf2_savedmodel.yaml"
RUNTIMES = "matrix/runtimes.yaml"
# Only guards against a runner that never ends; no test asserts tight timings.
RUN_TIMEOUT = 900

COUNTS = re.compile(r"^(\d+) run, (\d+) from cache, in ([\d.]+)s; report: ", re.MULTILINE)


@dataclass
class Run:
    """What a run of `python -m generator verify` printed, its report, and how long it took."""

    code: int
    stdout: str
    stderr: str
    seconds: float
    report: dict | None

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def record(self, item_id: str) -> dict:
        assert self.report is not None, f"no report was written:\n{self.output}"
        found = [r for r in self.report["items"] if r["id"] == item_id]
        assert len(found) == 1, f"{item_id} is in the report {len(found)} times:\n{self.output}"
        return found[0]

    @property
    def ids(self) -> list[str]:
        assert self.report is not None, f"no report was written:\n{self.output}"
        return [r["id"] for r in self.report["items"]]

    def counts(self) -> tuple[int, int]:
        """(items run, items read from the cache), from the last line."""
        found = COUNTS.search(self.stdout)
        assert found, f"no 'N run, M from cache' line:\n{self.output}"
        return int(found[1]), int(found[2])

    def assert_no_traceback(self) -> None:
        assert "Traceback" not in self.output, f"the run ended in a traceback:\n{self.output}"

    def contradiction_line(self, item_id: str) -> str:
        """The summary's line for a contradicted item: '<claim place>: claim contradicted by <id> (...)'."""
        lines = [line for line in self.stdout.splitlines() if f": claim contradicted by {item_id} (" in line]
        assert len(lines) == 1, f"{item_id} has {len(lines)} contradiction lines:\n{self.output}"
        return lines[0]


class VerifyProject:
    """A project copy under tmp_path, with helpers to put one fault in it and verify it."""

    def __init__(self, root: Path):
        self.root = root

    # --- files ----------------------------------------------------------------------------------

    def path(self, file: str) -> Path:
        return self.root / file

    def text(self, file: str) -> str:
        return self.path(file).read_text(encoding="utf-8")

    def write(self, file: str, text: str) -> None:
        self.path(file).write_text(text, encoding="utf-8")

    def replace(self, file: str, old: str, new: str) -> None:
        """Replace `old`, which must occur exactly once."""
        text = self.text(file)
        assert text.count(old) == 1, f"{old!r} is {text.count(old)} times in {file}"
        self.write(file, text.replace(old, new))

    def line_of(self, file: str, needle: str) -> int:
        """The line (from 1) of the only line containing `needle`."""
        found = [n for n, line in enumerate(self.text(file).splitlines(), 1) if needle in line]
        assert len(found) == 1, f"{needle!r} is on {len(found)} lines of {file}"
        return found[0]

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
        """'file:line:col' of a cell's `index`-th snippet (its first key, after '- ')."""
        lines = self.text(file).splitlines()
        start = self._cell_line(file, operation, column)
        labels = [n for n in range(start, len(lines)) if lines[n].startswith("      - label:")]
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

    # --- the results cache ----------------------------------------------------------------------

    @property
    def cache_path(self) -> Path:
        return self.root / ".runtimes" / "results.json"

    def cached_ids(self) -> set[str]:
        return {entry["id"] for entry in json.loads(self.cache_path.read_text(encoding="utf-8")).values()}

    def forget(self, *item_ids: str) -> None:
        """Drop these items' cached results, so the next run runs them."""
        entries = json.loads(self.cache_path.read_text(encoding="utf-8"))
        kept = {key: entry for key, entry in entries.items() if entry["id"] not in item_ids}
        assert len(entries) - len(kept) == len(item_ids), f"not all of {item_ids} were cached"
        self.cache_path.write_text(json.dumps(kept), encoding="utf-8")

    # --- running --------------------------------------------------------------------------------

    def verify(self, *runtimes: str, extra_env: dict[str, str] | None = None) -> Run:
        """`python -m generator --root <copy> verify [--runtime R ...] --report <copy>/r.json`."""
        report = self.root / "r.json"
        report.unlink(missing_ok=True)
        command = [sys.executable, "-m", "generator", "--root", str(self.root), "verify",
                   *[arg for runtime in runtimes for arg in ("--runtime", runtime)], "--report", str(report)]
        started = time.perf_counter()
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, encoding="utf-8",
                              errors="replace", timeout=RUN_TIMEOUT, env=clean_env(extra_env))
        seconds = time.perf_counter() - started
        loaded = json.loads(report.read_text(encoding="utf-8")) if report.exists() else None
        return Run(done.returncode, done.stdout, done.stderr, seconds, loaded)


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """This process's environment, without pytest's own variables (a nested pytest must not see them)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    return {**env, **(extra or {})}


def link_runtimes(root: Path) -> None:
    """<root>/.runtimes: a real folder with symlinks to the project's environments and models."""
    folder = root / ".runtimes"
    folder.mkdir()
    for name in ("legacy", "current", "fixtures"):
        if (REPO / ".runtimes" / name).exists():
            (folder / name).symlink_to(REPO / ".runtimes" / name, target_is_directory=True)


UNUSED = re.compile(r"^matrix/locales/\w+\.yaml:\d+:\d+: message '([\w.]+)' is not used by anything ")


def _check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "check"], cwd=REPO,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="session")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny project, made once: the real matrix with the tiny formats, and mkdocs.yml.

    Messages of the real catalogs that only the real formats use (notes added since the tiny
    formats were written) are attached as notes to the tiny matrix's last cell, so that the copy
    passes `generator check` whatever notes the real matrix has.
    """
    root = tmp_path_factory.mktemp("pristine")
    shutil.copytree(REPO / "matrix", root / "matrix")
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for path in TINY_FORMATS.glob("*.yaml"):
        shutil.copy2(path, root / "matrix" / "formats" / path.name)
    checked = _check(root)
    unused = sorted({found[1] for line in checked.stderr.splitlines() if (found := UNUSED.match(line))})
    if unused:
        last = root / TF2_SAVEDMODEL  # its last cell has no notes; the line ends its code block
        last.write_text(last.read_text(encoding="utf-8") + f"    notes: [{', '.join(unused)}]\n", encoding="utf-8")
        checked = _check(root)
    assert checked.returncode == 0, (
        "the tiny matrix (real matrix/ with tests/verify/tiny_formats/) does not pass `generator check`; "
        f"update the tiny formats to the real matrix:\n{checked.stdout}{checked.stderr}")
    return root


@pytest.fixture(scope="session")
def runtimes_made(pristine: Path) -> None:
    """The project's runtimes exist (made now, once, if a fresh checkout lacks them)."""
    from generator.website.build import Project, check
    from generator.verify.runtimes import RuntimeUnavailable, prepare

    matrix = check(Project(pristine))
    for runtime in matrix.runtimes.model.runtimes:
        try:
            prepare(REPO, runtime, print)
        except RuntimeUnavailable as error:
            pytest.skip(f"the runtimes cannot be made here: {error}")


@dataclass
class Baseline:
    run: Run
    cache: str  # the text of its results.json


@pytest.fixture(scope="session")
def baseline(pristine: Path, runtimes_made: None, tmp_path_factory: pytest.TempPathFactory) -> Baseline:
    """The tiny matrix verified once, cold, in every runtime: every item runs and is confirmed."""
    root = tmp_path_factory.mktemp("baseline")
    shutil.copytree(pristine, root, dirs_exist_ok=True)
    link_runtimes(root)
    run = VerifyProject(root).verify()
    run.assert_no_traceback()
    assert run.code == 0, f"the tiny matrix is not confirmed everywhere:\n{run.output}"
    total = len(run.ids)
    assert run.counts() == (total, 0), run.output
    return Baseline(run, (root / ".runtimes" / "results.json").read_text(encoding="utf-8"))


@pytest.fixture
def project(pristine: Path, baseline: Baseline, tmp_path: Path) -> VerifyProject:
    """A fresh copy of the tiny project whose cache holds the baseline's results."""
    root = tmp_path / "project"
    shutil.copytree(pristine, root)
    link_runtimes(root)
    (root / ".runtimes" / "results.json").write_text(baseline.cache, encoding="utf-8")
    return VerifyProject(root)
