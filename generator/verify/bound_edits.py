"""`bounds --write`: the edits that make the declared bounds agree with the sweep, made in the
matrix files in place. The edited matrix is loaded and checked in a copy first; only then is
each file replaced, atomically: a refused edit leaves every file as it was."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..files import write_atomically
from ..matrix.edit import BoundEdit, edited
from ..matrix.load import load_matrix
from ..project import Project
from .bounds import Disagreement


def write_bounds(project: Project, found: list[Disagreement]) -> list[str]:
    """Make the edits of these disagreements; returns the files changed. Raises Failure (nothing
    written) when the edited matrix would not be valid or a place cannot be edited."""
    by_file: dict[str, list[BoundEdit]] = {}
    for disagreement in found:
        if disagreement.edit is not None:
            by_file.setdefault(disagreement.edit.source.file, []).append(disagreement.edit)
    texts = {file: edited((project.root / file).read_bytes().decode("utf-8"), edits) for file, edits in by_file.items()}
    with tempfile.TemporaryDirectory(prefix="bounds-") as scratch:
        copy = Path(scratch)
        shutil.copytree(project.matrix_dir, copy / "matrix")
        for file, text in texts.items():
            (copy / file).write_bytes(text.encode("utf-8"))
        load_matrix(copy / "matrix", copy, None)  # raises Failure, with the problems, if it is not valid
    for file, text in texts.items():
        write_atomically(project.root / file, text)  # read and written as bytes: line endings kept
    return sorted(texts)
