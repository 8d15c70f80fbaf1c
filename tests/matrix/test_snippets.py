"""Code that is not valid Python is reported at the line of the bad code inside its `|` block."""

from __future__ import annotations

import pytest

from .conftest import ProjectCopy, assert_problem

MODES = "matrix/modes.yaml"
TF1_HUB = "matrix/formats/tf1_hub.yaml"

# (file, old text, new text, a marker unique to the bad line, index in the marker of the bad character)
CASES = [
    pytest.param(TF1_HUB, "          m = hub.Module(handle)\n          outputs = m(inputs)\n        checks:",
                 "          m = hub.Module(handle)\n          outputs = = m(inputs)\n        checks:",
                 "outputs = = m(inputs)", len("outputs = "), id="snippet_code_second_line"),
    pytest.param(TF1_HUB, "          spec = hub.create_module_spec(module_fn)\n          m = hub.Module(spec)\n",
                 "          spec = hub.create_module_spec(module_fn)\n          m = = hub.Module(spec)\n",
                 "m = = hub.Module(spec)", len("m = "), id="snippet_code_deep_in_block"),
    pytest.param(TF1_HUB, "          inputs = tf.constant([[1.0, 2.0]])\n        code: |\n          m = hub.Module(handle)\n",
                 "          inputs = tf.constant([[1.0, 2.0]]))\n        code: |\n          m = hub.Module(handle)\n",
                 "2.0]]))", len("2.0]])"), id="snippet_setup"),
    pytest.param(TF1_HUB, "assert outputs.shape.as_list() == [1, 1]\n", "assert outputs.shape.as_list() == [1, 1\n",
                 "== [1, 1", len("== "), id="snippet_checks"),
    pytest.param(TF1_HUB, "        m = hub.KerasLayer(handle, trainable=True)\n        outputs = m(inputs)\n      raises:",
                 "        m = hub.KerasLayer(handle, trainable=True)\n        outputs = m(inputs))\n      raises:",
                 "m(inputs))", len("m(inputs)"), id="counterexample_code"),
    pytest.param(MODES, "      tf.disable_v2_behavior()\n", "      tf.disable_v2_behavior())\n",
                 "behavior())", len("behavior()"), id="mode_prelude"),
]


@pytest.mark.parametrize(("file", "old", "new", "marker", "at"), CASES)
def test_invalid_python_is_reported_at_its_line_in_the_block(
    project: ProjectCopy, file: str, old: str, new: str, marker: str, at: int
) -> None:
    project.replace(file, old, new)
    result = project.check()
    assert_problem(result, file, project.line_of(file, marker), what="not valid Python", fix="fix the code")


@pytest.mark.parametrize(("file", "old", "new", "marker", "at"), CASES)
def test_invalid_python_column_is_that_of_the_bad_code(
    project: ProjectCopy, file: str, old: str, new: str, marker: str, at: int
) -> None:
    """The column counts from the code's own indentation in the file, not from the '|' after 'code:'."""
    project.replace(file, old, new)
    result = project.check()
    line = project.line_of(file, marker)
    assert_problem(result, file, line, project.column_of(file, marker) + at, what="not valid Python")
