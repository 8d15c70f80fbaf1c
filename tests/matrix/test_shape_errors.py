"""Good YAML of the wrong shape: wrong types, unknown keys, missing keys, duplicate keys."""

from __future__ import annotations

import pytest

from .conftest import ProjectCopy, assert_problem

SITE = "matrix/site.yaml"
MODES = "matrix/modes.yaml"
TF1_HUB = "matrix/formats/tf1_hub.yaml"
TF2_SAVEDMODEL = "matrix/formats/tf2_savedmodel.yaml"
RU = "matrix/locales/ru.yaml"


# --- wrong types ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "old", "new", "value", "what"),
    [
        (MODES, "    emphasis: [1, 2]\n", "    emphasis: [one]\n", "one", ("emphasis", "whole number", "'one'")),
        (SITE, "locales: [en, ru]\n", "locales: en\n", "en", ("locales", "must be a list", "'en'")),
        (TF1_HUB, "      status: supported\n", "      status: 3\n", "3", ("status", "3", "not allowed")),
        (TF1_HUB, "    claim:\n      status: supported\n    guide: {link: tf1_hub_using",
         "    claim: supported\n    guide: {link: tf1_hub_using", "supported", ("claim", "must be a mapping")),
    ],
    ids=["emphasis_list_of_words", "locales_as_string", "status_as_number", "claim_as_string"],
)
def test_wrong_type(project: ProjectCopy, file: str, old: str, new: str, value: str, what: tuple[str, ...]) -> None:
    project.replace(file, old, new)
    result = project.check()
    bad = new.strip().splitlines()[0]
    line = project.line_of(file, bad)
    column = project.column_of(file, bad) + bad.rindex(value)
    assert_problem(result, file, line, column, what=what)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('      tensorflow: {added: "1.15"}\n    text: cell.use_either\n',
         "      tensorflow: {added: 1.15}\n    text: cell.use_either\n"),
        ('      tensorflow: {added: "1.15"}\n    text: cell.use_either\n',
         "      tensorflow:\n        added: 1.15\n    text: cell.use_either\n"),
    ],
    ids=["flow_mapping", "block_mapping"],
)
def test_unquoted_version_is_a_number(project: ProjectCopy, old: str, new: str) -> None:
    project.replace(TF2_SAVEDMODEL, old, new)
    result = project.check()
    line = project.line_of(TF2_SAVEDMODEL, "added: 1.15")
    column = project.column_of(TF2_SAVEDMODEL, "1.15")
    assert_problem(result, TF2_SAVEDMODEL, line, column, what=("added", "must be a string", "1.15"), fix="quotes")


# --- unknown keys --------------------------------------------------------------------------------


def test_unknown_key_in_cell(project: ProjectCopy) -> None:
    project.replace(TF1_HUB, "    snippets:\n", "    snipets:\n")
    result = project.check()
    line = project.line_of(TF1_HUB, "snipets:")
    assert_problem(result, TF1_HUB, line, 5, what="unknown key 'snipets'", fix="did you mean 'snippets'?")


def test_unknown_key_at_top_of_file(project: ProjectCopy) -> None:
    project.replace(TF1_HUB, "columns:\n", "colums:\n")
    result = project.check()
    line = project.line_of(TF1_HUB, "colums:")
    assert_problem(result, TF1_HUB, line, 1, what="unknown key 'colums'", fix="did you mean 'columns'?")


def test_unknown_key_without_close_match_lists_allowed_keys(project: ProjectCopy) -> None:
    project.replace(MODES, "    emphasis: [1, 2]\n", "    emphasis: [1, 2]\n    colour: red\n")
    result = project.check()
    line = project.line_of(MODES, "colour: red")
    assert_problem(result, MODES, line, 5, what="unknown key 'colour'", fix=("allowed keys", "prelude", "emphasis"))


# --- missing keys --------------------------------------------------------------------------------


def test_missing_claim_in_cell(project: ProjectCopy) -> None:
    project.replace(
        TF1_HUB,
        "    column: tf1\n    claim:\n      status: supported\n    guide: {link: tf1_hub_using",
        "    column: tf1\n    guide: {link: tf1_hub_using",
    )
    result = project.check()
    cell_line = project.line_of(TF1_HUB, "  - operation: load")  # the first cell, which lost its claim
    assert_problem(result, TF1_HUB, cell_line, 5, what=("missing required key 'claim'", "cells.0"), fix="claim:")


def test_missing_label_in_snippet(project: ProjectCopy) -> None:
    project.replace(TF1_HUB, "      - label: hub.Module\n        setup: |\n", "      - setup: |\n")
    result = project.check()
    line = project.line_of(TF1_HUB, "      - setup: |")
    assert_problem(result, TF1_HUB, line, 9, what=("missing required key 'label'", "cells.0.snippets.0"),
                   fix="label:")


# --- duplicate keys ------------------------------------------------------------------------------


def test_duplicate_key_in_cell(project: ProjectCopy) -> None:
    project.replace(TF1_HUB, "    text: cell.tf1_hub.load.tf2\n",
                    "    text: cell.tf1_hub.load.tf2\n    text: cell.use_either\n")
    result = project.check()
    first = project.line_of(TF1_HUB, "    text: cell.tf1_hub.load.tf2")
    second = project.line_of(TF1_HUB, "    text: cell.use_either")
    assert_problem(result, TF1_HUB, second, 5, what=("duplicate key 'text'", f"first at line {first}"))


def test_duplicate_key_in_catalog(project: ProjectCopy) -> None:
    project.replace(RU, "  nav.modes: Режимы TensorFlow\n", "  nav.modes: Режимы TensorFlow\n  nav.home: Начало\n")
    result = project.check()
    first = project.line_of(RU, "  nav.home: Главная")
    second = project.line_of(RU, "  nav.home: Начало")
    assert_problem(result, RU, second, 3, what=("duplicate key 'nav.home'", f"first at line {first}"))
