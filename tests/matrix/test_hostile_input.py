"""Hostile input: each case once ended in a traceback, a hang, or a crash in a later stage.

Every test spoils one file of a throw-away copy of the project fixture project (tests/fixtures/project)
as data: it writes the YAML it needs, or loads a fixture file, changes the data and dumps it; a page
written in Markdown (matrix/pages/) gets the text the case needs. It then runs
`python -m generator --root <copy> check` as a doc writer does and expects a clean refusal (exit
code 1, no traceback) with a problem at the place it computed from what it wrote.
Each case is also loaded in-process, to show the refusal is quick.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
import yaml

from generator.matrix.documents import MessageUse
from generator.matrix.load import load_matrix
from generator.problems import Failure

from .conftest import ProjectCopy, assert_problem, node_at, set_at, where

QUICK = 1.0  # seconds an in-process check of any case may take

SITE = "matrix/site.yaml"
OPERATIONS = "matrix/operations.yaml"
RUNTIMES = "matrix/runtimes.yaml"
GLOSSARY = "matrix/glossary.yaml"
MODES = "matrix/modes.yaml"
FORMAT = "matrix/formats/tiny.yaml"
PAGE = "matrix/pages/notes.md"


def place_of(text: str, path: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
    """(line, column), from 1, where the value (or key) at a data path starts in YAML text; for a
    '|' block, where its first line of text starts."""
    node = node_at(text, path, key=key)
    if not key and isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        first = text.splitlines()[node.start_mark.line + 1]
        return node.start_mark.line + 2, len(first) - len(first.lstrip(" ")) + 1
    return node.start_mark.line + 1, node.start_mark.column + 1


def refused(
    project: ProjectCopy,
    file: str,
    line: int,
    column: int | None = None,
    *,
    what: tuple[str, ...] = (),
    fix: tuple[str, ...] = (),
) -> str:
    """The check failed cleanly and quickly, with a problem at file:line[:column] holding the words."""
    found = assert_problem(project.check(), file, line, column, what=what, fix=fix)
    start = time.perf_counter()
    with pytest.raises(Failure):
        load_matrix(project.root / "matrix", project.root, MessageUse())
    seconds = time.perf_counter() - start
    assert seconds < QUICK, f"the check took {seconds:.2f}s"
    return found


def _cell_with_counterexample(data: Any) -> int:
    return next(i for i, cell in enumerate(data["cells"]) if cell.get("counterexample"))


PLACEHOLDER = "\u2603"  # a snowman: no fixture file holds one


# --- 1. deep nesting --------------------------------------------------------------------------------


@pytest.mark.parametrize(("opening", "closing"), [("[", "]"), ("{a: ", "}")], ids=["lists", "mappings"])
def test_deep_flow_nesting(project: ProjectCopy, opening: str, closing: str) -> None:
    prefix = "extra: "
    line = project.append(OPERATIONS, prefix + opening * 600 + "1" + closing * 600)
    # The file's own mapping is level 1, so the 50th opening is level 51, the first one refused.
    refused(project, OPERATIONS, line, len(prefix) + 49 * len(opening) + 1, what=("nested", "50"))


def test_deep_block_nesting(project: ProjectCopy) -> None:
    levels = 600
    project.write(
        MODES,
        project.text(MODES).splitlines()[0]
        + "\n"
        + "".join(f"{'  ' * depth}k:\n" for depth in range(levels))
        + "  " * levels
        + "v\n",
    )
    # Line 1 is the modeline; the key of level n (from 1) is on line n + 1 and starts that level's mapping.
    refused(project, MODES, 51 + 1, 2 * 50 + 1, what=("nested", "50"))


# --- 2. a megabyte of digits --------------------------------------------------------------------------


def test_huge_unquoted_number(project: ProjectCopy) -> None:
    line = project.append(RUNTIMES, "timeout: " + "9" * 1_000_000)
    refused(project, RUNTIMES, line, len("timeout: ") + 1, what=("number", "too long"))


def test_long_number_just_over_the_limit(project: ProjectCopy) -> None:
    line = project.append(RUNTIMES, "timeout: " + "9" * 5000)
    refused(project, RUNTIMES, line, len("timeout: ") + 1, what=("number", "too long"))


# --- 3. explicit tags that do not fit their value --------------------------------------------------------


@pytest.mark.parametrize("value", ["!!int abc", "!!float abc", "!!bool maybe", "!!int ''", "!!str [a, b]"])
def test_explicit_tag_that_does_not_fit(project: ProjectCopy, value: str) -> None:
    line = project.append(RUNTIMES, f"timeout: {value}")
    tag = value.split()[0]
    refused(project, RUNTIMES, line, len("timeout: ") + 1, what=(f"'{tag}'",), fix=("tag",))


# --- 4. glossary patterns ------------------------------------------------------------------------------


def _glossary_with(project: ProjectCopy, pattern: str) -> tuple[int, int]:
    data = project.data(GLOSSARY)
    data["wrong"].append({"pattern": pattern, "instead": "something else"})
    text = project.write_data(GLOSSARY, data)
    return place_of(text, ("wrong", len(data["wrong"]) - 1, "pattern"))


def test_glossary_pattern_that_does_not_compile(project: ProjectCopy) -> None:
    line, column = _glossary_with(project, "(")
    refused(project, GLOSSARY, line, column, what=("pattern", "regular expression"))


@pytest.mark.parametrize(
    "pattern",
    ["(a|aa)+$", "(a+)+b", r"\w*\w*\w*\w*!", r"(\w+)\1x"],
    ids=["alternation_under_repeat", "nested_repeat", "adjacent_repeats", "backreference"],
)
def test_glossary_pattern_that_could_take_forever(project: ProjectCopy, pattern: str) -> None:
    """Refused for its shape, before it ever runs: against a message of 40 a's, '(a|aa)+$' takes minutes."""
    en = "matrix/locales/en.yaml"
    catalog = project.data(en)
    first = next(iter(catalog["messages"]))
    catalog["messages"][first] = "a" * 40 + " " + "a" * 40
    project.write_data(en, catalog)
    line, column = _glossary_with(project, pattern)
    refused(project, GLOSSARY, line, column, what=("pattern", "too long"))


