"""What `verify` prints: a table per runtime and mode, and the counts of confirmed and contradicted."""

from __future__ import annotations

from collections import Counter

from ..matrix.verification import Record


def summary(records: list[Record]) -> str:
    rows = Counter((r.runtime, r.mode + (" (emulated)" if r.emulated else ""), r.confirmed) for r in records)
    keys = sorted({(runtime, mode) for runtime, mode, _ in rows})
    width = max([len("runtime"), *(len(runtime) for runtime, _ in keys)])
    lines = [f"{'runtime':<{width}} {'mode':<20} {'confirmed':>9} {'contradicted':>12}"]
    for runtime, mode in keys:
        lines.append(
            f"{runtime:<{width}} {mode:<20} {rows[(runtime, mode, True)]:>9} {rows[(runtime, mode, False)]:>12}"
        )
    contradicted = sum(not r.confirmed for r in records)
    lines.append(f"{len(records) - contradicted} confirmed, {contradicted} contradicted")
    return "\n".join(lines)
