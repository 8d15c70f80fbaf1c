"""The validated matrix: typed models, each kept with the source it was read from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from .model import Catalog, Cell, Format, GlossaryFile, LinksFile, Mode, ModesFile, Operation, OperationsFile, SiteFile
from .yaml_source import Source

T = TypeVar("T")


@dataclass(frozen=True)
class Document(Generic[T]):
    source: Source
    model: T


@dataclass(frozen=True)
class Matrix:
    site: Document[SiteFile]
    modes: Document[ModesFile]
    operations: Document[OperationsFile]
    links: Document[LinksFile]
    glossary: Document[GlossaryFile]
    formats: tuple[Document[Format], ...]
    catalogs: dict[str, Document[Catalog]]

    @property
    def locales(self) -> tuple[str, ...]:
        return self.site.model.locales

    @property
    def default_locale(self) -> str:
        return self.site.model.default_locale

    def ordered_formats(self) -> list[Format]:
        by_id = {doc.model.id: doc.model for doc in self.formats}
        return [by_id[format_id] for format_id in self.site.model.formats]

    def mode(self, mode_id: str) -> Mode:
        return next(mode for mode in self.modes.model.modes if mode.id == mode_id)

    def operation(self, operation_id: str) -> Operation:
        return next(op for op in self.operations.model.operations if op.id == operation_id)

    def url(self, link_id: str) -> str:
        return next(link.url for link in self.links.model.links if link.id == link_id)

    def messages(self, locale: str) -> dict[str, str]:
        return self.catalogs[locale].model.messages


def cell_for(fmt: Format, operation_id: str, mode_id: str) -> Cell:
    """The cell of a format that says how an operation fares in a mode."""
    column = next(column for column in fmt.columns if mode_id in column.modes)
    return next(cell for cell in fmt.cells if cell.operation == operation_id and cell.column == column.id)


def message_references(matrix: Matrix) -> list[tuple[Document, tuple, str]]:
    """Every message id the matrix names, with the document and path that name it."""
    refs: list[tuple[Document, tuple, str]] = []

    def add(doc: Document, path: tuple, message_id: str | None) -> None:
        if message_id is not None:
            refs.append((doc, path, message_id))

    for i, mode in enumerate(matrix.modes.model.modes):
        add(matrix.modes, ("modes", i, "name"), mode.name)
        add(matrix.modes, ("modes", i, "summary"), mode.summary)
        add(matrix.modes, ("modes", i, "when"), mode.when)
    for i, operation in enumerate(matrix.operations.model.operations):
        add(matrix.operations, ("operations", i, "name"), operation.name)
    for doc in matrix.formats:
        fmt = doc.model
        for key in ("name", "summary", "table_title", "table_note"):
            add(doc, (key,), getattr(fmt, key))
        for i, column in enumerate(fmt.columns):
            add(doc, ("columns", i, "heading"), column.heading)
            add(doc, ("columns", i, "footnote"), column.footnote)
        for i, cell in enumerate(fmt.cells):
            add(doc, ("cells", i, "text"), cell.text)
            if cell.guide:
                add(doc, ("cells", i, "guide", "text"), cell.guide.text)
            for j, note in enumerate(cell.notes):
                add(doc, ("cells", i, "notes", j), note)
    return refs