# --- 5. version bounds ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "version",
    [".".join(["1"] * 2500), "9" * 5000, "1.2.3.4.5", "1234567"],
    ids=["many_parts", "many_digits", "five_parts", "seven_digits"],
)
def test_version_bound_out_of_bounds(project: ProjectCopy, version: str) -> None:
    file = FORMAT
    data = project.data(file)
    data["cells"][0]["claim"]["tensorflow"] = {"added": version}
    text = project.write_data(file, data)
    line, column = place_of(text, ("cells", 0, "claim", "tensorflow", "added"))
    refused(project, file, line, column, what=("added",), fix=("digits",))


# --- 6. a counterexample's raises.match ---------------------------------------------------------------------


def test_raises_match_that_does_not_compile(project: ProjectCopy) -> None:
    file = FORMAT
    data = project.data(file)
    index = _cell_with_counterexample(data)
    data["cells"][index]["counterexample"]["raises"]["match"] = "unbalanced (paren"
    text = project.write_data(file, data)
    line, column = place_of(text, ("cells", index, "counterexample", "raises", "match"))
    refused(project, file, line, column, what=("match", "regular expression"))


# --- 7. the timeout -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [".inf", ".nan", "-5", "0.5", "86400", "'60'"])
def test_timeout_out_of_range(project: ProjectCopy, value: str) -> None:
    line = project.append(RUNTIMES, f"timeout: {value}")
    refused(project, RUNTIMES, line, len("timeout: ") + 1, what=("timeout",))


def test_sane_timeout_is_accepted(project: ProjectCopy) -> None:
    project.append(RUNTIMES, "timeout: 90")
    run = project.check()
    assert "timeout" not in run.stderr, run.stderr


# --- 8. control characters in a runtime's environment ----------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["a\x00b", "a\x1bb", "first\nsecond", "a\x7fb"], ids=["nul", "escape", "newline", "delete"]
)
def test_environment_value_with_a_control_character(project: ProjectCopy, value: str) -> None:
    data = project.data(RUNTIMES)
    data["runtimes"][0]["environment"] = {"SOME_SETTING": value}
    text = project.write_data(RUNTIMES, data)
    line, column = place_of(text, ("runtimes", 0, "environment", "SOME_SETTING"))
    refused(project, RUNTIMES, line, column, what=("SOME_SETTING",), fix=("control characters",))


