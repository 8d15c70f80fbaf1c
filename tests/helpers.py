"""What the tests and benchmarks share: copies of a project to work on, YAML written as the matrix
files are, the files under a folder, and runs of the real command line.

Three small matrices stand in for the real one, each for its own kind of test:

- tests/fixtures/small/: a two-language project with its reports beside it, for what the command
  line says about bad input, the pages and scripts rendered from it (tests/golden/) and its sites;
- `MINIMAL` in tests/matrix/rules/inline.py: a matrix written inline, beside the rule tests that
  change a line of it and run one rule in process;
- tests/verify/tiny_matrix/: trivial code under the modes the worker knows, which a verification
  runs in seconds in the real TensorFlow runtimes.

Module level uses the standard library only: the build benchmark imports this module in the child
processes that measure the generator's own import time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.project import Project

REPO = Path(__file__).resolve().parents[1]
SMALL = REPO / "tests" / "fixtures" / "small"
SMALL_REPORT = SMALL / "verification.json"
SMALL_SWEEP = SMALL / "sweep.json"

# --- copies of a project ---------------------------------------------------------------------------


def copy_project(
    target: Path,
    matrix: Path = SMALL / "matrix",
    *,
    report: Path | None = None,
    sweep: Path | None = None,
    runtimes: Path | None = None,
) -> Project:
    """A project folder at `target` (made if missing): a copy of `matrix` as its matrix/, the
    checkout's mkdocs.yml and, when given, a verification report and a sweep report put where a
    project keeps them, and a copy of a `.runtimes/` folder (files, never links: a test may damage
    its copy)."""
    from generator.files import packed, write_atomically
    from generator.project import Project

    project = Project(target)
    shutil.copytree(matrix, target / "matrix")
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    if report is not None:
        shutil.copy2(report, target / "matrix" / "verification.json")
    if sweep is not None:
        where = project.sweep_report  # compressed, as a project keeps it
        write_atomically(where, packed(where, sweep.read_text(encoding="utf-8")))
    if runtimes is not None:
        shutil.copytree(runtimes, target / ".runtimes", symlinks=False)
    return project


def copy_built_fixtures(source: Path, target: Path) -> None:
    """Copy each built fixture under `source` (a `.runtimes/fixtures/` folder) into `target`, as files."""
    from generator.verify.fixture_store import built

    target.mkdir(parents=True, exist_ok=True)
    if not source.is_dir():
        return
    for folder in sorted(source.iterdir()):
        if folder.is_dir() and not folder.name.startswith(".") and built(folder):
            shutil.copytree(folder, target / folder.name, symlinks=False)


def remove_copy(root: Path) -> None:
    """Delete a copy whose `.runtimes/` links to made environments, never following a link into them."""
    runtimes = root / ".runtimes"
    for link in runtimes.iterdir() if runtimes.is_dir() else ():
        if link.is_symlink():
            link.unlink()
    shutil.rmtree(root, ignore_errors=True)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by its path relative to it (nothing when there is no such folder)."""
    if not folder.is_dir():
        return {}
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


# --- YAML written as the matrix files are ------------------------------------------------------------


class Flow(list):
    """A list `yaml_text` writes in flow style: [a, b]."""


class FlowMap(dict):
    """A mapping `yaml_text` writes in flow style: {a: 1}."""


@cache
def _dumper() -> type:
    """Block style laid out as the matrix files are: list items indented under their key, multi-line
    strings as '|' blocks, and a value used twice written out twice (matrix files refuse anchors)."""
    import yaml

    class Dumper(yaml.SafeDumper):
        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            return super().increase_indent(flow, False)

        def ignore_aliases(self, data: Any) -> bool:
            return True

    def string(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)

    Dumper.add_representer(str, string)
    Dumper.add_representer(Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
    Dumper.add_representer(FlowMap, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True))
    return Dumper


def yaml_text(data: Any) -> str:
    """`data` as YAML text laid out as the matrix files are, keys in their order, on unbroken lines."""
    import yaml

    return yaml.dump(data, Dumper=_dumper(), sort_keys=False, allow_unicode=True, width=10**6, default_flow_style=False)


def write_yaml(path: Path, data: Any, modeline: str) -> str:
    """Write `data` to a matrix file under its first line, `modeline` (its schema); returns the text."""
    text = f"{modeline}\n{yaml_text(data)}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return text


# --- runs of the command line ------------------------------------------------------------------------


def run_generator(
    root: Path, *args: str, timeout: float = 300, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m generator --root <root> <args>` as a user runs it, with the code of this checkout."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        env=env,
    )


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """This process's environment, without pytest's own variables (a nested pytest must not see them)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    return {**env, **(extra or {})}


# --- the files of a project ----------------------------------------------------------------------------


class ProjectFiles:
    """A project folder's files, named as a doc writer names them: relative to its root."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, file: str) -> Path:
        return self.root / file

    def text(self, file: str) -> str:
        return self.path(file).read_text(encoding="utf-8")

    def write(self, file: str, text: str) -> str:
        self.path(file).parent.mkdir(parents=True, exist_ok=True)
        self.path(file).write_text(text, encoding="utf-8", newline="")
        return text

    def replace(self, file: str, old: str, new: str) -> None:
        """Replace `old`, which must occur exactly once."""
        text = self.text(file)
        assert text.count(old) == 1, f"{old!r} is {text.count(old)} times in {file}"
        self.write(file, text.replace(old, new))

    def line_of(self, file: str, needle: str) -> int:
        """The line (from 1) of the one line holding `needle`, text the test wrote."""
        found = [n for n, line in enumerate(self.text(file).splitlines(), 1) if needle in line]
        assert len(found) == 1, f"{needle!r} is on {len(found)} lines of {file}, not one"
        return found[0]

    def tree(self, folder: str) -> dict[str, bytes]:
        """Every file under a folder of the project: relative path -> bytes."""
        return tree(self.path(folder))
