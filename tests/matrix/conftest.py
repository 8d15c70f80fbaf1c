"""Shared helpers for the bad-input tests: a throw-away copy of the project, a way to spoil one
file of it, and a run of the real command line against the copy.

Every test works on its own copy under tmp_path (made from the real matrix/ and mkdocs.yml), so
the project's own files are never touched. The generator is the code of this checkout, run as
`python -m generator --root <copy> check|build` in a subprocess, exactly as a doc writer runs it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# Only guards against a hang (an alias bomb, an endless loop); no test asserts tight timings.
TIMEOUT = 20
BUILD_TIMEOUT = 120

COUNT_LINE = re.compile(r"^\d+ problems? found; nothing was written\.$")


@dataclass
class Result:
    """What a run of the command line printed, and how it ended."""

    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def problem_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if re.match(r"^\S+:\d+:\d+: ", line)]


def split_problem(line: str) -> tuple[str, str, str]:
    """'file:line:col: what (fix)' -> (place, what, fix); the fix is the last balanced (...) group."""
    place, _, rest = line.partition(": ")
    fix = ""
    if rest.endswith(")"):
        depth = 0
        for i in range(len(rest) - 1, -1, -1):
            depth += {")": 1, "(": -1}.get(rest[i], 0)
            if depth == 0:
                if i > 0 and rest[i - 1] == " ":
                    rest, fix = rest[: i - 1], rest[i + 1 : -1]
                break
    return place, rest, fix


def assert_failed_cleanly(result: Result) -> None:
    """Exit code 1, no traceback, and the report ends with its count line."""
    if "Traceback" in result.output:
        pytest.fail(f"the run ended in a traceback (exit code {result.code}):\n{result.output}")
    assert result.code == 1, f"exit code {result.code}\n{result.output}"
    lines = result.stderr.strip().splitlines()
    assert lines, "nothing was printed on stderr"
    assert COUNT_LINE.match(lines[-1]), f"no final count line:\n{result.stderr}"


def assert_problem(
    result: Result,
    file: str,
    line: int,
    column: int | None = None,
    *,
    what: tuple[str, ...] | str = (),
    fix: tuple[str, ...] | str = (),
) -> str:
    """The run failed cleanly and reported `file:line[:column]: what (fix)` with the given words.

    `what` and `fix` are words that must appear (case-insensitively) in the message and in the
    fix in parentheses. Returns the matching line.
    """
    assert_failed_cleanly(result)
    what = (what,) if isinstance(what, str) else what
    fix = (fix,) if isinstance(fix, str) else fix
    prefix = f"{file}:{line}:" + (f"{column}:" if column is not None else "")
    candidates = []
    for text in result.problem_lines():
        if not text.startswith(prefix):
            continue
        candidates.append(text)
        _, said, hint = split_problem(text)
        if all(word.lower() in said.lower() for word in what) and all(word.lower() in hint.lower() for word in fix):
            return text
    raise AssertionError(
        f"expected a problem at {prefix} with what={what!r} fix={fix!r}\n"
        f"lines at that place: {candidates!r}\nstderr:\n{result.stderr}"
    )


class ProjectCopy:
    """A copy of the project under a temporary folder, with helpers to spoil its matrix files."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, file: str) -> Path:
        return self.root / file

    def text(self, file: str) -> str:
        return self.path(file).read_text(encoding="utf-8")

    def write(self, file: str, text: str) -> None:
        self.path(file).write_text(text, encoding="utf-8", newline="")

    def write_bytes(self, file: str, data: bytes) -> None:
        self.path(file).write_bytes(data)

    def replace(self, file: str, old: str, new: str, count: int = 1) -> None:
        """Replace exactly `count` occurrences of `old` (the first `count` when there are more)."""
        text = self.text(file)
        assert text.count(old) >= count, f"{old!r} is not {count} times in {file}"
        self.write(file, text.replace(old, new, count))

    def append(self, file: str, text: str) -> None:
        old = self.text(file)
        self.write(file, old + ("" if old.endswith("\n") else "\n") + text)

    def line_of(self, file: str, needle: str, occurrence: int = 1, *, whole: bool = False) -> int:
        """The line number (from 1) of the `occurrence`-th line that contains `needle` (or is it, if whole)."""
        found = [n for n, line in enumerate(self.text(file).splitlines(), 1)
                 if (line == needle if whole else needle in line)]
        assert len(found) >= occurrence, f"{needle!r} is on {len(found)} lines of {file}"
        return found[occurrence - 1]

    def column_of(self, file: str, needle: str, occurrence: int = 1) -> int:
        """The column (from 1) where `needle` starts on the line `line_of` finds."""
        line = self.text(file).splitlines()[self.line_of(file, needle, occurrence) - 1]
        return line.index(needle) + 1

    def run(self, command: str = "check", timeout: float = TIMEOUT) -> Result:
        done = subprocess.run(
            [sys.executable, "-m", "generator", "--root", str(self.root), command],
            cwd=REPO,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    def check(self) -> Result:
        return self.run("check")

    def build(self) -> Result:
        return self.run("build", timeout=BUILD_TIMEOUT)

    def tree(self, folder: str) -> dict[str, bytes]:
        """Every file under a folder of the copy: relative path -> bytes."""
        base = self.path(folder)
        return {p.relative_to(base).as_posix(): p.read_bytes() for p in sorted(base.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of what a run needs from the project, made once; each test copies it again."""
    root = tmp_path_factory.mktemp("pristine")
    shutil.copytree(REPO / "matrix", root / "matrix")
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.fixture
def project(pristine: Path, tmp_path: Path) -> ProjectCopy:
    root = tmp_path / "project"
    shutil.copytree(pristine, root)
    return ProjectCopy(root)
