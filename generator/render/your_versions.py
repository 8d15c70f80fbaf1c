"""The home page's "Your versions": for one TensorFlow, tensorflow_hub and Keras, what the release
sweep observed in every format, operation and mode, as data the page embeds and versions.js reads.

Each sweep runtime is one string with a character per example (in the order of `examples`) and
one per cell (in the order of `cells`), the failures' exceptions as indexes into one table of
distinct texts; the messages travel as parsed pieces, so the script writes text, never HTML.
Examples written on pages are left out: a cell of a format's table is what a reader asks about.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import Any

from ..matrix import markup
from ..matrix.documents import Matrix
from ..matrix.examples import COUNTEREXAMPLE, Example
from ..matrix.packages import PACKAGES, TENSORFLOW_DISTRIBUTIONS
from ..matrix.sweep import KERAS_3_FROM
from ..matrix.verification import Outcome, RaisedException, Record, RuntimeStatus, RuntimeVersions
from ..verify.items import Item
from ..verify.judge import RUNTIME_PHASES, error_words
from .evidence import Evidence, Shown
from .messages import Messages
from .views import tab_anchor

# What one example showed in one runtime.
PASSED, FAILED, UNUSABLE, UNOBSERVED = "p", "f", "u", "?"
# What one cell (format, operation, mode) shows in one runtime.
WORKS, FAILS, UNIMPORTABLE, UNINSTALLABLE, UNVERIFIED = "w", "f", "i", "n", "?"
# A runtime as its report knows it.
USABLE, UNKNOWN = "ok", "?"
STATES = {
    RuntimeStatus.usable: USABLE,
    RuntimeStatus.unimportable: UNIMPORTABLE,
    RuntimeStatus.uninstallable: UNINSTALLABLE,
}
KERAS = ("2", "3")
NAMED = {"tensorflow": "tensorflow", "hub": "tensorflow_hub"}  # the packages the answer names
LIMIT = 50_000  # the characters of a paste that are read: a pip freeze of a thousand packages
ERROR_LENGTH = 160  # the characters of an exception's first line that are shown

FORM = ("tensorflow", "hub", "keras", "paste")  # the form's labels, in the page's order
SCRIPT = (
    "answered",
    "nearest",
    "keras_builtin",
    "keras_legacy",
    "keras_3",
    "unimportable",
    "uninstallable",
    "hub_instead",
    "tensorflow_instead",
    "works",
    "fails",
    "would_work",
    "never",
    "found",
    "ignored",
    "malformed",
    "missing_tensorflow",
    "missing_hub",
    "truncated",
    *(f"status.{status}" for status in ("works", "fails", "unimportable", "uninstallable", "unverified")),
)
PREFIX = "versions."
MESSAGES = frozenset(f"{PREFIX}{name}" for name in (*FORM, *SCRIPT, "static", "answer", "counterexample"))
PLAIN = frozenset({f"{PREFIX}answer"})


@dataclass(frozen=True)
class VersionsView:
    """The part as the template lays it out: the form's choices and words, the data for the script."""

    tensorflow: tuple[str, ...]  # the swept releases, oldest first
    hub: tuple[str, ...]
    keras: tuple[str, ...]
    labels: dict[str, str]  # by FORM name: HTML
    answer: str  # the answer region's name, plain text escaped for an attribute
    static: str  # Markdown: what the page says where the script does not run
    data: str  # JSON, safe inside <script>


def versions_view(matrix: Matrix, evidence: Evidence, t: Messages) -> VersionsView:
    data = versions_data(matrix, evidence, t)
    return VersionsView(
        tensorflow=tuple(data["tensorflow"]),
        hub=tuple(data["hub"]),
        keras=KERAS,
        labels={name: t.html(PREFIX + name) for name in FORM},
        answer=html.escape(t.plain(PREFIX + "answer")),
        static=t.markdown(PREFIX + "static"),
        data=script_json(data),
    )


def versions_data(matrix: Matrix, evidence: Evidence, t: Messages) -> dict[str, Any]:
    """Everything versions.js needs, JSON-ready: the releases, the cells and their examples, what each
    sweep runtime showed, the exceptions, and the messages of one locale."""
    modes = matrix.modes.model.modes
    operations = matrix.operations.model.operations
    formats = matrix.ordered_formats()
    cells = [(fmt, operation, mode) for fmt in formats for operation in operations for mode in modes]
    place = {(fmt.id, operation.id, mode.id): index for index, (fmt, operation, mode) in enumerate(cells)}
    found = [example for example in evidence.examples if not example.section.page]
    of_cell = [place[(example.section.owner, example.section.name, example.mode)] for example in found]
    tensorflows = list(dict.fromkeys(runtime.tensorflow for runtime in evidence.swept))
    hubs = list(dict.fromkeys(runtime.hub.version for runtime in evidence.swept))
    sweep = evidence.sweep
    report = sweep.report if sweep else None
    items = {(item.example.id, item.runtime): item for item in sweep.every} if sweep else {}
    errors: dict[str, int] = {}
    runtimes = []
    for runtime in evidence.swept:
        records = [observed(items.get((example.id, runtime.runtime.id)), sweep) for example in found]
        known = report.runtimes.get(runtime.runtime.id) if report else None
        row = runtime_row(records, of_cell, len(cells), known, errors)
        runtimes.append(
            {
                "id": runtime.runtime.id,
                "t": tensorflows.index(runtime.tensorflow),
                "h": hubs.index(runtime.hub.version),
                "k": runtime.keras,
                **row,
            }
        )
    return {
        "tensorflow": tensorflows,
        "hub": hubs,
        "keras3": KERAS_3_FROM,
        "limit": LIMIT,
        "packages": distributions(),
        "names": {which: [PACKAGES[module].name, int(PACKAGES[module].code)] for which, module in NAMED.items()},
        "formats": [t.plain(fmt.name) for fmt in formats],
        "operations": [t.plain(operation.name) for operation in operations],
        "modes": [mode.label for mode in modes],
        "cells": [
            [formats.index(fmt), operations.index(operation), modes.index(mode), tab_anchor(fmt, operation.id, mode)]
            for fmt, operation, mode in cells
        ],
        "examples": [example_data(example, cell, t) for example, cell in zip(found, of_cell, strict=True)],
        "runtimes": runtimes,
        "errors": list(errors),
        "messages": {name: pieces(t.catalog[PREFIX + name]) for name in SCRIPT},
    }


