"""What each page shows, worked out in Python so that templates only lay it out.

Every value here is finished Markdown for one locale; the templates never look anything up.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from pymdownx.slugs import slugify

from ..matrix.documents import Matrix
from ..matrix.example_names import PREFIX, example_names
from ..matrix.examples import Example, Section
from ..matrix.model import Cell, Claim, ExampleTab, Format, Mode, PageExample, Snippet, Status
from ..matrix.packages import BOUNDED, PACKAGES
from ..matrix.pages import ExampleBlock, Page
from ..matrix.sweep import SweepRuntime
from .evidence import Evidence
from .messages import Messages, code_span, titled_icon
from .sweep_grid import grid
from .verdicts import VerdictView, verdict_view, verified_on

# Icons are inlined as SVG at build time; each carries its word as a text alternative.
ICONS = {
    Status.supported: "material-check-circle",
    Status.partial: "material-progress-check",
    Status.unsupported: "material-close-circle",
}
# Messages shown as plain text (icon titles): no markup allowed.
PLAIN = frozenset(f"status.{status.value}" for status in Status)
TAB_SLUG = slugify(case="lower")
# Messages these views ask for by computed id; the templates' own are read from their source.
MESSAGES = frozenset(
    {
        "table.operation",
        "bound.added",
        "bound.removed",
        "snippet.bounds",
        "chooser.format",
        "chooser.operation",
        "chooser.mode",
        *(f"status.{status.value}" for status in Status),
    }
)


@dataclass(frozen=True)
class CodeView:
    """A code block as a tab shows it: a snippet or a counterexample (with its verdict), or a mode's prelude."""

    label: str
    code: str
    highlight: str
    verdict: VerdictView | None = None
    bounds: str | None = None  # the snippet's own version bounds, narrower than its claim's
    grid: str | None = None  # the releases it was verified on

    @property
    def fence(self) -> str:
        """The code block's fence: longer than any run of backticks in the code, so no line of it closes the block."""
        longest = max((len(run) for run in re.findall(r"`+", self.code)), default=0)
        return "`" * max(3, longest + 1)


@dataclass(frozen=True)
class TabView:
    anchor: str  # the tab's id: a link to it opens the section on this tab
    label: str
    status: str
    text: str | None
    snippets: tuple[CodeView, ...]
    counterexample: CodeView | None
    verified: str | None  # the date of verification, once per tab
    notes: tuple[str, ...]
    guide: str | None

    @property
    def code(self) -> tuple[CodeView, ...]:
        """Every example of the tab, the counterexample last: what the chooser shows."""
        return self.snippets + ((self.counterexample,) if self.counterexample else ())


@dataclass(frozen=True)
class SectionView:
    operation: str
    anchor: str
    title: str
    tabs: tuple[TabView, ...]


@dataclass(frozen=True)
class TableView:
    anchor: str
    title: str
    note: str | None
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class FormatView:
    id: str
    name: str
    summary: str
    table: TableView
    sections: tuple[SectionView, ...]


@dataclass(frozen=True)
class ModeView:
    anchor: str
    label: str
    name: str
    summary: str
    when: str
    prelude: CodeView


Bounded = Claim | Snippet | PageExample | ExampleTab  # what may state version bounds


def bound_words(owner: Bounded, t: Messages) -> list[str]:
    """'since TensorFlow 1.15', 'before `tensorflow_hub` 0.16.0', ... for each bound the claim or snippet states."""
    return [
        t.markdown(f"bound.{edge}", package=PACKAGES[package].markdown, version=getattr(bound, edge))
        for package in BOUNDED
        if (bound := getattr(owner, package))
        for edge in ("added", "removed")
        if getattr(bound, edge)
    ]


def status(claim: Claim, t: Messages, link: str | None = None) -> str:
    icon = titled_icon(
        ICONS[claim.status], f".status .status-{claim.status.value}", t.plain(f"status.{claim.status.value}")
    )
    word = f"**{t.markdown(f'status.{claim.status.value}')}**"
    return " ".join([icon, f"[{word}]({link})" if link else word, *(f"· {b}" for b in bound_words(claim, t))])


def section_anchor(fmt: Format, operation_id: str) -> str:
    return results_anchor(Section(fmt.id, operation_id))


