"""Each family of rules, through the command line: its problem placed, exit code 1, nothing written.

What each rule finds, and where, is specified in process by tests/matrix/rules/ (one file per rule).
Here one problem of each family is put in a copy of the small fixture project, and `check` and
`build` are run as a doc writer runs them: the problem is printed as file:line:col with its what
and fix, the run ends with exit code 1 and the count line saying that nothing was written, and a
build leaves no docs/ or site/ behind.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from generator.matrix.rules import RULES

from .conftest import ProjectCopy, assert_problem, typo, where

GLOSSARY = "matrix/glossary.yaml"
MODES = "matrix/modes.yaml"
RUNTIMES = "matrix/runtimes.yaml"

# What a case expects: the file, line and column of the problem, the words of its message and of its fix.
Expected = tuple[str, int, int, tuple[str, ...], tuple[str, ...]]


def _ids(project: ProjectCopy) -> Expected:
    """A mode id used twice: reported at the repeat, naming the line of the first."""
    with project.edit(MODES) as modes:
        mode_id = modes["modes"][0]["id"]
        modes["modes"].append({**modes["modes"][0], "label": "Another label"})
    first = project.place(MODES, "modes", 0, "id")[0]
    return MODES, *project.place(MODES, "modes", -1, "id"), (f"duplicate mode id '{mode_id}'", f"line {first}"), ()


def _references(project: ProjectCopy) -> Expected:
    """A column names a mode that does not exist: the hint names the one meant."""
    file = project.format_file
    with project.edit(file) as fmt:
        mode = fmt["columns"][-1]["modes"][0]
        fmt["columns"][-1]["modes"][0] = typo(mode)
    return file, *project.place(file, "columns", -1, "modes", 0), (f"unknown mode '{typo(mode)}'",), (f"'{mode}'",)


def _coverage(project: ProjectCopy) -> Expected:
    """An operation lacks its cell in a column: reported at `cells:`, the fix names the cell to write."""
    file = project.format_file
    with project.edit(file) as fmt:
        cell = fmt["cells"].pop()
    operation, column = cell["operation"], cell["column"]
    return file, *project.place(file, "cells", key=True), (f"'{operation}'", f"'{column}'"), (f"column: {column}",)


def _claims(project: ProjectCopy) -> Expected:
    """An unsupported claim without the counterexample that proves it."""
    file = project.format_file
    with project.edit(file) as fmt:
        index = next(n for n, cell in enumerate(fmt["cells"]) if cell.get("counterexample"))
        del fmt["cells"][index]["counterexample"]
    return file, *project.place(file, "cells", index, "claim", key=True), ("unsupported", "counterexample"), ()


def _snippets(project: ProjectCopy) -> Expected:
    """Code that is not Python, on the second line of its `|` block: placed at the bad character."""
    file = project.format_file
    marker = "outputs = = m(inputs)"
    with project.edit(file) as fmt:
        index = next(n for n, cell in enumerate(fmt["cells"]) if cell.get("snippets"))
        fmt["cells"][index]["snippets"][0]["code"] = f"m = hub.load(handle)\n{marker}\n"
    line = project.line_of(file, marker)
    return file, line, project.column_of(file, marker) + len("outputs = "), ("not valid Python",), ("code",)


def _characters(project: ProjectCopy) -> Expected:
    """A direction control in a message: placed at the character itself."""
    file = project.catalog()
    with project.edit(file) as catalog:
        message_id = project.data(project.format_file)["name"]
        catalog["messages"][message_id] = "Read \u202ethis backwards"
    return file, *where(project.text(file), "\u202e"), ("U+202E", f"'{message_id}'"), ("delete",)


def _catalogs(project: ProjectCopy) -> Expected:
    """A message nothing uses."""
    file = project.catalog()
    with project.edit(file) as catalog:
        catalog["messages"]["unused.thing"] = "x"
    return file, *project.place(file, "messages", "unused.thing", key=True), ("'unused.thing'", "not used"), ("remove",)


def _glossary(project: ProjectCopy) -> Expected:
    """An API name the glossary keeps in code, written outside code in the default language."""
    file = project.catalog()
    term = next(term["term"] for term in project.data(GLOSSARY)["terms"] if term.get("code"))
    message_id = project.data(project.format_file)["summary"]
    with project.edit(file) as catalog:
        catalog["messages"][message_id] = f"Used through {term}."
    place = project.place(file, "messages", message_id)
    return file, *place, (f"'{message_id}'", f"'{term}'", "outside code"), (f"`{term}`",)


def _english_summary(project: ProjectCopy, text: str) -> tuple[str, int, int]:
    """The default language's summary of the format rewritten: (file, line, column) of its value."""
    file = project.catalog()
    message_id = project.data(project.format_file)["summary"]
    with project.edit(file) as catalog:
        catalog["messages"][message_id] = text
    return file, *project.place(file, "messages", message_id)


