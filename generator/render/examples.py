"""Examples: a snippet or counterexample in one mode, with its items (one per runtime) and its script's path.

An example is what a tab shows as one code block; verification runs it once per runtime. Its
script is one file for every runtime, since the script itself tells which outcome the claim
expects with the versions installed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..matrix.documents import Matrix
from ..verify.items import Item, items

SCRIPTS = "scripts"


@dataclass(frozen=True)
class ExampleKey:
    format: str
    operation: str
    mode: str
    label: str

    @property
    def id(self) -> str:
        return f"{self.format}/{self.operation}/{self.mode}/{self.label}"


def key(item: Item) -> ExampleKey:
    return ExampleKey(item.format, item.operation, item.mode, item.label)


def examples(matrix: Matrix) -> dict[ExampleKey, list[Item]]:
    """Every example of the matrix in page order, each with its items in the order of the runtimes."""
    found: dict[ExampleKey, list[Item]] = {}
    for item in items(matrix):
        found.setdefault(key(item), []).append(item)
    return found


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_") or "example"


def script_paths(keys: list[ExampleKey]) -> dict[ExampleKey, str]:
    """Each example's script, under scripts/<format>/<operation>/<mode>/; names never collide."""
    paths: dict[ExampleKey, str] = {}
    taken: set[str] = set()
    for example in keys:
        folder = f"{SCRIPTS}/{example.format}/{example.operation}/{example.mode}"
        name, number = _slug(example.label), 1
        while (path := f"{folder}/{name}{'' if number == 1 else f'_{number}'}.py") in taken:
            number += 1
        taken.add(path)
        paths[example] = path
    return paths


def download_name(path: str) -> str:
    """The name a browser saves a script under: unique, unlike the file's own name."""
    return path.removeprefix(f"{SCRIPTS}/").replace("/", "-")
