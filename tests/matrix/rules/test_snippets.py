"""snippets: all code is valid Python, and a syntax error is placed at its line and column in the file."""

from __future__ import annotations

import pytest

from generator.matrix.rules import snippets

from .inline import FORMAT, MODES, assert_found, assert_none, changed, run, where

# (file, code as it stands in MINIMAL, the same code broken, a marker on the bad line, index of the bad character)
CASES = {
    "mode_prelude": (
        MODES,
        "      tf.disable_v2_behavior()\n",
        "      tf.disable_v2_behavior())\n",
        "behavior())",
        len("behavior()"),
    ),
    "snippet_setup": (
        FORMAT,
        '          handle = fixture("model")\n        code: |\n          m = hub.load(handle)\n          outputs',
        '          handle = fixture("model"]\n        code: |\n          m = hub.load(handle)\n          outputs',
        '("model"]',
        len('("model"'),
    ),
    "snippet_code_first_line": (
        FORMAT,
        "          m = hub.load(handle)\n          outputs = m(inputs)\n",
        "          m = = hub.load(handle)\n          outputs = m(inputs)\n",
        "m = = hub",
        len("m = "),
    ),
    "snippet_code_second_line": (
        FORMAT,
        "          outputs = m(inputs)\n",
        "          outputs = m(inputs) +\n",
        "m(inputs) +",
        len("m(inputs) +"),
    ),
    "snippet_checks": (
        FORMAT,
        "          assert outputs is not None\n",
        "          assert outputs is not None:\n",
        "not None:",
        len("not None"),
    ),
    "counterexample_setup": (
        FORMAT,
        '        handle = fixture("model")\n      code',
        '        handle = = fixture("model")\n      code',
        "handle = = f",
        len("handle = "),
    ),
    "counterexample_code": (
        FORMAT,
        "        m = hub.load(handle)\n      raises",
        "        m = hub.load(handle))\n      raises",
        "load(handle))",
        len("load(handle)"),
    ),
}


def test_the_minimal_matrix_has_no_problem(inline) -> None:
    assert_none(run(snippets, inline()))


@pytest.mark.parametrize("case", list(CASES))
def test_syntax_error_at_its_line_and_column(inline, case: str) -> None:
    relative, old, new, marker, at = CASES[case]
    text = changed(relative, old, new)
    problems = run(snippets, inline({relative: text}))
    assert_found(problems, relative, *where(text, marker, at), what="not valid Python", fix="code")
    assert len(problems) == 1, [str(p) for p in problems]


def test_syntax_error_deep_in_a_block(inline) -> None:
    """Counted from the block's first line, blank lines and deeper indentation included."""
    code = (
        "          def build():\n\n              x = 1\n              return x\n\n"
        "          spec = build(\n          m = hub.load(handle)\n"
    )
    text = changed(FORMAT, "          m = hub.load(handle)\n          outputs = m(inputs)\n", code)
    problems = run(snippets, inline({FORMAT: text}))
    # Python points at the bracket left open
    assert_found(problems, FORMAT, *where(text, "build(\n", len("build")), what="not valid Python")


def test_every_broken_field_is_reported(inline) -> None:
    text = changed(FORMAT, "          assert outputs is not None\n", "          assert (\n")
    text = changed(
        FORMAT, "        m = hub.load(handle)\n      raises", "        m = hub.load(handle))\n      raises", text
    )
    problems = run(snippets, inline({FORMAT: text}))
    assert len(problems) == 2, [str(p) for p in problems]


@pytest.mark.parametrize(
    ("written", "marker", "at"),
    [
        ("code: x = = 1", "x = = 1", len("x = ")),
        pytest.param('code: "x = = 1"', "x = = 1", len("x = ")),
        pytest.param("code: 'x = = 1'", "x = = 1", len("x = ")),
    ],
    ids=["plain", "double_quoted", "single_quoted"],
)
def test_code_on_one_line(inline, written: str, marker: str, at: int) -> None:
    """Code written on the key's line, plain or in quotes: the column is that of the bad code too."""
    text = changed(
        FORMAT,
        "        code: |\n          m = hub.load(handle)\n          outputs = m(inputs)\n",
        f"        {written}\n",
    )
    problems = run(snippets, inline({FORMAT: text}))
    assert_found(problems, FORMAT, *where(text, marker, at), what="not valid Python")
