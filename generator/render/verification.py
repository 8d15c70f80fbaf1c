"""The verification report as the site reads it: which record, if any, stands for an item.

Pure functions over the parsed JSON of matrix/verification.json (written by
generator/verify/report.py); reading the file is left to the build and the preview. A missing
report, a report of another version, a malformed record, or a record made for other code than
the matrix's (another digest) all read as "not verified yet": the site never fails on a report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ..verify.items import Item
from ..verify.report import REPORT_VERSION

OBSERVED = frozenset({"pass", "fail", "error", "timeout", "crash", "unavailable"})


class Shown(str, Enum):
    """What a reader is told about one item in one runtime."""

    passed = "passed"  # ran without an error, as its claim says
    failed = "failed"  # raised an error, as its claim says
    contradicted = "contradicted"  # did the opposite of its claim, or could not be observed
    unverified = "unverified"  # no current record


@dataclass(frozen=True)
class Report:
    date: str | None = None
    runtimes: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    records: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def current(self, item: Item) -> Mapping[str, Any] | None:
        """The item's record when it was made for exactly this item (same id and digest)."""
        record = self.records.get(item.id)
        return record if record is not None and record["digest"] == item.digest else None


NO_REPORT = Report()


def read(data: Any) -> Report:
    """The report from its parsed JSON (None when there is none); what cannot be read is left out."""
    if not isinstance(data, dict) or data.get("version") != REPORT_VERSION:
        return NO_REPORT
    runtimes = data.get("runtimes")
    runtimes = {key: value for key, value in runtimes.items() if isinstance(value, dict)} \
        if isinstance(runtimes, dict) else {}
    items = data.get("items") if isinstance(data.get("items"), list) else []
    records = {record["id"]: record for record in items if _readable(record)}
    date = data.get("date") if isinstance(data.get("date"), str) else None
    return Report(date, runtimes, records)


def _readable(record: Any) -> bool:
    if not isinstance(record, dict):
        return False
    strings = ("id", "digest", "runtime", "date", "source")
    exception = record.get("exception")
    return (
        all(isinstance(record.get(key), str) for key in strings)
        and record.get("expected") in ("pass", "fail")
        and record.get("observed") in OBSERVED
        and isinstance(record.get("confirmed"), bool)
        and isinstance(record.get("emulated"), bool)
        and isinstance(record.get("reason", ""), str)
        and isinstance(record.get("duration", 0), (int, float))
        and isinstance(record.get("versions", {}), dict)
        and (exception is None or (isinstance(exception, dict) and isinstance(exception.get("type"), str)
                                   and isinstance(exception.get("message", ""), str)))
    )


def shown(record: Mapping[str, Any] | None) -> Shown:
    if record is None:
        return Shown.unverified
    if not record["confirmed"]:
        return Shown.contradicted
    return Shown.passed if record["observed"] == "pass" else Shown.failed


def versions(report: Report, item: Item, record: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """The versions an item ran with: its record's, else those the report knows for its runtime."""
    found = record.get("versions") if record is not None else None
    return found or report.runtimes.get(item.runtime) or {}


def dates(report: Report, items: list[Item]) -> tuple[str, ...]:
    """The distinct dates of the items' current records, oldest first."""
    return tuple(sorted({record["date"] for item in items if (record := report.current(item)) is not None}))
