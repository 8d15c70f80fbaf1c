"""Shared helpers for the bad-input tests: a throw-away copy of a small project, ways to spoil one
file of it as data, and a run of the real command line against the copy.

Every test works on its own copy under tmp_path (`tests.helpers.copy_project`), made from the small
fixture project's matrix/ (tests/fixtures/small/matrix; without a verification report, whose
made-up contradictions are for the rendering tests and would stop a build) and the project's mkdocs.yml, so
neither the project's own files nor the wording, order or size of the real matrix matter to a
test. A test changes the copy as data (`edit` loads a file, the test changes it, and it is
written back with a dumper) or writes the exact small YAML it needs; the places it expects are
computed from what it wrote (`place`, `line_of`). Languages, formats and ids are read from the
copy (`locales`, `format_file`, ...), never named.

The generator is the code of this checkout, run as `python -m generator --root <copy> check|build`
in a subprocess, exactly as a doc writer runs it.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from ..helpers import SMALL_REPORT, ProjectFiles, copy_project, run_generator, write_yaml

# Only guards against a hang (an alias bomb, an endless loop); no test asserts tight timings.
TIMEOUT = 20
BUILD_TIMEOUT = 120

COUNT_LINE = re.compile(r"^\d+ problems? found; nothing was written\.$")

# --- writing YAML as data --------------------------------------------------------------------------


def modeline(file: str) -> str:
    """The first line a matrix file must have: the schema of its kind (CONTRIBUTING.md)."""
    parts = PurePosixPath(file).relative_to("matrix").parts
    kind = {"formats": "format", "locales": "catalog"}[parts[0]] if len(parts) == 2 else PurePosixPath(parts[0]).stem
    return f"# yaml-language-server: $schema={'../' * (len(parts) - 1)}schema/{kind}.schema.json"


def set_at(data: Any, path: tuple[str | int, ...], value: Any) -> None:
    """Set the value at a data path, creating nothing: every parent must exist."""
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def typo(value: str) -> str:
    """A misspelling of an id, close enough for a 'did you mean' hint."""
    return value + "x"


# --- finding places in text a test wrote -----------------------------------------------------------


def where(text: str, needle: str, at: int = 0) -> tuple[int, int]:
    """(line, column), from 1, of the `at`-th character of `needle`, which occurs once in `text`."""
    assert text.count(needle) == 1, f"{needle!r} occurs {text.count(needle)} times, not once"
    offset = text.index(needle) + at
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def node_at(text: str, path: tuple[str | int, ...], *, key: bool = False) -> Node:
    """The YAML node at a data path (negative indexes count from the end), or the key naming it."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    for depth, part in enumerate(path):
        last = depth == len(path) - 1
        if isinstance(node, SequenceNode):
            node = node.value[part]
        elif isinstance(node, MappingNode):
            pairs = [(k, v) for k, v in node.value if k.value == part]
            assert pairs, f"no key {part!r} at {path[:depth]}"
            if last and key:
                return pairs[0][0]
            node = pairs[0][1]
        else:
            raise AssertionError(f"{path[:depth]} is a scalar")
    assert node is not None
    return node


