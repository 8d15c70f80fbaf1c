"""Names an example uses without defining them: what its hidden setup gives the shown code.

A reader sees `m = hub.Module(handle)` but not the hidden `handle = fixture("tf1_hub")`: every
such name needs a message `example_name.<name>` that the compatibility page shows, in every language.
"""

from __future__ import annotations

import ast
from functools import lru_cache

from .model import Format
from .yaml_source import DataPath

PREFIX = "example_name."


def _names(code: str | None, context: type[ast.expr_context]) -> dict[str, tuple[int, int]]:
    """Names in the given context, each with where it first appears."""
    if not code:
        return {}
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):  # reported by the snippets rule
        return {}
    found: dict[str, tuple[int, int]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, context):
            found[node.id] = min(found.get(node.id, (node.lineno, node.col_offset)), (node.lineno, node.col_offset))
    return found


@lru_cache(maxsize=4096)  # the rules and every language's page ask for the same examples
def given(setup: str | None, code: str) -> tuple[str, ...]:
    """The names the setup assigns and the code reads without assigning them, in order of first use."""
    assigned = _names(setup, ast.Store)
    own = _names(code, ast.Store)
    used = {name: at for name, at in _names(code, ast.Load).items() if name in assigned and name not in own}
    return tuple(sorted(used, key=used.__getitem__))


def example_names(fmt: Format) -> list[tuple[int, DataPath, str]]:
    """(cell index, path inside the cell, name) of every name a format's examples are given."""
    found: list[tuple[int, DataPath, str]] = []
    for i, cell in enumerate(fmt.cells):
        for j, snippet in enumerate(cell.snippets):
            found += [(i, ("snippets", j, "code"), name) for name in given(snippet.setup, snippet.code)]
        if cell.counterexample:
            counter = cell.counterexample
            found += [(i, ("counterexample", "code"), name) for name in given(counter.setup, counter.code)]
    return found
