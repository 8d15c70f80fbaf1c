"""Examples written on pages (```{example} id, then its tabs in YAML): what each becomes, and every bad
one refused, placed at the page's own file:line.

In process, `parse_page` reads pages written inline here; through the command line, a copy of the
small project gets an example on its page matrix/pages/notes.md. Places are found from the text the
test wrote, never counted by hand.
"""

from __future__ import annotations

import pytest

from generator.matrix.examples import CODE, examples
from generator.matrix.load import load_matrix
from generator.matrix.model import Bound
from generator.matrix.pages import ExampleBlock
from generator.matrix.pages import parse_page as parse
from generator.matrix.verification import Expected, Versions

from .conftest import ProjectCopy
from .test_pages import FILE, NOTES, TITLE, Bad, assert_refused, line_of, page_text, problem_at

EXAMPLE = page_text(
    """
    # Title {#title}

    {#intro}
    Load the model, then call it.

    ```{example} load_and_call
    setup: |
      handle = "/tmp/model"
    tensorflow_hub: {removed: "0.16"}
    tabs:
      - mode: compat
        code: |
          m = hub.Module(handle)
        checks: |
          assert m is not None
      - mode: eager
        label: Keras 3
        code: |
          m = hub.load(handle)
          outputs = m(1.0)
        raises: {type: ValueError, match: "no model"}
        tensorflow: {added: "2.16"}
    ```
    """
)


def test_an_example_is_a_block_of_its_own_holding_no_message() -> None:
    page, problems = parse("p", FILE, EXAMPLE)
    assert problems == [] and page is not None, [str(p) for p in problems]
    (block,) = page.examples()
    assert isinstance(block, ExampleBlock) and block.id == "load_and_call"
    assert block.place.line == line_of(EXAMPLE, "```{example} load_and_call")
    assert [text.id for text in page.texts()] == ["page.p.title", "page.p.intro"]  # code is never translated
    model = block.document.model
    assert [(tab.mode, tab.label) for tab in model.tabs] == [("compat", None), ("eager", "Keras 3")]
    # The YAML is placed in the page file, at its own lines.
    source = block.document.source
    assert source.file == FILE
    assert source.place(("tabs", 1, "raises")).line == line_of(EXAMPLE, "raises: {type: ValueError")


# A bad example and its problem: the text after the title, the line it is placed on, its words.
BAD_EXAMPLES = {
    "no_id": Bad("```{example}\ntabs: []\n```\n", "```{example}", ("example has no id",), ("{example} its_id",)),
    "id_not_an_id": Bad("```{example} Load-it\ntabs: []\n```\n", "```{example}", ("'Load-it'", "not an id")),
    "empty": Bad("```{example} e\n\n```\n", "```{example}", ("example is empty",), ("tabs:",)),
    "not_keys": Bad("```{example} e\nm = hub.load(handle)\n```\n", "m = hub.load", ("not YAML keys",), ("tabs:",)),
    "tab_character": Bad(
        "```{example} e\ntabs:\n\t- mode: eager\n```\n",
        "- mode: eager",
        ("syntax",),
        ("spaces, not tabs",),
    ),
    "no_tabs": Bad("```{example} e\nsetup: |\n  x = 1\n```\n", "setup: |", ("missing required key 'tabs'",)),
    "no_code": Bad("```{example} e\ntabs:\n  - mode: eager\n```\n", "- mode: eager", ("missing", "'code'")),
    "unknown_key": Bad(
        "```{example} e\ntabs:\n  - mode: eager\n    code: x = 1\n    check: assert x\n```\n",
        "check: assert",
        ("unknown key 'check'",),
        ("'checks'",),
    ),
    "raises_without_match": Bad(
        "```{example} e\nraises: {type: ValueError}\ntabs:\n  - mode: eager\n    code: x = 1\n```\n",
        "raises: {type",
        ("missing", "'match'"),
    ),
    "in_a_note": Bad(
        "{#box}\n```{note}\n{#inner}\nText.\n\n````{example} e\ntabs: []\n````\n```\n",
        "````{example}",
        ("inside a note",),
    ),
    "id_of_another_block": Bad("{#e}\nText.\n\n```{example} e\ntabs: []\n```\n", "```{example}", ("'e'", "twice")),
}


@pytest.mark.parametrize("case", list(BAD_EXAMPLES))
def test_a_bad_example_is_refused_where_it_is_written(case: str) -> None:
    bad = BAD_EXAMPLES[case]
    text = TITLE + bad.text
    page, problems = parse("p", FILE, text)
    assert page is None
    problem_at(problems, FILE, line_of(text, bad.needle), bad.what, bad.fix)


# --- against the matrix, through the command line ----------------------------------------------------


def _with_example(project: ProjectCopy, yaml_body: str) -> str:
    """notes.md with an example of this YAML at its end; returns the page's text."""
    text = project.text(NOTES) + "\n```{example} more\n" + page_text(yaml_body) + "```\n"
    project.write(NOTES, text)
    return text


