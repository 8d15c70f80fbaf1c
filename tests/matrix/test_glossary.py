"""The glossary catches machine-translation slips and keeps protected terms as they are.

Each test writes the copy's glossary with the terms and wrong renderings it needs, then one
message in the default language and its translation in another, and expects the problem at the
translation's value.
"""

from __future__ import annotations

from generator.matrix.translations import source_hash

from .conftest import ProjectCopy, assert_problem

GLOSSARY = "matrix/glossary.yaml"
TERMS = [{"term": "SavedModel"}, {"term": "hub.load", "code": True}, {"term": "hub.KerasLayer", "code": True}]


def _glossary(project: ProjectCopy, *wrong: dict) -> None:
    project.write_data(GLOSSARY, {"terms": TERMS, "wrong": list(wrong)})


def _wrong(pattern: str, instead: str, *locales: str) -> dict:
    return (
        {"pattern": pattern, "locales": list(locales), "instead": instead}
        if locales
        else {"pattern": pattern, "instead": instead}
    )


def _message(project: ProjectCopy, source: str, translation: str) -> tuple[str, str, tuple[int, int]]:
    """Set a message the format uses in the default language and its current translation in another
    one; returns its id, the translation's file and the place of the translation's value."""
    message_id = project.data(project.format_file)["summary"]
    for locale, text in ((project.default_locale, source), (project.other_locale, translation)):
        with project.edit(project.catalog(locale)) as catalog:
            catalog["messages"][message_id] = text
            if locale != project.default_locale:
                catalog["sources"][message_id] = source_hash(source)
    file = project.catalog(project.other_locale)
    return message_id, file, project.place(file, "messages", message_id)


USE_EITHER = "Use `hub.load` or `hub.KerasLayer`."


def test_cyrillic_tf2(project: ProjectCopy) -> None:
    _glossary(project, _wrong("ТФ ?[12]", "TF1 or TF2, in Latin letters", project.other_locale))
    message_id, file, place = _message(project, "TF2", "ТФ2")
    assert_problem(
        project.check(), file, *place, what=(f"'{message_id}'", "wrong rendering", "'ТФ2'"), fix="Latin letters"
    )


def test_cyrillic_hub_in_api_name_in_backticks(project: ProjectCopy) -> None:
    _glossary(
        project, _wrong("[Хх]аб\\.", "the API name in Latin letters, e.g. `hub.KerasLayer`", project.other_locale)
    )
    message_id, file, place = _message(project, USE_EITHER, "Используйте `hub.load` или `хаб.KerasLayer`.")
    assert_problem(
        project.check(), file, *place, what=(f"'{message_id}'", "wrong rendering", "'хаб.'"), fix="hub.KerasLayer"
    )


def test_cyrillic_hub_in_api_name_in_prose(project: ProjectCopy) -> None:
    _glossary(
        project, _wrong("[Хх]аб\\.", "the API name in Latin letters, e.g. `hub.KerasLayer`", project.other_locale)
    )
    message_id, file, place = _message(project, USE_EITHER, "Используйте `hub.load` или хаб.KerasLayer.")
    assert_problem(
        project.check(), file, *place, what=(f"'{message_id}'", "wrong rendering", "'хаб.'"), fix="hub.KerasLayer"
    )


def test_recased_api_name_in_prose(project: ProjectCopy) -> None:
    _glossary(project)
    message_id, file, place = _message(project, USE_EITHER, "Используйте Hub.load или `hub.KerasLayer`.")
    assert_problem(
        project.check(), file, *place, what=(f"'{message_id}'", "'Hub.load'", "'hub.load'"), fix="'hub.load'"
    )


def test_recased_api_name_in_backticks(project: ProjectCopy) -> None:
    """`Hub.load` is a code span, so no term rule sees it; the source message's `hub.load` is missing."""
    _glossary(project)
    message_id, file, place = _message(project, USE_EITHER, "Используйте `Hub.load` или `hub.KerasLayer`.")
    assert_problem(project.check(), file, *place, what=(f"'{message_id}'", "lacks", "`hub.load`"), fix="`hub.load`")


def test_train_graph_translated_as_trains(project: ProjectCopy) -> None:
    """A rule without locales applies to every language."""
    _glossary(project, _wrong("(?i)граф\\w* поезд", "'граф для обучения'"))
    message_id, file, place = _message(
        project, "Guide to fine-tuning the train graph", "Руководство по дообучению графа поездов"
    )
    assert_problem(
        project.check(),
        file,
        *place,
        what=(f"'{message_id}'", "wrong rendering", "'графа поезд'"),
        fix="граф для обучения",
    )


def test_train_graph_slip_in_a_long_message(project: ProjectCopy) -> None:
    """The slip sits on the third line of a folded message: reported where the message starts (its
    id, or its text's first line) or, more precisely, at the slip's own line; any of these is fine."""
    _glossary(project, _wrong("(?i)граф\\w* поезд", "'граф для обучения'"))
    message_id, file, _ = _message(project, "A long message.", "placeholder")
    _, column = project.place(file, "messages", message_id, key=True)
    indent = " " * (column + 1)
    project.put_raw(
        file,
        {
            ("messages", message_id): f">-\n{indent}Первая строка длинного сообщения,\n"
            f"{indent}вторая строка,\n{indent}которым не нужен граф поездов."
        },
    )
    key = project.place(file, "messages", message_id, key=True)[0]
    slip = project.line_of(file, "граф поездов")
    assert slip == key + 3
    result = project.check()
    found = [line for line in result.problem_lines() if line.startswith(f"{file}:") and "граф поезд" in line]
    assert found, result.stderr
    line = int(found[0].split(":")[1])
    assert line in (key, key + 1, slip), result.stderr
    assert_problem(result, file, line, what=(f"'{message_id}'", "wrong rendering"), fix="граф для обучения")


def test_protected_term_translated_away(project: ProjectCopy) -> None:
    _glossary(project, _wrong("(?i)сохранённ\\w* модел\\w* TF2", "'TF2 SavedModel'", project.other_locale))
    message_id, file, place = _message(project, "TF2 SavedModel", "сохранённая модель TF2")
    result = project.check()
    assert_problem(result, file, *place, what=(f"'{message_id}'", "lacks", "'SavedModel'"), fix="SavedModel")
    assert_problem(
        result, file, *place, what=(f"'{message_id}'", "wrong rendering", "'сохранённая модель TF2'"), fix="SavedModel"
    )


def test_protected_term_recased(project: ProjectCopy) -> None:
    _glossary(project)
    message_id, file, place = _message(project, "TF2 SavedModel compatibility", "Совместимость TF2 Savedmodel")
    assert_problem(
        project.check(), file, *place, what=(f"'{message_id}'", "'Savedmodel'", "'SavedModel'"), fix="'SavedModel'"
    )


def test_api_name_outside_backticks_in_source_language(project: ProjectCopy) -> None:
    _glossary(project)
    message_id, _, _ = _message(project, "Use hub.load or `hub.KerasLayer`.", "Используйте `hub.load`.")
    file = project.catalog()
    assert_problem(
        project.check(),
        file,
        *project.place(file, "messages", message_id),
        what=(f"'{message_id}'", "'hub.load'", "outside code"),
        fix="`hub.load`",
    )
