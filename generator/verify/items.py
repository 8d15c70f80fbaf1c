"""What to verify: one item per example and runtime that runs its mode (natively or emulated)."""

from __future__ import annotations

import fnmatch
import hashlib
from dataclasses import dataclass

from ..matrix.documents import Matrix
from ..matrix.examples import Example, examples
from ..matrix.model import Runtime


@dataclass(frozen=True)
class Item:
    """An example in a runtime."""

    example: Example
    runtime: str
    emulated: bool

    @property
    def id(self) -> str:
        return f"{self.example.id}[{self.runtime}]"

    @property
    def digest(self) -> str:
        """The example's digest, in this runtime; a record made for another is stale."""
        text = f"{self.example.digest}/{self.runtime}/{self.emulated}"
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def items(matrix: Matrix, runtimes: tuple[Runtime, ...] | None = None,
          only: tuple[str, ...] = ()) -> list[Item]:
    """Every item of the matrix in page order, for the given runtimes (default: all declared).

    `only` keeps the items whose id matches one of its shell-style patterns (or contains it).
    """
    found = items_of(examples(matrix), runtimes if runtimes is not None else matrix.runtimes.model.runtimes)
    return [item for item in found if not only or any(matches(item.id, pattern) for pattern in only)]


def items_of(found: tuple[Example, ...], runtimes: tuple[Runtime, ...]) -> list[Item]:
    """The items of the given examples: each in every runtime that runs its mode, natively or emulated."""
    return [Item(example, runtime.id, example.mode in runtime.emulates)
            for example in found for runtime in runtimes
            if example.mode in runtime.modes or example.mode in runtime.emulates]


def matches(item_id: str, pattern: str) -> bool:
    return pattern in item_id or fnmatch.fnmatchcase(item_id, pattern)
