"""The verification report: one record per item, and the exact versions of every runtime.

The committed report (matrix/verification.json) is what the site shows; its records carry each
item's digest, so a report made for other snippets than the matrix's is detected as stale.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

from .items import Item
from .verdicts import Verdict, first_line

REPORT_VERSION = 2  # part of every cached result's key: a new record format reruns everything


def _telling_line(item: Item, message: str) -> str:
    """The line of an error that says most: the one the claim's pattern matched, else the first."""
    if item.raises is not None:
        for line in message.splitlines():
            if re.search(item.raises.match, line):
                return line.strip()
    return first_line(message)


def record(item: Item, result: dict, versions: dict, verdict: Verdict, date: str) -> dict:
    exception = result.get("exception")
    return {
        "id": item.id,
        "format": item.format,
        "operation": item.operation,
        "mode": item.mode,
        "runtime": item.runtime,
        "label": item.label,
        "code": item.code,
        "expected": verdict.expected,
        "observed": verdict.observed,
        "confirmed": verdict.confirmed,
        "reason": verdict.reason,
        "emulated": item.emulated,
        "exception": {"type": exception["type"], "message": _telling_line(item, exception.get("message", ""))}
        if exception else None,
        "output": result.get("output", ""),
        "duration": round(result.get("duration", 0.0), 3),
        "versions": versions,
        "date": date,
        "digest": item.digest,
        "source": str(item.place),
        "claim": str(item.claim_place),
    }


def write_report(path: Path, records: list[dict], runtimes: dict[str, dict]) -> None:
    """Write atomically: a reader never sees half a report."""
    report = {
        "version": REPORT_VERSION,
        "date": max((r["date"] for r in records), default=None),
        "runtimes": runtimes,
        "items": [{key: value for key, value in r.items() if key != "output"} for r in records],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(report, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def read_report(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def summary(records: list[dict]) -> str:
    """A table per runtime and mode, then every contradiction with its place in the matrix."""
    rows = Counter((r["runtime"], r["mode"] + (" (emulated)" if r["emulated"] else ""), r["confirmed"])
                   for r in records)
    keys = sorted({(runtime, mode) for runtime, mode, _ in rows})
    lines = [f"{'runtime':<10} {'mode':<20} {'confirmed':>9} {'contradicted':>12}"]
    for runtime, mode in keys:
        lines.append(f"{runtime:<10} {mode:<20} {rows[(runtime, mode, True)]:>9} {rows[(runtime, mode, False)]:>12}")
    bad = [r for r in records if not r["confirmed"]]
    for r in bad:
        lines.append(f"{r['claim']}: claim contradicted by {r['id']} ({r['source']}): {r['reason']}")
    lines.append(f"{len(records) - len(bad)} confirmed, {len(bad)} contradicted")
    return "\n".join(lines)
