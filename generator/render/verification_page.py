"""The Verification page: the runtimes with their exact versions, and every item with its verdict."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..matrix.documents import Matrix
from ..verify.items import Item
from .examples import download_name, key
from .messages import Messages, code_span, escape
from .verdicts import date_text, emulated, error_text, icon
from .verification import Report, Shown, shown, versions
from .views import Verified, section_anchor

OBSERVED = ("pass", "fail", "error", "timeout", "crash", "unavailable")
ITEM_COLUMNS = ("item", "mode", "runtime", "expected", "observed", "verdict", "exception", "duration", "source",
                "script")
RUNTIME_COLUMNS = ("runtime", "python", "tensorflow", "tensorflow_hub", "tf_keras", "modes", "emulates")
VERSIONS = ("python", "tensorflow", "tensorflow_hub", "tf_keras")
NONE = "—"
# Messages asked for by computed id.
MESSAGES = frozenset(
    {*(f"verification.column.{column}" for column in ITEM_COLUMNS),
     *(f"verification.runtimes.{column}" for column in RUNTIME_COLUMNS),
     *(f"verification.expected.{outcome}" for outcome in ("pass", "fail")),
     *(f"verification.observed.{outcome}" for outcome in OBSERVED),
     "verification.date", "verification.no_report", "verification.counts", "verification.duration",
     "verification.decimal_separator"}
)


@dataclass(frozen=True)
class TableView:
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class SectionView:
    anchor: str
    title: str
    table: TableView


@dataclass(frozen=True)
class FormatView:
    anchor: str
    name: str
    sections: tuple[SectionView, ...]


@dataclass(frozen=True)
class PageView:
    date: str  # when the report was made, or that there is none
    counts: str | None
    runtimes: TableView
    formats: tuple[FormatView, ...]


def page_view(matrix: Matrix, verified: Verified, t: Messages) -> PageView:
    every = [item for group in verified.examples.values() for item in group]
    report = verified.report
    if report.date:
        date = t.markdown("verification.date", date=date_text(report.date))
        tally = Counter(shown(report.current(item)) for item in every)
        counts = t.markdown("verification.counts", **{kind.value: str(tally[kind]) for kind in Shown})
    else:
        date, counts = t.markdown("verification.no_report"), None
    formats = []
    for fmt in matrix.ordered_formats():
        sections = []
        for operation in matrix.operations.model.operations:
            rows = tuple(item_row(matrix, item, verified, t) for item in every
                         if item.format == fmt.id and item.operation == operation.id)
            if rows:
                headings = tuple(t.markdown(f"verification.column.{column}", table=True) for column in ITEM_COLUMNS)
                sections.append(SectionView(section_anchor(fmt, operation.id), t.markdown(operation.name),
                                            TableView(headings, rows)))
        if sections:
            formats.append(FormatView(fmt.id, t.markdown(fmt.name), tuple(sections)))
    return PageView(date, counts, runtimes_table(matrix, report, t), tuple(formats))


def runtimes_table(matrix: Matrix, report: Report, t: Messages) -> TableView:
    labels = {mode.id: mode.label for mode in matrix.modes.model.modes}
    rows = []
    for runtime in matrix.runtimes.model.runtimes:
        found = report.runtimes.get(runtime.id, {})
        rows.append((
            code_span(runtime.id),
            *(code_span(found[name]) if found.get(name) else NONE for name in VERSIONS),
            escape(", ".join(labels[mode] for mode in runtime.modes), table=True) or NONE,
            escape(", ".join(labels[mode] for mode in runtime.emulates), table=True) or NONE,
        ))
    headings = tuple(t.markdown(f"verification.runtimes.{column}", table=True) for column in RUNTIME_COLUMNS)
    return TableView(headings, tuple(rows))


def item_row(matrix: Matrix, item: Item, verified: Verified, t: Messages) -> tuple[str, ...]:
    report = verified.report
    record = report.current(item)
    kind = shown(record)
    labels = {mode.id: mode.label for mode in matrix.modes.model.modes}
    runtime = code_span(item.runtime) + (f" · {emulated(t, table=True)}" if item.emulated else "")
    found = versions(report, item, record)
    expected = record["expected"] if record else (item.expected(found) if found else None)
    script = verified.scripts[key(item)]
    return (
        code_span(item.id),
        escape(labels[item.mode], table=True),
        runtime,
        t.markdown(f"verification.expected.{expected}", table=True) if expected else NONE,
        t.markdown(f"verification.observed.{record['observed']}", table=True) if record else NONE,
        f"{icon(kind, t)} {t.markdown(f'verdict.{kind.value}', table=True)}",
        (error_text(record.get("exception")) or NONE) if record else NONE,
        duration(record["duration"], t) if record and "duration" in record else NONE,
        code_span(str(item.place)),
        f'[{code_span(script.rsplit("/", 1)[-1])}]({script}){{ download="{download_name(script)}" }}',
    )


def duration(seconds: float, t: Messages) -> str:
    number = f"{seconds:.2f}".replace(".", t.plain("verification.decimal_separator"))
    return t.markdown("verification.duration", table=True, seconds=number)
