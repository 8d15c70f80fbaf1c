"""Read every file under matrix/, check each against its model, and assemble the Matrix.

This is the boundary: past `load_matrix`, nothing re-checks the data's shape.
"""

from __future__ import annotations

import copy
import os
from dataclasses import replace
from pathlib import Path

from ..problems import Failure, Place, Problem, display_path
from .documents import Document, Matrix, MessageUse
from .model import SCHEMAS, SiteFile
from .pages import BLOCK_ID as PAGE_ID
from .pages import HOME, PART_LINKS, Page, Part, read_page
from .pages import PREFIX as PAGE_PREFIX
from .rules import run_rules
from .shape import validate
from .yaml_source import read_source

MODELINE = "# yaml-language-server: $schema="
SINGLE_FILES = {
    "site.yaml": "site",
    "modes.yaml": "modes",
    "operations.yaml": "operations",
    "links.yaml": "links",
    "glossary.yaml": "glossary",
    "runtimes.yaml": "runtimes",
}
FOLDERS = {"formats": "format", "locales": "catalog"}
PAGES_FOLDER = "pages"  # Markdown, read by load_pages


def schema_path(matrix_dir: Path, kind: str) -> Path:
    return matrix_dir / "schema" / f"{kind}.schema.json"


def matrix_files(matrix_dir: Path) -> list[tuple[Path, str | None]]:
    """Every YAML file under matrix/, with the kind it holds (None: a file nothing reads)."""
    found = []
    for path in sorted(matrix_dir.rglob("*")):
        if path.suffix not in (".yaml", ".yml") or not path.is_file():
            continue
        relative = path.relative_to(matrix_dir)
        if len(relative.parts) == 1:
            found.append((path, SINGLE_FILES.get(relative.name)))
        else:
            found.append((path, FOLDERS.get(relative.parts[0]) if len(relative.parts) == 2 else None))
    return found


def load_documents(matrix_dir: Path, root: Path) -> tuple[dict[Path, Document], list[Problem]]:
    """Parse and shape-check every file; returns the good documents and every problem met."""
    documents: dict[Path, Document] = {}
    problems: list[Problem] = []
    present = set()
    for path, kind in matrix_files(matrix_dir):
        file = display_path(path, root)
        if kind is None:
            problems.append(
                Problem(
                    Place(file),
                    "no part of the site reads this file",
                    "move it to formats/ or locales/, or rename it; see CONTRIBUTING.md",
                )
            )
            continue
        present.add(path.relative_to(matrix_dir).parts[0])
        source, found = read_source(path, file)
        problems += found
        if source is None:
            continue
        problems += _modeline_problems(source.lines, path, file, kind, matrix_dir)
        model, found = validate(source, SCHEMAS[kind])
        problems += found
        if model is not None:
            documents[path] = Document(source, model)
    for name in [*SINGLE_FILES, *FOLDERS]:
        if name not in present:
            problems.append(
                Problem(
                    Place(display_path(matrix_dir / name, root)),
                    "missing from the matrix",
                    "restore it from version control",
                )
            )
    return documents, problems


def _modeline_problems(lines: list[str], path: Path, file: str, kind: str, matrix_dir: Path) -> list[Problem]:
    """A line that names a schema for editors must name the file's own. A file without one is read
    all the same: it is a comment, which a writer may remove (the editor then checks nothing)."""
    expected = MODELINE + os.path.relpath(schema_path(matrix_dir, kind), path.parent).replace(os.sep, "/")
    return [
        Problem(Place(file, number), "the line names another schema than the file's", f"make it '{expected}'")
        for number, line in enumerate(lines, start=1)
        if line.strip().startswith(MODELINE) and line.strip() != expected
    ]


def load_pages(
    matrix_dir: Path, root: Path, site: Document[SiteFile], *, shown: bool = True
) -> tuple[tuple[Page, ...], list[Problem]]:
    """The pages matrix/site.yaml lists, each read from matrix/pages/<id>.md, in its order; a
    problem with the list is placed at its entry in matrix/site.yaml. A site that is `shown` needs
    its home page; verification, which shows no page, does not."""
    folder = matrix_dir / PAGES_FOLDER
    pages: list[Page] = []
    problems: list[Problem] = []
    listed_at: dict[str, Place] = {}
    for index, page_id in enumerate(site.model.pages):
        path = folder / f"{page_id}.md"
        file = display_path(path, root)
        entry = site.source.place(("pages", index))
        first = listed_at.setdefault(page_id, entry)
        if first != entry:
            problems.append(
                Problem(entry, f"page '{page_id}' is listed twice (first at line {first.line})", "list each page once")
            )
        elif not path.is_file():
            problems.append(
                Problem(
                    entry,
                    f"page '{page_id}' is listed, but {file} does not exist",
                    f"write {file}, or remove '{page_id}' from pages",
                )
            )
        else:
            page, found = read_page(path, file)
            problems += found
            if page is not None:
                pages.append(page)
    if shown and HOME not in site.model.pages:
        problems.append(
            Problem(
                site.source.place(("pages",)),
                f"the pages lack '{HOME}', the page each language opens with",
                f"add '{HOME}' to pages, and write {display_path(folder / (HOME + '.md'), root)}",
            )
        )
    if shown and not problems:  # a page that could not be read places no part: say nothing of those
        problems += _part_problems(pages)
    listed = set(site.model.pages)
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix in (".yaml", ".yml"):
                continue  # matrix_files says what to do with those
            if path.suffix != ".md" or path.stem not in listed:
                problems.append(
                    Problem(Place(display_path(path, root)), "no part of the site reads this file", _unread_fix(path))
                )
    return tuple(pages), problems


