"""What `verify` prints: a table per runtime and mode, then each contradiction, placed for a writer.

For each contradicted claim: the claim's place, the snippet's place, the error and its innermost
cause (a wrapper such as Keras's "Exception encountered when calling layer" hides the real one),
and the example's lines the error passed through, as lines of the YAML files. `--verbose` adds the
whole traceback and what the run printed.
"""

from __future__ import annotations

import shlex
import textwrap
from collections import Counter

from ..matrix.verification import Record

CAUSE_LINES = 12


def summary(records: list[Record], *, verbose: bool = False) -> str:
    rows = Counter((r.runtime, r.mode + (" (emulated)" if r.emulated else ""), r.confirmed) for r in records)
    keys = sorted({(runtime, mode) for runtime, mode, _ in rows})
    width = max([len("runtime"), *(len(runtime) for runtime, _ in keys)])
    lines = [f"{'runtime':<{width}} {'mode':<20} {'confirmed':>9} {'contradicted':>12}"]
    for runtime, mode in keys:
        lines.append(
            f"{runtime:<{width}} {mode:<20} {rows[(runtime, mode, True)]:>9} {rows[(runtime, mode, False)]:>12}"
        )
    bad = [r for r in records if not r.confirmed]
    for r in bad:
        lines += ["", *contradiction(r, verbose=verbose)]
    lines.append(f"{len(records) - len(bad)} confirmed, {len(bad)} contradicted")
    if bad and not verbose:
        lines.append("add --verbose for whole tracebacks, and --only PATTERN to run some items alone")
    return "\n".join(lines)


def contradiction(r: Record, *, verbose: bool = False) -> list[str]:
    versions = ", ".join(
        f"{name} {value}"
        for name, value in (("TensorFlow", r.versions.tensorflow), ("tensorflow_hub", r.versions.tensorflow_hub))
        if value
    )
    where = f"runtime {r.runtime}" + (f" ({versions})" if versions else "") + (", emulated" if r.emulated else "")
    lines = [
        f"{r.claim}: claim contradicted by {r.id}",
        f"  {r.source}: {r.label}, mode {r.mode}, {where}",
        f"  {r.reason}",
    ]
    exception = r.exception
    if exception is not None and exception.traceback:
        cause = exception.cause
        if exception.root is not None:
            message = [line for line in cause.message.strip().splitlines() if line.strip()]
            shown = message if verbose else message[:CAUSE_LINES]
            lines.append(
                f"  root cause: {cause.type}: "
                + ("\n" + textwrap.indent("\n".join(shown), "    ") if len(shown) > 1 else (shown[0] if shown else ""))
            )
            if len(message) > len(shown):
                lines.append(f"    [... {len(message) - len(shown)} more lines]")
        if exception.frames:
            lines.append("  in the example:")
            lines += [f"    {frame}" for frame in exception.frames]
        if verbose:
            lines += ["  traceback:", textwrap.indent(exception.traceback.rstrip(), "    ")]
    if verbose and r.output.strip():
        lines += ["  output:", textwrap.indent(r.output.rstrip(), "    ")]
    if not verbose and exception is not None and exception.traceback:
        lines.append(f"  whole traceback: python -m generator verify --verbose --only {shlex.quote(r.id)}")
    return lines