# --- 9. a missing colon ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "path"),
    [(SITE, ("default_locale",)), (FORMAT, ("cells", 0, "column"))],
    ids=["top_level", "inside_a_cell"],
)
def test_missing_colon_is_reported_on_its_line(project: ProjectCopy, file: str, path: tuple) -> None:
    """'key value' followed by more keys: YAML notices only on the next line; the report names this one."""
    text = project.text(file)
    line, column = place_of(text, path, key=True)
    lines = text.splitlines(keepends=True)
    key = str(path[-1])
    assert lines[line - 1][column - 1 :].startswith(key + ": ")
    lines[line - 1] = lines[line - 1][: column - 1] + key + " " + lines[line - 1][column - 1 + len(key) + 2 :]
    project.write(file, "".join(lines))
    refused(project, file, line, what=("YAML syntax error",), fix=("colon",))


# --- 10. invisible and direction-changing characters ------------------------------------------------------------


CODE_FIELDS = {
    "snippet_code": (FORMAT, lambda data: ("cells", 0, "snippets", 0, "code")),
    "snippet_setup": (FORMAT, lambda data: ("cells", 0, "snippets", 0, "setup")),
    "snippet_checks": (FORMAT, lambda data: ("cells", 0, "snippets", 0, "checks")),
    "counterexample_code": (FORMAT, lambda data: ("cells", _cell_with_counterexample(data), "counterexample", "code")),
    "counterexample_setup": (
        FORMAT,
        lambda data: ("cells", _cell_with_counterexample(data), "counterexample", "setup"),
    ),
    "mode_prelude": (MODES, lambda data: ("modes", 0, "prelude")),
}


def _with_character(project: ProjectCopy, file: str, path: tuple, value: str, character: str) -> tuple[int, int]:
    """Write `value` at `path`, `character` as it is: a dumper would escape some characters, and the
    point is what stands in the file. Returns where the character stands."""
    data = project.data(file)
    set_at(data, path, value.replace(character, PLACEHOLDER))
    text = project.write_data(file, data)
    assert text.count(PLACEHOLDER) == 1
    return where(project.write(file, text.replace(PLACEHOLDER, character)), character)


@pytest.mark.parametrize(
    "character",
    ["\u202e", "\u2066", "\u061c", "\u200b", "\ufeff", "\u00ad"],
    ids=["RLO", "LRI", "ALM", "ZWSP", "BOM", "soft_hyphen"],
)
def test_invisible_character_in_code(project: ProjectCopy, character: str) -> None:
    file, at = CODE_FIELDS["snippet_code"]
    path = at(project.data(file))
    code = f"access = 'user'\nif access != 'none{character}':\n    pass\n"
    line, column = _with_character(project, file, path, code, character)
    refused(project, file, line, column, what=(f"U+{ord(character):04X}",), fix=("delete",))


@pytest.mark.parametrize("field", list(CODE_FIELDS))
def test_direction_control_in_every_code_field(project: ProjectCopy, field: str) -> None:
    file, at = CODE_FIELDS[field]
    path = at(project.data(file))
    code = "x = 1\ny = x  # \u202e reversed comment\n"
    line, column = _with_character(project, file, path, code, "\u202e")
    refused(project, file, line, column, what=("U+202E",), fix=("delete",))


def test_direction_control_in_a_message(project: ProjectCopy) -> None:
    file = "matrix/locales/en.yaml"
    data = project.data(file)
    message_id = next(iter(data["messages"]))
    line, column = _with_character(project, file, ("messages", message_id), "Read \u2067this\u2069 backwards", "\u2067")
    refused(project, file, line, column, what=("U+2067", message_id), fix=("delete",))


def test_escaped_direction_control_is_placed_at_its_value(project: ProjectCopy) -> None:
    """Written as an escape in double quotes, the character is not in the file: the value is named."""
    file, at = CODE_FIELDS["snippet_code"]
    path = at(project.data(file))
    text = project.put_raw(file, {path: "\"x = '\\u202e'\""})
    assert "\\u202e" in text and "\u202e" not in text
    line, column = place_of(text, path)
    refused(project, file, line, column, what=("U+202E",), fix=("delete",))


# --- and: code Python cannot compile for its depth ------------------------------------------------------------


@pytest.mark.parametrize("code", ["x = " + "+".join(["1"] * 5000), "x = " + "-" * 3000 + "1"], ids=["sum", "unary"])
def test_code_nested_too_deeply_to_compile(project: ProjectCopy, code: str) -> None:
    """Python's compiler gives up with a RecursionError (or its parser with a MemoryError)."""
    file, at = CODE_FIELDS["snippet_code"]
    path = at(project.data(file))
    data = project.data(file)
    set_at(data, path, code + "\n")
    text = project.write_data(file, data)
    line, column = place_of(text, path)
    refused(project, file, line, column, what=("not valid Python", "nested"))


