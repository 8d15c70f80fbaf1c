"""Pages written in Markdown (matrix/pages/<id>.md): what each block becomes, and every bad page refused, placed.

In process, `parse_page` reads pages written inline here: each block a reader sees is a message
`page.<page>.<block id>`, placed at the line it is written on (found from the text, never counted by
hand). A bad page gives no page and a problem at its line.

Through the command line, on a copy of the small fixture project (its matrix/pages/notes.md replaced or
changed, its site.yaml or catalogs changed): each bad page, bad listing or bad translation is a problem at
file:line, exit code 1, and nothing written.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import pytest

from generator.matrix import markup
from generator.matrix.load import load_matrix
from generator.matrix.pages import MAX_PAGE_BYTES, Heading, ListBlock, Note, Paragraph, Table
from generator.matrix.pages import parse_page as parse
from generator.problems import Problem

from .conftest import ProjectCopy, Result, assert_problem, says

FILE = "matrix/pages/p.md"  # where the inline pages are said to be written
NOTES = "matrix/pages/notes.md"  # the small project's page
SITE = "matrix/site.yaml"


def page_text(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def line_of(text: str, needle: str) -> int:
    """The line (from 1) of the one line of `text` that is `needle`, or else that holds it."""
    lines = text.splitlines()
    found = [number for number, line in enumerate(lines, 1) if line == needle]
    found = found or [number for number, line in enumerate(lines, 1) if needle in line]
    assert len(found) == 1, f"{needle!r} is on {len(found)} lines, not one"
    return found[0]


def problem_at(problems: list[Problem], file: str, line: int, what: tuple[str, ...], fix: tuple[str, ...]) -> Problem:
    for problem in problems:
        place = problem.place
        if place and place.file == file and place.line == line and says(problem.what, problem.fix, what, fix):
            return problem
    raise AssertionError(f"no problem at {file}:{line} with {what!r} / {fix!r}:\n" + "\n".join(map(str, problems)))


# --- every block kind, its message and its place ---------------------------------------------------

EVERY_KIND = page_text(
    """
    # Loading models {#title}

    {#intro}
    Load a model with `hub.load`; the [guide][guide]
    says *more*.

    ## Before you start {#before}

    {#steps}
    1. Install `tensorflow_hub`.
    2. Build the model.

    {#kinds}
    - SavedModel
    - TF1 Hub format

    {#where}
    ### Where models live

    {#formats}
    | Format | Where it lives |
    | :-- | --: |
    | SavedModel | a folder |
    | TF1 Hub format | a tarball |

    {#careful}
    ```{warning} Mind the version

    {#careful_body}
    Old models need TF1.
    ```

    {#aside}
    ```{tip}
    {#aside_body}
    A tip without a title.
    ```
    """
)

# Every message of EVERY_KIND in reading order: (block id, English, text on the line it is placed at).
EVERY_MESSAGE = [
    ("title", "Loading models", "# Loading models"),
    # A paragraph's lines are joined as Markdown joins them: rewrapping it changes no message.
    ("intro", "Load a model with `hub.load`; the [guide][guide] says *more*.", "Load a model"),
    ("before", "Before you start", "## Before you start"),
    ("steps.1", "Install `tensorflow_hub`.", "1. Install"),
    ("steps.2", "Build the model.", "2. Build"),
    ("kinds.1", "SavedModel", "- SavedModel"),
    ("kinds.2", "TF1 Hub format", "- TF1 Hub format"),
    ("where", "Where models live", "### Where models live"),
    ("formats.0.1", "Format", "| Format |"),
    ("formats.0.2", "Where it lives", "| Format |"),
    ("formats.1.1", "SavedModel", "| SavedModel |"),
    ("formats.1.2", "a folder", "| SavedModel |"),
    ("formats.2.1", "TF1 Hub format", "| TF1 Hub format |"),
    ("formats.2.2", "a tarball", "| TF1 Hub format |"),
    ("careful.title", "Mind the version", "```{warning}"),
    ("careful_body", "Old models need TF1.", "Old models"),
    ("aside_body", "A tip without a title.", "A tip without"),
]


def test_every_block_kind_is_a_message_placed_at_its_line() -> None:
    page, problems = parse("loading", FILE, EVERY_KIND)
    assert problems == [] and page is not None, [str(p) for p in problems]
    found = [(text.id, text.english, (text.place.file, text.place.line)) for text in page.texts()]
    assert found == [
        (f"page.loading.{block_id}", english, (FILE, line_of(EVERY_KIND, needle)))
        for block_id, english, needle in EVERY_MESSAGE
    ]


def test_every_block_kind_keeps_its_shape() -> None:
    page, _ = parse("loading", FILE, EVERY_KIND)
    assert page is not None
    kinds = [type(block) for block in page.blocks]
    assert kinds == [Heading, Paragraph, Heading, ListBlock, ListBlock, Heading, Table, Note, Note]
    title, _, before, steps, bullets, where, table, warning, tip = page.blocks
    assert isinstance(title, Heading) and (title.level, title.anchor) == (1, "title")
    assert isinstance(before, Heading) and (before.level, before.anchor) == (2, "before")
    assert isinstance(where, Heading) and (where.level, where.anchor) == (3, "where")
    assert isinstance(steps, ListBlock) and steps.ordered and len(steps.items) == 2
    assert isinstance(bullets, ListBlock) and not bullets.ordered
    assert isinstance(table, Table) and table.align == ("left", "right")
    assert [cell.english for cell in table.header] == ["Format", "Where it lives"]
    assert [[cell.english for cell in row] for row in table.rows] == [
        ["SavedModel", "a folder"],
        ["TF1 Hub format", "a tarball"],
    ]
    assert isinstance(warning, Note) and warning.kind == "warning" and warning.title is not None
    assert [type(block) for block in warning.body] == [Paragraph]
    assert isinstance(tip, Note) and tip.kind == "tip" and tip.title is None
    assert page.title.english == "Loading models"
    assert page.anchors() == {"title", "before", "where"}


def test_a_heading_id_is_written_after_its_text_or_on_the_line_above() -> None:
    after = page_text(
        """
        # Title {#title}

        ## Loading a model {#loading}
        """
    )
    above = page_text(
        """
        {#title}
        # Title

        {#loading}
        ## Loading a model
        """
    )
    for text in (after, above):
        page, problems = parse("p", FILE, text)
        assert problems == [] and page is not None, [str(p) for p in problems]
        heading = page.blocks[1]
        assert isinstance(heading, Heading) and heading.anchor == "loading"
        assert (heading.text.id, heading.text.english) == ("page.p.loading", "Loading a model")
        assert heading.text.place.line == line_of(text, "## Loading a model")


def test_moving_and_rewording_a_block_keeps_every_id() -> None:
    """A block's message is its id's: moved, it is the same message; reworded, only its English changes."""
    before = page_text(
        """
        # Title {#title}

        {#first}
        The first paragraph.

        {#second}
        The second paragraph.
        """
    )
    after = page_text(
        """
        # Title {#title}

        {#second}
        The second paragraph, reworded.

        {#first}
        The first paragraph.
        """
    )
    old, new = parse("p", FILE, before)[0], parse("p", FILE, after)[0]
    assert old is not None and new is not None
    old_texts = {text.id: text.english for text in old.texts()}
    new_texts = {text.id: text.english for text in new.texts()}
    assert old_texts.keys() == new_texts.keys()
    assert {key for key in old_texts if old_texts[key] != new_texts[key]} == {"page.p.second"}


# --- bad pages -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bad:
    """A bad page, and the problem it gets: at the line holding `needle`, with these words."""

    text: str
    needle: str
    what: tuple[str, ...]
    fix: tuple[str, ...] = ()


TITLE = "# Title {#title}\n\n"

BAD_PAGES = {
    "paragraph_without_id": Bad(TITLE + "A paragraph without an id.\n", "A paragraph", ("paragraph", "no id"), ("{#",)),
    "heading_without_id": Bad(TITLE + "## A section\n", "## A section", ("heading", "no id"), ("{#",)),
    "list_without_id": Bad(TITLE + "- one\n- two\n", "- one", ("list", "no id")),
    "table_without_id": Bad(TITLE + "| a | b |\n| - | - |\n| c | d |\n", "| a | b |", ("table", "no id")),
    "note_without_id": Bad(TITLE + "```{note}\n{#body}\nText.\n```\n", "```{note}", ("note", "no id")),
    "title_without_id": Bad("# Title\n\n{#p}\nText.\n", "# Title", ("heading", "no id")),
    "id_with_capitals": Bad(TITLE + "{#Intro}\nText.\n", "Text.", ("'Intro'", "not an id"), ("lower case",)),
    "id_starting_with_a_digit": Bad(TITLE + "{#1st}\nText.\n", "Text.", ("'1st'", "not an id")),
    "heading_id_with_a_dash": Bad(TITLE + "## Setup {#set-up}\n", "## Setup", ("'set-up'", "not an id")),
    "empty_heading_id": Bad(TITLE + "## Setup {#}\n", "## Setup", ("''", "not an id")),
    "unknown_directive": Bad(
        TITLE + "{#ex}\n```{snippet} load\nm = hub.load(handle)\n```\n",
        "```{snippet}",
        ("unknown directive", "snippet"),
        ("example",),
    ),
    "code_block": Bad(
        TITLE + "{#code}\n```python\nm = hub.load(handle)\n```\n", "```python", ("code block",), ("example",)
    ),
    "code_block_without_language": Bad(TITLE + "````\nx = 1\n`````\n", "````", ("code block",)),
    "indented_code_block": Bad(TITLE + "    m = hub.load(handle)\n", "m = hub.load", ("indented code block",)),
    "nested_list": Bad(TITLE + "{#l}\n- one\n  - inner\n- two\n", "- inner", ("list inside a list item",)),
    "list_item_of_two_paragraphs": Bad(TITLE + "{#l}\n- one\n\n  more of one\n- two\n", "- one", ("one paragraph",)),
    "empty_list_item": Bad(TITLE + "{#l}\n- one\n-\n- three\n", "-", ("list item has no text",)),
    "list_item_holding_a_quote": Bad(TITLE + "{#l}\n- > quoted\n", "- > quoted", ("list item", "block quote")),
    "html_block": Bad(TITLE + "<div>\nSome text.\n</div>\n", "<div>", ("HTML",)),
    "html_comment": Bad(TITLE + "<!-- a note to self -->\n", "<!--", ("HTML",)),
    "inline_html": Bad(TITLE + "{#p}\nFirst line,\nthen <b>bold</b> words.\n", "then <b>", ("HTML", "<b>")),
    "link_with_an_address": Bad(
        TITLE + "{#p}\nSee [the guide](https://example.org/guide).\n",
        "See [the",
        ("address", "https://example.org"),
        ("links.yaml",),
    ),
    "unsafe_link_address": Bad(TITLE + "{#p}\nSee [here](javascript:alert(1)).\n", "See [here]", ("address",)),
    "autolink": Bad(TITLE + "{#p}\nSee <https://example.org>.\n", "See <https", ("address",)),
    "image": Bad(TITLE + "{#p}\nA picture: ![logo](logo.png)\n", "A picture", ("image",)),
    "link_definition": Bad(
        TITLE + "{#p}\nSee [the guide][guide].\n\n[guide]: https://example.org\n",
        "[guide]: https",
        ("link's address",),
        ("links.yaml",),
    ),
    "placeholder": Bad(TITLE + "{#p}\nSince {version}.\n", "Since {version}", ("placeholder", "{version}")),
    "block_quote": Bad(TITLE + "> Quoted.\n", "> Quoted", ("block quote",)),
    "horizontal_rule": Bad(TITLE + "{#p}\nText.\n\n***\n", "***", ("horizontal rule",)),
    "second_title": Bad(TITLE + "# Another title {#another}\n", "# Another title", ("one title",), ("##",)),
    "no_title": Bad("## A section {#section}\n\n{#p}\nText.\n", "## A section", ("start with its title",)),
    "text_before_the_title": Bad("{#p}\nText.\n\n# Title {#title}\n", "{#p}", ("start with its title",)),
    "empty_heading": Bad(TITLE + "## {#empty}\n", "## {#empty}", ("no text",)),
    "empty_table_cell": Bad(TITLE + "{#t}\n| a | b |\n| - | - |\n| c |  |\n", "| c |", ("no text",)),
    "notes_nested_too_deeply": Bad(
        TITLE
        + "".join(f"{{#n{depth}}}\n{'`' * (12 - depth)}{{note}}\n" for depth in range(6))
        + "{#deep}\nText.\n"
        + "".join(f"{'`' * (12 - depth)}\n" for depth in reversed(range(6))),
        "````````{note}",
        ("nested too deeply",),
    ),
}


@pytest.mark.parametrize("case", list(BAD_PAGES))
def test_a_bad_page_gives_no_page_and_a_placed_problem(case: str) -> None:
    bad = BAD_PAGES[case]
    page, problems = parse("p", FILE, bad.text)
    assert page is None
    problem_at(problems, FILE, line_of(bad.text, bad.needle), bad.what, bad.fix)
    lines = bad.text.count("\n") + 1
    assert all(p.place is not None and 1 <= p.place.line <= lines for p in problems), [str(p) for p in problems]


@pytest.mark.parametrize(
    "text",
    [
        TITLE + "{#same}\nOnce.\n\n{#same}\nTwice.\n",
        TITLE + "## Section {#same}\n\n{#same}\nTwice.\n",
        TITLE + "{#same}\n```{note}\n{#inside}\nText.\n```\n\n{#same}\n- Twice.\n",
        TITLE + "{#same}\nOnce.\n\n{#box}\n```{tip}\n{#same}\nTwice.\n```\n",
    ],
    ids=["paragraphs", "heading_and_paragraph", "untitled_note_and_list", "inside_a_note"],
)
def test_an_id_given_twice_names_both_places(text: str) -> None:
    """Reported where it is given again, naming the line where it was first given."""
    lines = text.splitlines()
    first, again = (number for number, line in enumerate(lines, 1) if "same" in line)
    first += not lines[first - 1].startswith("#")  # an id above a block is the block's, on the next line
    again += not lines[again - 1].startswith("#")
    page, problems = parse("p", FILE, text)
    assert page is None
    problem_at(problems, FILE, again, ("'same'", "twice", f"line {first}"), ("id of its own",))


# --- through the command line ----------------------------------------------------------------------


def assert_refused(project: ProjectCopy, result: Result, file: str, line: int, what: tuple, fix: tuple = ()) -> None:
    """Exit code 1, the problem at file:line, and nothing written."""
    assert_problem(result, file, line, what=what, fix=fix)
    assert not project.path("docs").exists() and not project.path("site").exists(), "a page was written"


@pytest.mark.parametrize("case", list(BAD_PAGES))
def test_the_command_line_refuses_a_bad_page(project: ProjectCopy, case: str) -> None:
    bad = BAD_PAGES[case]
    project.write(NOTES, bad.text)
    before = project.tree("matrix")
    assert_refused(project, project.check(), NOTES, line_of(bad.text, bad.needle), bad.what, bad.fix)
    assert project.tree("matrix") == before, "the matrix changed"


# A damaged page file: (its bytes, the line of the problem, its words).
BAD_FILES = {
    "empty": (b"", 1, ("empty",)),
    "blank": (b"\n   \n\t\n", 1, ("empty",)),
    "not_utf8": (b"# Title {#title}\n\n{#p}\nCaf" + b"\xe9 au lait.\n", 4, ("not UTF-8",)),
    "too_long": (TITLE.encode() + b"{#p}\n" + b"a" * MAX_PAGE_BYTES + b"\n", 1, ("too long",)),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_the_command_line_refuses_a_damaged_page_file(project: ProjectCopy, case: str) -> None:
    data, line, what = BAD_FILES[case]
    project.write_bytes(NOTES, data)
    assert_refused(project, project.check(), NOTES, line, what)
    assert project.path(NOTES).read_bytes() == data


def test_a_page_saved_with_a_byte_order_mark_is_read(project: ProjectCopy) -> None:
    project.write_bytes(NOTES, b"\xef\xbb\xbf" + project.path(NOTES).read_bytes())
    result = project.check()
    assert result.code == 0, result.output


WITH_PARTS = ("index", "compatibility", "modes", "verification")  # the small project's pages with parts


def _list_pages(project: ProjectCopy, *pages: str, parts: tuple[str, ...] = WITH_PARTS) -> None:
    """List `pages` after those with parts (their indexes in the list start at len(WITH_PARTS))."""
    with project.edit(SITE) as site:
        site["pages"] = [*parts, *pages]


def test_a_page_listed_without_its_file(project: ProjectCopy) -> None:
    _list_pages(project, "notes", "gone")
    line, _ = project.place(SITE, "pages", len(WITH_PARTS) + 1)
    assert_refused(project, project.check(), SITE, line, ("'gone'", "matrix/pages/gone.md", "does not exist"))


def test_a_page_listed_twice(project: ProjectCopy) -> None:
    _list_pages(project, "notes", "notes")
    first, _ = project.place(SITE, "pages", len(WITH_PARTS))
    again, _ = project.place(SITE, "pages", len(WITH_PARTS) + 1)
    assert first != again
    assert_refused(project, project.check(), SITE, again, ("'notes'", "twice", f"line {first}"))


def test_a_page_file_not_listed(project: ProjectCopy) -> None:
    project.write("matrix/pages/extra.md", TITLE + "{#p}\nText.\n")
    assert_refused(project, project.check(), "matrix/pages/extra.md", 1, ("no part of the site",), ("'extra'",))


def test_a_site_without_its_home_page(project: ProjectCopy) -> None:
    """Each language opens with matrix/pages/index.md: the list of pages must hold it."""
    _list_pages(project, "notes", parts=WITH_PARTS[1:])
    (project.root / "matrix" / "pages" / "index.md").unlink()
    line, _ = project.place(SITE, "pages")
    assert_refused(project, project.check(), SITE, line, ("'index'", "opens with"), ("add 'index'",))


def test_the_english_of_a_page_is_not_written_in_the_catalog(project: ProjectCopy) -> None:
    english = project.catalog()
    with project.edit(english) as catalog:
        catalog["messages"]["page.notes.intro"] = "The intro, written in the catalog."
    line, _ = project.place(english, "messages", "page.notes.intro", key=True)
    assert_refused(project, project.check(), english, line, ("'page.notes.intro'", "message of a page"), ("remove",))


def _add_paragraph(project: ProjectCopy, text: str) -> int:
    """A paragraph at the end of notes.md, on one line; returns that line."""
    project.append(NOTES, "\n{#more}\n" + text)
    return project.line_of(NOTES, text)


@pytest.mark.parametrize("target", ["nowhere", "notes#nowhere", "nowhere#title"])
def test_a_link_to_nothing(project: ProjectCopy, target: str) -> None:
    line = _add_paragraph(project, f"See [this][{target}].")
    assert_refused(project, project.check(), NOTES, line, ("'page.notes.more'", f"unknown link '{target}'"))


@pytest.mark.parametrize("target", ["guide", "notes", "notes#before", "compatibility"])
def test_a_link_to_a_link_a_page_or_a_heading(project: ProjectCopy, target: str) -> None:
    _add_paragraph(project, f"See [this][{target}].")
    result = project.check()
    assert result.code == 0, result.output


def test_a_translation_that_drops_a_code_span(project: ProjectCopy) -> None:
    """Placed at the translation, in the language's catalog."""
    catalog = project.catalog(project.other_locale)
    message_id, translation = next(
        (message_id, text)
        for message_id, text in project.messages(project.other_locale).items()
        if message_id.startswith("page.") and markup.code_spans(text)
    )
    code = markup.code_spans(translation)[0]
    with project.edit(catalog) as data:
        data["messages"][message_id] = translation.replace(f"`{code}`", code)
    line, _ = project.place(catalog, "messages", message_id)
    assert_refused(project, project.check(), catalog, line, (f"'{message_id}'", f"`{code}`"), ("backticks",))


def test_a_translation_that_adds_a_placeholder(project: ProjectCopy) -> None:
    catalog = project.catalog(project.other_locale)
    message_id = "page.notes.steps.2"
    with project.edit(catalog) as data:
        data["messages"][message_id] += " {version}"
    line, _ = project.place(catalog, "messages", message_id)
    assert_refused(project, project.check(), catalog, line, (f"'{message_id}'", "placeholders"))


def test_the_glossary_judges_a_page_where_it_is_written(project: ProjectCopy) -> None:
    term = next(term["term"] for term in project.data("matrix/glossary.yaml")["terms"] if term.get("code"))
    line = _add_paragraph(project, f"Then call {term} on it.")
    assert_refused(project, project.check(), NOTES, line, ("'page.notes.more'", f"'{term}'", "outside code"))


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("case", ["unknown_directive", "dangling_link", "missing_file"])
def test_check_and_build_refuse_a_bad_page_alike(project: ProjectCopy, command: str, case: str) -> None:
    if case == "unknown_directive":
        bad = BAD_PAGES[case]
        project.write(NOTES, bad.text)
        file, line = NOTES, line_of(bad.text, bad.needle)
    elif case == "dangling_link":
        file, line = NOTES, _add_paragraph(project, "See [this][nowhere].")
    else:
        _list_pages(project, "notes", "gone")
        file, line = SITE, project.place(SITE, "pages", len(WITH_PARTS) + 1)[0]
    before = project.tree("matrix")
    result = project.check() if command == "check" else project.build()
    assert_refused(project, result, file, line, ())
    assert project.tree("matrix") == before, "the matrix changed"


# --- a good page, loaded -------------------------------------------------------------------------------


def test_a_new_page_is_loaded_with_its_english_placed_in_it(project: ProjectCopy) -> None:
    """Its English joins the default catalog, placed in the page; untranslated, it is shown in English."""
    written = "---\ndescription: How to load a model.\n---\n\n" + EVERY_KIND
    project.write("matrix/pages/loading.md", written)
    _list_pages(project, "notes", "loading")
    result = project.check()
    assert result.code == 0, result.output
    matrix = load_matrix(project.root / "matrix", project.root, None)  # check ran above: the catalogs are tidy
    assert [page.id for page in matrix.pages] == [*WITH_PARTS, "notes", "loading"]
    english = matrix.catalogs[matrix.default_locale]
    shown = matrix.messages(project.other_locale)
    for block_id, text, needle in EVERY_MESSAGE:
        message_id = f"page.loading.{block_id}"
        assert english.model.messages[message_id] == text
        place = english.source.place(("messages", message_id))
        assert (place.file, place.line) == ("matrix/pages/loading.md", line_of(written, needle))
        assert shown[message_id] == text
    # The small project's own page is translated, block by block.
    translated = project.messages(project.other_locale)
    assert shown["page.notes.intro"] == translated["page.notes.intro"] != english.model.messages["page.notes.intro"]


def test_rewording_a_paragraph_shows_its_english_until_it_is_translated_again(project: ProjectCopy) -> None:
    lines = project.text(NOTES).splitlines(keepends=True)
    at = lines.index("{#intro}\n") + 1  # the first line of the paragraph
    lines[at] = lines[at].replace(" ", " reworded ", 1)
    project.write(NOTES, "".join(lines))
    matrix = load_matrix(project.root / "matrix", project.root, None)
    shown = matrix.messages(project.other_locale)
    translated = project.messages(project.other_locale)
    stale = {
        message_id
        for message_id in translated
        if message_id.startswith("page.") and shown[message_id] != translated[message_id]
    }
    assert stale == {"page.notes.intro"}
    assert " reworded " in shown["page.notes.intro"]


# --- the front matter: the page's name in the navigation and its description ------------------------

FRONT = page_text(
    """
    ---
    nav: Short
    description: What the page holds.
    ---

    # A long title {#title}
    """
)


def test_the_front_matter_gives_messages_placed_at_their_lines() -> None:
    page, problems = parse("p", FILE, FRONT)
    assert problems == [] and page is not None, [str(p) for p in problems]
    assert page.nav is not None and page.description is not None
    for text, needle in ((page.nav, "nav: Short"), (page.description, "description: What")):
        assert (text.place.file, text.place.line) == (FILE, line_of(FRONT, needle))
    assert page.description.id == "page.p.description" and page.description.english == "What the page holds."
    assert [text.id for text in page.texts()][:2] == ["page.p.nav", "page.p.description"]


def test_a_page_without_a_description_is_refused(project: ProjectCopy) -> None:
    text = project.text(NOTES)
    project.write(NOTES, "\n".join(line for line in text.split("\n") if not line.startswith("description:")))
    assert_refused(project, project.check(), NOTES, 1, ("no description",), ("description:",))
