"""Partial reports, made on several machines (one runtime each, say), merged into one.

`python -m generator report merge PARTS... --output FILE` reads each part as a whole report
(validated against generator/matrix/verification.py), refuses parts that disagree about an item or
a runtime, and writes one report whose items are in page order. Nothing is written unless every
part is read and they agree.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from ..matrix.sweep import sweep_runtimes
from ..matrix.verification import REPORT_VERSION, Record, Report, RuntimeVersions
from ..problems import UNUSABLE, Failure, Place, Problem, failure
from ..project import Project
from .contradictions import contradiction
from .items import items
from .report import RUN_ONLY, SWEEP_ONLY, write_report


def merge(parts: list[tuple[str, Report]], order: list[str]) -> Report:
    """One report of every part's items and runtimes, the items in the order of `order` (item ids in
    page order; ids it lacks go last, by id). `parts` pairs each report with its file's name, for
    the messages. Identical duplicates are kept once; different ones raise Failure (exit 2)."""
    records: dict[str, tuple[str, Record]] = {}
    runtimes: dict[str, tuple[str, RuntimeVersions]] = {}
    for name, part in parts:
        for runtime, versions in part.runtimes.items():
            seen = runtimes.setdefault(runtime, (name, versions))
            if seen[1] != versions:
                raise _disagree(f"{seen[0]} and {name} disagree about runtime {runtime}", seen[1], versions)
        for record in part.records:
            kept = records.setdefault(record.id, (name, record))
            if kept[1] != record:
                raise _disagree(f"{kept[0]} and {name} have different records of {record.id}", kept[1], record)
    position = {item_id: index for index, item_id in enumerate(order)}
    ordered = sorted(
        records, key=lambda item_id: (0, position[item_id], "") if item_id in position else (1, 0, item_id)
    )
    dates = [part.date for _, part in parts if part.date is not None]
    update = {
        "version": REPORT_VERSION,
        "date": max(dates, default=None),
        "runtimes": {runtime: versions for runtime, (_, versions) in runtimes.items()},
        "records": tuple(records[item_id][1] for item_id in ordered),
    }
    if not parts:
        return Report(**update)
    # Built from the first part, so that a field the report gains later is carried over, not dropped:
    # kept where every part has the same value, else the field's default (`part` names which part
    # of a split run a report is: parts that differ make a report of no one part).
    first = parts[0]
    for field, info in Report.model_fields.items():
        if field in update:
            continue
        differing = next((name for name, part in parts if getattr(part, field) != getattr(first[1], field)), None)
        if differing is not None:
            if info.is_required():
                raise failure(f"{first[0]} and {differing} disagree about {field}")
            update[field] = info.get_default(call_default_factory=True)
    return first[1].model_copy(update=update)


def _disagree(what: str, first: BaseModel, second: BaseModel) -> Failure:
    """Two parts say different things about one record (or one runtime's versions): the fields they
    differ in, with both values when short."""
    a, b = first.model_dump(mode="json"), second.model_dump(mode="json")
    shown = []
    for name in (name for name in a if a[name] != b[name]):
        short = all(
            isinstance(value, (str, int, float, bool, type(None))) and len(str(value)) <= 40 and "\n" not in str(value)
            for value in (a[name], b[name])
        )
        shown.append(f"{name} {a[name]} against {b[name]}" if short else name)
    return failure(f"{what} (they differ in {', '.join(shown)})", "merge parts made from the same matrix")


def read_parts(project: Project, paths: list[Path]) -> list[tuple[str, Report]]:
    """Every part, each validated as a whole, as `read_report` reads any report; raises Failure
    (exit 2) with a problem for each part that cannot be read."""
    parts, problems = [], []
    for path in paths:
        try:
            part = project.read_report(path)
        except Failure as error:
            problems += error.problems
            continue
        if part is None:
            problems.append(
                Problem(Place.whole(project.show(path)), "does not exist", "give the path of a partial report")
            )
        else:
            parts.append((str(path), part))
    if problems:
        raise Failure(problems, UNUSABLE)
    return parts


def merge_parts(project: Project, paths: list[Path], output: Path) -> tuple[Report, int]:
    """`report merge`: read the parts, merge them in page order and write the merged report; returns
    it, with how many of its records are of no item of the matrix as it is now. Raises
    Failure with exit 2 when a part cannot be read or two disagree (nothing written), and with exit 1
    when the merged report contradicts a claim (written all the same)."""
    parts = read_parts(project, paths)
    matrix = project.load()
    swept = tuple(found.runtime for found in sweep_runtimes(matrix.runtimes.model.sweep))
    order = [item.id for item in items(matrix, matrix.runtimes.model.runtimes + swept)]
    merged = merge(parts, order)
    sweeping = bool(set(merged.runtimes) & {runtime.id for runtime in swept})
    write_report(output, merged, SWEEP_ONLY if sweeping else RUN_ONLY)
    if merged.contradictions:
        raise Failure(
            [contradiction(record) for record in merged.contradictions],
            outcome=f"{output} was written all the same: fix the claims or the code, then verify again.",
        )
    return merged, len(set(merged.by_id()) - set(order))
