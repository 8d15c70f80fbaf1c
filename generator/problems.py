"""What a user can get wrong, and the one way the generator fails on it.

Every check reports a `Problem`: a place (`file:line:col`, or a file alone), what is wrong and how
to fix it. Library code raises `Failure` with the problems and an exit code; the command line prints
it once, to standard error, and exits with that code. Nothing else prints a problem or exits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

CONTENT = 1  # problems in the matrix, the catalogs or what a report says of them
UNUSABLE = 2  # an input that cannot be read or used, or a command used wrongly
INTERRUPTED = 130  # Ctrl+C


@dataclass(frozen=True, order=True)
class Place:
    """A position in a source file; line and column count from 1, and 0 stands for none."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return ":".join([self.file, *(str(number) for number in (self.line, self.column) if number)])

    @classmethod
    def whole(cls, file: str) -> Place:
        """The file as a whole, printed without a line."""
        return cls(file, 0, 0)

    @classmethod
    def parse(cls, text: str) -> Place:
        """'file:line:col' (or 'file:line', or 'file'), as records and reports write places."""
        found = re.fullmatch(r"(.*?)(?::(\d+))?(?::(\d+))?", text)
        assert found is not None  # the pattern matches any text
        file, line, column = found.groups()
        return cls(file, int(line or 0), int(column or 0))


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong, placed; `details` are further lines printed under it, indented."""

    place: Place | None
    what: str
    fix: str = ""
    details: tuple[str, ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        head = (f"{self.place}: " if self.place else "") + self.what + (f" ({self.fix})" if self.fix else "")
        return "\n".join([head, *(f"  {line}" for line in self.details)])


def _order(problem: Problem) -> tuple:
    return (problem.place is not None, problem.place or Place(""), problem.what, problem.fix)


class Failure(Exception):
    """The generator cannot do what was asked: every problem found, and the exit code to end with.

    `outcome` is the closing line: what happened to the files (by default, that none was written)."""

    def __init__(self, problems: Iterable[Problem], code: int = CONTENT, outcome: str = "nothing was written."):
        self.problems = sorted(set(problems), key=_order)
        self.code = code
        self.outcome = outcome
        super().__init__(self.report())

    def __reduce__(self) -> tuple:
        """Rebuilt whole when it crosses processes (a build's worker raises it to the build)."""
        return (Failure, (self.problems, self.code, self.outcome))

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(problem) for problem in self.problems]
        if self.code != INTERRUPTED:
            lines.append(f"{count} problem{'s' if count != 1 else ''} found; {self.outcome}")
        return "\n".join(lines)


def failure(
    what: str,
    fix: str = "",
    *,
    place: Place | None = None,
    details: tuple[str, ...] = (),
    code: int = UNUSABLE,
    outcome: str = "nothing was written.",
) -> Failure:
    """A failure of one problem: by default, an input that cannot be used."""
    return Failure([Problem(place, what, fix, details)], code, outcome)


def display_path(path: Path, root: Path) -> str:
    """The path as a doc writer would type it: relative to the project when possible."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