def place_in(text: str, path: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
    mark = node_at(text, path, key=key).start_mark
    return mark.line + 1, mark.column + 1


# --- runs and their reports ------------------------------------------------------------------------


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


def says(said: str, hint: str, what: tuple[str, ...] | str = (), fix: tuple[str, ...] | str = ()) -> bool:
    """Whether a problem's message `said` holds every word of `what`, and its fix `hint` every word
    of `fix` (a string is one word), case aside."""
    what = (what,) if isinstance(what, str) else what
    fix = (fix,) if isinstance(fix, str) else fix
    return all(word.lower() in said.lower() for word in what) and all(word.lower() in hint.lower() for word in fix)


def assert_failed_cleanly(result: Result) -> None:
    """Exit code 1, no traceback, and the report ends with its count line."""
    if "Traceback" in result.output:
        pytest.fail(f"the run ended in a traceback (exit code {result.code}):\n{result.output}")
    assert result.code == 1, f"exit code {result.code}\n{result.output}"
    lines = result.stderr.strip().splitlines()
    assert lines, "nothing was printed on stderr"
    assert COUNT_LINE.match(lines[-1]), f"no final count line:\n{result.stderr}"


def assert_passed(result: Result) -> None:
    if "Traceback" in result.output:
        pytest.fail(f"the run ended in a traceback (exit code {result.code}):\n{result.output}")
    assert result.code == 0, f"exit code {result.code}\n{result.output}"


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
    prefix = f"{file}:{line}:" + (f"{column}:" if column is not None else "")
    candidates = []
    for text in result.problem_lines():
        if not text.startswith(prefix):
            continue
        candidates.append(text)
        _, said, hint = split_problem(text)
        if says(said, hint, what, fix):
            return text
    raise AssertionError(
        f"expected a problem at {prefix} with what={what!r} fix={fix!r}\n"
        f"lines at that place: {candidates!r}\nstderr:\n{result.stderr}"
    )


# --- the project copy ------------------------------------------------------------------------------


class ProjectCopy(ProjectFiles):
    """A copy of the small project under a temporary folder, with helpers to spoil its matrix files."""

    # files as text and bytes

    def write_bytes(self, file: str, data: bytes) -> None:
        self.path(file).write_bytes(data)

    def write_yaml(self, file: str, body: str) -> str:
        """Write the file's first line (its schema) and then `body`, dedented; returns the whole text."""
        return self.write(file, modeline(file) + "\n" + textwrap.dedent(body).lstrip("\n"))

    def append(self, file: str, text: str) -> int:
        """Add `text` at the end, on lines of its own; returns the number of its first line."""
        old = self.text(file)
        old += "" if old.endswith("\n") else "\n"
        self.write(file, old + text + ("" if text.endswith("\n") else "\n"))
        return old.count("\n") + 1

    # files as data

    def data(self, file: str) -> Any:
        return yaml.safe_load(self.text(file))

    def write_data(self, file: str, data: Any) -> str:
        """Write data with the file's schema line first; returns the text written."""
        return write_yaml(self.path(file), data, modeline(file))

    @contextmanager
    def edit(self, file: str) -> Iterator[Any]:
        """Load a file's data, let the test change it, write it back."""
        data = self.data(file)
        yield data
        self.write_data(file, data)

    def put_raw(self, file: str, raws: dict[tuple[str | int, ...], str]) -> str:
        """Write the file's data with the value at each path given as raw YAML text (for what a
        dumper cannot write: tags, anchors, bad syntax); returns the text written."""
        data = self.data(file)
        tokens = {}
        for n, (path, raw) in enumerate(raws.items()):
            tokens[f"raw_value_token_{n}"] = raw
            set_at(data, path, f"raw_value_token_{n}")
        text = self.write_data(file, data)
        for token, raw in tokens.items():
            assert text.count(token) == 1, f"{token!r} is {text.count(token)} times in {file}"
            text = text.replace(token, raw)
        self.write(file, text)
        return text

    def repeat_key(self, file: str, path: tuple[str | int, ...], value: str) -> tuple[int, int]:
        """Write the key at `path` (whose value is on one line) a second time, right below itself,
        with `value`; returns the lines of the first and the second."""
        line, column = self.place(file, *path, key=True)
        lines = self.text(file).splitlines(keepends=True)
        lines.insert(line, " " * (column - 1) + f"{path[-1]}: {value}\n")
        self.write(file, "".join(lines))
        return line, line + 1

    # places in what the test wrote

    def place(self, file: str, *path: str | int, key: bool = False) -> tuple[int, int]:
        """(line, column) of the value at a data path of the file, or of the key naming it."""
        return place_in(self.text(file), path, key=key)

    def line_of(self, file: str, needle: str) -> int:
        """The line (from 1) of the one line holding `needle`, text the test wrote."""
        found = [n for n, line in enumerate(self.text(file).splitlines(), 1) if needle in line]
        assert len(found) == 1, f"{needle!r} is on {len(found)} lines of {file}, not one"
        return found[0]

    def column_of(self, file: str, needle: str) -> int:
        """The column (from 1) where `needle` starts on the line `line_of` finds."""
        line = self.text(file).splitlines()[self.line_of(file, needle) - 1]
        return line.index(needle) + 1

    # what the copy holds

    @property
    def site(self) -> dict:
        return self.data("matrix/site.yaml")

    @property
    def locales(self) -> list[str]:
        return list(self.site["locales"])

    @property
    def default_locale(self) -> str:
        return self.site["default_locale"]

    @property
    def other_locale(self) -> str:
        """A built language other than the default one."""
        others = [locale for locale in self.locales if locale != self.default_locale]
        assert others, "the fixture builds one language only"
        return others[0]

    def catalog(self, locale: str | None = None) -> str:
        return f"matrix/locales/{locale or self.default_locale}.yaml"

    def catalogs(self) -> list[str]:
        return [self.catalog(locale) for locale in self.locales]

    def messages(self, locale: str | None = None) -> dict[str, str]:
        return self.data(self.catalog(locale))["messages"]

    @property
    def format_file(self) -> str:
        """The first format the site shows."""
        return f"matrix/formats/{self.site['formats'][0]}.yaml"

    # runs

    def add_report(self) -> None:
        """The fixture's verification report: every verdict and duration shows, and some claims are
        contradicted on purpose, so a build needs --allow-contradicted."""
        shutil.copy2(SMALL_REPORT, self.path("matrix/verification.json"))

    def run(self, command: str = "check", *flags: str, timeout: float = TIMEOUT) -> Result:
        done = run_generator(self.root, command, *flags, timeout=timeout)
        return Result(done.returncode, done.stdout, done.stderr)

    def check(self) -> Result:
        return self.run("check")

    def build(self, *flags: str) -> Result:
        return self.run("build", *flags, timeout=BUILD_TIMEOUT)


@pytest.fixture
def project(tmp_path: Path) -> ProjectCopy:
    return ProjectCopy(copy_project(tmp_path / "project").root)
