"""Under each example, the releases it was verified on: a grid of TensorFlow minor releases by
tensorflow_hub releases, each cell a verdict, with a legend of the kinds it shows. Read from the
sweep's report; none before a sweep.

A page holds dozens of grids of about a hundred cells, so a cell is one element: a table cell whose
text is its verdict's word (what a screen reader reads and hovering shows) and whose classes draw
the icon in the word's place (assets/grid.css); the shapes differ, so they read without colour.
Neighbouring releases of a row with the same verdict share one cell spanning their columns, which
draws the icon once per column: the grid looks the same, and a reader hears each run once.
The table is HTML, made here, in a fence (html_fence): Markdown has no way to give a cell a class.
"""

from __future__ import annotations

import html
from itertools import groupby

from ..matrix.examples import Example
from ..matrix.sweep import SweepRuntime, grid_cells, grid_rows, row_label
from .evidence import Evidence, Shown
from .html_fence import fenced
from .messages import Messages
from .verdicts import mark

# The legend's order.
KINDS = (Shown.passed, Shown.failed, Shown.unusable, Shown.inapplicable, Shown.contradicted, Shown.unverified)
MESSAGES = frozenset({"sweep.title", "sweep.axes", "sweep.legend"})
PLAIN = frozenset({"sweep.title"})


def legend(used: set[Shown], t: Messages) -> str:
    """'Legend: ✓ Works · ✗ Fails, as stated · ...', for the kinds a grid shows."""
    words = " · ".join(f"{mark(kind)} {t.markdown(f'verdict.{kind.value}')}" for kind in KINDS if kind in used)
    return f"{t.markdown('sweep.legend')} {words}"


def cell(kind: Shown, columns: int, t: Messages) -> str:
    """A verdict's cell over `columns` neighbouring releases; the style tells the icon how often to show."""
    word = html.escape(t.plain(f"verdict.{kind.value}"))
    span = f' colspan="{columns}" style="--columns: {columns}"' if columns > 1 else ""
    return f'<td class="verdict verdict-{kind.value}"{span} title="{word}">{word}</td>'


def cells(kinds: list[Shown], t: Messages) -> str:
    """A row's verdicts, a cell for each run of equal ones."""
    return "".join(cell(kind, len(list(run)), t) for kind, run in groupby(kinds))


def table(hubs: list[str], rows: list[tuple[str, list[Shown]]], t: Messages) -> str:
    """The grid as an HTML table: a row per TensorFlow release (and Keras), a column per tensorflow_hub
    release, one line per row."""
    header = "".join(f"<th><code>{html.escape(hub)}</code></th>" for hub in hubs)
    lines = [
        "<table>",
        f"<thead><tr><th>{t.html('sweep.axes')}</th>{header}</tr></thead>",
        "<tbody>",
        *(f'<tr><th scope="row">{html.escape(label)}</th>{cells(kinds, t)}</tr>' for label, kinds in rows),
        "</tbody>",
        "</table>",
    ]
    return "\n".join(lines)


def grid(example: Example, sweep: Evidence | None, swept: tuple[SweepRuntime, ...], t: Messages) -> str | None:
    """The grid as finished Markdown (a collapsed block), or None when the sweep has not run it."""
    if sweep is None:
        return None
    items = {item.runtime: item for item in sweep.items[example.id]}
    if not any(sweep.record(item) for item in items.values()):
        return None
    hubs = list(dict.fromkeys(runtime.hub.version for runtime in swept))
    at = {place: items.get(runtime.runtime.id) for place, runtime in grid_cells(swept).items()}
    rows = []
    for tensorflow, keras in grid_rows(swept):
        kinds = []
        for hub in hubs:
            item = at.get((tensorflow, keras, hub))
            kinds.append(sweep.shown(item) if item else Shown.unverified)
        rows.append((row_label(tensorflow, keras), kinds))
    return collapsed(hubs, rows, t)


def collapsed(hubs: list[str], rows: list[tuple[str, list[Shown]]], t: Messages) -> str:
    """The table and its legend in a collapsed block, as Markdown."""
    used = {kind for _, kinds in rows for kind in kinds}
    body = "\n\n".join([fenced(table(hubs, rows, t)), legend(used, t)])
    return f'??? abstract releases "{t.plain("sweep.title")}"\n\n' + "\n".join(
        f"    {line}" if line else "" for line in body.splitlines()
    )
