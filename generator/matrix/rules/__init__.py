"""Checks across files, one module per concern. A new rule is a new module listed here."""

from __future__ import annotations

from ...problems import Problem
from ..documents import Matrix, MessageUse
from . import (
    brackets,
    catalogs,
    characters,
    claims,
    coverage,
    descriptions,
    glossary,
    ids,
    patterns,
    punctuation_spacing,
    references,
    runtimes,
    snippets,
    verbatim,
    whitespace,
)

RULES = (
    ids,
    references,
    coverage,
    descriptions,
    claims,
    snippets,
    characters,
    catalogs,
    glossary,
    brackets,
    punctuation_spacing,
    whitespace,
    verbatim,
    patterns,
    runtimes,
)


def run_rules(matrix: Matrix, use: MessageUse | None) -> list[Problem]:
    """Every rule's problems; `use` None leaves the catalogs unchecked (for verification, which shows no page)."""
    problems: list[Problem] = []
    for rule in RULES:
        problems += rule.check(matrix, use)
    return problems
