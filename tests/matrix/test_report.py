"""The report as a whole: every problem of a run together, sorted by place, with a count."""

from __future__ import annotations

import re

from ..helpers import Flow
from .conftest import ProjectCopy, assert_failed_cleanly, assert_problem, typo

SITE = "matrix/site.yaml"
OPERATIONS = "matrix/operations.yaml"
MODES = "matrix/modes.yaml"
LINKS = "matrix/links.yaml"
GLOSSARY = "matrix/glossary.yaml"

PLACE = re.compile(r"^(?P<file>\S+?):(?P<line>\d+):(?P<column>\d+): ")


def _assert_sorted_with_count(result) -> list[str]:
    lines = result.problem_lines()
    found = [PLACE.match(line) for line in lines]
    keys = [(m["file"], int(m["line"]), int(m["column"])) for m in found if m]
    assert len(keys) == len(lines), lines
    assert keys == sorted(keys), "problems are not sorted by file, line and column:\n" + result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert re.match(rf"^{len(lines)} problems? found", last), f"the count is not {len(lines)}:\n{result.stderr}"
    return lines


def test_problems_in_several_files_are_reported_together_sorted(project: ProjectCopy) -> None:
    """Five files, each wrong in its own way while being read: one run reports all five, in order."""
    file = project.format_file
    catalog = project.catalog(project.other_locale)
    message_id = next(iter(project.messages(project.other_locale)))
    with project.edit(SITE) as site:
        site["locales"] = site["default_locale"]
    project.write_bytes(OPERATIONS, b"")
    with project.edit(file) as fmt:
        fmt["cells"][0]["snipets"] = fmt["cells"][0].pop("snippets", [])
    _, catalog_line = project.repeat_key(catalog, ("messages", message_id), "Again")
    with project.edit(MODES) as modes:
        modes["modes"][0]["emphasis"] = Flow([1])
    _, modes_line = project.repeat_key(MODES, ("modes", 0, "emphasis"), "[1]")
    result = project.check()

    assert_problem(result, SITE, *project.place(SITE, "locales"), what="must be a list")
    assert_problem(result, OPERATIONS, 1, 1, what="empty")
    assert_problem(result, file, *project.place(file, "cells", 0, "snipets", key=True), what="'snipets'")
    assert_problem(result, catalog, catalog_line, what=("duplicate key", f"'{message_id}'"))
    assert_problem(result, MODES, modes_line, what=("duplicate key", "'emphasis'"))
    lines = _assert_sorted_with_count(result)
    assert len(lines) == 5, result.stderr


def test_cross_file_problems_are_reported_together_sorted(project: ProjectCopy) -> None:
    """Files that read well but disagree with each other: every rule's problems come in one report."""
    file = project.format_file
    link = project.data(LINKS)["links"][0]["id"]
    with project.edit(file) as fmt:
        mode = fmt["columns"][-1]["modes"][0]
        fmt["columns"][-1]["modes"][0] = typo(mode)
        fmt["cells"][0]["guide"] = {"link": typo(link), "text": fmt["name"]}
    project.write_data(GLOSSARY, {"wrong": [{"pattern": "ТФ ?2", "instead": "TF2"}]})
    translation = project.catalog(project.other_locale)
    summary = project.data(file)["summary"]
    with project.edit(translation) as catalog:
        catalog["messages"][summary] = "ТФ2"
    for catalog_file in project.catalogs():
        with project.edit(catalog_file) as catalog:
            catalog["messages"]["unused.thing"] = "x"
    result = project.check()

    assert_problem(result, file, *project.place(file, "columns", -1, "modes", 0), what=f"'{typo(mode)}'")
    assert_problem(result, file, *project.place(file, "cells", 0, "guide", "link"), what=f"'{typo(link)}'")
    assert_problem(result, translation, *project.place(translation, "messages", summary), what="'ТФ2'")
    for catalog_file in project.catalogs():
        assert_problem(
            result,
            catalog_file,
            *project.place(catalog_file, "messages", "unused.thing", key=True),
            what="'unused.thing'",
        )
    _assert_sorted_with_count(result)


def test_lines_sort_as_numbers(project: ProjectCopy) -> None:
    """Line 9 comes before line 10 and 99 before 100: the sort is by number, not by text."""
    file = project.catalog()
    with project.edit(file) as catalog:
        unused = {f"unused.m{n:03}": "x" for n in range(120)}
        catalog["messages"] = {**unused, **catalog["messages"]}
    result = project.check()
    assert_failed_cleanly(result)
    lines = {
        int(m["line"])
        for line in _assert_sorted_with_count(result)
        if line.startswith(f"{file}:") and (m := PLACE.match(line))
    }
    assert {9, 10, 99, 100} <= lines, sorted(lines)
