"""The glossary catches the seed's machine-translation slips and keeps protected terms as they are."""

from __future__ import annotations

from .conftest import ProjectCopy, assert_problem

EN = "matrix/locales/en.yaml"
RU = "matrix/locales/ru.yaml"

USE_EITHER_RU = "  cell.use_either: Используйте `hub.load` или `hub.KerasLayer`.\n"


def _set(project: ProjectCopy, file: str, old: str, new: str) -> tuple[int, int]:
    """Replace a one-line message; returns the line and column of its value."""
    project.replace(file, old, new)
    key, _, value = new.strip().partition(": ")
    line = project.line_of(file, f"  {key}: ")
    return line, project.text(file).splitlines()[line - 1].index(value) + 1


def test_cyrillic_tf2(project: ProjectCopy) -> None:
    line, column = _set(project, RU, "  column.tf2: TF2\n", "  column.tf2: ТФ2\n")
    assert_problem(project.check(), RU, line, column,
                   what=("message 'column.tf2'", "wrong rendering 'ТФ2'"), fix="Latin letters")


def test_cyrillic_hub_in_api_name_in_backticks(project: ProjectCopy) -> None:
    line, column = _set(project, RU, USE_EITHER_RU,
                        "  cell.use_either: Используйте `hub.load` или `хаб.KerasLayer`.\n")
    assert_problem(project.check(), RU, line, column,
                   what=("message 'cell.use_either'", "wrong rendering 'хаб.'"), fix="hub.KerasLayer")


def test_cyrillic_hub_in_api_name_in_prose(project: ProjectCopy) -> None:
    line, column = _set(project, RU, USE_EITHER_RU,
                        "  cell.use_either: Используйте `hub.load` или хаб.KerasLayer.\n")
    assert_problem(project.check(), RU, line, column,
                   what=("message 'cell.use_either'", "wrong rendering 'хаб.'"), fix="hub.KerasLayer")


def test_recased_api_name_in_prose(project: ProjectCopy) -> None:
    line, column = _set(project, RU, USE_EITHER_RU,
                        "  cell.use_either: Используйте Hub.load или `hub.KerasLayer`.\n")
    assert_problem(project.check(), RU, line, column,
                   what=("message 'cell.use_either'", "writes 'Hub.load'", "protected term 'hub.load'"),
                   fix="write 'hub.load' exactly")


def test_recased_api_name_in_backticks(project: ProjectCopy) -> None:
    """`Hub.load` is a code span, so no term rule sees it; the en message's `hub.load` is missing."""
    line, column = _set(project, RU, USE_EITHER_RU,
                        "  cell.use_either: Используйте `Hub.load` или `hub.KerasLayer`.\n")
    assert_problem(project.check(), RU, line, column,
                   what=("message 'cell.use_either'", "lacks the code `hub.load`"), fix="`hub.load`")


def test_train_graph_translated_as_trains(project: ProjectCopy) -> None:
    line, column = _set(project, RU, "  guide.tf1_hub.finetune: Подробное руководство по дообучению в формате TF1 Hub\n",
                        "  guide.tf1_hub.finetune: Подробное руководство по дообучению графа поездов в формате TF1 Hub\n")
    assert_problem(project.check(), RU, line, column,
                   what=("message 'guide.tf1_hub.finetune'", "wrong rendering 'графа поезд'"),
                   fix="граф для обучения")


def test_train_graph_slip_in_a_long_message(project: ProjectCopy) -> None:
    """The slip sits on the second line of a folded message: reported at the message's first line
    (where its id is) or, more precisely, at the slip's own line; either is fine."""
    project.replace(RU, "которым не нужен отдельный граф для обучения", "которым не нужен отдельный граф поездов")
    result = project.check()
    places = {project.line_of(RU, "note.tf1_hub.train_tag:"), project.line_of(RU, "граф поездов")}
    what = ("message 'note.tf1_hub.train_tag'", "wrong rendering 'граф поезд'")
    found = [line for line in result.problem_lines() if what[1] in line]
    assert found, result.stderr
    assert any(line.startswith(f"{RU}:{n}:") for n in places for line in found), result.stderr
    assert_problem(result, RU, int(found[0].split(":")[1]), what=what, fix="граф для обучения")


def test_protected_term_translated_away(project: ProjectCopy) -> None:
    line, column = _set(project, RU, "  format.tf2_savedmodel.name: TF2 SavedModel\n",
                        "  format.tf2_savedmodel.name: сохранённая модель TF2\n")
    result = project.check()
    assert_problem(result, RU, line, column,
                   what=("message 'format.tf2_savedmodel.name'", "lacks the term 'SavedModel'"), fix="SavedModel")
    assert_problem(result, RU, line, column,
                   what=("message 'format.tf2_savedmodel.name'", "wrong rendering 'сохранённая модель TF2'"),
                   fix="SavedModel")


def test_protected_term_recased(project: ProjectCopy) -> None:
    line, column = _set(project, RU, "  format.tf2_savedmodel.table_title: Совместимость TF2 SavedModel\n",
                        "  format.tf2_savedmodel.table_title: Совместимость TF2 Savedmodel\n")
    assert_problem(project.check(), RU, line, column,
                   what=("writes 'Savedmodel'", "protected term 'SavedModel'"), fix="write 'SavedModel' exactly")


def test_api_name_outside_backticks_in_source_language(project: ProjectCopy) -> None:
    line, column = _set(project, EN, "  cell.use_either: Use `hub.load` or `hub.KerasLayer`.\n",
                        "  cell.use_either: Use hub.load or `hub.KerasLayer`.\n")
    assert_problem(project.check(), EN, line, column,
                   what=("message 'cell.use_either'", "API name 'hub.load' outside code"), fix="`hub.load`")