# (the example's YAML, the line holding the problem, its words, what the fix says)
BAD_AGAINST_THE_MATRIX = {
    "unknown_mode": Bad(
        "tabs:\n  - mode: eagerx\n    code: x = 1\n",
        "mode: eagerx",
        ("unknown mode 'eagerx'",),
        ("'eager'",),
    ),
    "two_tabs_of_one_mode": Bad(
        "tabs:\n  - mode: eager\n    code: x = 1\n  - code: x = 2\n    mode: eager\n",
        "- code: x = 2",
        ("second tab", "eager", "first at line"),
        ("label",),
    ),
    "a_tab_labelled_as_an_unlabelled_one_is_named": Bad(
        "tabs:\n  - mode: eager\n    code: x = 1\n  - label: code\n    mode: eager\n    code: x = 2\n",
        "- label: code",
        ("second tab 'code'", "eager", "first at line"),
        ("label",),
    ),
    "code_not_python": Bad(
        "tabs:\n  - mode: eager\n    code: |\n      x = (1,\n      print(x\n",
        "print(x",
        ("not valid Python",),
    ),
    "hidden_setup_not_python": Bad(
        "setup: |\n  import = 1\ntabs:\n  - mode: eager\n    code: x = 1\n",
        "import = 1",
        ("not valid Python",),
    ),
    "pattern_not_a_regular_expression": Bad(
        'raises: {type: ValueError, match: "(unclosed"}\ntabs:\n  - mode: eager\n    code: x = 1\n',
        "(unclosed",
        ("not a valid regular expression",),
    ),
    "bound_removed_before_added": Bad(
        'tensorflow: {added: "2.16", removed: "2.15"}\ntabs:\n  - mode: eager\n    code: x = 1\n',
        'removed: "2.15"',
        ("removed 2.15 is not after added 2.16",),
    ),
    "empty_bound_of_a_tab": Bad(
        "tabs:\n  - mode: eager\n    code: x = 1\n    tensorflow_hub: {}\n",
        "tensorflow_hub: {}",
        ("bound is empty",),
    ),
}


@pytest.mark.parametrize("case", list(BAD_AGAINST_THE_MATRIX))
def test_the_command_line_refuses_a_bad_example(project: ProjectCopy, case: str) -> None:
    bad = BAD_AGAINST_THE_MATRIX[case]
    text = _with_example(project, bad.text)
    before = project.tree("matrix")
    assert_refused(project, project.check(), NOTES, line_of(text, bad.needle), bad.what, bad.fix)
    assert project.tree("matrix") == before, "the matrix changed"


def test_an_example_becomes_one_example_per_tab_placed_in_its_page(project: ProjectCopy) -> None:
    text = _with_example(
        project,
        """
        setup: |
          value = 2.0
        tensorflow: {added: "2.16"}
        tabs:
          - mode: compat
            code: |
              doubled = tf.constant(value) * 2
          - mode: eager
            label: Variant
            code: |
              doubled = tf.constant(value) * 2
              print(doubled)
            checks: |
              assert doubled.numpy() == 4.0
            raises: {type: ValueError, match: "never"}
        """,
    )
    result = project.check()
    assert result.code == 0, result.output
    matrix = load_matrix(project.root / "matrix", project.root, None)
    found = [example for example in examples(matrix) if example.section.id == "pages/notes/more"]
    assert [example.id for example in found] == ["pages/notes/more/compat/" + CODE, "pages/notes/more/eager/Variant"]
    compat, eager = found
    # The shown code is the mode's prelude, then the tab's code, each line at its place in the page.
    assert eager.snippet.text == "doubled = tf.constant(value) * 2\nprint(doubled)"
    assert [(place.file, place.line) for place in eager.snippet.lines if place] == [
        (NOTES, line_of(text, "print(doubled)") - 1),
        (NOTES, line_of(text, "print(doubled)")),
    ]
    assert compat.setup is not None and compat.setup.lines[0] is not None
    assert compat.setup.lines[0].line == line_of(text, "value = 2.0")  # the example's hidden setup, shared
    assert eager.checks is not None and compat.checks is None  # a tab's own hidden checks
    assert eager.shown.text.startswith(matrix.modes.model.modes[1].prelude.rstrip())
    # A tab's claim: works (or fails, with raises) inside the bounds of the example and the tab.
    assert not compat.counterexample and eager.counterexample
    assert dict(compat.bounds) == {"tensorflow": Bound(added="2.16")}
    inside, outside = Versions(tensorflow="2.21.0"), Versions(tensorflow="2.15.1")
    assert compat.expected(inside) is Expected.passed and compat.expected(outside) is Expected.failed
    assert eager.expected(inside) is Expected.failed and eager.expected(outside) is Expected.passed
