"""A contradicted claim as a problem: the one way every command reports it.

`check`, `build`, `verify`, `sweep` and `report merge` all show a contradiction the same way: placed
at the claim, then the snippet's place and the runtime, what happened, the innermost cause (a wrapper
such as Keras's "Exception encountered when calling layer" hides the real one), the example's lines
the error went through (as lines of the YAML files), and how to see the whole traceback.
"""

from __future__ import annotations

import shlex
import textwrap

from ..matrix.examples import Example
from ..matrix.packages import BOUNDED, PACKAGES
from ..matrix.verification import Record
from ..problems import Place, Problem

CAUSE_LINES = 12


def contradiction(record: Record, example: Example | None = None, *, verbose: bool = False) -> Problem:
    """The record's contradiction, placed where the matrix is now when its example is given (a record
    may predate lines added above the claim), else where the record says."""
    claim = example.claim_place if example else Place.parse(record.claim)
    source = example.place if example else record.source
    versions = ", ".join(
        f"{PACKAGES[module].name} {value}" for module in BOUNDED if (value := getattr(record.versions, module))
    )
    where = (
        f"runtime {record.runtime}" + (f" ({versions})" if versions else "") + (", emulated" if record.emulated else "")
    )
    details = [f"{source}: {record.label}, mode {record.mode}, {where}", record.reason]
    exception = record.exception
    if exception is not None and exception.root is not None:
        message = [line for line in exception.cause.message.strip().splitlines() if line.strip()]
        shown = message if verbose else message[:CAUSE_LINES]
        head = f"root cause: {exception.cause.type}: "
        details += [head, *(f"  {line}" for line in shown)] if len(shown) > 1 else [head + "".join(shown)]
        if len(message) > len(shown):
            details.append(f"  [... {len(message) - len(shown)} more lines]")
    if exception is not None and exception.frames:
        details += ["in the example:", *(f"  {frame}" for frame in exception.frames)]
    if verbose and exception is not None and exception.traceback:
        details += ["traceback:", *textwrap.indent(exception.traceback.rstrip(), "  ").splitlines()]
    if verbose and record.output.strip():
        details += ["output:", *textwrap.indent(record.output.rstrip(), "  ").splitlines()]
    if not verbose and exception is not None and exception.traceback:
        details.append(f"whole traceback: python -m generator verify --verbose --only {shlex.quote(record.id)}")
    return Problem(claim, f"claim contradicted by {record.id}", details=tuple(details))
