"""Pages written in Markdown are translated a block at a time: rewording one English paragraph makes
that message, and only it, stale in each language (the PO export has one more fuzzy entry, the test
session's last line names it); moving a paragraph with its id keeps its translations; a PO import
of a block's translation lands in the language's catalog and on the built page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.matrix.documents import Matrix
from generator.matrix.pages import Page, Paragraph, Text
from generator.matrix.translations import source_record
from generator.project import Project

from ..helpers import ProjectFiles, copy_project, run_generator, write_yaml
from .conftest import built_strictly
from .page_text import html, read_page
from .test_i18n import session_end
from .test_pages import drop
from .test_small_site import said

# A second translated language, made from the small project's: every language must behave the same.
SECOND = ("uk", "Українська")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """The small project with one more language, translated as completely as the first."""
    project = copy_project(tmp_path / "project")
    matrix = project.load()
    source = others(matrix)[0]
    code, name = SECOND
    assert code not in matrix.locales
    files = ProjectFiles(project.root)
    text = files.text(f"matrix/locales/{source}.yaml")
    text = text.replace(f"\nlocale: {source}\n", f"\nlocale: {code}\n", 1)
    text = re.sub(r"^  language\.name: .*$", f"  language.name: {name}", text, count=1, flags=re.M)
    files.write(f"matrix/locales/{code}.yaml", text)
    site = project.matrix_dir / "site.yaml"
    modeline, _, body = site.read_text(encoding="utf-8").partition("\n")
    data = yaml.safe_load(body)
    data["locales"].append(code)
    write_yaml(site, data, modeline)
    assert run_generator(project.root, "i18n", "status").returncode == 0, "every language starts complete"
    return project


def others(matrix: Matrix) -> list[str]:
    return [locale for locale in matrix.locales if locale != matrix.default_locale]


def written_page(project: Project) -> Page:
    pages = [page for page in project.load().pages if not page.parts()]
    assert pages, "the small project should have a page written in Markdown"
    return pages[0]


def first_paragraph(page: Page) -> Text:
    return next(block.text for block in page.blocks if isinstance(block, Paragraph))


def page_file(project: Project, page: Page) -> str:
    return (project.matrix_dir / "pages" / f"{page.id}.md").relative_to(project.root).as_posix()


def status(project: Project) -> tuple[int, dict[str, list[str]], str]:
    """`i18n status`: its exit code, each language's lines (its count, then its stale and missing
    messages), and its last line."""
    run = run_generator(project.root, "i18n", "status")
    assert "Traceback" not in run.stderr, run.stderr
    languages: dict[str, list[str]] = {}
    lines = run.stdout.splitlines()
    for line in lines[:-1]:
        if not line.startswith(" "):
            languages[line.split(":")[0]] = []
        languages[list(languages)[-1]].append(line)
    return run.returncode, languages, lines[-1]


def fuzzy_entries(project: Project, locale: str, tmp_path: Path) -> set[str]:
    """The message ids of the fuzzy entries of the language's PO export."""
    from babel.messages.pofile import read_po

    target = tmp_path / f"{locale}.po"
    run = run_generator(project.root, "i18n", "export", locale, "--output", str(target))
    assert run.returncode == 0, run.stderr
    with target.open("rb") as handle:
        return {str(entry.context) for entry in read_po(handle) if entry.id and entry.fuzzy}


