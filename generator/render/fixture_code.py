"""A fixture's script (generator/verify/fixtures/<name>.py), made fit to embed in a downloadable script.

Each fixture script is a standalone module with `build(path)` and an `if __name__ == "__main__":`
block. Embedded, its `build` becomes `build_<name>`, the block goes, and its docstring becomes a
comment. When a script embeds several fixtures, a module-level name that two of them define
differently is renamed in each (`WEIGHTS` -> `WEIGHTS_<name>`), so that no fixture sees another's value.
"""

from __future__ import annotations

import ast
import inspect
import io
import tokenize
from collections.abc import Mapping
from functools import lru_cache


def build_function(name: str) -> str:
    return f"build_{name}"


def embed(sources: Mapping[str, str]) -> dict[str, str]:
    """The embeddable source of each named fixture script, keyed by name, in the order given."""
    return dict(_embedded(tuple(sources.items())))


@lru_cache(maxsize=64)  # every script of an example set embeds the same few fixtures
def _embedded(sources: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    clashing = _clashing(dict(sources))
    return tuple(
        (name, _embed_one(source, {"build": build_function(name), **{n: f"{n}_{name}" for n in clashing}}))
        for name, source in sources
    )


def _embed_one(source: str, renames: Mapping[str, str]) -> str:
    tree = ast.parse(source)
    lines = _rename(source, renames).splitlines()
    drop: set[int] = set()
    docstring = None
    body = tree.body
    if (
        body
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        docstring = inspect.cleandoc(body[0].value.value)
        drop.update(range(body[0].lineno - 1, body[0].end_lineno or body[0].lineno))
    for node in body:
        if _is_main_block(node):
            drop.update(range(node.lineno - 1, node.end_lineno or node.lineno))
    kept = [text for number, text in enumerate(lines) if number not in drop]
    comment = [f"# {text}".rstrip() for text in docstring.splitlines()] if docstring else []
    return "\n".join(comment + kept).strip("\n")


def _is_main_block(node: ast.stmt) -> bool:
    if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare):
        return False
    names = [node.test.left, *node.test.comparators]
    return any(isinstance(n, ast.Name) and n.id == "__name__" for n in names) and any(
        isinstance(n, ast.Constant) and n.value == "__main__" for n in names
    )


def _top_level(source: str) -> dict[str, str]:
    """Module-level names a fixture script defines (assignments, functions, classes), each with its definition."""
    found: dict[str, str] = {}
    for node in ast.parse(source).body:
        if _is_main_block(node):
            continue
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found[node.name] = ast.dump(node)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        found[name.id] = ast.dump(node)
    return found


def _clashing(sources: Mapping[str, str]) -> set[str]:
    """Names that two fixture scripts define differently; `build` is renamed anyway."""
    definitions: dict[str, set[str]] = {}
    for source in sources.values():
        for name, definition in _top_level(source).items():
            definitions.setdefault(name, set()).add(definition)
    return {name for name, found in definitions.items() if len(found) > 1 and name != "build"}


def _rename(source: str, renames: Mapping[str, str]) -> str:
    """Rename names (not attributes: `x.build` stays) token by token, keeping the layout."""
    lines = source.splitlines(keepends=True)
    edits = []
    previous = None
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.NAME and token.string in renames and not (previous and previous.string == "."):
            edits.append(token)
        if token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT):
            previous = token
    for token in reversed(edits):
        row, column = token.start
        text = lines[row - 1]
        lines[row - 1] = text[:column] + renames[token.string] + text[column + len(token.string) :]
    return "".join(lines)
