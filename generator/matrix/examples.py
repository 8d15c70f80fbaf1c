"""Examples: one per (cell, snippet or counterexample, mode), and one per tab of an example on a
page, built once from the checked matrix.

An example is what a tab shows as one code block and what verification runs, in one object: the
code the page shows (the mode's prelude, then the snippet) and what runs around it (the hidden
setup before, the hidden checks after), each line with its place in the YAML files. The page, the
worker, the downloadable script and the verdict lookup all take this object, so "the page shows
exactly what ran" holds by construction.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from ..problems import Place
from .documents import Matrix
from .model import Bound, Cell, Mode, Raises, Status
from .packages import BOUNDED
from .pages import ExampleBlock, Page
from .releases import within
from .shape import Document
from .sweep import SweepRuntime, sweep_runtimes
from .verification import Expected, Versions
from .yaml_source import DataPath, Source

COUNTEREXAMPLE = "counterexample"
PAGES = "pages"  # the first part of the id of an example written on a page
CODE = "code"  # the label of a page example's tab that names no variant
FIXTURE_CALL = re.compile(r"""fixture\(\s*["']([a-z0-9_]+)["']\s*\)""")


@dataclass(frozen=True)
class Code:
    """Code from the matrix, and the place of each of its lines (None for a line no file holds)."""

    text: str
    lines: tuple[Place | None, ...]

    @classmethod
    def at(cls, source: Source, path: DataPath, text: str) -> Code:
        text = text.rstrip()
        return cls(text, tuple(source.code_line(path, number) for number in range(1, text.count("\n") + 2)))

    def then(self, other: Code) -> Code:
        """This code, a blank line, then the other."""
        return Code(f"{self.text}\n\n{other.text}", (*self.lines, None, *other.lines))


@dataclass(frozen=True)
class Section:
    """Where an example is shown: the section of a format's operation, or its own place on a page."""

    owner: str  # the format's id, or the page's
    name: str  # the operation's id, or the example's
    page: bool = False  # written on a page (matrix/pages/), not in a format's cell

    @property
    def id(self) -> str:
        return f"{PAGES}/{self.owner}/{self.name}" if self.page else f"{self.owner}/{self.name}"


@dataclass(frozen=True)
class Example:
    section: Section
    mode: str
    label: str  # the snippet's label, or COUNTEREXAMPLE; on a page, the tab's label, or CODE
    place: Place  # the snippet's (or counterexample's) place
    claim_place: Place
    supported: bool  # what the claim says inside its bounds
    raises: Raises | None  # a counterexample's declared error
    bounds: tuple[tuple[str, Bound], ...]  # (package, bound) of the claim and the snippet
    prelude: Code
    snippet: Code
    setup: Code | None
    checks: Code | None
    emphasis: tuple[int, ...]  # lines of the prelude to highlight
    # A counterexample whose bounds hold only releases the sweep declares not to import together: the
    # exception it declares is the one importing them raises.
    import_failure: bool = False
    before: Code | None = None  # shown code a reader runs before TensorFlow is imported
    requires: tuple[str, ...] = ()  # distributions it needs: a runtime without them does not run it

    @property
    def fresh(self) -> bool:
        """Whether it runs in a process of its own, where nothing is imported before its first lines."""
        return self.before is not None

    @cached_property
    def id(self) -> str:
        return f"{self.section.id}/{self.mode}/{self.label}"

    @property
    def counterexample(self) -> bool:
        return self.raises is not None

    @cached_property
    def shown(self) -> Code:
        """The code exactly as a reader copies it from the page, and as it runs."""
        code = self.prelude.then(self.snippet)
        return self.before.then(code) if self.before else code

    @cached_property
    def emphasized(self) -> tuple[int, ...]:
        """The lines of the shown code to highlight: the prelude's, counted from the top."""
        offset = len(self.before.lines) + 1 if self.before else 0
        return tuple(line + offset for line in self.emphasis)

    @property
    def runs(self) -> tuple[tuple[str, Code], ...]:
        """What a worker runs, in order: the shown code's first lines (before TensorFlow is imported), the
        hidden setup, the rest of the shown code, the hidden checks."""
        code = self.prelude.then(self.snippet)
        phases = (("before", self.before), ("setup", self.setup), ("code", code), ("checks", self.checks))
        return tuple((phase, code) for phase, code in phases if code is not None)

    @cached_property
    def fixtures(self) -> tuple[str, ...]:
        """The locally built models the example asks for with fixture("name")."""
        return tuple(sorted({name for _, code in self.runs for name in FIXTURE_CALL.findall(code.text)}))

    @cached_property
    def runs_digest(self) -> str:
        """What runs, and nothing of the claim: an observation made for another is stale."""
        return hashlib.sha256(
            json.dumps([self.id, [(phase, code.text) for phase, code in self.runs]]).encode()
        ).hexdigest()[:16]

    @cached_property
    def digest(self) -> str:
        """Everything about the example that the matrix decides; a record made for another is stale."""
        fields = [
            self.runs_digest,
            self.supported,
            [(package, bound.model_dump()) for package, bound in self.bounds],
            self.raises.model_dump() if self.raises else None,
        ]
        return hashlib.sha256(json.dumps(fields).encode()).hexdigest()[:16]

    def inside(self, versions: Versions) -> bool:
        """Whether the claim's (and the snippet's) version bounds hold these versions."""
        return all(within(bound, getattr(versions, package)) for package, bound in self.bounds)

    def expected(self, versions: Versions) -> Expected:
        """Inside its bounds the claim holds as stated; outside them the expectation flips."""
        works = not self.counterexample
        if not self.inside(versions):
            works = not works
        return Expected.passed if works else Expected.failed


def _bounds(*owners: object) -> tuple[tuple[str, Bound], ...]:
    return tuple(
        (package, bound) for owner in owners for package in BOUNDED if (bound := getattr(owner, package, None))
    )


def examples(matrix: Matrix) -> tuple[Example, ...]:
    """Every example of the matrix: the cells' in page order (format, operation, mode, then the
    cell's order), then those written on pages, page by page, each example's tabs in order."""
    modes = matrix.modes
    preludes = {
        mode.id: (mode, Code.at(modes.source, ("modes", m, "prelude"), mode.prelude))
        for m, mode in enumerate(modes.model.modes)
    }
    found: list[Example] = []
    for doc in matrix.ordered_documents():
        cells = {id(cell): i for i, cell in enumerate(doc.model.cells)}
        for operation in matrix.operations.model.operations:
            for mode, prelude in preludes.values():
                cell = matrix.cell(doc.model, operation.id, mode.id)
                found += _cell_examples(doc, cells[id(cell)], cell, mode, prelude)
    for page in matrix.pages:
        for block in page.examples():
            found += _page_examples(page, block, preludes)
    swept = sweep_runtimes(matrix.runtimes.model.sweep)
    return tuple(replace(example, import_failure=True) if _of_import(example, swept) else example for example in found)


def _of_import(example: Example, swept: tuple[SweepRuntime, ...]) -> bool:
    """Whether the example is a counterexample of the releases that do not import together (see
    Example.import_failure): its bounds hold some of the sweep's runtimes, and none that imports."""
    inside = [
        runtime.runtime.imports
        for runtime in swept
        if example.inside(
            Versions(tensorflow=runtime.tensorflow, tensorflow_hub=runtime.hub.version, keras=runtime.keras)
        )
    ]
    return example.counterexample and bool(inside) and not any(inside)


def _page_examples(page: Page, block: ExampleBlock, preludes: dict[str, tuple[Mode, Code]]) -> list[Example]:
    example, source = block.document.model, block.document.source
    section = Section(page.id, block.id, page=True)

    def hidden(at: DataPath, key: str, own: str | None, shared: str | None) -> Code | None:
        """A tab's hidden code, else the example's."""
        if own is not None:
            return Code.at(source, at + (key,), own)
        return Code.at(source, (key,), shared) if shared is not None else None

    found = []
    for index, tab in enumerate(example.tabs):
        at: DataPath = ("tabs", index)
        mode, prelude = preludes[tab.mode]
        raises = tab.raises or example.raises
        found.append(
            Example(
                section=section,
                mode=mode.id,
                label=tab.label or CODE,
                place=source.place(at),
                claim_place=source.place(at),
                supported=raises is None,
                raises=raises,
                bounds=_bounds(example, tab),
                prelude=prelude,
                snippet=Code.at(source, at + ("code",), tab.code),
                setup=hidden(at, "setup", tab.setup, example.setup),
                checks=hidden(at, "checks", tab.checks, example.checks),
                emphasis=mode.emphasis,
                before=Code.at(source, at + ("before",), tab.before) if tab.before is not None else None,
                requires=tab.requires,
            )
        )
    return found


def _cell_examples(doc: Document, index: int, cell: Cell, mode: Mode, prelude: Code) -> list[Example]:
    at: DataPath = ("cells", index)
    common: dict[str, Any] = dict(
        section=Section(doc.model.id, cell.operation),
        mode=mode.id,
        claim_place=doc.source.place(at + ("claim",), key=True),
        supported=cell.claim.status is not Status.unsupported,
        prelude=prelude,
        emphasis=mode.emphasis,
    )

    def code(path: DataPath, text: str | None) -> Code | None:
        return Code.at(doc.source, path, text) if text is not None else None

    if cell.counterexample:
        counter = cell.counterexample
        path = at + ("counterexample",)
        return [
            Example(
                label=COUNTEREXAMPLE,
                place=doc.source.place(path, key=True),
                raises=counter.raises,
                bounds=_bounds(cell.claim),
                snippet=Code.at(doc.source, path + ("code",), counter.code),
                setup=code(path + ("setup",), counter.setup),
                checks=None,
                **common,
            )
        ]
    return [
        Example(
            label=snippet.label,
            place=doc.source.place(at + ("snippets", j)),
            raises=None,
            bounds=_bounds(cell.claim, snippet),
            snippet=Code.at(doc.source, at + ("snippets", j, "code"), snippet.code),
            setup=code(at + ("snippets", j, "setup"), snippet.setup),
            checks=code(at + ("snippets", j, "checks"), snippet.checks),
            before=code(at + ("snippets", j, "before"), snippet.before),
            requires=snippet.requires,
            **common,
        )
        for j, snippet in enumerate(cell.snippets)
    ]
