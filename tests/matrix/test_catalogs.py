"""Catalogs are complete and tidy: no message missing or unused, the same placeholders in every language."""

from __future__ import annotations

import re

import pytest

from .conftest import ProjectCopy, assert_problem


def _template_message(project: ProjectCopy) -> str:
    """A message the templates ask for (no matrix file names it)."""
    return sorted(project.messages().keys() - project.referenced_messages())[0]


def _format_message(project: ProjectCopy) -> str:
    return project.data(project.format_file)["name"]


@pytest.mark.parametrize("used_by", ["template", "format"])
def test_a_translation_may_lack_a_message(project: ProjectCopy, used_by: str) -> None:
    """A translation lacks a message (and keeps its source hash): the page shows it in English."""
    message_id = _template_message(project) if used_by == "template" else _format_message(project)
    file = project.catalog(project.other_locale)
    with project.edit(file) as catalog:
        del catalog["messages"][message_id]
    result = project.check()
    assert result.code == 0, result.stderr


def test_default_catalog_missing_a_template_message(project: ProjectCopy) -> None:
    message_id = _template_message(project)
    file = project.catalog()
    with project.edit(file) as catalog:
        del catalog["messages"][message_id]
    assert_problem(
        project.check(),
        file,
        *project.place(file, "messages", key=True),
        what=f"missing message '{message_id}'",
        fix=f"'{message_id}: ...'",
    )


def test_message_nothing_uses(project: ProjectCopy) -> None:
    for file in project.catalogs():
        with project.edit(file) as catalog:
            catalog["messages"]["unused.thing"] = "x"
    result = project.check()
    for file in project.catalogs():
        assert_problem(
            result,
            file,
            *project.place(file, "messages", "unused.thing", key=True),
            what=("'unused.thing'", "not used"),
            fix="remove",
        )


def _slots(text: str) -> list[str]:
    return re.findall(r"\{([a-z_]+)\}", text)


@pytest.mark.parametrize("change", ["dropped", "translated", "added"])
def test_placeholder_mismatch(project: ProjectCopy, change: str) -> None:
    message_id, source = next((key, text) for key, text in project.messages().items() if len(_slots(text)) >= 2)
    want = _slots(source)
    slots = {
        "dropped": [f"{{{slot}}}" for slot in want[:-1]],
        "translated": [f"{{{slot}}}" for slot in want[:-1]] + ["{версия}"],
        "added": [f"{{{slot}}}" for slot in want] + ["{extra}"],
    }[change]
    file = project.catalog(project.other_locale)
    with project.edit(file) as catalog:
        catalog["messages"][message_id] = "начиная с " + " ".join(slots)
    extra = ("extra",) if change == "added" else ()
    assert_problem(
        project.check(),
        file,
        *project.place(file, "messages", message_id),
        what=(f"'{message_id}'", "placeholder", *extra),
        fix="{placeholder}",
    )


def test_unclosed_code_span(project: ProjectCopy) -> None:
    message_id = _format_message(project)
    file = project.catalog()
    with project.edit(file) as catalog:
        catalog["messages"][message_id] = "Use `hub.load` or `hub.KerasLayer."
    assert_problem(
        project.check(),
        file,
        *project.place(file, "messages", message_id),
        what=(f"'{message_id}'", "unclosed", "code"),
    )
