"""Pages written as Markdown under matrix/pages/, read into blocks that each carry a message.

A page is CommonMark, parsed by markdown-it-py: headings, paragraphs, lists, tables, notes written
as MyST fenced directives (```` ```{note} Title ````), and directives that place a part the
generator makes from the matrix (```` ```{compatibility} ````: see PARTS), and verified examples
(```` ```{example} its_id ```` over YAML: hidden setup and checks, a claim, bounds, and a tab per mode
or variant, each checked like a matrix cell and placed at the page's own lines). An optional front matter
gives the page's shorter name in the navigation (`nav: Home`). Every block a reader sees as text is
one message, translated like the catalogs' messages: its id is the page's, then the block's own,
written by the writer on the line above it (`{#intro}`) or after a heading's text
(`## Loading {#loading}`), so the id stays when the text is reworded or the block is moved. A list's
items and a table's cells take the list's or table's id and their position (`steps.2`,
`formats.1.2`). The English text is the page's; the translations live in matrix/locales/.

The text of a block is message markup: `code` spans, links by id (`[words][link_id]`, an id of
matrix/links.yaml, or a page's id, with `#anchor` for a place on it), and nothing that needs HTML.
A page holds no HTML, no address of a link or an image (the addresses live in matrix/links.yaml,
where they are checked), and a list item is one paragraph: each is refused, placed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_block_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from ..problems import Place, Problem
from . import markup
from .model import PageExample
from .shape import Document, validate
from .yaml_source import parse_source

PREFIX = "page"  # message ids of pages: page.<page id>.<block id>
HOME = "index"  # the page a language opens with

# The parts the generator makes from the matrix, each placed on a page by a directive of its name.
PARTS = {
    "chooser": "the chooser: format, operation and mode, answered with the code",
    "versions": "your versions: TensorFlow, tensorflow_hub and Keras, answered from the release sweep",
    "modes-guide": "a table from what a program does to its TensorFlow mode",
    "formats": "the formats, each with its summary",
    "example-names": "the names the examples use, each explained",
    "compatibility": "each format's table, and a section per operation with the code of each mode",
    "modes": "a section per TensorFlow mode, with its prelude",
    "verification-summary": "the date of the report, and how many examples it confirmed",
    "runtimes": "the table of the runtimes the examples ran in",
    "results": "every item of the report, per format and operation",
    "sweep": "the release sweep: every TensorFlow and tensorflow_hub pair",
}
# The parts each part links to: they must be placed too.
PART_LINKS = {
    "chooser": ("compatibility",),
    "versions": ("compatibility",),
    "modes-guide": ("modes",),
    "compatibility": ("modes",),
}
FRONT_MATTER_KEYS = {
    "nav": "the page's name in the navigation, when shorter than its title",
    "description": "one or two sentences on what the page holds, which search engines show under its title",
}
FRONT_MATTER_EXAMPLE = (
    "write 'description: What the page holds.' (and 'nav: Name' if the title is long) between the two '---' lines"
)
BLOCK_ID = re.compile(r"^[a-z][a-z0-9_]*$")
HEADING_ID = re.compile(r"\s*\{#([^{}\s]*)\}\s*$")
DIRECTIVE = re.compile(r"^\{([a-z][a-z0-9_-]*)\}\s*(.*)$")
NOTES = ("note", "tip", "warning")  # the directives a writer may put text in (Material's admonitions)
EXAMPLE = "example"  # the directive of an example: ```{example} id, then its tabs in YAML
MAX_PAGE_BYTES = 1_000_000
MAX_NESTING = 4  # notes inside notes: a page needs one level
MAX_NUL_PROBLEMS = 20  # lines with a NUL reported; a binary file pasted in needs no more


@dataclass(frozen=True)
class Text:
    """One block of text a reader sees: a message, with its English and where it is written."""

    id: str
    english: str
    place: Place


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    text: Text


@dataclass(frozen=True)
class Paragraph:
    text: Text


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[Text, ...]


@dataclass(frozen=True)
class Table:
    align: tuple[str, ...]  # per column: "left", "right", "center" or ""
    header: tuple[Text, ...]
    rows: tuple[tuple[Text, ...], ...]


@dataclass(frozen=True)
class Note:
    kind: str  # one of NOTES
    title: Text | None
    body: tuple[Block, ...]


@dataclass(frozen=True)
class Part:
    """A part the generator makes from the matrix, placed by a directive (```` ```{name} ````)."""

    name: str
    place: Place


@dataclass(frozen=True)
class ExampleBlock:
    """An example on a page (```` ```{example} id ````): its tabs, written in YAML inside the fence,
    run and verified like a cell's snippets. Code is never translated, so it holds no message."""

    id: str
    place: Place
    document: Document[PageExample]


