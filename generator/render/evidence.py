"""What verification showed, as the site reads it: which record, if any, stands for an item.

A record made for the same code (the same runs_digest) stands, judged again against the claim as
it is now; a missing report, a report of another version, or a record made for other code all
read as "not verified yet".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import Enum

from ..matrix.documents import Matrix
from ..matrix.examples import Example, Section, examples
from ..matrix.model import Runtime
from ..matrix.sweep import SweepRuntime, sweep_runtimes
from ..matrix.verification import Outcome, Record, Report, Versions
from ..verify.items import Item, items_of
from ..verify.judge import RUNTIME_PHASES, not_applicable
from ..verify.report import rejudged

SCRIPTS = "scripts"


class Shown(str, Enum):
    """What a reader is told about one item in one runtime."""

    passed = "passed"  # ran without an error, as its claim says
    failed = "failed"  # raised an error, as its claim says
    unusable = "unusable"  # its runtime's releases cannot be installed or imported together, as declared
    inapplicable = "inapplicable"  # not run: its runtime lacks a package the example requires
    contradicted = "contradicted"  # did the opposite of its claim, or could not be observed
    unverified = "unverified"  # no current record


@dataclass(frozen=True)
class Evidence:
    """The matrix's examples, each with its items (one per runtime), its script and the report."""

    examples: tuple[Example, ...]
    items: dict[str, tuple[Item, ...]]  # by example id, in the order of the runtimes
    scripts: dict[str, str]  # by example id: the script's path under docs/<locale>/
    report: Report | None
    records: dict[str, Record]  # the report's, by item id
    sections: dict[str, tuple[Example, ...]]  # by section id, in page order
    sweep: Evidence | None = None  # the same for the sweep's runtimes, from the sweep's report
    swept: tuple[SweepRuntime, ...] = ()  # the sweep's runtimes, each with its pair of releases
    judged: dict[str, Record | None] = field(default_factory=dict, compare=False, repr=False)
    kinds: dict[str, Shown] = field(default_factory=dict, compare=False, repr=False)  # shown(), by item id

    def record(self, item: Item) -> Record | None:
        """The item's record when it ran exactly this item's code, judged against its claim as it is now."""
        if item.id not in self.judged:
            record = self.records.get(item.id)
            current = record is not None and record.runs_digest == item.runs_digest
            self.judged[item.id] = rejudged(item, record) if record is not None and current else None
        return self.judged[item.id]

    def shown(self, item: Item) -> Shown:
        """How the item shows on every page of every language: worked out once."""
        if item.id not in self.kinds:
            self.kinds[item.id] = self._shown(item)
        return self.kinds[item.id]

    def _shown(self, item: Item) -> Shown:
        record = self.record(item)
        if record is None:
            return Shown.unverified
        if not record.confirmed:
            return Shown.contradicted
        if not_applicable(record.phase, record.exception):
            return Shown.inapplicable
        if record.phase in RUNTIME_PHASES:
            return Shown.unusable
        return Shown.passed if record.observed is Outcome.passed else Shown.failed

    def versions(self, item: Item) -> Versions:
        """The versions an item ran with: its record's, else those the report knows for its runtime."""
        record = self.record(item)
        if record is not None and record.versions != Versions():
            return record.versions
        known = self.report.runtimes.get(item.runtime) if self.report else None
        return Versions(**known.model_dump(include=set(Versions.model_fields))) if known else Versions()

    def dates(self, found: list[Item]) -> tuple[str, ...]:
        """The distinct dates of the items' current records, oldest first."""
        return tuple(sorted({record.date for item in found if (record := self.record(item)) is not None}))

    @property
    def every(self) -> tuple[Item, ...]:
        return tuple(item for example in self.examples for item in self.items[example.id])

    @property
    def uncovered(self) -> tuple[Item, ...]:
        """Items the report has no record for, as they are now: new or changed since it was made."""
        return tuple(item for item in self.every if self.record(item) is None)

    @property
    def contradicted(self) -> tuple[tuple[Item, Record], ...]:
        """Items whose current record contradicts their claim (the item is placed as the matrix is now)."""
        return tuple(
            (item, record) for item in self.every if (record := self.record(item)) is not None and not record.confirmed
        )

    def of(self, section: Section, mode: str | None = None) -> tuple[Example, ...]:
        """The examples of a section, in order; with a mode, those one tab shows."""
        found = self.sections.get(section.id, ())
        return found if mode is None else tuple(example for example in found if example.mode == mode)


def evidence(matrix: Matrix, report: Report | None, sweep: Report | None = None) -> Evidence:
    """What the everyday report shows of the matrix's examples, and, beside it, what the sweep's shows."""
    found = examples(matrix)
    sections: dict[str, list[Example]] = {}
    for example in found:
        sections.setdefault(example.section.id, []).append(example)
    pairs = sweep_runtimes(matrix.runtimes.model.sweep)
    swept = tuple(runtime.runtime for runtime in pairs)

    def of(runtimes: tuple[Runtime, ...], shown: Report | None) -> Evidence:
        grouped: dict[str, list[Item]] = {example.id: [] for example in found}
        for item in items_of(found, runtimes):
            grouped[item.example.id].append(item)
        return Evidence(
            found,
            {key: tuple(value) for key, value in grouped.items()},
            script_paths(found),
            shown,
            shown.by_id() if shown else {},
            {key: tuple(value) for key, value in sections.items()},
        )

    return replace(of(matrix.runtimes.model.runtimes, report), sweep=of(swept, sweep) if swept else None, swept=pairs)


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_") or "example"


def script_paths(found: tuple[Example, ...]) -> dict[str, str]:
    """Each example's script, under scripts/<section>/<mode>/ (the section: <format>/<operation>, or
    pages/<page>/<example>); names never collide."""
    paths: dict[str, str] = {}
    taken: set[str] = set()
    for example in found:
        folder = f"{SCRIPTS}/{example.section.id}/{example.mode}"
        name, number = _slug(example.label), 1
        while (path := f"{folder}/{name}{'' if number == 1 else f'_{number}'}.py") in taken:
            number += 1
        taken.add(path)
        paths[example.id] = path
    return paths


def download_name(path: str) -> str:
    """The name a browser saves a script under: unique, unlike the file's own name."""
    return path.removeprefix(f"{SCRIPTS}/").replace("/", "-")
