"""The validated matrix: typed models, each kept with the source it was read from."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .example_names import PREFIX, example_names
from .model import Catalog, Cell, Format, GlossaryFile, LinksFile, ModesFile, OperationsFile, RuntimesFile, SiteFile
from .pages import HOME, ExampleBlock, Page
from .shape import Document
from .translations import shown_messages


@dataclass(frozen=True)
class MessageUse:
    """Messages the rendering asks for beyond those the matrix names.

    `plain` ones end up in places that show text as it is (titles, names in the interface), so
    they may hold no markup at all.
    """

    used: frozenset[str] = frozenset()
    plain: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Matrix:
    site: Document[SiteFile]
    modes: Document[ModesFile]
    operations: Document[OperationsFile]
    links: Document[LinksFile]
    runtimes: Document[RuntimesFile]
    glossary: Document[GlossaryFile]
    formats: tuple[Document[Format], ...]
    catalogs: dict[str, Document[Catalog]]
    pages: tuple[Page, ...] = ()

    @property
    def locales(self) -> tuple[str, ...]:
        return self.site.model.locales

    @property
    def default_locale(self) -> str:
        return self.site.model.default_locale

    @property
    def page_files(self) -> tuple[str, ...]:
        """Each page's file under a language's folder of docs/, in the order of the navigation."""
        return tuple(f"{page.id}.md" for page in self.pages)

    @property
    def home(self) -> Page:
        """The page each language opens with (matrix/pages/index.md; the loader makes sure it exists)."""
        return next(page for page in self.pages if page.id == HOME)

    def page_examples(self) -> list[tuple[Page, ExampleBlock]]:
        """Every example written on a page, page by page."""
        return [(page, block) for page in self.pages for block in page.examples()]

    def ordered_documents(self) -> list[Document[Format]]:
        """The format files in the order the site shows them."""
        by_id = {doc.model.id: doc for doc in self.formats}
        return [by_id[format_id] for format_id in self.site.model.formats]

    def ordered_formats(self) -> list[Format]:
        return [doc.model for doc in self.ordered_documents()]

    @cached_property
    def urls(self) -> dict[str, str]:
        """Where each link id of a message leads: a link of matrix/links.yaml, or a page of the site,
        as a link from another page (`page_id`, `page_id#anchor`)."""
        found = {link.id: link.url for link in self.links.model.links}
        for page in self.pages:
            found[page.id] = f"{page.id}.md"
            found |= {f"{page.id}#{anchor}": f"{page.id}.md#{anchor}" for anchor in page.anchors()}
        return found

    def url(self, link_id: str) -> str:
        return self.urls[link_id]

    def links_to(self, target: str) -> bool:
        """Whether a message may link to `target`: a link id, a page, a heading of a page, or any place
        on a page that shows a part the generator makes (the build checks those places)."""
        page, _, anchor = target.partition("#")
        parted = {found.id for found in self.pages if found.parts()}
        return target in self.urls or (page in parted and bool(anchor))

    @cached_property
    def _column_of(self) -> dict[tuple[str, str], str]:
        return {
            (doc.model.id, mode): column.id
            for doc in self.formats
            for column in doc.model.columns
            for mode in column.modes
        }

    @cached_property
    def _cells(self) -> dict[tuple[str, str, str], Cell]:
        return {(doc.model.id, cell.operation, cell.column): cell for doc in self.formats for cell in doc.model.cells}

    def messages(self, locale: str) -> dict[str, str]:
        """What a language's pages show: its current translations, and English where it has none."""
        return shown_messages(self, locale)

    def column_cell(self, fmt: Format, operation_id: str, column_id: str) -> Cell:
        """The cell in a format's table row for an operation and one of its columns."""
        return self._cells[(fmt.id, operation_id, column_id)]

    def cell(self, fmt: Format, operation_id: str, mode_id: str) -> Cell:
        """The cell of a format that says how an operation fares in a mode."""
        return self.column_cell(fmt, operation_id, self._column_of[(fmt.id, mode_id)])


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
        for i, path, name in example_names(fmt):
            add(doc, ("cells", i, *path), PREFIX + name)
    english = matrix.catalogs.get(matrix.default_locale)
    if english is not None:  # the pages' messages are named in the default catalog, placed in their pages
        for page in matrix.pages:
            for text in page.texts():
                add(english, ("messages", text.id), text.id)
    return refs
