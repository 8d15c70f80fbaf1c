"""Ids must be unique where they name things: modes, operations, links, formats, columns, labels,
the tabs of an example on a page."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ...problems import Problem
from ..documents import Document, Matrix, MessageUse
from ..examples import CODE
from ..yaml_source import DataPath


def duplicates(doc: Document, items: Iterable[tuple[DataPath, str]], what: str) -> Iterator[Problem]:
    """One problem for every repeat of a value, pointing at the repeat and naming the first."""
    first: dict[str, DataPath] = {}
    for path, value in items:
        if value in first:
            line = doc.source.place(first[value]).line
            yield Problem(
                doc.source.place(path),
                f"duplicate {what} '{value}' (first at line {line})",
                f"give each {what} its own value",
            )
        else:
            first[value] = path


def check(matrix: Matrix, _use: MessageUse) -> Iterator[Problem]:
    modes = matrix.modes
    yield from duplicates(modes, (((("modes", i, "id")), m.id) for i, m in enumerate(modes.model.modes)), "mode id")
    yield from duplicates(
        modes, ((("modes", i, "label"), m.label) for i, m in enumerate(modes.model.modes)), "tab label"
    )
    ops = matrix.operations
    yield from duplicates(
        ops, ((("operations", i, "id"), o.id) for i, o in enumerate(ops.model.operations)), "operation id"
    )
    links = matrix.links
    yield from duplicates(links, ((("links", i, "id"), link.id) for i, link in enumerate(links.model.links)), "link id")
    site = matrix.site
    yield from duplicates(site, ((("locales", i), locale) for i, locale in enumerate(site.model.locales)), "locale")
    yield from duplicates(site, ((("formats", i), f) for i, f in enumerate(site.model.formats)), "format")
    terms = matrix.glossary
    yield from duplicates(terms, ((("terms", i, "term"), t.term) for i, t in enumerate(terms.model.terms)), "term")

    seen_formats: dict[str, Document] = {}
    for doc in matrix.formats:
        fmt = doc.model
        if fmt.id in seen_formats:
            yield Problem(
                doc.source.place(("id",)),
                f"duplicate format id '{fmt.id}' (also in {seen_formats[fmt.id].source.file})",
                "give each format file its own id",
            )
        seen_formats.setdefault(fmt.id, doc)
        yield from duplicates(doc, ((("columns", i, "id"), c.id) for i, c in enumerate(fmt.columns)), "column id")
        yield from duplicates(
            doc, ((("cells", i), f"{c.operation} / {c.column}") for i, c in enumerate(fmt.cells)), "cell"
        )
        for i, cell in enumerate(fmt.cells):
            yield from duplicates(
                doc,
                ((("cells", i, "snippets", j, "label"), s.label) for j, s in enumerate(cell.snippets)),
                "snippet label",
            )
    labels = {mode.id: mode.label for mode in modes.model.modes}
    for _, block in matrix.page_examples():
        # A tab is named twice: on the page (its label, else its mode's) and in its items' ids (its label, else CODE).
        first: dict[tuple[str, str, str], int] = {}
        for i, tab in enumerate(block.document.model.tabs):
            shown = tab.label or labels.get(tab.mode, tab.mode)
            keys = [(tab.mode, "shown", shown), (tab.mode, "id", tab.label or CODE)]
            taken = next((key for key in keys if key in first), None)
            if taken:
                yield Problem(
                    block.document.source.place(("tabs", i)),
                    f"a second tab '{shown}' in mode {tab.mode} "
                    f"(first at line {block.document.source.place(('tabs', first[taken])).line})",
                    "give each tab of the same mode a label of its own, such as 'label: Keras 3'",
                )
            for key in keys:
                first.setdefault(key, i)
