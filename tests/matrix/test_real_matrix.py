"""The project's own matrix is valid, as `make check` sees it.

The only test of the real matrix here: every other test of tests/matrix/ works on the small
fixture project, so rewording, adding or reordering content never breaks them.
"""

from __future__ import annotations

from pathlib import Path

from ..helpers import REPO, copy_project
from .conftest import ProjectCopy, assert_passed


def test_real_matrix_passes(tmp_path: Path) -> None:
    """A copy, so that nothing a run might write lands in the checkout."""
    result = ProjectCopy(copy_project(tmp_path, REPO / "matrix").root).check()
    assert_passed(result)
    assert result.stdout.startswith("matrix is valid"), result.stdout
    assert result.stderr == "", "fix what `make check` prints"
