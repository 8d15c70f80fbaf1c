"""Ids that name things must be unique: a repeat is reported where it stands, naming the first."""

from __future__ import annotations

from .conftest import ProjectCopy, assert_problem

MODES = "matrix/modes.yaml"
OPERATIONS = "matrix/operations.yaml"
LINKS = "matrix/links.yaml"
TF1_HUB = "matrix/formats/tf1_hub.yaml"


def test_duplicate_mode_id(project: ProjectCopy) -> None:
    project.replace(MODES, "  - id: tf1_compat\n", "  - id: tf1\n")
    result = project.check()
    first = project.line_of(MODES, "  - id: tf1")
    second = project.line_of(MODES, "  - id: tf1", occurrence=2)
    assert_problem(result, MODES, second, 9, what=("duplicate mode id 'tf1'", f"first at line {first}"))


def test_duplicate_tab_label(project: ProjectCopy) -> None:
    project.replace(MODES, "    label: TF1 compat\n", "    label: TF1\n")
    result = project.check()
    first = project.line_of(MODES, "    label: TF1")
    second = project.line_of(MODES, "    label: TF1", occurrence=2)
    assert_problem(result, MODES, second, 12, what=("duplicate tab label 'TF1'", f"first at line {first}"))


def test_duplicate_operation_id(project: ProjectCopy) -> None:
    project.append(OPERATIONS, "  - id: load\n    name: operation.load.name\n")
    result = project.check()
    first = project.line_of(OPERATIONS, "  - id: load")
    second = project.line_of(OPERATIONS, "  - id: load", occurrence=2)
    assert_problem(result, OPERATIONS, second, 9, what=("duplicate operation id 'load'", f"first at line {first}"))


def test_duplicate_link_id(project: ProjectCopy) -> None:
    project.append(LINKS, "  - id: migrate\n    url: https://example.org/migrate\n")
    result = project.check()
    first = project.line_of(LINKS, "  - id: migrate", whole=True)
    second = project.line_of(LINKS, "  - id: migrate", occurrence=2, whole=True)
    assert_problem(result, LINKS, second, 9, what=("duplicate link id 'migrate'", f"first at line {first}"))


def test_duplicate_snippet_label_in_cell(project: ProjectCopy) -> None:
    # the second cell has 'hub.load' then 'hub.KerasLayer'; make both 'hub.load'
    # (the first cell has a 'hub.load' too: the second cell's are the 2nd and 3rd in the file)
    project.replace(TF1_HUB, "      - label: hub.KerasLayer\n", "      - label: hub.load\n")
    result = project.check()
    first = project.line_of(TF1_HUB, "      - label: hub.load", occurrence=2)
    second = project.line_of(TF1_HUB, "      - label: hub.load", occurrence=3)
    assert_problem(result, TF1_HUB, second, 16, what=("duplicate snippet label 'hub.load'", f"first at line {first}"))


def test_duplicate_column_id(project: ProjectCopy) -> None:
    project.replace(TF1_HUB, "  - id: tf2\n    modes: [tf2]\n", "  - id: tf1\n    modes: [tf2]\n")
    result = project.check()
    first = project.line_of(TF1_HUB, "  - id: tf1")
    second = project.line_of(TF1_HUB, "  - id: tf1", occurrence=2)
    assert_problem(result, TF1_HUB, second, 9, what=("duplicate column id 'tf1'", f"first at line {first}"))


def test_duplicate_format_id_in_two_files(project: ProjectCopy) -> None:
    copy = "matrix/formats/tf1_hub_copy.yaml"
    project.write(copy, project.text(TF1_HUB))
    result = project.check()
    line = project.line_of(copy, "id: tf1_hub")
    assert_problem(result, copy, line, 5, what=("duplicate format id 'tf1_hub'", "matrix/formats/tf1_hub.yaml"))
