"""Every id the matrix names must exist; an unknown one is reported where it is named."""

from __future__ import annotations

import pytest

from .conftest import ProjectCopy, assert_problem

SITE = "matrix/site.yaml"
TF1_HUB = "matrix/formats/tf1_hub.yaml"
EN = "matrix/locales/en.yaml"
RU = "matrix/locales/ru.yaml"


def test_unknown_mode_in_column(project: ProjectCopy) -> None:
    project.replace(TF1_HUB, "    modes: [tf2]\n", "    modes: [tf3]\n")
    result = project.check()
    line = project.line_of(TF1_HUB, "modes: [tf3]")
    assert_problem(result, TF1_HUB, line, project.column_of(TF1_HUB, "tf3]"),
                   what="unknown mode 'tf3'", fix="did you mean 'tf2'?")


def test_unknown_format_in_site(project: ProjectCopy) -> None:
    project.replace(SITE, "formats: [tf1_hub, tf2_savedmodel]\n", "formats: [tf1_hub, tf2_savedmodle]\n")
    result = project.check()
    line = project.line_of(SITE, "tf2_savedmodle")
    assert_problem(result, SITE, line, project.column_of(SITE, "tf2_savedmodle"),
                   what="unknown format 'tf2_savedmodle'", fix="did you mean 'tf2_savedmodel'?")


def test_unknown_operation_in_cell(project: ProjectCopy) -> None:
    project.replace(TF1_HUB, "  - operation: create\n    column: tf2\n", "  - operation: craete\n    column: tf2\n")
    result = project.check()
    line = project.line_of(TF1_HUB, "operation: craete")
    assert_problem(result, TF1_HUB, line, project.column_of(TF1_HUB, "craete"),
                   what="unknown operation 'craete'", fix="did you mean 'create'?")


def test_unknown_column_in_cell(project: ProjectCopy) -> None:
    project.replace(TF1_HUB, "  - operation: create\n    column: tf2\n", "  - operation: create\n    column: tf3\n")
    result = project.check()
    line = project.line_of(TF1_HUB, "column: tf3")
    assert_problem(result, TF1_HUB, line, project.column_of(TF1_HUB, "tf3"),
                   what="unknown column 'tf3'", fix="did you mean 'tf2'?")


def test_unknown_message_id(project: ProjectCopy) -> None:
    project.replace(TF1_HUB, "name: format.tf1_hub.name\n", "name: format.tf1_hub.nmae\n")
    result = project.check()
    line = project.line_of(TF1_HUB, "format.tf1_hub.nmae")
    assert_problem(result, TF1_HUB, line, project.column_of(TF1_HUB, "format.tf1_hub.nmae"),
                   what="unknown message 'format.tf1_hub.nmae'", fix="did you mean 'format.tf1_hub.name'?")


def test_unknown_link_in_cell_guide(project: ProjectCopy) -> None:
    project.replace(TF1_HUB, "guide: {link: tf1_hub_using,", "guide: {link: tf1_hub_usnig,")
    result = project.check()
    line = project.line_of(TF1_HUB, "tf1_hub_usnig")
    assert_problem(result, TF1_HUB, line, project.column_of(TF1_HUB, "tf1_hub_usnig"),
                   what="unknown link 'tf1_hub_usnig'", fix="did you mean 'tf1_hub_using'?")


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        (EN, "  home.steps.mode: Find your mode in the table above.\n",
         "  home.steps.mode: Find your mode in the [table][nolink] above.\n"),
        (RU, "  home.steps.mode: Найдите свой режим в таблице выше.\n",
         "  home.steps.mode: Найдите свой режим в [таблице][nolink] выше.\n"),
    ],
    ids=["en", "ru"],
)
def test_unknown_link_in_message(project: ProjectCopy, file: str, old: str, new: str) -> None:
    project.replace(file, old, new)
    result = project.check()
    line = project.line_of(file, "[nolink]")
    value = new.split(": ", 1)[1].strip()
    assert_problem(result, file, line, project.column_of(file, value),
                   what=("'home.steps.mode'", "unknown link 'nolink'"), fix=("migrate", "api_load"))
