"""Checks across files, one module per concern. A new rule is a new module listed here."""

from __future__ import annotations

from ...problems import Problem
from ..documents import Matrix, MessageUse
from . import catalogs, characters, claims, coverage, glossary, ids, patterns, references, runtimes, snippets

RULES = (ids, references, coverage, claims, snippets, characters, catalogs, glossary, patterns, runtimes)


def run_rules(matrix: Matrix, use: MessageUse | None) -> list[Problem]:
    """Every rule's problems; `use` None leaves the catalogs unchecked (for verification, which shows no page)."""
    problems: list[Problem] = []
    for rule in RULES:
        problems += rule.check(matrix, use)
    return problems
