"""Partial reports, made on several machines (one runtime each, say), merged into one.

`python -m generator report merge PARTS... --output FILE` reads each part as a whole report
(validated against generator/matrix/verification.py), refuses parts that disagree about an item or
a runtime, and writes one report whose items are in page order. Nothing is written unless every
part is read and they agree.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..matrix.sweep import sweep_runtimes
from ..matrix.verification import REPORT_VERSION, Record, Report, RuntimeVersions
from ..project import Project
from .items import items
from .report import RUN_ONLY, SWEEP_ONLY, write_report


class ReportsDisagree(Exception):
    """Two parts say different things about one item or one runtime; the message names both."""


class PartUnreadable(Exception):
    """A part cannot be read as a report; the message is `FILE: what is wrong`."""


def merge(parts: list[tuple[str, Report]], order: list[str]) -> Report:
    """One report of every part's items and runtimes, the items in the order of `order` (item ids in
    page order; ids it lacks go last, by id). `parts` pairs each report with its file's name, for
    the messages. Identical duplicates are kept once; different ones raise ReportsDisagree."""
    records: dict[str, tuple[str, Record]] = {}
    runtimes: dict[str, tuple[str, RuntimeVersions]] = {}
    for name, part in parts:
        for runtime, versions in part.runtimes.items():
            seen = runtimes.setdefault(runtime, (name, versions))
            if seen[1] != versions:
                raise ReportsDisagree(
                    f"{seen[0]} and {name} disagree about runtime {runtime} ({_difference(seen[1], versions)})"
                )
        for record in part.records:
            seen = records.setdefault(record.id, (name, record))
            if seen[1] != record:
                raise ReportsDisagree(
                    f"{seen[0]} and {name} have different records of {record.id} ({_difference(seen[1], record)})"
                )
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
                raise ReportsDisagree(f"{first[0]} and {differing} disagree about {field}")
            update[field] = info.get_default(call_default_factory=True)
    return first[1].model_copy(update=update)


def _difference(first: BaseModel, second: BaseModel) -> str:
    """The fields two records (or two runtimes' versions) differ in, with both values when short."""
    a, b = first.model_dump(mode="json"), second.model_dump(mode="json")
    shown = []
    for name in (name for name in a if a[name] != b[name]):
        short = all(
            isinstance(value, (str, int, float, bool, type(None))) and len(str(value)) <= 40 and "\n" not in str(value)
            for value in (a[name], b[name])
        )
        shown.append(f"{name} {a[name]} against {b[name]}" if short else name)
    return "they differ in " + ", ".join(shown)


def read_part(path: Path) -> Report:
    """A part, validated as a whole; raises PartUnreadable with `FILE: what is wrong`."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PartUnreadable(f"{path}: cannot be read ({error.strerror or error})") from None
    try:
        return Report.model_validate_json(text)
    except ValidationError as error:
        problems = error.errors()
        first = problems[0]
        if first["type"] == "json_invalid":
            raise PartUnreadable(f"{path}: not valid JSON ({first['ctx'].get('error', first['msg'])})") from None
        if first["loc"] == ("version",):
            raise PartUnreadable(
                f"{path}: a report of another version of the generator (version "
                f"{first.get('input')!r}, this one reads {REPORT_VERSION}): make it again"
            ) from None
        where = ".".join(str(part) for part in first["loc"]) or "the top level"
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise PartUnreadable(f"{path}: not a report: {where}: {first['msg']}{more}") from None


def merge_command(project: Project, paths: list[Path], output: Path) -> int:
    """`report merge`: 2 when a part is unreadable or the parts disagree (nothing written), 1 when the
    merged report contradicts a claim (it is written all the same), else 0."""
    parts, problems = [], []
    for path in paths:
        try:
            parts.append((str(path), read_part(path)))
        except PartUnreadable as error:
            problems.append(str(error))
    if problems:
        print("\n".join(problems) + f"\nnothing was written to {output}.", file=sys.stderr)
        return 2
    matrix = project.load()
    swept = tuple(found.runtime for found in sweep_runtimes(matrix.runtimes.model.sweep))
    order = [item.id for item in items(matrix, matrix.runtimes.model.runtimes + swept)]
    try:
        merged = merge(parts, order)
    except ReportsDisagree as error:
        print(f"{error}\nnothing was written to {output}.", file=sys.stderr)
        return 2
    sweeping = bool(set(merged.runtimes) & {runtime.id for runtime in swept})
    write_report(output, merged, SWEEP_ONLY if sweeping else RUN_ONLY)
    runtimes = ", ".join(merged.runtimes) or "none"
    print(
        f"merged {len(parts)} part{'s' if len(parts) != 1 else ''} into {output}: {len(merged.records)} items, "
        f"runtimes {runtimes}"
    )
    unknown = len(set(merged.by_id()) - set(order))
    if unknown:
        print(
            f"{unknown} of them {'is not an item' if unknown == 1 else 'are not items'} of the matrix as it "
            "is now (removed since the parts were made?)"
        )
    contradicted = merged.contradictions
    if contradicted:
        lines = [
            f"{output}: {len(contradicted)} contradiction{'s' if len(contradicted) != 1 else ''} "
            "(items whose run contradicts their claim):"
        ]
        lines += [f"  {record.id}: {record.reason} (the claim: {record.claim})" for record in contradicted]
        print("\n".join(lines), file=sys.stderr)
        return 1
    return 0
