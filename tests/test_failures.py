"""One way to fail: every command answers the same bad input with the same shape.

Placed problems on standard error, once, then a closing line; exit 1 for problems in the content
(a broken matrix file), 2 for an input that cannot be used (an unreadable report) or a usage
error; never a traceback. Ctrl+C (exit 130) is tested where a command runs long enough to be
interrupted: `verify` (tests/verify/test_interrupts.py), `build`
(tests/website/test_interrupted_builds.py) and `serve` (tests/website/test_serve.py).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .helpers import copy_project, run_generator
from .render.small import SMALL_REPORT

# Every command that reads the matrix; `serve` keeps running and shows the problems on its pages
# instead (tests/website/test_serve.py), and `schema` reads only the declarations in the code.
MATRIX_COMMANDS = [
    ["check"],
    ["build"],
    ["verify", "--only", "tiny/*"],
    ["sweep", "--only", "tiny/*"],
    ["bounds"],
    ["report", "merge", "matrix/verification.json", "--output", "merged.json"],
    ["i18n", "status"],
    ["i18n", "mark", "ru"],
    ["i18n", "export", "ru"],
    ["i18n", "import", "ru", "ru.po"],
    ["ci", "--check"],
]
# Every command that reads the committed report.
REPORT_COMMANDS = [
    ["check"],
    ["build"],
    ["report", "merge", "matrix/verification.json", "--output", "merged.json"],
]


def _run(root: Path, command: list[str]) -> subprocess.CompletedProcess:
    """The command as a user types it in the project folder: relative paths are the project's."""
    return run_generator(root, *[str(root / word) if word.endswith(".json") else word for word in command])


def _assert_refused(run: subprocess.CompletedProcess, code: int, place: str) -> None:
    output = run.stdout + run.stderr
    assert run.returncode == code, output
    assert "Traceback" not in output, output
    lines = run.stderr.strip().splitlines()
    assert lines and lines[0].startswith(place), run.stderr  # the problem first, placed
    assert lines[-1] == "1 problem found; nothing was written.", run.stderr
    assert place not in run.stdout, run.stdout  # said once, on standard error


@pytest.fixture(scope="module")
def broken_matrix(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("broken-matrix")
    project = copy_project(root, report=SMALL_REPORT)
    tiny = project.matrix_dir / "formats" / "tiny.yaml"
    lines = tiny.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if line.startswith("  - operation:"))
    lines[number] = lines[number].replace("operation:", "operation")  # a key without its colon
    tiny.write_text("".join(lines), encoding="utf-8")
    (root / "ru.po").write_text("", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def unreadable_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("unreadable-report")
    project = copy_project(root, report=SMALL_REPORT)
    project.report.write_text('{"version": 1, "items": [', encoding="utf-8")
    return root


@pytest.mark.parametrize("command", MATRIX_COMMANDS, ids=" ".join)
def test_a_broken_matrix_file_is_a_placed_problem_and_exit_1(broken_matrix: Path, command: list[str]) -> None:
    run = _run(broken_matrix, command)
    _assert_refused(run, 1, "matrix/formats/tiny.yaml:")
    assert "YAML syntax error" in run.stderr.splitlines()[0], run.stderr


@pytest.mark.parametrize("command", REPORT_COMMANDS, ids=" ".join)
def test_an_unreadable_report_gets_the_same_message_and_exit_2(unreadable_report: Path, command: list[str]) -> None:
    run = _run(unreadable_report, command)
    _assert_refused(run, 2, "matrix/verification.json:")
    said = run.stderr.splitlines()[0]
    assert said == _run(unreadable_report, REPORT_COMMANDS[0]).stderr.splitlines()[0], "one message for all"
    assert "not valid JSON" in said and "make verify" in said, said


@pytest.mark.parametrize(
    "command",
    [["no-such-command"], ["build", "--no-such-option"], ["verify", "--shard", "3/2"], ["i18n", "mark", "xx"]],
    ids=" ".join,
)
def test_a_command_used_wrongly_exits_2_without_a_traceback(unreadable_report: Path, command: list[str]) -> None:
    run = run_generator(unreadable_report, *command)
    assert run.returncode == 2, run.stdout + run.stderr
    assert run.stderr.strip() and "Traceback" not in run.stderr, run.stderr


def test_every_command_has_complete_help() -> None:
    """The help of every command and option says what it does, and the first line is the module's."""
    import click

    from generator import __main__

    cli = __main__.cli
    assert __main__.__doc__ and cli.help == __main__.__doc__
    seen = []

    def walk(command: click.Command, path: list[str]) -> None:
        seen.append(" ".join(path))
        assert command.help and command.help.strip(), f"{path} has no help"
        for parameter in command.params:
            if isinstance(parameter, click.Option):
                assert parameter.help, f"{path} {parameter.opts} has no help"
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(sub, [*path, name])

    walk(cli, ["generator"])
    assert len(seen) >= 10, seen
