"""pytest adapter: one test item per (snippet, runtime, mode), located at its YAML file and line.

The adapter holds no logic: items come from generator.verify.items, the first item to run
verifies them all at once (in parallel, with the cache), and each item reports its own verdict.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest

from ..matrix.problems import MatrixError
from ..website.build import Project, check
from .items import Item, items
from .run import Outcome, Progress, verify, write

STATE = pytest.StashKey["Verification"]()


class Verification:
    """The matrix's items, and the outcome of verifying them, once per test session."""

    def __init__(self, root: Path):
        self.project = Project(root)
        self.matrix = check(self.project)
        self.items = items(self.matrix)
        self._outcome: Outcome | None = None

    def outcome(self, config: pytest.Config) -> Outcome:
        if self._outcome is None:
            # Making a runtime takes minutes: its progress goes to the terminal, past pytest's capture.
            capture = config.pluginmanager.getplugin("capturemanager")
            with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
                progress = Progress(len(self.items), stream=sys.stderr)
                self._outcome = verify(self.project, progress=progress, matrix=self.matrix)
            write(self._outcome, self.project.root / ".build" / "verification.json")
        return self._outcome


def _verification(config: pytest.Config, root: Path) -> Verification:
    """Loaded once; an invalid matrix is reported once, as its problems, without a traceback."""
    if STATE not in config.stash:
        try:
            config.stash[STATE] = Verification(root)
        except MatrixError as error:
            config.stash[STATE] = error
    state = config.stash[STATE]
    if isinstance(state, MatrixError):
        raise pytest.UsageError(state.report())
    return state


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    # Only the project's own matrix: test fixtures elsewhere also have matrix/formats folders.
    if file_path.suffix == ".yaml" and file_path.parent == parent.config.rootpath / "matrix" / "formats":
        return ClaimsFile.from_parent(parent, path=file_path)
    return None


class ClaimsFile(pytest.File):
    def collect(self):
        root = self.path.parents[2]
        verification = _verification(self.config, root)
        relative = self.path.relative_to(root).as_posix()
        for item in verification.items:
            if item.place.file == relative:
                yield ClaimItem.from_parent(self, name=item.id, claim=item)


class Contradiction(Exception):
    pass


class ClaimItem(pytest.Item):
    def __init__(self, *, claim: Item, **kwargs):
        super().__init__(**kwargs)
        self.claim = claim

    def runtest(self) -> None:
        outcome = _verification(self.config, self.path.parents[2]).outcome(self.config)
        entry = next(r for r in outcome.records if r["id"] == self.claim.id)
        if not entry["confirmed"]:
            raise Contradiction(entry)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, Contradiction):
            entry = excinfo.value.args[0]
            lines = [f"{entry['claim']}: the claim is contradicted in runtime {entry['runtime']}, mode {entry['mode']}",
                     f"{entry['source']}: {entry['label']}: {entry['reason']}"]
            if entry.get("output"):
                lines += ["--- output ---", entry["output"].rstrip()]
            return "\n".join(lines)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, self.claim.place.line - 1, self.name
