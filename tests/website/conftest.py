"""One strict build of the real site, in a copy of the project, shared by the site tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.matrix.load import load_matrix
from generator.render.pages import message_use

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """A project root whose site/ was built by the CLI from the real matrix, in strict mode."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "matrix", root / "matrix")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    run = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "WARNING" not in run.stderr, run.stderr
    return root


@pytest.fixture(scope="session")
def matrix():
    return load_matrix(ROOT / "matrix", ROOT, message_use())
