"""The verification report: one record per item, and the exact versions of every runtime.

The committed report (matrix/verification.json) is what the site shows; its records carry each
item's digest, so a report made for other code than the matrix's is detected as stale. Its shape
is declared once, in generator/matrix/verification.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..files import packed, write_atomically
from ..matrix.verification import (
    REPORT_VERSION,
    Cause,
    Observation,
    RaisedException,
    Record,
    Report,
    RuntimeVersions,
    Versions,
)
from .items import Item
from .judge import Verdict, first_line, judge


def _telling_line(item: Item, message: str) -> str:
    """The line of an error that says most: the one the claim's pattern matched, else the first."""
    declared = item.example.raises
    if declared is not None:
        for line in message.splitlines():
            if re.search(declared.match, line):
                return line.strip()
    return first_line(message)


# The folders of one machine's runtime, as messages name files in them: the report leaves them out.
SITE_PACKAGES = re.compile(r"""/[^\s'"()]*/site-packages/""")


def _local(text: str) -> str:
    return SITE_PACKAGES.sub("", text)


def _shown(item: Item | None, exception: RaisedException) -> RaisedException:
    """The exception as the site shows it: the telling line of its message, and of its root cause
    (the first line, for a runtime's), without the machine's folders."""

    def telling(message: str) -> str:
        return _local(_telling_line(item, message) if item else first_line(message))

    root = exception.root and Cause(type=exception.root.type, message=telling(exception.root.message))
    return exception.model_copy(update={"message": telling(exception.message), "root": root})


def record(item: Item, observation: Observation, versions: Versions | None, verdict: Verdict, date: str) -> Record:
    example = item.example
    return Record(
        id=item.id,
        section=example.section.id,
        mode=example.mode,
        runtime=item.runtime,
        label=example.label,
        code=example.shown.text + "\n",
        expected=verdict.expected,
        observed=verdict.observed,
        phase=observation.phase,
        confirmed=verdict.confirmed,
        reason=verdict.reason,
        emulated=item.emulated,
        exception=observation.exception,
        output=observation.output,
        duration=round(observation.duration, 3),
        versions=versions or Versions(),
        date=date,
        digest=item.digest,
        runs_digest=item.runs_digest,
        source=str(example.place),
        claim=str(example.claim_place),
    )


def rejudged(item: Item, entry: Record) -> Record:
    """A record of what ran, judged again against the item's claim as it is now (its bounds may have
    changed since): the observation stands as long as what runs is the same (same runs_digest)."""
    if entry.digest == item.digest:
        return entry
    observation = Observation(
        outcome=entry.observed,
        phase=entry.phase,
        exception=entry.exception,
        output=entry.output,
        duration=entry.duration,
    )
    versions = entry.versions if entry.versions != Versions() else None
    return record(item, observation, versions, judge(item, observation, versions), entry.date)


# What a run knew that the committed report leaves out: what it printed, and where it failed.
RUN_ONLY = {
    "records": {"__all__": {"output": True, "exception": {"traceback": True, "frames": True}}},
    "runtimes": {"__all__": {"cause": {"traceback": True}}},
}
# The sweep's report also leaves out the code, which the everyday report already shows once.
SWEEP_ONLY = {
    "records": {"__all__": {"output": True, "code": True, "exception": {"traceback": True, "frames": True}}},
    "runtimes": {"__all__": {"cause": {"traceback": True}}},
}


def report_of(
    records: list[Record], items: dict[str, Item], runtimes: dict[str, RuntimeVersions], part: str | None = None
) -> Report:
    """The report of a run, each message cut to its telling line."""
    kept = [r.model_copy(update={"exception": r.exception and _shown(items[r.id], r.exception)}) for r in records]
    runtimes = {
        key: found.model_copy(update={"cause": found.cause and _shown(None, found.cause)})
        for key, found in runtimes.items()
    }
    return Report(
        version=REPORT_VERSION,
        date=max((r.date for r in kept), default=None),
        part=part,
        runtimes=runtimes,
        records=tuple(kept),
    )


def write_report(path: Path, report: Report, exclude: dict = RUN_ONLY) -> None:
    """Written atomically (a reader never sees half a report), without what only the run needed;
    compressed when the name ends in .gz."""
    data = report.model_dump(mode="json", exclude=exclude)
    write_atomically(path, packed(path, json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"))
