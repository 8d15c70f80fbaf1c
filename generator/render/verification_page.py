"""The Verification page: the runtimes with their exact versions, and every item with its verdict."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..matrix.documents import Matrix
from ..matrix.examples import PAGES, Section
from ..matrix.packages import PACKAGES
from ..matrix.sweep import grid_cells, grid_rows, row_label
from ..matrix.verification import Expected, Outcome
from ..verify.items import Item
from ..verify.judge import first_line
from .evidence import Evidence, Shown, download_name
from .messages import Messages, code_span, escape
from .sweep_grid import legend
from .verdicts import date_text, emulated, error_text, icon, mark
from .views import results_anchor, section_anchor

ITEM_COLUMNS = (
    "item",
    "mode",
    "runtime",
    "expected",
    "observed",
    "verdict",
    "exception",
    "duration",
    "source",
    "script",
)
VERSIONS = ("python", *PACKAGES)
RUNTIME_COLUMNS = ("runtime", *VERSIONS, "modes", "emulates")
NONE = "—"
# Messages shown as plain text: no markup allowed.
PLAIN = frozenset({"verification.decimal_separator"})
# Messages asked for by computed id.
MESSAGES = frozenset(
    {
        *(f"verification.column.{column}" for column in ITEM_COLUMNS),
        *(f"verification.runtimes.{column}" for column in RUNTIME_COLUMNS),
        *(f"verification.expected.{expected.value}" for expected in Expected),
        *(f"verification.observed.{outcome.value}" for outcome in Outcome),
        "verification.date",
        "verification.no_report",
        "verification.counts",
        "verification.duration",
        "verification.decimal_separator",
        "verification.sweep.none",
        "verification.sweep.date",
    }
)


@dataclass(frozen=True)
class ResultsTable:
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ResultsSection:
    anchor: str
    title: str
    table: ResultsTable


@dataclass(frozen=True)
class ResultsGroup:
    """The results of a format's examples, or of those on a page."""

    anchor: str
    name: str
    sections: tuple[ResultsSection, ...]


@dataclass(frozen=True)
class SweepResults:
    date: str  # when the sweep ran, or that it has not
    counts: str | None
    table: ResultsTable | None  # TensorFlow minors by tensorflow_hub releases: how each runtime fared
    legend: str | None
    causes: tuple[str, ...]  # why some runtimes cannot be used, each cause once with its runtimes


@dataclass(frozen=True)
class ResultsPage:
    date: str  # when the report was made, or that there is none
    counts: str | None
    runtimes: ResultsTable
    groups: tuple[ResultsGroup, ...]  # each format's, then each page's with examples
    sweep: SweepResults | None  # None when the matrix declares no sweep


def page_view(matrix: Matrix, evidence: Evidence, t: Messages) -> ResultsPage:
    report = evidence.report
    if report and report.date:
        date = t.markdown("verification.date", date=date_text(report.date))
        counts = _counts(evidence, t)
    else:
        date, counts = t.markdown("verification.no_report"), None
    labels = {mode.id: mode.label for mode in matrix.modes.model.modes}
    headings = tuple(t.markdown(f"verification.column.{column}", table=True) for column in ITEM_COLUMNS)

    def results(section: Section, anchor: str, title: str) -> list[ResultsSection]:
        rows = tuple(
            item_row(item, labels, evidence, t)
            for mode in matrix.modes.model.modes
            for example in evidence.of(section, mode.id)
            for item in evidence.items[example.id]
        )
        return [ResultsSection(anchor, title, ResultsTable(headings, rows))] if rows else []

    groups = []
    for fmt in matrix.ordered_formats():
        sections = [
            found
            for operation in matrix.operations.model.operations
            for found in results(
                Section(fmt.id, operation.id), section_anchor(fmt, operation.id), t.markdown(operation.name)
            )
        ]
        if sections:
            groups.append(ResultsGroup(fmt.id, t.markdown(fmt.name), tuple(sections)))
    for page in matrix.pages:
        sections = []
        for block in page.examples():
            section = Section(page.id, block.id, page=True)
            sections += results(section, results_anchor(section), code_span(block.id))
        if sections:
            groups.append(ResultsGroup(f"{PAGES}-{page.id}", t.markdown(page.title.id), tuple(sections)))
    return ResultsPage(
        date, counts, runtimes_table(matrix, evidence, t), tuple(groups), sweep_results(matrix, evidence, t)
    )


