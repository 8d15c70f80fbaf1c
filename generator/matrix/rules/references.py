"""Every id the matrix names must exist: modes, operations, columns, links, formats, locales, messages."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from ...problems import Problem
from ..documents import Document, Matrix, MessageUse, message_references
from ..yaml_source import DataPath

KNOWN_SHOWN = 12  # beyond that, a list of every known id hides the fix


def unknown(doc: Document, path: DataPath, what: str, value: str, known: Iterable[str], where: str) -> Problem:
    known = sorted(known)
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    if close:
        fix = f"did you mean '{close[0]}'?"
    elif known and len(known) <= KNOWN_SHOWN:
        fix = f"known: {', '.join(known)}"
    else:
        fix = f"add it to {where}"
    return Problem(doc.source.place(path), f"unknown {what} '{value}'", fix)


def check(matrix: Matrix, use: MessageUse | None) -> Iterator[Problem]:
    site = matrix.site
    modes = {mode.id for mode in matrix.modes.model.modes}
    operations = {op.id for op in matrix.operations.model.operations}
    format_ids = {doc.model.id for doc in matrix.formats}
    default_messages = matrix.catalogs.get(site.model.default_locale)

    for i, format_id in enumerate(site.model.formats):
        if format_id not in format_ids:
            yield unknown(site, ("formats", i), "format", format_id, format_ids, "matrix/formats/")
    for i, locale in enumerate(site.model.locales):
        if locale not in matrix.catalogs:
            yield Problem(
                site.source.place(("locales", i)),
                f"locale '{locale}' has no catalog",
                f"add matrix/locales/{locale}.yaml",
            )
    if site.model.default_locale not in site.model.locales:
        yield unknown(site, ("default_locale",), "locale", site.model.default_locale, site.model.locales, "locales")

    for stem, catalog in matrix.catalogs.items():
        if catalog.model.locale != stem:
            yield Problem(
                catalog.source.place(("locale",)),
                f"locale '{catalog.model.locale}' does not match the file name '{stem}.yaml'",
                f"write 'locale: {stem}' or rename the file",
            )
        elif stem not in site.model.locales:
            yield Problem(
                catalog.source.place(("locale",)),
                f"locale '{stem}' is not built",
                f"add '{stem}' to locales in matrix/site.yaml",
            )

    for doc in matrix.formats:
        fmt = doc.model
        stem = PurePosixPath(doc.source.file).stem
        if fmt.id != stem:
            yield Problem(
                doc.source.place(("id",)),
                f"format id '{fmt.id}' does not match the file name '{stem}.yaml'",
                f"write 'id: {stem}' or rename the file",
            )
        elif fmt.id not in site.model.formats:
            yield Problem(
                doc.source.place(("id",)),
                f"format '{fmt.id}' is not listed in matrix/site.yaml",
                f"add '{fmt.id}' to formats in matrix/site.yaml",
            )
        columns = {column.id for column in fmt.columns}
        for i, column in enumerate(fmt.columns):
            for j, mode in enumerate(column.modes):
                if mode not in modes:
                    yield unknown(doc, ("columns", i, "modes", j), "mode", mode, modes, "matrix/modes.yaml")
        for i, cell in enumerate(fmt.cells):
            if cell.operation not in operations:
                yield unknown(
                    doc, ("cells", i, "operation"), "operation", cell.operation, operations, "matrix/operations.yaml"
                )
            if cell.column not in columns:
                yield unknown(doc, ("cells", i, "column"), "column", cell.column, columns, "columns")
            if cell.guide and cell.guide.link not in matrix.urls:
                yield unknown(
                    doc,
                    ("cells", i, "guide", "link"),
                    "link",
                    cell.guide.link,
                    matrix.urls,
                    "matrix/links.yaml and the pages",
                )

    for _, block in matrix.page_examples():
        for i, tab in enumerate(block.document.model.tabs):
            if tab.mode not in modes:
                yield unknown(block.document, ("tabs", i, "mode"), "mode", tab.mode, modes, "matrix/modes.yaml")

    if default_messages is not None and use is not None:
        known = default_messages.model.messages
        for doc, path, message_id in message_references(matrix):
            if message_id not in known:
                yield unknown(doc, path, "message", message_id, known, default_messages.source.file)
