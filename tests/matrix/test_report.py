"""The report as a whole: every problem of a run together, sorted by place, with a count; and a clean pass."""

from __future__ import annotations

import re

from .conftest import ProjectCopy, assert_failed_cleanly, assert_problem

SITE = "matrix/site.yaml"
OPERATIONS = "matrix/operations.yaml"
MODES = "matrix/modes.yaml"
TF1_HUB = "matrix/formats/tf1_hub.yaml"
TF2_SAVEDMODEL = "matrix/formats/tf2_savedmodel.yaml"
EN = "matrix/locales/en.yaml"
RU = "matrix/locales/ru.yaml"

PLACE = re.compile(r"^(?P<file>\S+?):(?P<line>\d+):(?P<column>\d+): ")


def _assert_sorted_with_count(result) -> list[str]:
    lines = result.problem_lines()
    keys = [(m["file"], int(m["line"]), int(m["column"])) for m in map(PLACE.match, lines)]
    assert keys == sorted(keys), "problems are not sorted by file, line and column:\n" + result.stderr
    count = len(lines)
    assert result.stderr.strip().splitlines()[-1] == \
        f"{count} problem{'s' if count != 1 else ''} found; nothing was written."
    return lines


def test_real_matrix_passes(project: ProjectCopy) -> None:
    result = project.check()
    assert result.code == 0, result.output
    assert "Traceback" not in result.output
    assert result.stdout.startswith("matrix is valid:"), result.stdout
    assert result.stderr == ""


def test_problems_in_several_files_are_reported_together_sorted(project: ProjectCopy) -> None:
    """Four files, each wrong in its own way while being read: one run reports all four, in order."""
    project.replace(SITE, "locales: [en, ru]\n", "locales: en\n")
    project.write_bytes(OPERATIONS, b"")
    project.replace(TF1_HUB, "    snippets:\n", "    snipets:\n")
    project.replace(RU, "  nav.modes: Режимы TensorFlow\n", "  nav.modes: Режимы TensorFlow\n  nav.home: Начало\n")
    project.replace(MODES, "    emphasis: [1, 2]\n", "    emphasis: [1, 2]\n    emphasis: [1]\n")
    result = project.check()

    assert_problem(result, SITE, project.line_of(SITE, "locales: en"), 10, what="must be a list")
    assert_problem(result, OPERATIONS, 1, 1, what="the file is empty")
    assert_problem(result, TF1_HUB, project.line_of(TF1_HUB, "snipets:"), 5, what="unknown key 'snipets'")
    assert_problem(result, RU, project.line_of(RU, "nav.home: Начало"), 3, what="duplicate key 'nav.home'")
    assert_problem(result, MODES, project.line_of(MODES, "emphasis: [1]"), 5, what="duplicate key 'emphasis'")
    lines = _assert_sorted_with_count(result)
    assert len(lines) == 5, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "5 problems found; nothing was written."


def test_cross_file_problems_are_reported_together_sorted(project: ProjectCopy) -> None:
    """Files that read well but disagree with each other: every rule's problems come in one report."""
    project.replace(TF1_HUB, "    modes: [tf2]\n", "    modes: [tf3]\n")
    project.replace(TF2_SAVEDMODEL, "guide: {link: tf2_using,", "guide: {link: tf2_usnig,")
    project.replace(RU, "  column.tf2: TF2\n", "  column.tf2: ТФ2\n")
    project.append(EN, "  unused.thing: x\n")
    project.append(RU, "  unused.thing: x\n")
    result = project.check()

    assert_problem(result, TF1_HUB, project.line_of(TF1_HUB, "modes: [tf3]"), what="unknown mode 'tf3'")
    assert_problem(result, TF2_SAVEDMODEL, project.line_of(TF2_SAVEDMODEL, "tf2_usnig"), what="unknown link")
    assert_problem(result, RU, project.line_of(RU, "column.tf2: ТФ2"), what="wrong rendering 'ТФ2'")
    assert_problem(result, EN, project.line_of(EN, "unused.thing"), 3, what="not used by anything")
    assert_problem(result, RU, project.line_of(RU, "unused.thing"), 3, what="not used by anything")
    _assert_sorted_with_count(result)


def test_lines_sort_as_numbers(project: ProjectCopy) -> None:
    """Line 9 comes before line 10 and 100: the sort is by number, not by text."""
    project.replace(TF1_HUB, "    modes: [tf1, tf1_compat]\n", "    modes: [tf1, tf1_compta]\n")  # line 9
    project.replace(TF1_HUB, "  - id: tf2\n    modes: [tf2]\n", "  - id: tf2\n    modes: [tf3]\n")  # line 13
    project.replace(TF1_HUB, "  - operation: create\n    column: tf2\n", "  - operation: craete\n    column: tf2\n")
    result = project.check()
    assert_failed_cleanly(result)
    _assert_sorted_with_count(result)
