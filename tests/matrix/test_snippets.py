"""Code that is not valid Python is reported at the line of the bad code inside its `|` block.

Each case writes one cell (or one mode's prelude) of the fixture copy with the code it needs;
the bad line holds a marker found again in the written file.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .conftest import ProjectCopy, assert_problem

MODES = "matrix/modes.yaml"


def _cell(project: ProjectCopy, **fields) -> str:
    """Replace the format's first cell (same operation and column) with `fields`; returns the file."""
    file = project.format_file
    with project.edit(file) as fmt:
        first = fmt["cells"][0]
        fmt["cells"][0] = {"operation": first["operation"], "column": first["column"], **fields}
    return file


def _snippet(**code: str) -> dict:
    return {"claim": {"status": "supported"}, "snippets": [{"label": "hub.load", **code}]}


def _counterexample(**code: str) -> dict:
    return {
        "claim": {"status": "unsupported"},
        "counterexample": {**code, "raises": {"type": "RuntimeError", "match": "fails"}},
    }


def _prelude(project: ProjectCopy, prelude: str) -> str:
    with project.edit(MODES) as modes:
        modes["modes"][0]["prelude"] = prelude
    return MODES


# name -> (writes the case and returns its file, a marker unique to the bad line, index in the marker of the bad character)
CASES: dict[str, tuple[Callable[[ProjectCopy], str], str, int]] = {
    "snippet_code_second_line": (
        lambda p: _cell(p, **_snippet(code="m = hub.load(handle)\noutputs = = m(inputs)\n")),
        "outputs = = m(inputs)",
        len("outputs = "),
    ),
    "snippet_code_deep_in_block": (
        lambda p: _cell(
            p,
            **_snippet(
                code="def module_fn():\n    pass\n\nspec = hub.create_module_spec(module_fn)\n"
                "m = = hub.Module(spec)\noutputs = m(inputs)\n"
            ),
        ),
        "m = = hub.Module(spec)",
        len("m = "),
    ),
    "snippet_setup": (
        lambda p: _cell(
            p,
            **_snippet(
                setup="handle = fixture('x')\ninputs = tf.constant([[1.0, 2.0]]))\n", code="m = hub.load(handle)\n"
            ),
        ),
        "2.0]]))",
        len("2.0]])"),
    ),
    "snippet_checks": (
        lambda p: _cell(
            p,
            **_snippet(code="outputs = hub.load(handle)(inputs)\n", checks="assert outputs.shape.as_list() == [1, 1\n"),
        ),
        "== [1, 1",
        len("== "),
    ),
    "counterexample_code": (
        lambda p: _cell(
            p, **_counterexample(code="m = hub.KerasLayer(handle, trainable=True)\noutputs = m(inputs))\n")
        ),
        "m(inputs))",
        len("m(inputs)"),
    ),
    "counterexample_setup": (
        lambda p: _cell(p, **_counterexample(setup="handle = fixture('x'))\n", code="m = hub.load(handle)\n")),
        "fixture('x'))",
        len("fixture('x')"),
    ),
    "mode_prelude": (
        lambda p: _prelude(p, "import tensorflow.compat.v1 as tf\ntf.disable_v2_behavior())\n"),
        "behavior())",
        len("behavior()"),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_invalid_python_is_reported_at_its_line_in_the_block(project: ProjectCopy, case: str) -> None:
    write, marker, _ = CASES[case]
    file = write(project)
    assert_problem(project.check(), file, project.line_of(file, marker), what="not valid Python", fix="code")


@pytest.mark.parametrize("case", list(CASES))
def test_invalid_python_column_is_that_of_the_bad_code(project: ProjectCopy, case: str) -> None:
    """The column counts from the code's own indentation in the file, not from the '|' after 'code:'."""
    write, marker, at = CASES[case]
    file = write(project)
    line = project.line_of(file, marker)
    assert_problem(project.check(), file, line, project.column_of(file, marker) + at, what="not valid Python")
