"""coverage: a format's columns cover every mode once, and every operation has a cell in every column."""

from __future__ import annotations

from generator.matrix.rules import coverage

from .inline import FORMAT, MINIMAL, MODES, OPERATIONS, assert_found, assert_none, changed, run, where

OLD_CELL = """\
  - operation: load
    column: old
    claim:
      status: unsupported
    counterexample:
      setup: |
        handle = fixture("model")
      code: |
        m = hub.load(handle)
      raises: {type: AttributeError, match: load}
"""
MODE = """\
  - id: extra
    label: Extra
    name: mode.graph.name
    summary: mode.graph.summary
    when: mode.graph.when
    prelude: |
      import tensorflow as tf
"""


def test_the_minimal_matrix_has_no_problem(inline) -> None:
    assert_none(run(coverage, inline()))


def test_mode_in_two_columns(inline) -> None:
    text = changed(FORMAT, "    modes: [eager]\n", "    modes: [eager, graph]\n")
    problems = run(coverage, inline({FORMAT: text}))
    line, column = where(text, "eager, graph]", len("eager, "))
    assert_found(problems, FORMAT, line, column, what=("'graph'", "'old'"), fix="one column")
    assert len(problems) == 1, problems


def test_mode_in_no_column(inline) -> None:
    problems = run(coverage, inline({MODES: MINIMAL[MODES] + MODE}))
    line, column = where(MINIMAL[FORMAT], "columns:")
    assert_found(problems, FORMAT, line, column, what=("no column", "'extra'"), fix="'extra'")
    assert len(problems) == 1, problems


def test_missing_cell(inline) -> None:
    text = changed(FORMAT, OLD_CELL, "")
    problems = run(coverage, inline({FORMAT: text}))
    line, column = where(text, "cells:")
    assert_found(problems, FORMAT, line, column, what=("'load'", "'old'"), fix=("operation: load", "column: old"))
    assert len(problems) == 1, problems


def test_an_operation_without_cells_misses_one_per_column(inline) -> None:
    operations = MINIMAL[OPERATIONS] + "  - id: create\n    name: operation.load.name\n"
    problems = run(coverage, inline({OPERATIONS: operations}))
    line, column = where(MINIMAL[FORMAT], "cells:")
    for column_id in ("old", "new"):
        assert_found(problems, FORMAT, line, column, what=("'create'", f"'{column_id}'"))
    assert len(problems) == 2, problems
