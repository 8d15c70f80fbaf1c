"""The stages of the generator only look down: problems ← files ← matrix ← project ← verify ←
render ← website ← commands ← __main__.

Each module's imports are read from its syntax tree (function-level imports included), resolved
to the generator's own modules, and compared by layer; no module may import a layer to its right.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parents[2] / "generator"
LAYERS = ("problems", "files", "matrix", "project", "verify", "render", "website", "commands", "__main__")
# Run by a runtime's own interpreter, which has none of the project's code.
STANDALONE = ("verify/worker.py", "verify/fixtures/")


def layer(module: str) -> int:
    """'generator.render.views' -> the index of 'render' in LAYERS."""
    return LAYERS.index(module.split(".")[1])


def module_name(path: Path) -> str:
    parts = path.relative_to(GENERATOR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, text: str | None = None) -> set[str]:
    """The generator modules a file (or `text`, as if it were that file) imports, relative imports resolved."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8") if text is None else text)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.add(target)
            found |= {f"{target}.{alias.name}" for alias in node.names}
    return {
        name
        for name in found
        if name.split(".")[0] == "generator" and len(name.split(".")) > 1 and name.split(".")[1] in LAYERS
    }


MODULES = sorted(path for path in GENERATOR.rglob("*.py"))


def test_every_module_belongs_to_a_layer():
    for path in MODULES:
        assert module_name(path) == "generator" or module_name(path).split(".")[1] in LAYERS, path


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.relative_to(GENERATOR).as_posix())
def test_imports_only_look_down(path: Path):
    name = module_name(path)
    if name == "generator":
        return
    relative = path.relative_to(GENERATOR).as_posix()
    targets = imported(path)
    if relative.startswith(STANDALONE):
        assert not targets, f"{relative} runs in a runtime without the project, but imports {sorted(targets)}"
        return
    upward = sorted(target for target in targets if layer(target) > layer(name))
    assert not upward, f"{relative} ({LAYERS[layer(name)]}) imports {upward}, a stage to its right"


def test_the_check_sees_an_upward_import():
    """The rule can fail: a matrix module importing render, even relatively, is caught."""
    module = GENERATOR / "matrix" / "documents.py"
    targets = imported(module, "from ..render.views import x\n")
    assert "generator.render.views" in targets
    assert any(layer(target) > layer(module_name(module)) for target in targets)