def _translated_summary(project: ProjectCopy, change: Callable[[str], str]) -> tuple[str, int, int, str]:
    """Another language's summary of the format changed by hand, its English as it was (so the
    translation stays current): (file, line, column) of its value, and the message id."""
    locale = next(locale for locale in project.locales if locale != project.default_locale)
    file = project.catalog(locale)
    message_id = project.data(project.format_file)["summary"]
    with project.edit(file) as catalog:
        catalog["messages"][message_id] = change(catalog["messages"][message_id])
    return file, *project.place(file, "messages", message_id), message_id


def _brackets(project: ProjectCopy) -> Expected:
    """A parenthesis that the English never closes."""
    file, line, column = _english_summary(project, "Used (through the guide.")
    return file, line, column, ("[brackets]", "opens '('"), ("close it",)


def _punctuation_spacing(project: ProjectCopy) -> Expected:
    """A space before a full stop."""
    file, line, column = _english_summary(project, "Used through the guide .")
    return file, line, column, ("[puncspacing]", "space before '.'"), ("remove the space",)


def _whitespace(project: ProjectCopy) -> Expected:
    """A translation with a space at its end, which its English does not have."""
    file, line, column, message_id = _translated_summary(project, lambda text: text + " ")
    return file, line, column, ("[endwhitespace]", f"'{message_id}'"), ("whitespace at its end",)


def _verbatim(project: ProjectCopy) -> Expected:
    """A translation with a backslash its English does not have."""
    file, line, column, message_id = _translated_summary(project, lambda text: text + " \\")
    return file, line, column, ("[escapes]", f"'{message_id}'", "1 backslashes"), ("backslash",)


def _patterns(project: ProjectCopy) -> Expected:
    """A glossary pattern that is not a regular expression."""
    with project.edit(GLOSSARY) as glossary:
        glossary["wrong"].append({"pattern": "(", "instead": "something else"})
    return GLOSSARY, *project.place(GLOSSARY, "wrong", -1, "pattern"), ("pattern", "regular expression"), ()


def _runtimes(project: ProjectCopy) -> Expected:
    """A runtime runs a mode that does not exist."""
    with project.edit(RUNTIMES) as runtimes:
        mode = runtimes["runtimes"][0]["modes"][0]
        runtimes["runtimes"][0]["modes"][0] = typo(mode)
    return RUNTIMES, *project.place(RUNTIMES, "runtimes", 0, "modes", 0), (f"'{typo(mode)}'",), ()


def _descriptions(project: ProjectCopy) -> Expected:
    """A page whose front matter lost its description."""
    page = "matrix/pages/notes.md"
    text = project.text(page)
    project.write(page, "\n".join(line for line in text.split("\n") if not line.startswith("description:")))
    return page, 1, 1, ("no description",), ("description:",)


# The module name of each rule family (generator/matrix/rules/<name>.py) -> a problem of that family.
FAMILIES: dict[str, Callable[[ProjectCopy], Expected]] = {
    "ids": _ids,
    "references": _references,
    "coverage": _coverage,
    "descriptions": _descriptions,
    "claims": _claims,
    "snippets": _snippets,
    "characters": _characters,
    "catalogs": _catalogs,
    "glossary": _glossary,
    "brackets": _brackets,
    "punctuation_spacing": _punctuation_spacing,
    "whitespace": _whitespace,
    "verbatim": _verbatim,
    "patterns": _patterns,
    "runtimes": _runtimes,
}


def test_every_rule_family_has_a_case() -> None:
    assert set(FAMILIES) == {rule.__name__.rsplit(".", 1)[-1] for rule in RULES}


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("family", list(FAMILIES))
def test_the_command_line_reports_the_problem_and_writes_nothing(
    project: ProjectCopy, family: str, command: str
) -> None:
    file, line, column, what, fix = FAMILIES[family](project)
    before = project.tree("matrix")
    result = project.check() if command == "check" else project.build()
    assert_problem(result, file, line, column, what=what, fix=fix)
    assert project.tree("matrix") == before, "the matrix changed"
    assert not project.path("docs").exists() and not project.path("site").exists(), "a page was written"
