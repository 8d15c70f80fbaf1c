"""Version bounds read off the sweep: for every claim and snippet, the TensorFlow, tensorflow_hub
and Keras releases the sweep's observations support, against those the matrix declares.

At each swept point (a TensorFlow, a tensorflow_hub and the Keras tf.keras is) an example either
holds (a snippet ran; a counterexample failed as declared), does not hold, or tells nothing (the
pair cannot be installed or imported, the run timed out, or no current record). A snippet holds at
a point where it holds in every mode it was run in; a claim holds where one of its snippets does.
The bound read off for a package is the tightest range around the releases where it holds, among
the releases that told something: `added` is the first of them, unless it is the oldest such
release (nothing is known below it); `removed` is the release after the last of them, unless that
was the newest. Keras goes with TensorFlow (Keras 3 only from 2.16), so it is bounded only where
the other two cannot describe what ran. A declared bound agrees when it puts every swept release on
the same side; an edge that agrees is kept as written, since it may say something about releases
the sweep does not cover.

The same reading checks the sweep's own declaration: the TensorFlow releases each
tensorflow_hub release installs and imports with.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..matrix.documents import Document, Matrix
from ..matrix.edit import BoundEdit
from ..matrix.examples import COUNTEREXAMPLE, Example, Section, examples
from ..matrix.model import Bound, Cell
from ..matrix.packages import BOUNDED, PACKAGES
from ..matrix.releases import release, within
from ..matrix.sweep import SweepRuntime, minor, sweep_runtimes
from ..matrix.verification import Outcome, Record, Report, RuntimeStatus
from ..matrix.yaml_source import DataPath
from ..problems import Place, Problem
from .items import items_of
from .judge import RUNTIME_PHASES, fails_as_declared
from .report import rejudged

KERAS = "keras"
Point = tuple[str, ...]  # a sweep runtime's release of each bounded package, in BOUNDED's order


@dataclass(frozen=True)
class Disagreement:
    place: Place
    what: str  # 'hub.Module' or 'claim', for the message
    package: str | None  # None: no bound describes the observations
    declared: Bound | None
    observed: Bound | None
    detail: str = ""
    edit: BoundEdit | None = None

    @property
    def problem(self) -> Problem:
        if self.package is None:
            return Problem(self.place, f"{self.what}: {self.detail}")
        return Problem(
            self.place,
            f"{self.what}: declared {self.package} {describe(self.declared)} → observed "
            f"{self.package} {describe(self.observed)}",
        )


def describe(bound: Bound | None) -> str:
    if bound is None or not (bound.added or bound.removed):
        return "any"
    return " ".join(
        part for part in (bound.added and f"added {bound.added}", bound.removed and f"removed {bound.removed}") if part
    )


@dataclass
class Axes:
    """The swept releases of each package, oldest first, and how a bound names one."""

    versions: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, swept: Iterable[SweepRuntime]) -> Axes:
        found: dict[str, set[str]] = {package: set() for package in BOUNDED}
        for runtime in swept:
            for package, version in zip(BOUNDED, runtime.point, strict=True):
                found[package].add(version)
        return cls({package: sorted(values, key=release) for package, values in found.items()})

    def seen(self, points: Iterable[Point]) -> Axes:
        """Only the releases these points tell something about: a release that could not be
        installed or imported anywhere says nothing, neither as an edge nor as a disagreement."""
        points = list(points)
        return Axes(
            {
                package: [v for v in values if any(point[i] == v for point in points)]
                for i, (package, values) in enumerate(self.versions.items())
            }
        )

    def label(self, package: str, version: str) -> str:
        """TensorFlow is swept one patch per minor, so its bounds name the minor: '2.16'."""
        return minor(version) if package == "tensorflow" else version

    def read(self, package: str, holding: set[str]) -> Bound | None:
        """The tightest bound around the releases where something holds (None: none is needed)."""
        axis = self.versions[package]
        indexes = [i for i, version in enumerate(axis) if version in holding]
        if not indexes:  # holds at no release swept: at most before the oldest
            return Bound(removed=self.label(package, axis[0]))
        first, last = indexes[0], indexes[-1]
        added = self.label(package, axis[first]) if first > 0 else None
        removed = self.label(package, axis[last + 1]) if last + 1 < len(axis) else None
        return Bound(added=added, removed=removed) if added or removed else None

    def agree(self, package: str, one: Bound | None, other: Bound | None) -> bool:
        """Whether two bounds put every swept release of the package on the same side."""
        return all(within(one or Bound(), v) == within(other or Bound(), v) for v in self.versions[package])

    def merged(self, package: str, declared: Bound | None, observed: Bound | None) -> Bound | None:
        """The observed bound, keeping each declared edge that agrees with it over the sweep."""
        edges = {}
        for edge in ("added", "removed"):
            mine = Bound(**{edge: getattr(declared, edge, None)})
            seen = Bound(**{edge: getattr(observed, edge, None)})
            edges[edge] = getattr(mine if self.agree(package, mine, seen) else seen, edge)
        return Bound(**edges) if any(edges.values()) else None


def holds(example: Example, record: Record) -> bool | None:
    """Whether the example's claim, as stated inside its bounds, held where this record was made; None
    when the record tells nothing about it (nothing of the example ran, or it did not finish). A
    counterexample of releases that do not import together held where importing raised its exception."""
    if record.phase in RUNTIME_PHASES and example.import_failure and example.raises and record.exception:
        return fails_as_declared(example.raises, record.exception)
    if record.phase in RUNTIME_PHASES or not record.observed.tested:
        return None
    if example.raises is None:
        return record.observed is Outcome.passed
    return (
        record.observed is Outcome.failed
        and record.exception is not None
        and fails_as_declared(example.raises, record.exception)
    )


def _points(
    every: tuple[Example, ...], report: Report, swept: tuple[SweepRuntime, ...]
) -> dict[str, dict[Point, bool]]:
    """For each example id, whether it held at each swept pair that told something."""
    by_runtime = {runtime.runtime.id: runtime.point for runtime in swept}
    records = report.by_id()
    found: dict[str, dict[Point, bool]] = {}
    for item in items_of(every, tuple(runtime.runtime for runtime in swept)):
        record = records.get(item.id)
        if record is None or record.runs_digest != item.runs_digest:
            continue
        value = holds(item.example, rejudged(item, record))
        if value is not None:
            found.setdefault(item.example.id, {})[by_runtime[item.runtime]] = value
    return found


def _combine(results: list[dict[Point, bool]], every: Callable[[Iterable[bool]], bool]) -> dict[Point, bool]:
    pairs = {point for result in results for point in result}
    return {point: every(result[point] for result in results if point in result) for point in pairs}


def _box_problem(axes: Axes, observed: dict[str, Bound | None], points: dict[Point, bool]) -> str:
    """'' when the bounds hold exactly where the claim held; else which pairs break them."""
    wrong = sorted(
        point
        for point, held in points.items()
        if held != all(within(observed[p] or Bound(), v) for p, v in zip(BOUNDED, point, strict=True))
    )
    if not wrong:
        return ""
    shown = ", ".join(f"{_words(point)} ({'holds' if points[point] else 'fails'})" for point in wrong[:4])
    return (
        f"no TensorFlow, tensorflow_hub and Keras bounds describe what ran: {shown}{', ...' if len(wrong) > 4 else ''}"
    )


def _words(point: Point) -> str:
    """'TensorFlow 2.16.2 with tensorflow_hub 0.16.1 and Keras 3'."""
    names = [f"{PACKAGES[package].name} {version}" for package, version in zip(BOUNDED, point, strict=True)]
    return f"{names[0]} with {' and '.join(names[1:])}"


def _read(axes: Axes, points: dict[Point, bool]) -> dict[str, Bound | None]:
    """The bounds around where the example held. Keras goes with TensorFlow (Keras 3 only from 2.16),
    so it is bounded only where TensorFlow and tensorflow_hub bounds alone cannot describe what ran."""
    found = {
        package: axes.read(package, {point[i] for point, held in points.items() if held}) if package != KERAS else None
        for i, package in enumerate(BOUNDED)
    }
    if _box_problem(axes, found, points):
        found[KERAS] = axes.read(KERAS, {point[BOUNDED.index(KERAS)] for point, held in points.items() if held})
    return found


@dataclass(frozen=True)
class Alternative:
    """One way of showing a claim, with what its examples observed: a snippet (in each mode of its
    column), a counterexample, or a tab of an example on a page."""

    path: DataPath | None  # where its own bounds are written; None where it has none (a counterexample)
    what: str  # its label, for the message
    keys: tuple[str, ...]  # the ids of its examples
    declared: object | None  # what states its own bounds: a snippet, a tab


def disagreements(matrix: Matrix, report: Report | None) -> list[Disagreement]:
    """Every declared bound the sweep report does not support, each with the edit that would fix it."""
    swept = sweep_runtimes(matrix.runtimes.model.sweep)
    if report is None or not swept:
        return []
    axes = Axes.of(swept)
    every = examples(matrix)
    points = _points(every, report, swept)
    found: list[Disagreement] = []
    for doc in matrix.formats:
        for index, cell in enumerate(doc.model.cells):
            found += _cell(axes, doc, index, cell, points)
    shown: dict[str, list[Example]] = {}
    for example in every:
        shown.setdefault(example.section.id, []).append(example)
    for page, block in matrix.page_examples():
        model = block.document.model
        tabs = zip(model.tabs, shown[Section(page.id, block.id, page=True).id], strict=True)
        alternatives = [
            Alternative(("tabs", index), example.label, (example.id,), tab) for index, (tab, example) in enumerate(tabs)
        ]
        found += _claim(axes, block.document, (), f"example {block.id}", model, alternatives, points)
    found += _hub_releases(axes, matrix, report, swept)
    return sorted(found, key=lambda d: d.place)


def _cell(
    axes: Axes, doc: Document, index: int, cell: Cell, points: dict[str, dict[Point, bool]]
) -> list[Disagreement]:
    """A cell's claim, shown by its snippets (each in every mode of its column) or its counterexample."""
    modes = next(column for column in doc.model.columns if column.id == cell.column).modes
    section = Section(doc.model.id, cell.operation)

    def keys(label: str) -> tuple[str, ...]:
        return tuple(f"{section.id}/{mode}/{label}" for mode in modes)

    at: DataPath = ("cells", index)
    if cell.counterexample:
        alternatives = [Alternative(None, COUNTEREXAMPLE, keys(COUNTEREXAMPLE), None)]
    else:
        alternatives = [
            Alternative(at + ("snippets", j), snippet.label, keys(snippet.label), snippet)
            for j, snippet in enumerate(cell.snippets)
        ]
    return _claim(axes, doc, at + ("claim",), "claim", cell.claim, alternatives, points)


