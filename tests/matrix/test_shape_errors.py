"""Good YAML of the wrong shape: wrong types, unknown keys, missing keys, duplicate keys.

Each test changes one value of a fixture file as data and expects the problem where that value
now stands in the file it wrote.
"""

from __future__ import annotations

import pytest

from ..helpers import Flow, FlowMap
from .conftest import ProjectCopy, assert_problem

SITE = "matrix/site.yaml"
MODES = "matrix/modes.yaml"


def _rename_key(mapping: dict, old: str, new: str) -> None:
    """Rename a key where it stands, keeping the order of the others."""
    items = [(new if key == old else key, value) for key, value in mapping.items()]
    mapping.clear()
    mapping.update(items)


# --- wrong types ---------------------------------------------------------------------------------


def test_emphasis_as_a_list_of_words(project: ProjectCopy) -> None:
    with project.edit(MODES) as modes:
        modes["modes"][0]["emphasis"] = Flow(["one"])
    assert_problem(
        project.check(),
        MODES,
        *project.place(MODES, "modes", 0, "emphasis", 0),
        what=("emphasis", "whole number", "'one'"),
    )


def test_locales_as_a_string(project: ProjectCopy) -> None:
    locale = project.default_locale
    with project.edit(SITE) as site:
        site["locales"] = locale
    assert_problem(
        project.check(), SITE, *project.place(SITE, "locales"), what=("locales", "must be a list", f"'{locale}'")
    )


def test_status_as_a_number(project: ProjectCopy) -> None:
    file = project.format_file
    with project.edit(file) as fmt:
        fmt["cells"][0]["claim"]["status"] = 3
    assert_problem(
        project.check(), file, *project.place(file, "cells", 0, "claim", "status"), what=("status", "3", "not allowed")
    )


def test_claim_as_a_string(project: ProjectCopy) -> None:
    file = project.format_file
    with project.edit(file) as fmt:
        fmt["cells"][0]["claim"] = "supported"
    assert_problem(
        project.check(), file, *project.place(file, "cells", 0, "claim"), what=("claim", "must be a mapping")
    )


@pytest.mark.parametrize("style", [FlowMap, dict], ids=["flow_mapping", "block_mapping"])
def test_unquoted_version_is_a_number(project: ProjectCopy, style: type) -> None:
    file = project.format_file
    with project.edit(file) as fmt:
        fmt["cells"][0]["claim"]["tensorflow"] = style(added=1.15)
    line, column = project.place(file, "cells", 0, "claim", "tensorflow", "added")
    assert project.text(file).splitlines()[line - 1][column - 1 :].startswith("1.15"), "the version is not unquoted"
    assert_problem(project.check(), file, line, column, what=("added", "string", "1.15"), fix="quotes")


# --- unknown keys --------------------------------------------------------------------------------


def test_unknown_key_in_cell(project: ProjectCopy) -> None:
    file = project.format_file
    with project.edit(file) as fmt:
        index = next(i for i, cell in enumerate(fmt["cells"]) if cell.get("snippets"))
        _rename_key(fmt["cells"][index], "snippets", "snipets")
    assert_problem(
        project.check(),
        file,
        *project.place(file, "cells", index, "snipets", key=True),
        what="unknown key 'snipets'",
        fix="'snippets'",
    )


def test_unknown_key_at_top_of_file(project: ProjectCopy) -> None:
    file = project.format_file
    with project.edit(file) as fmt:
        _rename_key(fmt, "columns", "colums")
    line, column = project.place(file, "colums", key=True)
    assert column == 1
    assert_problem(project.check(), file, line, column, what="unknown key 'colums'", fix="'columns'")


def test_unknown_key_without_close_match_lists_allowed_keys(project: ProjectCopy) -> None:
    with project.edit(MODES) as modes:
        modes["modes"][0]["colour"] = "red"
    assert_problem(
        project.check(),
        MODES,
        *project.place(MODES, "modes", 0, "colour", key=True),
        what="unknown key 'colour'",
        fix=("allowed keys", "prelude", "emphasis"),
    )


# --- missing keys --------------------------------------------------------------------------------


def test_missing_claim_in_cell(project: ProjectCopy) -> None:
    """Reported at the cell that lacks it, naming the cell's path."""
    file = project.format_file
    with project.edit(file) as fmt:
        del fmt["cells"][0]["claim"]
    assert_problem(
        project.check(),
        file,
        *project.place(file, "cells", 0),
        what=("missing required key 'claim'", "cells.0"),
        fix="claim:",
    )


def test_missing_label_in_snippet(project: ProjectCopy) -> None:
    file = project.format_file
    with project.edit(file) as fmt:
        index = next(i for i, cell in enumerate(fmt["cells"]) if cell.get("snippets"))
        del fmt["cells"][index]["snippets"][0]["label"]
    assert_problem(
        project.check(),
        file,
        *project.place(file, "cells", index, "snippets", 0),
        what=("missing required key 'label'", f"cells.{index}.snippets.0"),
        fix="label:",
    )


# --- duplicate keys ------------------------------------------------------------------------------


def test_duplicate_key_in_cell(project: ProjectCopy) -> None:
    file = project.format_file
    message_id = project.data(file)["name"]
    with project.edit(file) as fmt:
        fmt["cells"][0]["text"] = message_id
    first, second = project.repeat_key(file, ("cells", 0, "text"), message_id)
    _, column = project.place(file, "cells", 0, "text", key=True)
    assert_problem(project.check(), file, second, column, what=("duplicate key 'text'", f"first at line {first}"))


def test_duplicate_key_in_catalog(project: ProjectCopy) -> None:
    file = project.catalog(project.other_locale)
    message_id = next(iter(project.messages(project.other_locale)))
    first, second = project.repeat_key(file, ("messages", message_id), "Again")
    _, column = project.place(file, "messages", message_id, key=True)
    assert_problem(
        project.check(), file, second, column, what=(f"duplicate key '{message_id}'", f"first at line {first}")
    )
