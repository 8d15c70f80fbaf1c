"""runtimes: each is made from requirements or an interpreter (one of the two) and runs known modes."""

from __future__ import annotations

import pytest

from generator.matrix.rules import runtimes

from .inline import MINIMAL, RUNTIMES, assert_found, assert_none, changed, run, where


def test_the_minimal_matrix_has_no_problem(inline) -> None:
    assert_none(run(runtimes, inline()))


def test_an_interpreter_instead_of_requirements_is_fine(inline) -> None:
    text = changed(RUNTIMES, "    requirements: [tensorflow-cpu==2.15.1]\n", "    interpreter: /opt/tf1/bin/python\n")
    assert_none(run(runtimes, inline({RUNTIMES: text})))


@pytest.mark.parametrize(
    "source", ["", "    requirements: [tensorflow-cpu==2.15.1]\n    interpreter: /opt/py\n"], ids=["neither", "both"]
)
def test_requirements_or_interpreter(inline, source: str) -> None:
    text = changed(RUNTIMES, "    requirements: [tensorflow-cpu==2.15.1]\n", source)
    problems = run(runtimes, inline({RUNTIMES: text}))
    line, column = where(text, "current")
    assert_found(problems, RUNTIMES, line, column, what=("'current'", "requirements", "interpreter"))
    assert len(problems) == 1, problems


@pytest.mark.parametrize("key", ["modes", "emulates"])
def test_unknown_mode(inline, key: str) -> None:
    old = {"modes": "    modes: [eager]\n", "emulates": "    emulates: [graph]\n"}[key]
    text = changed(RUNTIMES, old, old.replace("]", ", eagre]"))
    problems = run(runtimes, inline({RUNTIMES: text}))
    line, column = where(text, "eagre")
    assert_found(problems, RUNTIMES, line, column, what=("unknown mode", "'eagre'"), fix="'eager'")
    assert len(problems) == 1, problems


def test_runs_and_emulates_the_same_mode(inline) -> None:
    text = changed(RUNTIMES, "    emulates: [graph]\n", "    emulates: [graph, eager]\n")
    problems = run(runtimes, inline({RUNTIMES: text}))
    line, column = where(text, "[graph, eager]")
    assert_found(problems, RUNTIMES, line, column, what=("'current'", "eager"), fix=("modes", "emulates"))
    assert len(problems) == 1, problems


def test_duplicate_runtime_id(inline) -> None:
    again = '  - id: current\n    interpreter: /opt/py\n    modes: [eager]\n    keras: "2"\n'
    text = MINIMAL[RUNTIMES] + again
    problems = run(runtimes, inline({RUNTIMES: text}))
    first, _ = where(text, "  - id: current\n    requirements")
    line, column = where(text, again, len("  - id: "))
    assert_found(problems, RUNTIMES, line, column, what=("duplicate", "'current'", f"line {first}"))
    assert len(problems) == 1, problems