def _claim(
    axes: Axes,
    doc: Document,
    at: DataPath,
    what: str,
    declared: object,
    alternatives: list[Alternative],
    points: dict[str, dict[Point, bool]],
) -> list[Disagreement]:
    """A claim's bounds (`declared`'s, written at `at`) and those of each of its alternatives, against
    what the sweep observed: an alternative holds at a pair where all its examples hold, the claim
    where one of its alternatives does."""
    observed = {
        alternative: _combine([points[key] for key in alternative.keys if key in points], all)
        for alternative in alternatives
    }
    observed = {alternative: found for alternative, found in observed.items() if found}
    if not observed:
        return []  # not swept
    claim_points = _combine(list(observed.values()), any)
    axes = axes.seen(claim_points)
    claim_observed = _read(axes, claim_points)
    claim_declared = {p: getattr(declared, p) for p in BOUNDED}
    found = _compare(axes, doc, at, what, claim_declared, claim_observed, claim_observed, claim_points)
    if any(disagreement.package is None for disagreement in found):
        return found  # what ran fits no bounds: the alternatives' would only say it again
    for alternative, mine in observed.items():
        if alternative.path is None:
            continue
        own = _read(axes, mine)
        # An alternative states a bound only where it is narrower than its claim's.
        stated = {p: None if axes.agree(p, own[p], claim_observed[p]) else own[p] for p in BOUNDED}
        found += _compare(
            axes,
            doc,
            alternative.path,
            alternative.what,
            {p: getattr(alternative.declared, p) for p in BOUNDED},
            stated,
            own,
            mine,
        )
    return found


