"""pytest adapter: one test item per (example, runtime), located at its file and line (a format's YAML, a page).

The adapter holds no logic: items come from generator.verify.items, the first item to run
verifies them all at once (in parallel, with the cache), and each item reports its own verdict
in the words `verify` uses.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest

from ..matrix.documents import Matrix
from ..problems import INTERRUPTED, Failure
from ..project import Project
from .contradictions import contradiction
from .items import Item, items
from .progress import Progress
from .report import write_report
from .run import Run, verify

STATE = pytest.StashKey["Verification | Failure"]()


class Verification:
    """The matrix's items, and the run that verifies them, once per test session."""

    def __init__(self, root: Path):
        self.project = Project(root)
        self.matrix: Matrix = self.project.load()
        self.items = items(self.matrix)
        self._run: Run | None = None

    def run(self, config: pytest.Config) -> Run:
        if self._run is None:
            # Making a runtime takes minutes: its progress goes to the terminal, past pytest's capture.
            capture = config.pluginmanager.getplugin("capturemanager")
            with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
                progress = Progress(len(self.items), stream=sys.stderr)
                try:
                    self._run = verify(
                        self.project, self.matrix, self.matrix.runtimes.model.runtimes, progress=progress
                    )
                except Failure as error:
                    if error.code == INTERRUPTED:  # Ctrl+C ends the session, as it would outside verification
                        raise KeyboardInterrupt(str(error)) from None
                    raise
            write_report(self.project.work_dir / "verification.json", self._run.report())
        return self._run


def _verification(config: pytest.Config, root: Path) -> Verification:
    """Loaded once; an invalid matrix is reported once, as its problems, without a traceback."""
    if STATE not in config.stash:
        try:
            config.stash[STATE] = Verification(root)
        except Failure as error:
            config.stash[STATE] = error
    state = config.stash[STATE]
    if isinstance(state, Failure):
        raise pytest.UsageError(state.report())
    return state


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    # Only the project's own matrix: the small matrices under tests/ also have matrix/ folders.
    matrix = parent.config.rootpath / "matrix"
    if (file_path.parent, file_path.suffix) in ((matrix / "formats", ".yaml"), (matrix / "pages", ".md")):
        return ClaimsFile.from_parent(parent, path=file_path)
    return None


class ClaimsFile(pytest.File):
    def collect(self):
        root = self.path.parents[2]
        verification = _verification(self.config, root)
        relative = self.path.relative_to(root).as_posix()
        for item in verification.items:
            if item.example.place.file == relative:
                yield ItemTest.from_parent(self, name=item.id, item=item)


class Contradiction(Exception):
    pass


class ItemTest(pytest.Item):
    """One item as one test: it passes when the item's record confirms its claim."""

    def __init__(self, *, item: Item, **kwargs):
        super().__init__(**kwargs)
        self.item = item

    def runtest(self) -> None:
        run = _verification(self.config, self.path.parents[2]).run(self.config)
        record = next(r for r in run.records if r.id == self.item.id)
        if not record.confirmed:
            raise Contradiction(record)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, Contradiction):
            return str(contradiction(excinfo.value.args[0], self.item.example, verbose=True))
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, self.item.example.place.line - 1, self.name
