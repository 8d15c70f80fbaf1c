"""Built sites shared by the site tests: the real matrix (built as `make site` builds it) and the small project.

The real site is only checked for what must hold whatever it says (it builds without a warning,
loads nothing from elsewhere, its links resolve, it shows every example); what the pages say is
checked on the small project, whose content the tests own. A translation that lags behind the
English fails nothing here: its pages show English with a notice, as readers see them, and the
test session ends with a line naming what is left to translate (tests/conftest.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.matrix.documents import Matrix
from generator.project import Project
from generator.website.check import check

from ..helpers import REPO, SMALL_REPORT, copy_project, run_generator
from ..proc import interruptible
from ..render.small import small_matrix


def start_generator(root: Path, *args: str, **options) -> subprocess.Popen:
    """`python -m generator --root <root> <args>` started in the background, from this checkout; Ctrl+C
    (SIGINT) reaches it as it would from a terminal."""
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(root), *args], cwd=REPO, preexec_fn=interruptible, **options
    )


def built_strictly(root: Path, *args: str) -> Path:
    """Built by the CLI with no warning from MkDocs (whose strict mode every build uses)."""
    run = run_generator(root, "build", *args)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "WARNING" not in run.stderr, run.stderr
    return root


@pytest.fixture(scope="session")
def real_matrix() -> Matrix:
    return check(Project(REPO))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """A project root whose site/ was built by the CLI from the real matrix and its report, as
    `make site` builds it: no warning; a message not translated yet is shown in English."""
    return built_strictly(copy_project(tmp_path_factory.mktemp("real"), REPO / "matrix").root)


@pytest.fixture(scope="session")
def small() -> Matrix:
    return small_matrix()


@pytest.fixture(scope="session")
def small_site(tmp_path_factory) -> Path:
    """The small project built by the CLI with its report, whose contradictions it shows."""
    return built_strictly(
        copy_project(tmp_path_factory.mktemp("small"), report=SMALL_REPORT).root, "--allow-contradicted"
    )
