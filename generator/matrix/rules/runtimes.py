"""Runtimes are well-formed: made from requirements or an interpreter (one of the two), running known modes."""

from __future__ import annotations

from collections.abc import Iterator

from ..documents import Matrix, MessageUse
from ..problems import Problem
from .ids import duplicates
from .references import unknown


def check(matrix: Matrix, _use: MessageUse) -> Iterator[Problem]:
    doc = matrix.runtimes
    modes = {mode.id for mode in matrix.modes.model.modes}
    yield from duplicates(doc, ((("runtimes", i, "id"), r.id) for i, r in enumerate(doc.model.runtimes)), "runtime id")
    for i, runtime in enumerate(doc.model.runtimes):
        if bool(runtime.requirements) == bool(runtime.interpreter):
            yield Problem(doc.source.place(("runtimes", i, "id")),
                          f"runtime '{runtime.id}' needs either 'requirements' or 'interpreter'",
                          "give pinned requirements to make an environment, or the path of an existing Python")
        for key in ("modes", "emulates"):
            for j, mode in enumerate(getattr(runtime, key)):
                if mode not in modes:
                    yield unknown(doc, ("runtimes", i, key, j), "mode", mode, modes, "matrix/modes.yaml")
        both = set(runtime.modes) & set(runtime.emulates)
        if both:
            yield Problem(doc.source.place(("runtimes", i, "emulates")),
                          f"runtime '{runtime.id}' both runs and emulates {', '.join(sorted(both))}",
                          "list each mode under 'modes' or under 'emulates', not both")