def _compare(
    axes: Axes,
    doc: Document,
    path: DataPath,
    what: str,
    declared: dict[str, Bound | None],
    stated: dict[str, Bound | None],
    box: dict[str, Bound | None],
    points: dict[Point, bool],
) -> list[Disagreement]:
    """The declared bounds against those the observations call for (`stated`), once the
    observations are known to fit bounds at all (`box`, the tightest around where they held)."""
    place = doc.source.place(path, key=True)
    problem = _box_problem(axes, box, points)
    if problem:
        return [Disagreement(place, what, None, None, None, problem)]
    found = []
    for package in BOUNDED:
        if axes.agree(package, declared[package], stated[package]):
            continue
        bound = axes.merged(package, declared[package], stated[package])
        where = doc.source.place(path + (package,), key=True) if path + (package,) in doc.source.key_places else place
        found.append(
            Disagreement(
                where,
                what,
                package,
                declared[package],
                stated[package],
                edit=BoundEdit(doc.source, path, package, bound),
            )
        )
    return found


def _hub_releases(axes: Axes, matrix: Matrix, report: Report, swept: tuple[SweepRuntime, ...]) -> list[Disagreement]:
    """Each tensorflow_hub release's declared TensorFlow releases, against where it installed and imported."""
    doc = matrix.runtimes
    found: list[Disagreement] = []
    if doc.model.sweep is None:
        return found
    for index, hub in enumerate(doc.model.sweep.tensorflow_hub):
        points = {
            runtime.point: report.runtimes[runtime.runtime.id].status is RuntimeStatus.usable
            for runtime in swept
            if runtime.hub_index == index and runtime.runtime.id in report.runtimes
        }
        if not points:
            continue
        observed = axes.read("tensorflow", {point[0] for point, usable in points.items() if usable})
        path = ("sweep", "tensorflow_hub", index)
        problem = _box_problem(axes, {"tensorflow": observed, "tensorflow_hub": None, "keras": None}, points)
        what = f"tensorflow_hub {hub.version} installs and imports"
        place = doc.source.place(path, key=True)
        if problem:
            found.append(Disagreement(place, what, None, None, None, problem))
        elif not axes.agree("tensorflow", hub.tensorflow, observed):
            found.append(
                Disagreement(
                    place,
                    what,
                    "tensorflow",
                    hub.tensorflow,
                    observed,
                    edit=BoundEdit(doc.source, path, "tensorflow", axes.merged("tensorflow", hub.tensorflow, observed)),
                )
            )
    return found
