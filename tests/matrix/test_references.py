"""Every id the matrix names must exist; an unknown one is reported where it is named.

Each test misspells one id of the fixture copy (`typo`) and expects the problem where the
misspelling stands, with a hint naming the id it was made from.
"""

from __future__ import annotations

import pytest

from .conftest import ProjectCopy, assert_problem, typo

SITE = "matrix/site.yaml"
LINKS = "matrix/links.yaml"


def test_unknown_mode_in_column(project: ProjectCopy) -> None:
    file = project.format_file
    with project.edit(file) as fmt:
        mode = fmt["columns"][-1]["modes"][0]
        fmt["columns"][-1]["modes"][0] = typo(mode)
    assert_problem(
        project.check(),
        file,
        *project.place(file, "columns", -1, "modes", 0),
        what=f"unknown mode '{typo(mode)}'",
        fix=f"'{mode}'",
    )


def test_unknown_format_in_site(project: ProjectCopy) -> None:
    with project.edit(SITE) as site:
        format_id = site["formats"][-1]
        site["formats"][-1] = typo(format_id)
    assert_problem(
        project.check(),
        SITE,
        *project.place(SITE, "formats", -1),
        what=f"unknown format '{typo(format_id)}'",
        fix=f"'{format_id}'",
    )


def test_unknown_operation_in_cell(project: ProjectCopy) -> None:
    file = project.format_file
    with project.edit(file) as fmt:
        operation = fmt["cells"][-1]["operation"]
        fmt["cells"][-1]["operation"] = typo(operation)
    assert_problem(
        project.check(),
        file,
        *project.place(file, "cells", -1, "operation"),
        what=f"unknown operation '{typo(operation)}'",
        fix=f"'{operation}'",
    )


def test_unknown_column_in_cell(project: ProjectCopy) -> None:
    file = project.format_file
    with project.edit(file) as fmt:
        column = fmt["cells"][-1]["column"]
        fmt["cells"][-1]["column"] = typo(column)
    assert_problem(
        project.check(),
        file,
        *project.place(file, "cells", -1, "column"),
        what=f"unknown column '{typo(column)}'",
        fix=f"'{column}'",
    )


def test_unknown_message_id(project: ProjectCopy) -> None:
    file = project.format_file
    with project.edit(file) as fmt:
        message_id = fmt["name"]
        fmt["name"] = typo(message_id)
    assert_problem(
        project.check(),
        file,
        *project.place(file, "name"),
        what=f"unknown message '{typo(message_id)}'",
        fix=f"'{message_id}'",
    )


def test_unknown_link_in_cell_guide(project: ProjectCopy) -> None:
    file = project.format_file
    link = project.data(LINKS)["links"][0]["id"]
    with project.edit(file) as fmt:
        fmt["cells"][0]["guide"] = {"link": typo(link), "text": fmt["name"]}
    assert_problem(
        project.check(),
        file,
        *project.place(file, "cells", 0, "guide", "link"),
        what=f"unknown link '{typo(link)}'",
        fix=f"'{link}'",
    )


@pytest.mark.parametrize("which", ["default", "other"])
def test_unknown_link_in_message(project: ProjectCopy, which: str) -> None:
    """In any catalog; the hint lists the links there are."""
    locale = project.default_locale if which == "default" else project.other_locale
    file = project.catalog(locale)
    links = [link["id"] for link in project.data(LINKS)["links"]]
    with project.edit(file) as catalog:
        message_id = next(iter(catalog["messages"]))
        catalog["messages"][message_id] = "Find it in the [table][nolink] above."
    assert_problem(
        project.check(),
        file,
        *project.place(file, "messages", message_id),
        what=(f"'{message_id}'", "unknown link 'nolink'"),
        fix=tuple(links),
    )
