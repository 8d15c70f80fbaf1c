"""Pages written in Markdown (matrix/pages/) on the small project's site: built in every language, in
each language's navigation, search index and language selector; links by id to pages and to their
headings; a block not translated yet shown in English under the language's notice, and refused by
`build --strict`."""

from __future__ import annotations

import gzip
import html as html_lib
import json
import re
from pathlib import Path

import pytest
import yaml

from generator.matrix.documents import Matrix
from generator.matrix.locale_codes import language_tag
from generator.matrix.pages import Heading, Page, Paragraph, Table
from generator.project import Project
from generator.render.pages import messages
from generator.website.search import BUNDLE

from ..helpers import ProjectFiles, copy_project, run_generator, write_yaml
from .conftest import built_strictly
from .page_text import html, page_dir, read_page
from .test_small_site import said


@pytest.fixture(scope="module")
def written(small: Matrix) -> Page:
    """The small project's page written in Markdown."""
    found = [page for page in small.pages if not page.parts()]
    assert found, "the small project should have a page of text alone"
    return found[0]


def others(matrix: Matrix) -> list[str]:
    return [locale for locale in matrix.locales if locale != matrix.default_locale]


def file_of(page: Page) -> str:
    return f"{page.id}.md"


def nav_targets(root: Path, locale: str, file: str) -> list[tuple[str, Path]]:
    """The primary navigation of a built page: each link's words and the folder it leads to, in order
    (the links to places on the page itself left out)."""
    text = html(root, locale, file)
    primary = text[text.index("md-nav--primary") :]
    folder = root / "site" / locale / page_dir(file)
    found: list[tuple[str, Path]] = []
    for href, words in re.findall(
        r'<a href="([^"#]*)" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', primary, re.S
    ):
        link = (html_lib.unescape(words), (folder / href).resolve())
        if link not in found:  # Material repeats the current page's link
            found.append(link)
    return found