Block = Heading | Paragraph | ListBlock | Table | Note | Part | ExampleBlock


@dataclass(frozen=True)
class Page:
    """A page of the site, written in Markdown: its id (the file's name), its file and its blocks."""

    id: str
    file: str
    blocks: tuple[Block, ...]
    nav: Text | None = None  # the name in the navigation, when not the title
    description: Text | None = None  # what search engines show under the title (rules/descriptions.py)

    @property
    def title(self) -> Text:
        """The page's `#` heading: its title, and its name in the navigation."""
        first = self.blocks[0]
        assert isinstance(first, Heading) and first.level == 1  # parse_page makes sure
        return first.text

    @property
    def name(self) -> Text:
        """The page's name in the navigation."""
        return self.nav or self.title

    def texts(self) -> Iterator[Text]:
        """Every message of the page, in reading order."""
        yield from (text for text in (self.nav, self.description) if text)
        yield from _texts(self.blocks)

    def parts(self) -> frozenset[str]:
        """The names of the parts the page places."""
        return frozenset(block.name for block in self.blocks if isinstance(block, Part))

    def examples(self) -> tuple[ExampleBlock, ...]:
        """The examples on the page, in reading order."""
        return tuple(block for block in self.blocks if isinstance(block, ExampleBlock))

    def anchors(self) -> frozenset[str]:
        """The places on the page a link can lead to: its headings."""
        return frozenset(block.anchor for block in _all_blocks(self.blocks) if isinstance(block, Heading))


def _all_blocks(blocks: tuple[Block, ...]) -> Iterator[Block]:
    for block in blocks:
        yield block
        if isinstance(block, Note):
            yield from _all_blocks(block.body)


def _texts(blocks: tuple[Block, ...]) -> Iterator[Text]:
    for block in blocks:
        if isinstance(block, Heading | Paragraph):
            yield block.text
        elif isinstance(block, ListBlock):
            yield from block.items
        elif isinstance(block, Table):
            yield from block.header
            for row in block.rows:
                yield from row
        elif isinstance(block, Note):
            if block.title:
                yield block.title
            yield from _texts(block.body)


def _parser() -> MarkdownIt:
    # HTML is parsed, to be refused: read as text, it would show on the page as written.
    return MarkdownIt("commonmark", {"html": True}).enable("table").use(attrs_block_plugin).use(front_matter_plugin)


# What the text of a block may hold beyond words: the inline tokens markdown-it makes for them.
INLINE = frozenset(
    {"text", "code_inline", "softbreak", "hardbreak", "em_open", "em_close", "strong_open", "strong_close"}
)