def tab_anchor(fmt: Format, operation_id: str, mode: Mode) -> str:
    """The id of a mode's tab in its section: a link to it opens the section with that tab selected.
    The tabs extension makes it from the section's id and the label, with the slug function
    mkdocs.yml gives it (the site checks find every such link's target in the built pages)."""
    return f"{section_anchor(fmt, operation_id)}-{TAB_SLUG(mode.label, '-')}"


def highlight_lines(lines: tuple[int, ...]) -> str:
    """Code block options that highlight the given lines."""
    return f' hl_lines="{" ".join(map(str, lines))}"' if lines else ""


def code_view(
    example: Example,
    evidence: Evidence,
    t: Messages,
    swept: tuple[SweepRuntime, ...],
    bounded: tuple[Bounded, ...] = (),
    label: str | None = None,
) -> CodeView:
    """The code exactly as it ran, and what running it showed, on the everyday runtimes and the sweep's;
    `bounded` are what states version bounds for this code alone (a snippet; a page example and its tab).
    A snippet is named by its label, an API name shown as code; a tab of a page's example by `label`."""
    words = [word for owner in bounded for word in bound_words(owner, t)]
    name = label if label is not None else code_span(example.label)
    bounds = t.markdown("snippet.bounds", label=name, bounds=" · ".join(words)) if words else None
    return CodeView(
        label if label is not None else example.label,
        example.shown.text,
        highlight_lines(example.emphasized),
        verdict_view(example, evidence, t),
        bounds,
        grid(example, evidence.sweep, swept, t),
    )


def table_cell(matrix: Matrix, fmt: Format, cell: Cell, mode: Mode, t: Messages) -> str:
    """A cell of the table: its status links to the section, with the tab of the column's first mode selected."""
    parts = [status(cell.claim, t, link=f"#{tab_anchor(fmt, cell.operation, mode)}")]
    if cell.text:
        parts.append(t.markdown(cell.text, table=True))
    if cell.guide:
        parts.append(f"[{t.markdown(cell.guide.text, table=True)}]({matrix.url(cell.guide.link)})")
    anchor = tab_anchor(fmt, cell.operation, mode)
    if cell.snippets:
        parts.append(" ".join(f"[`{snippet.label}`](#{anchor})" for snippet in cell.snippets))
    return "<br>".join(parts)


def table_view(matrix: Matrix, fmt: Format, t: Messages, footnotes: list[str]) -> TableView:
    headings = [t.markdown("table.operation", table=True)]
    for column in fmt.columns:
        mark = ""
        if column.footnote:
            if column.footnote not in footnotes:
                footnotes.append(column.footnote)
            mark = f"[^{footnotes.index(column.footnote) + 1}]"
        headings.append(t.markdown(column.heading, table=True) + mark)
    rows = []
    for operation in matrix.operations.model.operations:
        row = [f"[{t.markdown(operation.name, table=True)}](#{section_anchor(fmt, operation.id)})"]
        for column in fmt.columns:
            first = next(mode for mode in matrix.modes.model.modes if mode.id == column.modes[0])
            row.append(table_cell(matrix, fmt, matrix.column_cell(fmt, operation.id, column.id), first, t))
        rows.append(tuple(row))
    note = t.markdown(fmt.table_note) if fmt.table_note else None
    return TableView(fmt.id, t.markdown(fmt.table_title), note, tuple(headings), tuple(rows))


def tab_view(matrix: Matrix, fmt: Format, cell: Cell, mode: Mode, t: Messages, evidence: Evidence) -> TabView:
    guide = None
    if cell.guide:
        guide = f"[{t.markdown(cell.guide.text)}]({matrix.url(cell.guide.link)})"
    found = evidence.of(Section(fmt.id, cell.operation), mode.id)
    snippets = {snippet.label: snippet for snippet in cell.snippets}
    views = [
        code_view(example, evidence, t, evidence.swept, (snippet,) if (snippet := snippets.get(example.label)) else ())
        for example in found
    ]
    counterexample = next((view for view, example in zip(views, found, strict=True) if example.counterexample), None)
    return TabView(
        anchor=tab_anchor(fmt, cell.operation, mode),
        label=mode.label,
        status=status(cell.claim, t),
        text=t.markdown(cell.text) if cell.text else None,
        snippets=tuple(view for view in views if view is not counterexample),
        counterexample=counterexample,
        verified=verified_on(
            [item for example in found for item in evidence.items[example.id]],
            evidence,
            section_anchor(fmt, cell.operation),
            t,
        ),
        notes=tuple(t.markdown(note) for note in cell.notes),
        guide=guide,
    )


