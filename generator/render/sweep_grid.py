"""Under each example, the releases it was verified on: a grid of TensorFlow minor releases by
tensorflow_hub releases, each cell an icon whose word is its text alternative (readable without
colour), with a legend of the icons it uses. Read from the sweep's report; none before a sweep."""

from __future__ import annotations

from ..matrix.examples import Example
from ..matrix.sweep import SweepRuntime, grid_cells, grid_rows, row_label
from .evidence import Evidence, Shown
from .messages import Messages, code_span
from .verdicts import icon

# The legend's order, and the icons each kind of result shows.
KINDS = (Shown.passed, Shown.failed, Shown.unusable, Shown.inapplicable, Shown.contradicted, Shown.unverified)
MESSAGES = frozenset({"sweep.title", "sweep.axes", "sweep.legend"})
PLAIN = frozenset({"sweep.title"})


def legend(used: set[Shown], t: Messages) -> str:
    """'Legend: ✓ Works · ✗ Fails, as stated · ...', for the kinds a grid shows."""
    words = " · ".join(f"{icon(kind, t)} {t.markdown(f'verdict.{kind.value}')}" for kind in KINDS if kind in used)
    return f"{t.markdown('sweep.legend')} {words}"


def grid(example: Example, sweep: Evidence | None, swept: tuple[SweepRuntime, ...], t: Messages) -> str | None:
    """The grid as finished Markdown (a collapsed block), or None when the sweep has not run it."""
    if sweep is None:
        return None
    items = {item.runtime: item for item in sweep.items[example.id]}
    if not any(sweep.record(item) for item in items.values()):
        return None
    hubs = list(dict.fromkeys(runtime.hub.version for runtime in swept))
    at = {cell: items.get(runtime.runtime.id) for cell, runtime in grid_cells(swept).items()}
    icons = {kind: icon(kind, t) for kind in KINDS}  # made once: a grid has dozens of cells
    used: set[Shown] = set()
    rows = []
    for tensorflow, keras in grid_rows(swept):
        cells = []
        for hub in hubs:
            item = at.get((tensorflow, keras, hub))
            kind = sweep.shown(item) if item else Shown.unverified
            used.add(kind)
            cells.append(icons[kind])
        rows.append(f"| {row_label(tensorflow, keras)} | {' | '.join(cells)} |")
    header = f"| {t.markdown('sweep.axes', table=True)} | {' | '.join(code_span(hub) for hub in hubs)} |"
    rule = "| --- |" + " :-: |" * len(hubs)
    body = "\n".join([header, rule, *rows, "", legend(used, t)])
    return f'??? abstract releases "{t.plain("sweep.title")}"\n\n' + "\n".join(
        f"    {line}" if line else "" for line in body.splitlines()
    )