@dataclass
class _Reader:
    """One page's parse: the blocks of a token stream, and every problem met."""

    page: str
    file: str
    problems: list[Problem] = field(default_factory=list)
    seen: dict[str, Place] = field(default_factory=dict)  # block id -> where it is first given
    nav: Text | None = None
    description: Text | None = None

    def problem(self, place: Place, what: str, fix: str) -> None:
        self.problems.append(Problem(place, what, fix))

    def parse(self, text: str, line_offset: int) -> list[Token]:
        """The tokens of `text`, which starts on line `line_offset` + 1 of the file; a link's address
        defined in it (`[id]: https://...`) is refused, as markdown-it keeps it out of the tokens."""
        env: dict = {}
        tokens = _parser().parse(text, env)
        for definition in env.get("references", {}).values():
            line = line_offset + definition["map"][0] + 1 if definition.get("map") else line_offset + 1
            self.problem(
                Place(self.file, line, 1),
                "a page cannot give a link's address",
                "add the address to matrix/links.yaml with an id, and link to it by id: [words][link_id]",
            )
        return tokens

    def inline(self, token: Token | None, place: Place) -> str:
        """The text of a block, from its inline token: markup a message may hold, and nothing else."""
        if token is None:
            return ""
        line = place.line
        for child in token.children or ():
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "html_inline":
                self.problem(
                    Place(self.file, line, 1),
                    f"a page cannot hold HTML ({child.content.strip()[:40]})",
                    "write Markdown: `code`, *emphasis*, **strong**, and links by id",
                )
            elif child.type in ("link_open", "image") or (child.type == "text" and "](" in child.content):
                # markdown-it leaves a link it finds unsafe (`javascript:`) as text, which MkDocs would link
                address = child.attrs.get("href", "") if child.type == "link_open" else child.content
                what = "an image" if child.type == "image" else f"the address of a link ({address})"
                self.problem(
                    Place(self.file, line, 1),
                    f"a page cannot hold {what}",
                    "link by id, [words][link_id], with the address in matrix/links.yaml",
                )
            elif child.type not in INLINE and not child.type.startswith("link_"):
                self.problem(Place(self.file, line, 1), f"a page's text cannot hold {_kind(child)}", "write it as text")
        return token.content

    def text(self, block_id: str, english: str, place: Place) -> Text:
        if not english.strip():
            self.problem(place, "the block has no text", "write its text, or remove it")
        for piece in markup.flat(english):
            if piece.kind == "slot":  # a catalog's message gets its {placeholder} from the generator; a page's, none
                self.problem(
                    place,
                    f"a page's text cannot hold a placeholder ('{{{piece.text}}}')",
                    "write it as `code`, or without the braces",
                )
        # Lines of a paragraph are joined as Markdown joins them: rewrapping changes no message.
        joined = " ".join(line.strip() for line in english.strip().splitlines())
        return Text(f"{PREFIX}.{self.page}.{block_id}", joined, place)

    def block_id(self, token: Token, place: Place, what: str) -> str | None:
        found = token.attrs.get("id")
        if not isinstance(found, str):
            self.problem(
                place,
                f"the {what} has no id",
                "write an id for it on the line above, such as {#intro} (lower case letters, digits and '_'); "
                "its translations are kept under that id",
            )
            return None
        if not BLOCK_ID.match(found):
            self.problem(
                place,
                f"the id '{found}' is not an id",
                "use lower case letters, digits and '_', starting with a letter, such as {#first_steps}",
            )
            return None
        first = self.seen.setdefault(found, place)
        if first != place:
            self.problem(
                place,
                f"the id '{found}' is used twice on the page (first at line {first.line})",
                "give each block an id of its own",
            )
        return found

    def blocks(self, tokens: list[Token], line_offset: int, depth: int) -> tuple[Block, ...]:
        found: list[Block] = []
        index = 0
        while index < len(tokens):
            token = tokens[index]
            place = Place(self.file, line_offset + (token.map[0] if token.map else 0) + 1, 1)
            end = _closing(tokens, index)
            inner = tokens[index + 1 : end]
            block: Block | None
            if token.type == "heading_open":
                block = self.heading(token, inner, place)
            elif token.type == "paragraph_open":
                block = self.paragraph(token, inner, place)
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                block = self.list_block(token, inner, place, line_offset)
            elif token.type == "table_open":
                block = self.table(token, inner, place)
            elif token.type == "fence":
                block = self.directive(token, place, line_offset, depth)
            elif token.type == "front_matter" and not depth and index == 0:
                self.front_matter(token, place)
                block = None
            else:
                block = None
                self.problem(
                    place,
                    f"a page cannot hold {_kind(token)}",
                    "write headings, paragraphs, lists, tables and notes (```{note}); code belongs in an example",
                )
            if block is not None:
                found.append(block)
            index = end + 1
        return tuple(found)

    def heading(self, token: Token, inner: list[Token], place: Place) -> Heading | None:
        content = self.inline(inner[0] if inner else None, place)
        written = HEADING_ID.search(content)
        if written:
            token.attrs["id"] = written[1]
            content = content[: written.start()]
        block_id = self.block_id(token, place, "heading")
        if block_id is None:
            return None
        return Heading(int(token.tag[1]), block_id, self.text(block_id, content, place))

    def paragraph(self, token: Token, inner: list[Token], place: Place) -> Paragraph | None:
        block_id = self.block_id(token, place, "paragraph")
        if block_id is None:
            return None
        return Paragraph(self.text(block_id, self.inline(inner[0] if inner else None, place), place))

    def list_block(self, token: Token, inner: list[Token], place: Place, line_offset: int) -> ListBlock | None:
        """A list of items, each one paragraph: item n is the message <list id>.n."""
        block_id = self.block_id(token, place, "list")
        items: list[Text] = []
        index = 0
        while index < len(inner):
            end = _closing(inner, index)
            at = Place(self.file, line_offset + (inner[index].map or [place.line - line_offset - 1])[0] + 1, 1)
            body = inner[index + 1 : end]
            index = end + 1
            inside = [part for part in body if part.type not in ("paragraph_open", "inline", "paragraph_close")]
            paragraphs = [part for part in body if part.type == "inline"]
            if inside:
                nested = inside[0].type in ("bullet_list_open", "ordered_list_open")
                self.problem(
                    Place(self.file, line_offset + (inside[0].map or [at.line - line_offset - 1])[0] + 1, 1),
                    "a list inside a list item" if nested else f"a list item cannot hold {_kind(inside[0])}",
                    "write one level of list items" if nested else "write the item as text",
                )
            elif len(paragraphs) != 1:
                self.problem(
                    at,
                    "the list item has no text" if not paragraphs else "a list item holds one paragraph",
                    "write its text, or remove it" if not paragraphs else "join its paragraphs, or make each an item",
                )
            elif block_id is not None:
                items.append(self.text(f"{block_id}.{len(items) + 1}", self.inline(paragraphs[0], at), at))
        if block_id is None or len(items) != sum(1 for part in inner if part.type == "list_item_open"):
            return None
        return ListBlock(token.type == "ordered_list_open", tuple(items))

    def table(self, token: Token, inner: list[Token], place: Place) -> Table | None:
        block_id = self.block_id(token, place, "table")
        if block_id is None:
            return None
        rows: list[list[Text]] = []
        align: list[str] = []
        for cell_token, content in zip(inner, inner[1:], strict=False):
            if cell_token.type == "tr_open":
                rows.append([])
            elif cell_token.type in ("th_open", "td_open"):
                if len(rows) == 1:
                    style = str(cell_token.attrs.get("style", ""))
                    align.append(style.removeprefix("text-align:"))
                at = Place(self.file, place.line + (len(rows) - 1 + (len(rows) > 1)), 1)
                text = self.inline(content, at)
                rows[-1].append(self.text(f"{block_id}.{len(rows) - 1}.{len(rows[-1]) + 1}", text, at))
        header, *body = rows or [[]]
        return Table(tuple(align), tuple(header), tuple(tuple(row) for row in body))

    def front_matter(self, token: Token, place: Place) -> None:
        try:
            data = yaml.safe_load(token.content) if token.content.strip() else {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            at = Place(self.file, place.line + 1 + (mark.line if mark else 0), 1)
            self.problem(
                at, f"the front matter is not valid YAML ({getattr(error, 'problem', error)})", FRONT_MATTER_EXAMPLE
            )
            return
        if not isinstance(data, dict):
            self.problem(place, "the front matter is not a mapping", FRONT_MATTER_EXAMPLE)
            return
        lines = token.content.splitlines()
        for key, value in data.items():
            if key not in FRONT_MATTER_KEYS:
                self.problem(place, f"unknown front matter key '{key}'", f"use one of {', '.join(FRONT_MATTER_KEYS)}")
            elif not isinstance(value, str) or not value.strip():
                self.problem(place, f"'{key}' must be text", FRONT_MATTER_EXAMPLE)
            else:
                line = next((n for n, text in enumerate(lines, 1) if text.startswith(f"{key}:")), 1)
                at = Place(self.file, place.line + line, 1)
                self.seen[key] = at  # the id of the text: no block may take it
                setattr(self, key, self.text(key, value, at))

    def directive(self, token: Token, place: Place, line_offset: int, depth: int) -> Note | Part | ExampleBlock | None:
        found = DIRECTIVE.match(token.info.strip())
        if not found:
            self.problem(
                place,
                "a page cannot hold a code block",
                "put code in an example (```{example} its_id over its tabs in YAML), which runs; other fences: notes",
            )
            return None
        name, argument = found[1], found[2].strip()
        if name in PARTS:
            if depth:
                self.problem(place, f"the {name} part is placed inside a note", "place it at the top level of the page")
                return None
            if argument or token.content.strip():
                self.problem(
                    place, f"the {name} part takes no argument and no content", f"write ```{{{name}}}, then ```"
                )
                return None
            return Part(name, place)
        if name == EXAMPLE:
            return self.example(token, argument, place, line_offset, depth)
        if name not in NOTES:
            self.problem(
                place,
                f"unknown directive '{name}'",
                f"use one of {', '.join([*NOTES, EXAMPLE, *PARTS])} (CONTRIBUTING.md)",
            )
            return None
        if depth >= MAX_NESTING:
            self.problem(place, "notes are nested too deeply", "write a note inside a note at most")
            return None
        block_id = self.block_id(token, place, "note")
        if block_id is None:
            return None
        title = self.text(f"{block_id}.title", argument, place) if argument else None
        body_offset = line_offset + (token.map[0] if token.map else 0) + 1
        body = self.blocks(self.parse(token.content, body_offset), body_offset, depth + 1)
        return Note(name, title, body)

    def example(self, token: Token, name: str, place: Place, line_offset: int, depth: int) -> ExampleBlock | None:
        """An example: its id on the fence's line, its tabs in YAML between the fences."""
        if depth:
            self.problem(place, "an example is placed inside a note", "place it at the top level of the page")
            return None
        if not BLOCK_ID.match(name):
            self.problem(
                place,
                f"the example's id '{name}' is not an id" if name else "the example has no id",
                "write ```{example} its_id (lower case letters, digits and '_', starting with a letter); "
                "its results and its script are kept under that id",
            )
            return None
        token.attrs["id"] = name
        if self.block_id(token, place, "example") is None:
            return None
        if not token.content.strip():
            self.problem(place, "the example is empty", _EXAMPLE_FIX)
            return None
        first_line = line_offset + (token.map[0] if token.map else 0) + 2  # the line after the opening fence
        source, problems = parse_source(token.content, self.file, first_line)
        if source is not None and not isinstance(source.data, dict):
            problems = [Problem(Place(self.file, first_line, 1), "the example is not YAML keys", _EXAMPLE_FIX)]
        elif source is not None:
            model, problems = validate(source, PageExample)
        self.problems += problems
        if problems or source is None:
            return None
        assert isinstance(model, PageExample)
        return ExampleBlock(name, place, Document(source, model))


_EXAMPLE_FIX = "write its tabs in YAML: 'tabs:', then a '- mode: ...' with its 'code: |' for each (CONTRIBUTING.md)"


def _closing(tokens: list[Token], index: int) -> int:
    """The index of the token that closes the one at `index` (itself when it closes nothing)."""
    if tokens[index].nesting != 1:
        return index
    level = 0
    for position in range(index, len(tokens)):
        level += tokens[position].nesting
        if level == 0:
            return position
    return len(tokens) - 1


def _kind(token: Token) -> str:
    return {
        "code_block": "an indented code block",
        "hr": "a horizontal rule",
        "blockquote_open": "a block quote",
        "html_block": "HTML",
    }.get(token.type, f"a {token.type.removesuffix('_open').replace('_', ' ')}")


def parse_page(page_id: str, file: str, text: str) -> tuple[Page | None, list[Problem]]:
    """The page, or None and the problems that stop it; problems are placed in the file."""
    reader = _Reader(page_id, file)
    # markdown-it shows a NUL as U+FFFD: refused here, where the file still holds it.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # as markdown-it counts them
    with_nul = [(number, line) for number, line in enumerate(lines, 1) if "\x00" in line]
    for number, line in with_nul[:MAX_NUL_PROBLEMS]:
        reader.problem(
            Place(file, number, line.index("\x00") + 1),
            "the character U+0000 (NUL) is a control character",
            "delete it; most editors do not show it",
        )
    blocks = reader.blocks(reader.parse(text, 0), 0, 0)
    first = blocks[0] if blocks else None
    if not (isinstance(first, Heading) and first.level == 1):
        reader.problem(Place(file), "the page does not start with its title", "make the first line '# Title {#title}'")
    titles = [block for block in blocks if isinstance(block, Heading) and block.level == 1]
    for extra in titles[1:]:
        reader.problem(extra.text.place, "a page has one title ('#' heading)", "use '##' for its sections")
    page = Page(page_id, file, blocks, reader.nav, reader.description)
    return (None if reader.problems else page), reader.problems


def read_page(path: Path, file: str) -> tuple[Page | None, list[Problem]]:
    """A page file, read as UTF-8 text; problems with the file itself are placed at it."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [
            Problem(
                Place(file), f"the file cannot be read ({error.strerror or error})", "check that it is a readable file"
            )
        ]
    if len(raw) > MAX_PAGE_BYTES:
        return None, [
            Problem(
                Place(file),
                f"the page is too long ({len(raw):,} bytes)",
                f"split it; a page holds at most {MAX_PAGE_BYTES:,} bytes",
            )
        ]
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return None, [Problem(Place(file, line, 1), "the file is not UTF-8", "save it as UTF-8")]
    if not text.strip():
        return None, [Problem(Place(file), "the file is empty", "write the page, or remove it from matrix/site.yaml")]
    return parse_page(path.stem, file, text)