@dataclass(frozen=True)
class ExampleView:
    """An example written on a page: a tab per mode or variant, each with its code and verdict."""

    tabs: tuple[CodeView, ...]  # each labelled as its tab is
    verified: str | None


def results_anchor(section: Section) -> str:
    """The id of an example's section on the page of results: 'tf1_hub-load', 'pages-modes-check'."""
    return section.id.replace("/", "-")


def example_view(matrix: Matrix, page: Page, block: ExampleBlock, t: Messages, evidence: Evidence) -> ExampleView:
    labels = {mode.id: mode.label for mode in matrix.modes.model.modes}
    section = Section(page.id, block.id, page=True)
    found = evidence.of(section)
    example = block.document.model
    tabs = tuple(
        code_view(one, evidence, t, evidence.swept, (example, tab), tab.label or labels[tab.mode])
        for one, tab in zip(found, example.tabs, strict=True)
    )
    items = [item for one in found for item in evidence.items[one.id]]
    return ExampleView(tabs, verified_on(items, evidence, results_anchor(section), t))


def format_view(matrix: Matrix, fmt: Format, t: Messages, footnotes: list[str], evidence: Evidence) -> FormatView:
    sections = tuple(
        SectionView(
            operation=operation.id,
            anchor=section_anchor(fmt, operation.id),
            title=t.markdown(operation.name),
            tabs=tuple(
                tab_view(matrix, fmt, matrix.cell(fmt, operation.id, mode.id), mode, t, evidence)
                for mode in matrix.modes.model.modes
            ),
        )
        for operation in matrix.operations.model.operations
    )
    return FormatView(
        id=fmt.id,
        name=t.markdown(fmt.name),
        summary=t.markdown(fmt.summary),
        table=table_view(matrix, fmt, t, footnotes),
        sections=sections,
    )


def example_name_views(matrix: Matrix, t: Messages) -> tuple[tuple[str, str], ...]:
    """Each name the examples use without defining it, in order of first use, with what it stands for."""
    names = dict.fromkeys(name for fmt in matrix.ordered_formats() for _, _, name in example_names(fmt))
    return tuple((code_span(name), t.markdown(PREFIX + name)) for name in names)


def mode_views(matrix: Matrix, t: Messages) -> tuple[ModeView, ...]:
    return tuple(
        ModeView(
            anchor=mode.id,
            label=mode.label,
            name=t.markdown(mode.name),
            summary=t.markdown(mode.summary),
            when=t.markdown(mode.when, table=True),
            prelude=CodeView(mode.label, mode.prelude.rstrip(), highlight_lines(mode.emphasis)),
        )
        for mode in matrix.modes.model.modes
    )


@dataclass(frozen=True)
class Choice:
    group: str  # format, operation or mode
    value: str
    text: str  # plain text, escaped for HTML
    checked: bool


@dataclass(frozen=True)
class ChooserView:
    """The home page's chooser: a choice of format, operation and mode, and every answer it can give."""

    groups: tuple[tuple[str, tuple[Choice, ...]], ...]  # (legend, choices)
    answers: tuple[tuple[str, str, TabView], ...]  # (format, operation, tab)


def chooser_view(matrix: Matrix, formats: list[FormatView], t: Messages) -> ChooserView:
    def choices(group: str, values: list[tuple[str, str]]) -> tuple[Choice, ...]:
        return tuple(Choice(group, value, html.escape(text), index == 0) for index, (value, text) in enumerate(values))

    groups = (
        (t.markdown("chooser.format"), choices("format", [(f.id, t.plain(f.name)) for f in matrix.ordered_formats()])),
        (
            t.markdown("chooser.operation"),
            choices("operation", [(o.id, t.plain(o.name)) for o in matrix.operations.model.operations]),
        ),
        (t.markdown("chooser.mode"), choices("mode", [(m.label, m.label) for m in matrix.modes.model.modes])),
    )
    answers = tuple(
        (fmt.id, section.operation, tab) for fmt in formats for section in fmt.sections for tab in section.tabs
    )
    return ChooserView(groups, answers)
