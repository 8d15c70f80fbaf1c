"""Read every file under matrix/, check each against its model, and assemble the Matrix.

This is the boundary: past `load_matrix`, nothing re-checks the data's shape.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..problems import Failure, Place, Problem, display_path
from .documents import Document, Matrix, MessageUse
from .model import SCHEMAS
from .rules import run_rules
from .shape import validate
from .yaml_source import read_source

MODELINE = "# yaml-language-server: $schema="
SINGLE_FILES = {
    "site.yaml": "site",
    "modes.yaml": "modes",
    "operations.yaml": "operations",
    "links.yaml": "links",
    "glossary.yaml": "glossary",
    "runtimes.yaml": "runtimes",
}
FOLDERS = {"formats": "format", "locales": "catalog"}


def schema_path(matrix_dir: Path, kind: str) -> Path:
    return matrix_dir / "schema" / f"{kind}.schema.json"


def matrix_files(matrix_dir: Path) -> list[tuple[Path, str | None]]:
    """Every YAML file under matrix/, with the kind it holds (None: a file nothing reads)."""
    found = []
    for path in sorted(matrix_dir.rglob("*")):
        if path.suffix not in (".yaml", ".yml") or not path.is_file():
            continue
        relative = path.relative_to(matrix_dir)
        if len(relative.parts) == 1:
            found.append((path, SINGLE_FILES.get(relative.name)))
        else:
            found.append((path, FOLDERS.get(relative.parts[0]) if len(relative.parts) == 2 else None))
    return found


def load_documents(matrix_dir: Path, root: Path) -> tuple[dict[Path, Document], list[Problem]]:
    """Parse and shape-check every file; returns the good documents and every problem met."""
    documents: dict[Path, Document] = {}
    problems: list[Problem] = []
    present = set()
    for path, kind in matrix_files(matrix_dir):
        file = display_path(path, root)
        if kind is None:
            problems.append(
                Problem(
                    Place(file),
                    "no part of the site reads this file",
                    "move it to formats/ or locales/, or rename it; see CONTRIBUTING.md",
                )
            )
            continue
        present.add(path.relative_to(matrix_dir).parts[0])
        source, found = read_source(path, file)
        problems += found
        if source is None:
            continue
        problems += _modeline_problems(path, file, kind, matrix_dir)
        model, found = validate(source, SCHEMAS[kind])
        problems += found
        if model is not None:
            documents[path] = Document(source, model)
    for name in [*SINGLE_FILES, *FOLDERS]:
        if name not in present:
            problems.append(
                Problem(
                    Place(display_path(matrix_dir / name, root)),
                    "missing from the matrix",
                    "restore it from version control",
                )
            )
    return documents, problems


def _modeline_problems(path: Path, file: str, kind: str, matrix_dir: Path) -> list[Problem]:
    expected = os.path.relpath(schema_path(matrix_dir, kind), path.parent).replace(os.sep, "/")
    with path.open(encoding="utf-8", errors="replace") as handle:
        first = handle.readline().strip().removeprefix("\ufeff")
    if first == MODELINE + expected:
        return []
    return [
        Problem(
            Place(file), "the first line does not name the file's schema", f"make the first line '{MODELINE}{expected}'"
        )
    ]


def assemble(matrix_dir: Path, documents: dict[Path, Document]) -> Matrix:
    def single(name: str) -> Document:
        return documents[matrix_dir / name]

    def folder(name: str) -> list[tuple[str, Document]]:
        return [(path.stem, doc) for path, doc in sorted(documents.items()) if path.parent == matrix_dir / name]

    return Matrix(
        site=single("site.yaml"),
        modes=single("modes.yaml"),
        operations=single("operations.yaml"),
        links=single("links.yaml"),
        runtimes=single("runtimes.yaml"),
        glossary=single("glossary.yaml"),
        formats=tuple(doc for _, doc in folder("formats")),
        catalogs=dict(folder("locales")),
    )


NO_MESSAGES_ASKED = MessageUse()  # the catalogs are checked, for the messages the matrix names only


def load_matrix(matrix_dir: Path, root: Path, use: MessageUse | None = NO_MESSAGES_ASKED) -> Matrix:
    """The whole matrix, checked; raises Failure listing every problem found."""
    documents, problems = load_documents(matrix_dir, root)
    if problems:
        raise Failure(problems)
    matrix = assemble(matrix_dir, documents)
    problems = run_rules(matrix, use)
    if problems:
        raise Failure(problems)
    return matrix
