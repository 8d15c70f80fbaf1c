"""What to verify: one item per example and runtime that runs its mode (natively or emulated)."""

from __future__ import annotations

import fnmatch
import hashlib
from dataclasses import dataclass
from functools import cached_property

from ..matrix.documents import Matrix
from ..matrix.examples import Example, examples
from ..matrix.model import Runtime


@dataclass(frozen=True)
class Item:
    """An example in a runtime."""

    example: Example
    runtime: str
    emulated: bool
    imports: bool = True  # False where the runtime pairs releases declared not to install or import together

    @cached_property
    def id(self) -> str:
        return f"{self.example.id}[{self.runtime}]"

    @property
    def digest(self) -> str:
        """The example's digest, in this runtime, with what is expected of the runtime; a record
        made for another is judged again (see runs_digest)."""
        return self._digest(f"{self.example.digest}/{self.imports}")

    @property
    def runs_digest(self) -> str:
        """What runs, in this runtime; an observation made for another is stale."""
        return self._digest(self.example.runs_digest)

    def _digest(self, example: str) -> str:
        return hashlib.sha256(f"{example}/{self.runtime}/{self.emulated}".encode()).hexdigest()[:16]


def items(matrix: Matrix, runtimes: tuple[Runtime, ...] | None = None, only: tuple[str, ...] = ()) -> list[Item]:
    """Every item of the matrix in page order, for the given runtimes (default: all declared).

    `only` keeps the items whose id matches one of its shell-style patterns (or contains it).
    """
    found = items_of(examples(matrix), runtimes if runtimes is not None else matrix.runtimes.model.runtimes)
    return [item for item in found if not only or any(matches(item.id, pattern) for pattern in only)]


def items_of(found: tuple[Example, ...], runtimes: tuple[Runtime, ...]) -> list[Item]:
    """The items of the given examples: each in every runtime that runs its mode, natively or emulated."""
    return [
        Item(example, runtime.id, example.mode in runtime.emulates, runtime.imports)
        for example in found
        for runtime in runtimes
        if example.mode in runtime.modes or example.mode in runtime.emulates
    ]


def matches(item_id: str, pattern: str) -> bool:
    return pattern in item_id or fnmatch.fnmatchcase(item_id, pattern)
