"""Ids that name things must be unique: a repeat is reported where it stands, naming the first.

Each test appends a copy of something the fixture copy already has (so the repeat is the last
one in its file), and expects the problem at the copy, naming the line of the original.
"""

from __future__ import annotations

import copy

from .conftest import ProjectCopy, assert_problem

MODES = "matrix/modes.yaml"
OPERATIONS = "matrix/operations.yaml"
LINKS = "matrix/links.yaml"


def _first_at(project: ProjectCopy, file: str, *path: str | int) -> str:
    return f"first at line {project.place(file, *path)[0]}"


def test_duplicate_mode_id(project: ProjectCopy) -> None:
    with project.edit(MODES) as modes:
        mode_id = modes["modes"][0]["id"]
        modes["modes"].append({**modes["modes"][0], "label": "Another label"})
    assert_problem(
        project.check(),
        MODES,
        *project.place(MODES, "modes", -1, "id"),
        what=(f"duplicate mode id '{mode_id}'", _first_at(project, MODES, "modes", 0, "id")),
    )


def test_duplicate_tab_label(project: ProjectCopy) -> None:
    with project.edit(MODES) as modes:
        label = modes["modes"][0]["label"]
        modes["modes"].append({**modes["modes"][0], "id": "another"})
    assert_problem(
        project.check(),
        MODES,
        *project.place(MODES, "modes", -1, "label"),
        what=(f"duplicate tab label '{label}'", _first_at(project, MODES, "modes", 0, "label")),
    )


def test_duplicate_operation_id(project: ProjectCopy) -> None:
    with project.edit(OPERATIONS) as operations:
        operation_id = operations["operations"][0]["id"]
        operations["operations"].append(dict(operations["operations"][0]))
    assert_problem(
        project.check(),
        OPERATIONS,
        *project.place(OPERATIONS, "operations", -1, "id"),
        what=(f"duplicate operation id '{operation_id}'", _first_at(project, OPERATIONS, "operations", 0, "id")),
    )


def test_duplicate_link_id(project: ProjectCopy) -> None:
    with project.edit(LINKS) as links:
        link_id = links["links"][0]["id"]
        links["links"].append({"id": link_id, "url": "https://example.org/another"})
    assert_problem(
        project.check(),
        LINKS,
        *project.place(LINKS, "links", -1, "id"),
        what=(f"duplicate link id '{link_id}'", _first_at(project, LINKS, "links", 0, "id")),
    )


def test_duplicate_snippet_label_in_cell(project: ProjectCopy) -> None:
    file = project.format_file
    with project.edit(file) as fmt:
        index = next(i for i, cell in enumerate(fmt["cells"]) if cell.get("snippets"))
        snippets = fmt["cells"][index]["snippets"]
        label = snippets[0]["label"]
        snippets.append(copy.deepcopy(snippets[0]))
    assert_problem(
        project.check(),
        file,
        *project.place(file, "cells", index, "snippets", -1, "label"),
        what=(f"duplicate snippet label '{label}'", _first_at(project, file, "cells", index, "snippets", 0, "label")),
    )


def test_duplicate_column_id(project: ProjectCopy) -> None:
    file = project.format_file
    with project.edit(file) as fmt:
        column_id = fmt["columns"][0]["id"]
        fmt["columns"].append(copy.deepcopy(fmt["columns"][0]))
    assert_problem(
        project.check(),
        file,
        *project.place(file, "columns", -1, "id"),
        what=(f"duplicate column id '{column_id}'", _first_at(project, file, "columns", 0, "id")),
    )


def test_duplicate_cell(project: ProjectCopy) -> None:
    """Two cells for one operation in one column."""
    file = project.format_file
    with project.edit(file) as fmt:
        cell = fmt["cells"][0]
        fmt["cells"].append(copy.deepcopy(cell))
    assert_problem(
        project.check(),
        file,
        *project.place(file, "cells", -1),
        what=("duplicate cell", cell["operation"], cell["column"], _first_at(project, file, "cells", 0)),
    )


def test_duplicate_format_id_in_two_files(project: ProjectCopy) -> None:
    original = project.format_file
    format_id = project.data(original)["id"]
    # '<id>_copy.yaml' sorts after '<id>.yaml', so the copy is the repeat
    copied = f"matrix/formats/{format_id}_copy.yaml"
    project.write(copied, project.text(original))
    assert_problem(
        project.check(), copied, *project.place(copied, "id"), what=(f"duplicate format id '{format_id}'", original)
    )
