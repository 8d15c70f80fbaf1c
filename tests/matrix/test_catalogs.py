"""Catalogs are complete and tidy: no message missing or unused, the same placeholders in every language."""

from __future__ import annotations

import pytest

from .conftest import ProjectCopy, assert_problem

EN = "matrix/locales/en.yaml"
RU = "matrix/locales/ru.yaml"


@pytest.mark.parametrize(
    ("line", "message_id", "english"),
    [
        ("  nav.modes: Режимы TensorFlow\n", "nav.modes", "TensorFlow modes"),
        ("  guide.tf1_hub.load: Подробное руководство по загрузке формата TF1 Hub\n", "guide.tf1_hub.load",
         "Full guide to loading the TF1 Hub format"),
    ],
    ids=["used_by_a_template", "used_by_a_format"],
)
def test_catalog_missing_a_message(project: ProjectCopy, line: str, message_id: str, english: str) -> None:
    project.replace(RU, line, "")
    result = project.check()
    assert_problem(result, RU, project.line_of(RU, "messages:", whole=True), 1,
                   what=f"missing message '{message_id}'", fix=(f"add '{message_id}: ...'", english))


def test_message_nothing_uses(project: ProjectCopy) -> None:
    project.append(EN, "  unused.thing: x\n")
    project.append(RU, "  unused.thing: x\n")
    result = project.check()
    for file in (EN, RU):
        assert_problem(result, file, project.line_of(file, "  unused.thing: x", whole=True), 3,
                       what="message 'unused.thing' is not used by anything", fix="remove it")


@pytest.mark.parametrize(
    ("new", "have"),
    [
        ("  bound.added: начиная с {package}\n", "['package']"),
        ("  bound.added: начиная с {package} {версия}\n", "['package']"),
        ("  bound.added: начиная с {package} {version} {extra}\n", "['extra', 'package', 'version']"),
    ],
    ids=["placeholder_dropped", "placeholder_translated", "placeholder_added"],
)
def test_placeholder_mismatch(project: ProjectCopy, new: str, have: str) -> None:
    project.replace(RU, "  bound.added: начиная с {package} {version}\n", new)
    result = project.check()
    line = project.line_of(RU, "bound.added:")
    assert_problem(result, RU, line, project.column_of(RU, "начиная"),
                   what=("message 'bound.added'", f"has placeholders {have}", "en has ['package', 'version']"),
                   fix="{placeholder}")


def test_unclosed_code_span(project: ProjectCopy) -> None:
    project.replace(EN, "  cell.use_either: Use `hub.load` or `hub.KerasLayer`.\n",
                    "  cell.use_either: Use `hub.load` or `hub.KerasLayer.\n")
    result = project.check()
    line = project.line_of(EN, "cell.use_either:")
    column = project.text(EN).splitlines()[line - 1].index("Use `hub.load`") + 1
    assert_problem(result, EN, line, column,
                   what=("message 'cell.use_either'", "unclosed `code` span"))
