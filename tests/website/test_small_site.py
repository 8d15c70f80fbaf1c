"""What the built pages say, on the small project: tables, notes, footnotes, tabs, languages, search,
the page for a wrong address."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import material

from generator.matrix import markup
from generator.matrix.locale_codes import language_tag
from generator.render.pages import messages
from generator.website.search import indexed_languages

from .page_text import html, read_page


def said(text: str) -> str:
    """A catalog message as a reader sees it: markup gone, whitespace collapsed."""
    return " ".join("".join(p.text for p in markup.flat(text) if p.kind in ("text", "code")).split())


def test_every_cell_is_in_its_table(small_site, small):
    for locale in small.locales:
        page = html(small_site, locale, "compatibility.md")
        messages = small.messages(locale)
        for fmt in small.ordered_formats():
            section = page[page.index(f'<h2 id="{fmt.id}"') :]
            table = section[: section.index("</table>")]
            rows = [read_page(row).text for row in table.split("<tr>")[2:]]
            assert len(rows) == len(small.operations.model.operations)
            for row, operation in zip(rows, small.operations.model.operations, strict=True):
                assert row.startswith(said(messages[operation.name]))
                for column in fmt.columns:
                    cell = small.column_cell(fmt, operation.id, column.id)
                    assert said(messages[f"status.{cell.claim.status.value}"]) in row
                    if cell.text:
                        assert said(messages[cell.text]) in row
                    if cell.guide:
                        assert said(messages[cell.guide.text]) in row


def test_notes_and_texts_are_shown(small_site, small):
    for locale in small.locales:
        text = read_page(html(small_site, locale, "compatibility.md")).text
        messages = small.messages(locale)
        for fmt in small.ordered_formats():
            for cell in fmt.cells:
                for note in cell.notes:
                    assert said(messages[note]) in text, f"{locale}: note {note}"
            assert said(messages[fmt.summary]) in text
            if fmt.table_note:
                assert said(messages[fmt.table_note]) in text


def test_each_footnote_is_linked_from_every_heading_that_has_it(small_site, small):
    footnotes = [column.footnote for fmt in small.ordered_formats() for column in fmt.columns if column.footnote]
    assert footnotes, "the small matrix should have a footnote"
    for locale in small.locales:
        page = html(small_site, locale, "compatibility.md")
        shown = read_page(page)
        for number, footnote in enumerate(dict.fromkeys(footnotes), start=1):
            assert f"fn:{number}" in shown.ids
            assert page.count(f'href="#fn:{number}"') == footnotes.count(footnote)
            assert said(small.messages(locale)[footnote]) in shown.text


def test_every_section_has_a_tab_per_mode_with_the_same_labels(small_site, small):
    labels = [mode.label for mode in small.modes.model.modes]
    sections = len(small.ordered_formats()) * len(small.operations.model.operations)
    for locale in small.locales:
        page = html(small_site, locale, "compatibility.md")
        shown = [
            label
            for block in re.findall(r'<div class="tabbed-labels">(.*?)</div>', page)
            for label in re.findall(r"<label[^>]*>([^<]*)</label>", block)
        ]
        assert shown == labels * sections


def test_the_interface_is_in_the_page_language(small_site, small):
    for locale in small.locales:
        partial = Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{locale}.html"
        found = re.search(r'"search\.placeholder": "([^"]*)"', partial.read_text(encoding="utf-8"))
        assert found, partial
        placeholder = found.group(1)
        for file in small.page_files:
            text = html(small_site, locale, file)
            assert f'<html lang="{locale}"' in text
            assert f'placeholder="{placeholder}"' in text


def test_every_heading_has_the_anchor_its_page_gives_it(small_site, small):
    """Anchors are ids a writer chose (or the generator's), the same in every language: none is
    made from a heading's words, which differ from one language to the next."""
    for locale in small.locales:
        for file in small.page_files:
            source = (small_site / "docs" / locale / file).read_text(encoding="utf-8")
            explicit = set(re.findall(r"\{ #([^ }]+) \}", source))
            text = html(small_site, locale, file)
            headings = re.findall(r'<h[1-3] id="([^"]+)"', text)
            assert headings, f"{locale}/{file}"
            assert set(headings) <= explicit, f"{locale}/{file}: {set(headings) - explicit}"


def test_the_root_page_names_every_language_in_its_own_words(small_site, small):
    text = (small_site / "site" / "index.html").read_text(encoding="utf-8")
    for locale in small.locales:
        name = html_lib.escape(small.messages(locale)["language.name"])
        assert f'<a href="{locale}/" hreflang="{locale}" lang="{locale}">{name}</a>' in text


def test_contradictions_shown_on_a_site_built_with_them(small_site, small):
    """The small project was built with --allow-contradicted: its contradicted claims show as warnings."""
    for locale in small.locales:
        assert 'class="admonition danger"' in html(small_site, locale, "compatibility.md")


def test_each_language_has_its_own_search_index(small_site, small):
    """One Pagefind index per language folder, holding that language's pages only."""
    for locale in small.locales:
        assert indexed_languages(small_site / "site" / locale) == {language_tag(locale).lower(): len(small.page_files)}


def test_footnote_back_links_are_titled_in_the_page_language(small_site, small):
    for locale in small.locales:
        title = html_lib.escape(messages(small, locale).plain("footnote.backlink", number="1"), quote=True)
        assert f'title="{title}"' in html(small_site, locale, "compatibility.md"), locale


def test_a_wrong_address_gets_a_page_in_its_language_with_links_under_it(small_site, small):
    for locale in small.locales:
        t = messages(small, locale)
        page = (small_site / "site" / locale / "404.html").read_text(encoding="utf-8")
        assert f"<h1>{html_lib.escape(t.plain('notfound.title'))}</h1>" in page
        links = re.findall(r'(?:href|src)="(/[^"]*)"', page)
        assert links and all(link.startswith(f"/{locale}/") for link in links), links
    root = (small_site / "site" / "404.html").read_text(encoding="utf-8")
    for locale in small.locales:
        title = html_lib.escape(messages(small, locale).plain("notfound.title"))
        assert re.search(rf'<li lang="{language_tag(locale)}">{re.escape(title)}: <a href="/{locale}/"', root), locale


def test_the_palette_toggle_is_titled_in_the_page_language(small_site, small):
    for locale in small.locales:
        t = messages(small, locale)
        page = html(small_site, locale, "index.md")
        for message_id in ("palette.dark", "palette.light"):
            assert f'title="{html_lib.escape(t.plain(message_id))}"' in page, (locale, message_id)
