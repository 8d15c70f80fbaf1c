"""Runtimes are well-formed: made from requirements or an interpreter (one of the two), running known modes."""

from __future__ import annotations

from collections.abc import Iterator

from ...problems import Problem
from ..documents import Document, Matrix, MessageUse
from ..model import Runtime, Sweep
from ..sweep import minor, sweep_runtimes
from ..yaml_source import DataPath
from .ids import duplicates
from .references import unknown


def check(matrix: Matrix, _use: MessageUse) -> Iterator[Problem]:
    doc = matrix.runtimes
    modes = {mode.id for mode in matrix.modes.model.modes}
    yield from duplicates(doc, ((("runtimes", i, "id"), r.id) for i, r in enumerate(doc.model.runtimes)), "runtime id")
    for i, runtime in enumerate(doc.model.runtimes):
        if bool(runtime.requirements) == bool(runtime.interpreter):
            yield Problem(
                doc.source.place(("runtimes", i, "id")),
                f"runtime '{runtime.id}' needs either 'requirements' or 'interpreter'",
                "give pinned requirements to make an environment, or the path of an existing Python",
            )
        yield from _modes(doc, ("runtimes", i), f"runtime '{runtime.id}'", runtime, modes)
    sweep = doc.model.sweep
    if sweep is None:
        return
    yield from _modes(doc, ("sweep",), "the sweep", sweep, modes)
    yield from duplicates(
        doc,
        ((("sweep", "tensorflow", i), minor(v)) for i, v in enumerate(sweep.tensorflow)),
        "TensorFlow minor release",
    )
    yield from duplicates(
        doc,
        ((("sweep", "tensorflow_hub", i, "version"), hub.version) for i, hub in enumerate(sweep.tensorflow_hub)),
        "tensorflow_hub release",
    )
    everyday = {runtime.id for runtime in doc.model.runtimes}
    for generated in sweep_runtimes(sweep):
        if generated.runtime.id in everyday:
            yield Problem(
                doc.source.place(("runtimes",)),
                f"runtime id '{generated.runtime.id}' is also the id of a sweep runtime",
                "rename the runtime: sweep runtimes are named tfX_Y_hubA_B_C",
            )


def _modes(doc: Document, at: DataPath, name: str, runtime: Runtime | Sweep, modes: set[str]) -> Iterator[Problem]:
    for key in ("modes", "emulates"):
        for j, mode in enumerate(getattr(runtime, key)):
            if mode not in modes:
                yield unknown(doc, (*at, key, j), "mode", mode, modes, "matrix/modes.yaml")
    both = set(runtime.modes) & set(runtime.emulates)
    if both:
        yield Problem(
            doc.source.place((*at, "emulates")),
            f"{name} both runs and emulates {', '.join(sorted(both))}",
            "list each mode under 'modes' or under 'emulates', not both",
        )
