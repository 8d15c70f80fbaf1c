"""The Verification page: the runtimes with their exact versions, and every item with its verdict."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..matrix.documents import Matrix
from ..matrix.verification import Expected, Outcome
from ..verify.items import Item
from .evidence import Evidence, Shown, download_name
from .messages import Messages, code_span, escape
from .verdicts import date_text, emulated, error_text, icon
from .views import section_anchor

ITEM_COLUMNS = ("item", "mode", "runtime", "expected", "observed", "verdict", "exception", "duration", "source",
                "script")
RUNTIME_COLUMNS = ("runtime", "python", "tensorflow", "tensorflow_hub", "tf_keras", "modes", "emulates")
VERSIONS = ("python", "tensorflow", "tensorflow_hub", "tf_keras")
NONE = "—"
# Messages shown as plain text: no markup allowed.
PLAIN = frozenset({"verification.decimal_separator"})
# Messages asked for by computed id.
MESSAGES = frozenset(
    {*(f"verification.column.{column}" for column in ITEM_COLUMNS),
     *(f"verification.runtimes.{column}" for column in RUNTIME_COLUMNS),
     *(f"verification.expected.{expected.value}" for expected in Expected),
     *(f"verification.observed.{outcome.value}" for outcome in Outcome),
     "verification.date", "verification.no_report", "verification.counts", "verification.duration",
     "verification.decimal_separator"}
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
class ResultsFormat:
    anchor: str
    name: str
    sections: tuple[ResultsSection, ...]


@dataclass(frozen=True)
class ResultsPage:
    date: str  # when the report was made, or that there is none
    counts: str | None
    runtimes: ResultsTable
    formats: tuple[ResultsFormat, ...]


def page_view(matrix: Matrix, evidence: Evidence, t: Messages) -> ResultsPage:
    every = evidence.every
    report = evidence.report
    if report and report.date:
        date = t.markdown("verification.date", date=date_text(report.date))
        tally = Counter(evidence.shown(item) for item in every)
        counts = t.markdown("verification.counts", **{kind.value: str(tally[kind]) for kind in Shown})
    else:
        date, counts = t.markdown("verification.no_report"), None
    labels = {mode.id: mode.label for mode in matrix.modes.model.modes}
    formats = []
    for fmt in matrix.ordered_formats():
        sections = []
        for operation in matrix.operations.model.operations:
            rows = tuple(item_row(item, labels, evidence, t) for mode in matrix.modes.model.modes
                         for example in evidence.of(fmt.id, operation.id, mode.id)
                         for item in evidence.items[example.id])
            if rows:
                headings = tuple(t.markdown(f"verification.column.{column}", table=True) for column in ITEM_COLUMNS)
                sections.append(ResultsSection(section_anchor(fmt, operation.id), t.markdown(operation.name),
                                            ResultsTable(headings, rows)))
        if sections:
            formats.append(ResultsFormat(fmt.id, t.markdown(fmt.name), tuple(sections)))
    return ResultsPage(date, counts, runtimes_table(matrix, evidence, t), tuple(formats))


def runtimes_table(matrix: Matrix, evidence: Evidence, t: Messages) -> ResultsTable:
    labels = {mode.id: mode.label for mode in matrix.modes.model.modes}
    known = evidence.report.runtimes if evidence.report else {}
    rows = []
    for runtime in matrix.runtimes.model.runtimes:
        found = known.get(runtime.id)
        rows.append((
            code_span(runtime.id),
            *(code_span(value) if found and (value := getattr(found, name)) else NONE for name in VERSIONS),
            escape(", ".join(labels[mode] for mode in runtime.modes), table=True) or NONE,
            escape(", ".join(labels[mode] for mode in runtime.emulates), table=True) or NONE,
        ))
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
        f"{icon(kind, t)} {t.markdown(f'verdict.{kind.value}', table=True)}",
        (error_text(record.exception) or NONE) if record else NONE,
        duration(record.duration, t) if record else NONE,
        code_span(str(item.example.place)),
        f'[{code_span(script.rsplit("/", 1)[-1])}]({script}){{ download="{download_name(script)}" }}',
    )


def duration(seconds: float, t: Messages) -> str:
    number = f"{seconds:.2f}".replace(".", escape(t.plain("verification.decimal_separator"), table=True))
    return t.markdown("verification.duration", table=True, seconds=number)
