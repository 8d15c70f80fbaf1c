"""What to verify: one item per (snippet or counterexample, runtime, mode), and what it must show.

A claim holds inside its version bounds (and those of the snippet): there a supported snippet
must pass and a counterexample must raise its declared exception. Outside the bounds the
expectation flips, so a claim "before tensorflow_hub 0.16.0" is checked against the current
release too.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from ..matrix.documents import Document, Matrix
from ..matrix.model import Bound, Cell, Format, Raises, Runtime, Status
from ..matrix.problems import Place

COUNTEREXAMPLE = "counterexample"


@dataclass(frozen=True)
class Item:
    format: str
    operation: str
    mode: str
    runtime: str
    label: str
    code: str  # the visible snippet, exactly as the page shows it
    setup: str | None
    checks: str | None
    emulated: bool
    supported: bool  # what the claim says inside its bounds
    bounds: tuple[tuple[str, Bound], ...]  # (package, bound) pairs of the claim and the snippet
    raises: Raises | None
    fixtures: tuple[str, ...]
    place: Place  # the snippet's (or counterexample's) place in its YAML file
    claim_place: Place

    @property
    def id(self) -> str:
        return f"{self.format}/{self.operation}/{self.mode}/{self.label}[{self.runtime}]"

    @property
    def digest(self) -> str:
        """Everything about the item that the matrix decides; a report made for another digest is stale."""
        fields = [self.id, self.code, self.setup, self.checks, self.emulated, self.supported,
                  [(package, bound.model_dump()) for package, bound in self.bounds],
                  self.raises.model_dump() if self.raises else None]
        return hashlib.sha256(json.dumps(fields).encode()).hexdigest()[:16]

    def inside(self, versions: dict[str, str | None]) -> bool:
        return all(_within(bound, versions.get(package)) for package, bound in self.bounds)

    def expected(self, versions: dict[str, str | None]) -> str:
        """'pass' or 'fail', for a runtime with these versions."""
        holds = self.raises is None
        return ("pass" if holds else "fail") if self.inside(versions) else ("fail" if holds else "pass")


def release(version: str | None) -> tuple[int, ...]:
    """'2.15.1' -> (2, 15, 1); pre-release suffixes are ignored."""
    parts = re.findall(r"\d+", (version or "").split("rc")[0].split("+")[0])[:3]
    return tuple(int(part) for part in parts)


def _within(bound: Bound, version: str | None) -> bool:
    if version is None:
        return False
    have = release(version)
    return (not bound.added or have >= release(bound.added)) and (not bound.removed or have < release(bound.removed))


FIXTURE_CALL = re.compile(r"""fixture\(\s*["']([a-z0-9_]+)["']\s*\)""")


def _fixtures(*codes: str | None) -> tuple[str, ...]:
    return tuple(sorted({name for code in codes if code for name in FIXTURE_CALL.findall(code)}))


def _bounds(*owners) -> tuple[tuple[str, Bound], ...]:
    return tuple((package, bound) for owner in owners for package in ("tensorflow", "tensorflow_hub")
                 if (bound := getattr(owner, package, None)))


def items(matrix: Matrix, runtimes: tuple[Runtime, ...] | None = None) -> list[Item]:
    """Every item of the matrix, in page order, for the given runtimes (default: all declared)."""
    runtimes = runtimes if runtimes is not None else matrix.runtimes.model.runtimes
    docs = {doc.model.id: doc for doc in matrix.formats}
    found = []
    for fmt in matrix.ordered_formats():
        doc = docs[fmt.id]
        for i, cell in enumerate(fmt.cells):
            column = next(column for column in fmt.columns if column.id == cell.column)
            for mode_id in column.modes:
                mode = next(mode for mode in matrix.modes.model.modes if mode.id == mode_id)
                for runtime in runtimes:
                    if mode_id in runtime.modes or mode_id in runtime.emulates:
                        found += _cell_items(doc, fmt, i, cell, mode.prelude, mode_id, runtime)
    return found


def _cell_items(doc: Document, fmt: Format, index: int, cell: Cell, prelude: str, mode: str,
                runtime: Runtime) -> list[Item]:
    def visible(code: str) -> str:
        return f"{prelude.rstrip()}\n\n{code.rstrip()}\n"

    common = dict(format=fmt.id, operation=cell.operation, mode=mode, runtime=runtime.id,
                  emulated=mode in runtime.emulates, supported=cell.claim.status is not Status.unsupported,
                  claim_place=doc.source.place(("cells", index, "claim"), key=True))
    if cell.counterexample:
        example = cell.counterexample
        return [Item(label=COUNTEREXAMPLE, code=visible(example.code), setup=example.setup, checks=None,
                     bounds=_bounds(cell.claim), raises=example.raises,
                     fixtures=_fixtures(example.setup, example.code),
                     place=doc.source.place(("cells", index, "counterexample"), key=True), **common)]
    return [
        Item(label=snippet.label, code=visible(snippet.code), setup=snippet.setup, checks=snippet.checks,
             bounds=_bounds(cell.claim, snippet), raises=None,
             fixtures=_fixtures(snippet.setup, snippet.code, snippet.checks),
             place=doc.source.place(("cells", index, "snippets", j), key=False), **common)
        for j, snippet in enumerate(cell.snippets)
    ]