# --- 11. pages written in Markdown ---------------------------------------------------------------------------

PAGE_START = "# Notes {#title}\n\n"


def test_notes_nested_hundreds_deep(project: ProjectCopy) -> None:
    """Each note's fence one backtick shorter than its parent's, 600 deep: refused at the fifth."""
    levels = 600
    opening = [f"{{#n{depth}}}\n" + "`" * (levels + 3 - depth) + "{note}\n" for depth in range(levels)]
    closing = ["`" * (levels + 3 - depth) + "\n" for depth in reversed(range(levels))]
    text = project.write(PAGE, PAGE_START + "".join(opening) + "{#deep}\nText.\n" + "".join(closing))
    line, _ = where(text, "\n" + "`" * (levels + 3 - 4) + "{note}")
    refused(project, PAGE, line + 1, 1, what=("nested too deeply",))


@pytest.mark.parametrize(
    "line",
    [">" * 100_000 + " quoted", "- " * 1000 + "listed", "1. " * 1000 + "numbered"],
    ids=["quotes", "lists", "numbered"],
)
def test_markdown_nested_thousands_deep_on_one_line(project: ProjectCopy, line: str) -> None:
    text = project.write(PAGE, PAGE_START + "{#deep}\n" + line + "\n")
    refused(project, PAGE, where(text, line)[0], 1, what=("a ",))


def test_a_page_of_a_megabyte(project: ProjectCopy) -> None:
    project.write(PAGE, PAGE_START + "{#long}\n" + "word " * 250_000 + "\n")
    refused(project, PAGE, 1, 1, what=("too long",), fix=("split",))


def test_a_nul_in_a_page(project: ProjectCopy) -> None:
    """markdown-it shows it as U+FFFD: refused where the file holds it."""
    text = project.write(PAGE, project.text(PAGE) + "\n{#more}\nNothing\x00here.\n")
    refused(project, PAGE, *where(text, "\x00"), what=("U+0000",), fix=("delete",))


@pytest.mark.parametrize("character", ["\u202e", "\u2066", "\u200b", "\x1b"], ids=["RLO", "LRI", "ZWSP", "escape"])
def test_an_invisible_character_in_a_page(project: ProjectCopy, character: str) -> None:
    """Judged as in any message: placed at the block that holds it."""
    text = project.write(PAGE, project.text(PAGE) + f"\n{{#more}}\nRead{character} this.\n")
    refused(project, PAGE, where(text, "Read")[0], what=(f"U+{ord(character):04X}", "'page.notes.more'"))


@pytest.mark.parametrize(
    "markup",
    ["<script>alert(1)</script>", "Click <img src=x onerror=alert(1)>", "[here](javascript:alert(1))"],
    ids=["script_block", "inline_tag", "javascript_link"],
)
def test_markup_that_would_run_in_a_reader_browser(project: ProjectCopy, markup: str) -> None:
    text = project.write(PAGE, project.text(PAGE) + f"\n{{#more}}\n{markup}\n")
    refused(project, PAGE, where(text, markup)[0], 1)


def _with_example(project: ProjectCopy, body: str) -> str:
    return project.write(PAGE, project.text(PAGE) + "\n```{example} hostile\n" + body + "```\n")


def test_a_direction_override_in_the_code_of_an_example(project: ProjectCopy) -> None:
    """The code would read differently from what runs: refused at its line in the page."""
    text = _with_example(project, "tabs:\n  - mode: eager\n    code: |\n      ok = True  # \u202e;eslaF = ko\n")
    refused(project, PAGE, where(text, "ok = True")[0], what=("U+202E",))


def test_an_example_nested_thousands_deep(project: ProjectCopy) -> None:
    text = _with_example(project, "tabs: " + "[" * 5000 + "]" * 5000 + "\n")
    refused(project, PAGE, where(text, "tabs: [")[0])


def test_an_example_of_a_billion_laughs(project: ProjectCopy) -> None:
    """Anchors and aliases are refused before anything expands them."""
    laughs = 'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
    text = _with_example(project, laughs + "tabs:\n  - mode: eager\n    code: x = 1\n")
    refused(project, PAGE, where(text, "a: &a")[0], what=("anchor",))