def _counts(evidence: Evidence, t: Messages) -> str:
    tally = Counter(evidence.shown(item) for item in evidence.every)
    return t.markdown(
        "verification.counts",
        passed=str(tally[Shown.passed]),
        failed=str(tally[Shown.failed]),
        unusable=str(tally[Shown.unusable]),
        inapplicable=str(tally[Shown.inapplicable]),
        contradicted=str(tally[Shown.contradicted]),
        unverified=str(tally[Shown.unverified]),
    )


def sweep_results(matrix: Matrix, evidence: Evidence, t: Messages) -> SweepResults | None:
    """The whole sweep: when it ran, its tally, and how each pair of releases fared."""
    sweep = evidence.sweep
    swept = evidence.swept
    if sweep is None or not swept:
        return None
    report = sweep.report
    if not (report and report.date):
        return SweepResults(t.markdown("verification.sweep.none"), None, None, None, ())
    hubs = list(dict.fromkeys(runtime.hub.version for runtime in swept))
    by_cell = {cell: runtime.runtime.id for cell, runtime in grid_cells(swept).items()}
    kinds: dict[str, set[Shown]] = {}
    for item in sweep.every:
        kinds.setdefault(item.runtime, set()).add(sweep.shown(item))
    causes: dict[str, list[str]] = {}
    used: set[Shown] = set()
    rows = []
    for tensorflow, keras in grid_rows(swept):
        cells = []
        for hub in hubs:
            runtime_id = by_cell.get((tensorflow, keras, hub), "")
            found = report.runtimes.get(runtime_id)
            shown = kinds.get(runtime_id, set())
            kind = next((k for k in (Shown.contradicted, Shown.unverified, Shown.unusable) if k in shown), Shown.passed)
            used.add(kind)
            cells.append(icon(kind, t))
            if found is not None and found.cause is not None:
                cause = found.cause.cause
                named = causes.setdefault(code_span(f"{cause.type}: {first_line(cause.message)}"), [])
                if code_span(runtime_id) not in named:
                    named.append(code_span(runtime_id))
        rows.append((row_label(tensorflow, keras), *cells))
    headings = (t.markdown("sweep.axes", table=True), *(code_span(hub) for hub in hubs))
    return SweepResults(
        t.markdown("verification.sweep.date", date=date_text(report.date)),
        _counts(sweep, t),
        ResultsTable(headings, tuple(rows)),
        legend(used, t),
        tuple(f"{cause}: {', '.join(ids)}" for cause, ids in causes.items()),
    )


def runtimes_table(matrix: Matrix, evidence: Evidence, t: Messages) -> ResultsTable:
    labels = {mode.id: mode.label for mode in matrix.modes.model.modes}
    known = evidence.report.runtimes if evidence.report else {}
    rows = []
    for runtime in matrix.runtimes.model.runtimes:
        found = known.get(runtime.id)
        rows.append(
            (
                code_span(runtime.id),
                *(code_span(value) if found and (value := getattr(found, name)) else NONE for name in VERSIONS),
                escape(", ".join(labels[mode] for mode in runtime.modes), table=True) or NONE,
                escape(", ".join(labels[mode] for mode in runtime.emulates), table=True) or NONE,
            )
        )
    headings = tuple(t.markdown(f"verification.runtimes.{column}", table=True) for column in RUNTIME_COLUMNS)
    return ResultsTable(headings, tuple(rows))


def item_row(item: Item, labels: dict[str, str], evidence: Evidence, t: Messages) -> tuple[str, ...]:
    """One item's row; `labels` are the modes' tab labels by id."""
    record = evidence.record(item)
    kind = evidence.shown(item)
    runtime = code_span(item.runtime) + (f" · {emulated(t, table=True)}" if item.emulated else "")
    found = evidence.versions(item)
    expected = record.expected if record else (item.example.expected(found) if found.tensorflow else None)
    script = evidence.scripts[item.example.id]
    return (
        code_span(item.id),
        escape(labels[item.example.mode], table=True),
        runtime,
        t.markdown(f"verification.expected.{expected.value}", table=True) if expected else NONE,
        t.markdown(f"verification.observed.{record.observed.value}", table=True) if record else NONE,
        f"{mark(kind)} {t.markdown(f'verdict.{kind.value}', table=True)}",
        (error_text(record.exception) or NONE) if record else NONE,
        duration(record.duration, t) if record else NONE,
        code_span(str(item.example.place)),
        f'[{code_span(script.rsplit("/", 1)[-1])}]({script}){{ download="{download_name(script)}" }}',
    )


def duration(seconds: float, t: Messages) -> str:
    number = f"{seconds:.2f}".replace(".", escape(t.plain("verification.decimal_separator"), table=True))
    return t.markdown("verification.duration", table=True, seconds=number)