def _part_problems(pages: list[Page]) -> list[Problem]:
    """Each part is placed once, and the parts a part links to are placed too."""
    problems = []
    placed: dict[str, Place] = {}
    for page in pages:
        for block in page.blocks:
            if isinstance(block, Part):
                first = placed.setdefault(block.name, block.place)
                if first != block.place:
                    problems.append(
                        Problem(
                            block.place,
                            f"the {block.name} part is placed twice (first at {first})",
                            "place each part once",
                        )
                    )
    for name, place in placed.items():
        problems += [
            Problem(
                place,
                f"the {name} part links to the {needed} part, which no page places",
                f"place ```{{{needed}}} on a page",
            )
            for needed in PART_LINKS.get(name, ())
            if needed not in placed
        ]
    return problems


def _unread_fix(path: Path) -> str:
    if path.suffix != ".md" or not path.is_file():
        return "remove it; matrix/pages/ holds the pages, <id>.md each"
    if not PAGE_ID.match(path.stem):
        return "rename it <id>.md (lower case letters, digits and '_'), and add the id to pages in matrix/site.yaml"
    return f"add '{path.stem}' to pages in matrix/site.yaml, or remove the file"


def with_pages(matrix: Matrix, pages: tuple[Page, ...]) -> Matrix:
    """The matrix with its pages, their English text joined to the default catalog as its messages:
    from there they are translated, checked and shown like every other message, each placed in its page."""
    default = matrix.catalogs.get(matrix.default_locale)
    if default is None or not pages:
        return replace(matrix, pages=pages)
    source = copy.copy(default.source)
    source.places, source.key_places = dict(source.places), dict(source.key_places)
    messages = dict(default.model.messages)
    for page in pages:
        for text in page.texts():
            messages[text.id] = text.english
            source.places[("messages", text.id)] = source.key_places[("messages", text.id)] = text.place
    catalog = Document(source, default.model.model_copy(update={"messages": messages}))
    return replace(matrix, pages=pages, catalogs={**matrix.catalogs, matrix.default_locale: catalog})


def assemble(matrix_dir: Path, documents: dict[Path, Document]) -> Matrix:
    def single(name: str) -> Document:
        return documents[matrix_dir / name]

    def folder(name: str) -> list[tuple[str, Document]]:
        return [(path.stem, doc) for path, doc in sorted(documents.items()) if path.parent == matrix_dir / name]

    return Matrix(
        site=single("site.yaml"),
        modes=single("modes.yaml"),
        operations=single("operations.yaml"),
        links=single("links.yaml"),
        runtimes=single("runtimes.yaml"),
        glossary=single("glossary.yaml"),
        formats=tuple(doc for _, doc in folder("formats")),
        catalogs=dict(folder("locales")),
    )


def _page_ids_in_catalog(matrix: Matrix) -> list[Problem]:
    """The English of a page is written in the page: the default catalog holds none of it."""
    default = matrix.catalogs.get(matrix.default_locale)
    if default is None:
        return []
    return [
        Problem(
            default.source.place(("messages", message_id), key=True),
            f"'{message_id}' is a message of a page: its English is written in matrix/pages/",
            "remove it here, and write the text in the page",
        )
        for message_id in default.model.messages
        if message_id.startswith(PAGE_PREFIX + ".")
    ]


NO_MESSAGES_ASKED = MessageUse()  # the catalogs are checked, for the messages the matrix names only


def load_matrix(matrix_dir: Path, root: Path, use: MessageUse | None = NO_MESSAGES_ASKED) -> Matrix:
    """The whole matrix, checked; raises Failure listing every problem found."""
    documents, problems = load_documents(matrix_dir, root)
    if problems:
        raise Failure(problems)
    matrix = assemble(matrix_dir, documents)
    pages, problems = load_pages(matrix_dir, root, matrix.site, shown=use is not None)
    problems += _page_ids_in_catalog(matrix)
    if problems:
        raise Failure(problems)
    matrix = with_pages(matrix, pages)
    problems = run_rules(matrix, use)
    if problems:
        raise Failure(problems)
    return matrix