def distributions() -> dict[str, Any]:
    """How pip names each package a paste is read for, normalised as pip does ('tf_keras' -> 'tf-keras')."""
    return {
        "tensorflow": list(TENSORFLOW_DISTRIBUTIONS),
        "hub": _distribution("tensorflow_hub"),
        "tf_keras": _distribution("tf_keras"),
        "keras": "keras",
    }


def _distribution(module: str) -> str:
    return PACKAGES[module].distribution or module


def example_data(example: Example, cell: int, t: Messages) -> list[Any]:
    """[cell, label, 1 when the label is code]: a snippet by its API name, a counterexample by its title."""
    if example.label == COUNTEREXAMPLE:
        return [cell, t.plain(f"{PREFIX}counterexample"), 0]
    return [cell, example.label, 1]


def observed(item: Item | None, sweep: Evidence | None) -> Record | None:
    """The item's current record; None where it has none, or did not run for want of a package."""
    if item is None or sweep is None or sweep.shown(item) is Shown.inapplicable:
        return None
    return sweep.record(item)


def runtime_row(
    records: list[Record | None],
    of_cell: list[int],
    cell_count: int,
    known: RuntimeVersions | None,
    errors: dict[str, int],
) -> dict[str, Any]:
    """A runtime's state and the cause of it, a character per example ("r") and per cell ("v"), and
    the exception of each failed example, in order ("e")."""
    results = [example_result(record) for record in records]
    unusable = [record for record in records if record is not None and record.phase in RUNTIME_PHASES]
    state = STATES[known.status] if known else UNKNOWN
    if state in (USABLE, UNKNOWN) and unusable:
        state = UNINSTALLABLE if unusable[0].phase == "install" else UNIMPORTABLE
    cause = (known.cause if known else None) or next((record.exception for record in unusable), None)
    failed = [
        error_index(record.exception, errors)
        for record, result in zip(records, results, strict=True)
        if result == FAILED and record is not None
    ]
    statuses = [
        cell_status(state, [result for result, cell in zip(results, of_cell, strict=True) if cell == index])
        for index in range(cell_count)
    ]
    blocked = state in (UNIMPORTABLE, UNINSTALLABLE)
    return {
        "s": state,
        "c": error_index(cause, errors) if blocked else -1,
        "r": "".join(results),
        "e": failed,
        "v": "".join(statuses),
    }


def example_result(record: Record | None) -> str:
    """What the record observed, whatever its claim said: a contradicted record still tells what ran."""
    if record is None:
        return UNOBSERVED
    if record.phase in RUNTIME_PHASES:
        return UNUSABLE
    if record.observed is Outcome.passed:
        return PASSED
    if record.observed is Outcome.failed:
        return FAILED
    return UNOBSERVED


def cell_status(state: str, results: list[str]) -> str:
    """A cell works where one of its examples ran; it fails where they ran and raised."""
    if state in (UNIMPORTABLE, UNINSTALLABLE):
        return state
    if UNUSABLE in results:
        return UNIMPORTABLE
    if PASSED in results:
        return WORKS
    if FAILED in results:
        return FAILS
    return UNVERIFIED


def error_text(exception: RaisedException) -> str:
    """'Type: first line of the message', trimmed: the innermost cause, as the verdict lines show it."""
    text = error_words(exception)
    return text if len(text) <= ERROR_LENGTH else text[: ERROR_LENGTH - 1].rstrip() + "…"


def error_index(exception: RaisedException | None, errors: dict[str, int]) -> int:
    if exception is None:
        return -1
    return errors.setdefault(error_text(exception), len(errors))


def pieces(message: str) -> list[list[str]]:
    """A message as [kind, text] pieces: "t" text, "c" code, "s" a slot to fill; a link keeps its words."""
    kinds = {"text": "t", "code": "c", "slot": "s"}
    return [[kinds[piece.kind], piece.text] for piece in markup.flat(message)]


def script_json(data: dict[str, Any]) -> str:
    """JSON that no text inside it can end the <script> element it is written in."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