def indexed_pages(language: Path) -> dict[str, str]:
    """What a language's Pagefind index holds: each page's address (from the language's folder) and its text."""
    pages = {}
    for fragment in sorted((language / BUNDLE / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd"), fragment
        entry = json.loads(data.removeprefix(b"pagefind_dcd"))
        pages[entry["url"]] = entry["content"]
    return pages


def test_the_page_is_built_in_every_language_in_its_words(small_site, small, written):
    english = small.messages(small.default_locale)
    for locale in small.locales:
        page = html(small_site, locale, file_of(written))
        assert f'<html lang="{language_tag(locale)}"' in page
        text = read_page(page).text
        for block in written.texts():
            if block is written.description:  # in the head, for search engines
                described = html_lib.escape(small.messages(locale)[block.id])
                assert f'<meta name="description" content="{described}">' in page, locale
            else:
                assert said(small.messages(locale)[block.id]) in text, f"{locale}: {block.id}"
        if locale != small.default_locale:  # the small project translates the page
            assert said(english[written.title.id]) not in text
        assert re.search(
            rf'<h1 id="title">{re.escape(html_lib.escape(small.messages(locale)[written.title.id]))}', page
        )


def test_the_page_is_in_the_navigation_of_every_language_after_the_generated_pages(small_site, small, written):
    title = {locale: messages(small, locale).plain(written.title.id) for locale in small.locales}
    for locale in small.locales:
        wanted = [(small_site / "site" / locale / page_dir(file)).resolve() for file in small.page_files]
        for file in small.page_files:
            shown = nav_targets(small_site, locale, file)
            assert [target for _, target in shown] == wanted, f"{locale}/{file}"
            assert shown[-1][0] == title[locale], f"{locale}/{file}: named by its '#' heading"


def test_the_page_is_in_its_languages_search_index(small_site, small, written):
    # A table's header names its columns, which no search result shows (website/search.py).
    headers = {cell for block in written.blocks if isinstance(block, Table) for cell in block.header}
    for locale in small.locales:
        indexed = indexed_pages(small_site / "site" / locale)
        assert len(indexed) == len(small.page_files)
        text = indexed[f"/{page_dir(file_of(written))}/"]
        for block in shown_texts(written):
            if block not in headers:
                assert said(small.messages(locale)[block.id]) in text, f"{locale}: {block.id}"


def test_the_language_selector_leads_to_the_page_in_every_language(small_site, small, written):
    folder = page_dir(file_of(written))
    for locale in small.locales:
        page = html(small_site, locale, file_of(written))
        for other in small.locales:
            links = re.findall(rf'<a href="([^"]+)" hreflang="{language_tag(other)}"[^>]*class="md-select__link"', page)
            assert len(links) == 1, f"{locale}: no selector link to {other}"
            target = (small_site / "site" / locale / folder / links[0]).resolve()
            assert target == (small_site / "site" / other / folder).resolve()
            assert (target / "index.html").is_file()


# --- a writer adds a page ------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path) -> Project:
    return copy_project(tmp_path)


def shown_texts(page: Page) -> list:
    """The page's texts a reader sees in it: all but its description, which is in its head."""
    return [text for text in page.texts() if text is not page.description]


def add_page(project: Project, page_id: str, text: str) -> str:
    """Write matrix/pages/<page_id>.md and list it last in matrix/site.yaml, as a writer does; its file."""
    files = ProjectFiles(project.root)
    files.write(f"matrix/pages/{page_id}.md", text)
    site = project.matrix_dir / "site.yaml"
    modeline, _, body = site.read_text(encoding="utf-8").partition("\n")
    data = yaml.safe_load(body)
    data["pages"] = [*data.get("pages", []), page_id]
    write_yaml(site, data, modeline)
    return f"matrix/pages/{page_id}.md"


def test_a_new_page_links_by_id_to_a_heading_of_another_page_and_shows_in_english_until_translated(
    project, small, written
):
    heading = next(block for block in written.blocks if isinstance(block, Heading) and block.level > 1)
    section = small.ordered_formats()[0].id
    add_page(
        project,
        "more",
        "---\ndescription: More on it.\n---\n\n# More on it {#title}\n\n"
        "{#see}\n"
        f"Read [the section][{written.id}#{heading.anchor}] and [the table][compatibility#{section}].\n",
    )
    built_strictly(project.root)

    for locale in small.locales:
        page = html(project.root, locale, "more.md")
        assert "More on it" in page
        shown = read_page(page)
        folder = project.site_dir / locale / "more"
        anchors = []
        for href in shown.hrefs:
            path, _, anchor = href.partition("#")
            if anchor and path:
                target = (folder / path).resolve() / "index.html"
                assert anchor in read_page(target.read_text(encoding="utf-8")).ids, href
                anchors.append((target.parent.name, anchor))
        assert (written.id, heading.anchor) in anchors and ("compatibility", section) in anchors
        notice = messages(small, locale).plain("i18n.fallback")
        assert (notice in page) == (locale != small.default_locale), locale  # the English text, under the notice

    run = run_generator(project.root, "i18n", "status")
    new = ("description", "title", "see")  # the new page's messages, none translated yet
    for locale in others(small):
        assert re.search(rf"^{re.escape(locale)}: .* 0 stale, {len(new)} missing$", run.stdout, re.M), run.stdout


def test_a_link_to_a_heading_no_page_has_is_refused(project, written):
    """A heading of a page is known before the build; a place in a part the generator makes is
    checked once the site is built. Either way nothing is written."""
    nowhere = f"{written.id}#nowhere"
    text = f"---\ndescription: More.\n---\n\n# More {{#title}}\n\n{{#see}}\nSee [nothing][{nowhere}].\n"
    file = add_page(project, "more", text)
    run = run_generator(project.root, "check")
    assert run.returncode == 1, run.stdout + run.stderr
    line = text.splitlines().index(f"See [nothing][{nowhere}].") + 1
    assert f"{file}:{line}:1: " in run.stderr and f"'{nowhere}'" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr

    ProjectFiles(project.root).replace(file, nowhere, "compatibility#nowhere")
    run = run_generator(project.root, "build")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "more/index.html: ../compatibility/#nowhere -> no such place on that page" in run.stderr, run.stderr
    assert "nothing was written" in run.stderr
    assert not project.site_dir.exists()


# --- a block not translated yet -------------------------------------------------------------------


def first_paragraph(page: Page) -> str:
    """The message id of the page's first paragraph."""
    return next(block.text.id for block in page.blocks if isinstance(block, Paragraph))


def drop(project: Project, locale: str, message_id: str) -> None:
    """Take a message out of a catalog, with its record of sources, as a translator who has not got to it."""
    files = ProjectFiles(project.root)
    file = f"matrix/locales/{locale}.yaml"
    kept, inside = [], False
    for line in files.text(file).splitlines(keepends=True):
        inside = line.startswith(f"  {message_id}:") or (inside and line.startswith("    "))
        if not inside:
            kept.append(line)
    files.write(file, "".join(kept))
    assert message_id not in yaml.safe_load(files.text(file))["messages"]


def test_a_block_not_translated_shows_in_english_under_the_notice_and_strict_refuses_it(project, small, written):
    block = first_paragraph(written)
    for locale in others(small):
        drop(project, locale, block)
    built_strictly(project.root)
    english = small.messages(small.default_locale)
    for locale in others(small):
        page = html(project.root, locale, file_of(written))
        text = read_page(page).text
        assert said(english[block]) in text and said(small.messages(locale)[block]) not in text, locale
        assert messages(small, locale).plain("i18n.fallback") in page
        for other in shown_texts(written):  # the other blocks stay translated
            if other.id != block:
                assert said(small.messages(locale)[other.id]) in text, (locale, other.id)
    assert messages(small, small.default_locale).plain("i18n.fallback") not in html(
        project.root, small.default_locale, file_of(written)
    )
    before = ProjectFiles(project.root).tree("site")

    run = run_generator(project.root, "build", "--strict")
    assert run.returncode == 1, run.stdout + run.stderr
    for locale in others(small):
        assert re.search(
            rf"^matrix/locales/{re.escape(locale)}\.yaml: 1 missing .*{re.escape(block)}", run.stderr, re.M
        )
    assert "Traceback" not in run.stderr
    assert ProjectFiles(project.root).tree("site") == before
