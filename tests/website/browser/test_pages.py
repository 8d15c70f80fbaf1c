"""A page written in Markdown (matrix/pages/), in a browser: in every language it opens from the
navigation, says its language, shows its list, table and note in that language (English where the
language has no translation yet), and logs no error."""

from __future__ import annotations

from generator.matrix.locale_codes import language_tag
from generator.matrix.pages import ListBlock, Note, Table
from generator.render.pages import messages

from .conftest import address, path_of


def test_the_page_opens_from_the_navigation_and_shows_its_blocks(page, small_served):
    matrix = small_served.matrix
    written = next(page for page in matrix.pages if not page.parts())  # text alone: every block is the page's
    lists = [block for block in written.blocks if isinstance(block, ListBlock)]
    tables = [block for block in written.blocks if isinstance(block, Table)]
    notes = [block for block in written.blocks if isinstance(block, Note)]
    assert lists and tables and notes, "the page should hold a list, a table and a note"
    for locale in matrix.locales:
        t = messages(matrix, locale)
        page.goto(address(small_served, locale))
        page.locator(".md-nav--primary .md-nav__link", has_text=t.plain(written.name.id)).first.click()
        page.wait_for_url(address(small_served, locale, f"{written.id}.md"))
        assert path_of(page.url) == path_of(address(small_served, locale, f"{written.id}.md"))
        assert page.evaluate("document.documentElement.lang") == language_tag(locale)

        article = page.locator("article")
        heading = article.locator("h1").evaluate(  # without its permalink (¶)
            "h => [...h.childNodes].filter(n => !n.classList?.contains('headerlink')).map(n => n.textContent).join('')"
        )
        assert heading.strip() == t.plain(written.title.id)
        shown_lists = article.locator("ol, ul").filter(has=page.locator("li"))
        for number, block in enumerate(lists):
            items = shown_lists.nth(number).locator("li")
            assert items.first.is_visible()
            assert [text.strip() for text in items.all_inner_texts()] == [t.plain(item.id) for item in block.items]
        for number, table in enumerate(tables):
            shown = article.locator("table").nth(number)
            assert shown.is_visible()
            header = [text.strip() for text in shown.locator("th").all_inner_texts()]
            assert header == [t.plain(cell.id) for cell in table.header], locale
            cells = [text.strip() for text in shown.locator("td").all_inner_texts()]
            assert cells == [t.plain(cell.id) for row in table.rows for cell in row], locale
        for number, note in enumerate(notes):
            shown = article.locator(f".admonition.{note.kind}").nth(number)
            assert shown.is_visible()
            if note.title:
                assert shown.locator(".admonition-title").inner_text().strip() == t.plain(note.title.id)
