"""Every rule has its own test file here, and the minimal inline matrix passes them all together."""

from __future__ import annotations

import pkgutil
from pathlib import Path

import pytest

import generator.matrix.rules as rules_package
from generator.matrix.rules import RULES, run_rules

from .inline import USE

HERE = Path(__file__).parent
MODULES = sorted(info.name for info in pkgutil.iter_modules(rules_package.__path__))


@pytest.mark.parametrize("name", MODULES)
def test_rule_has_its_tests(name: str) -> None:
    assert (HERE / f"test_{name}.py").is_file(), f"write tests/matrix/rules/test_{name}.py for the rule '{name}'"


@pytest.mark.parametrize("name", MODULES)
def test_rule_is_run(name: str) -> None:
    assert name in {rule.__name__.rsplit(".", 1)[-1] for rule in RULES}, f"'{name}' is not listed in RULES"


def test_the_minimal_matrix_passes_every_rule(inline) -> None:
    assert [str(p) for p in run_rules(inline(), USE)] == []
