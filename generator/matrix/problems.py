"""Problems found in the matrix or the catalogs, and how they are printed.

Every check in the project reports through `Problem`, so a doc writer always sees the same
`file:line:col: what is wrong (how to fix)` line, sorted by place, all of a run together.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Place:
    """A position in a source file; line and column count from 1."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem:
    place: Place
    what: str
    fix: str = ""

    def __str__(self) -> str:
        return f"{self.place}: {self.what}" + (f" ({self.fix})" if self.fix else "")


class MatrixError(Exception):
    """Raised at the boundary when the matrix cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.")
        return "\n".join(lines)


def display_path(path: Path, root: Path) -> str:
    """The path as a doc writer would type it: relative to the project when possible."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