def test_rewording_one_paragraph_makes_exactly_it_stale_in_each_language(project, tmp_path):
    page = written_page(project)
    paragraph = first_paragraph(page)
    matrix = project.load()
    fuzzy_before = {locale: fuzzy_entries(project, locale, tmp_path) for locale in others(matrix)}
    _, before, _ = status(project)

    reworded = "The tiny format loads with `hub.load`, and with nothing else."
    ProjectFiles(project.root).replace(page_file(project, page), paragraph.english, reworded)

    code, after, last = status(project)
    assert code == 1
    for locale in others(matrix):
        counted = re.fullmatch(r"(\d+) translated, (\d+) stale, (\d+) missing", after[locale][0].split(": ", 1)[1])
        assert counted, after[locale]
        was = re.fullmatch(r"(\d+) translated, 0 stale, 0 missing", before[locale][0].split(": ", 1)[1])
        assert was, before[locale]
        assert counted.groups() == (str(int(was[1]) - 1), "1", "0"), after[locale]
        assert after[locale][1:] == [f"  stale: {paragraph.id}: {reworded}"], after[locale]
        assert fuzzy_before[locale] == set()
        assert fuzzy_entries(project, locale, tmp_path) == {paragraph.id}  # one more fuzzy entry
    stale = "; ".join(f"{locale} 1 stale ({paragraph.id})" for locale in others(matrix))
    assert last.startswith(f"translations: {stale}; "), last

    # Nothing fails meanwhile: the matrix checks, the site builds, the test session passes and says so.
    assert run_generator(project.root, "check").returncode == 0
    built_strictly(project.root)
    for locale in others(matrix):
        assert said(reworded) in read_page(html(project.root, locale, f"{page.id}.md")).text
    assert session_end(project.root)[0] == last


def test_moving_a_paragraph_with_its_id_keeps_its_translations(project):
    page = written_page(project)
    paragraph = first_paragraph(page)
    files = ProjectFiles(project.root)
    file = page_file(project, page)
    block = f"{{#{paragraph.id.rsplit('.', 1)[1]}}}\n{paragraph.english}\n"
    text = files.text(file)
    assert text.count(block + "\n") == 1
    before = status(project)
    files.write(file, text.replace(block + "\n", "") + "\n" + block)  # cut, and pasted at the end of the page

    moved = written_page(project)
    assert [text.id for text in moved.texts()][-1] == paragraph.id
    assert status(project) == before
    code, languages, last = before
    assert code == 0 and last == "translations: every language complete", languages

    built_strictly(project.root, "--strict")
    matrix = project.load()
    for locale in others(matrix):
        text = read_page(html(project.root, locale, f"{page.id}.md")).text
        shown = said(matrix.messages(locale)[paragraph.id])
        last_block = said(matrix.messages(locale)[[t.id for t in page.texts()][-1]])
        assert shown in text and text.index(shown) > text.index(last_block), locale


@pytest.mark.parametrize("state", ["missing", "stale"])
def test_a_po_import_of_a_blocks_translation_is_written_to_the_catalog_and_shown(project, tmp_path, state):
    from babel.messages.pofile import read_po, write_po

    page = written_page(project)
    paragraph = first_paragraph(page)
    files = ProjectFiles(project.root)
    matrix = project.load()
    english = paragraph.english
    if state == "stale":
        english = "The tiny format loads with `hub.load`, and with nothing else."
        files.replace(page_file(project, page), paragraph.english, english)
    else:
        for locale in others(matrix):
            drop(project, locale, paragraph.id)
    assert status(project)[0] == 1

    links = " ".join(re.findall(r"\[[^\]]+\]\[[^\]]+\]", english))  # a translation keeps the English's links
    translation = {
        locale: f"Формат tiny загружается только через `hub.load` ({locale}). {links}".strip()
        for locale in others(matrix)
    }
    for locale in others(matrix):
        path = tmp_path / f"{locale}.po"
        assert run_generator(project.root, "i18n", "export", locale, "--output", str(path)).returncode == 0
        with path.open("rb") as handle:
            po = read_po(handle)
        entry = po.get(english, context=paragraph.id)
        assert entry is not None and entry.fuzzy == (state == "stale")
        entry.string, entry.flags = translation[locale], set()  # the translator's tool
        with path.open("wb") as handle:
            write_po(handle, po, width=0)
        run = run_generator(project.root, "i18n", "import", locale, str(path))
        assert run.returncode == 0, run.stdout + run.stderr

        catalog = yaml.safe_load(files.text(f"matrix/locales/{locale}.yaml"))
        assert catalog["messages"][paragraph.id] == translation[locale]
        assert catalog["sources"][paragraph.id] == source_record(english, translation[locale])
    assert status(project)[0] == 0

    built_strictly(project.root, "--strict")
    for locale in others(matrix):
        text = read_page(html(project.root, locale, f"{page.id}.md")).text
        assert said(translation[locale]) in text and said(english) not in text, locale
