"""The header's search box, in a browser: it finds another form of a word, words inside unspaced
Japanese and Chinese text, only pages of the language searched, and it works from the keyboard.

The small project's pages hold the words in these forms: "table", "Loading" and "moment" (en),
"Таблица", "Загрузка", "Дообучение" and "Заметки" (ru), the last of each language on its page
written in Markdown; tests/fixtures/browser/locales holds the ja and zh-cn text.
"""

from __future__ import annotations

import pytest

from generator.render.pages import messages

from .conftest import address, path_of

SEARCHES = [
    ("en", "tables", "compatibility.md"),
    ("en", "loads", "compatibility.md"),
    ("ru", "таблицы", "compatibility.md"),
    ("ru", "загрузкой", "compatibility.md"),
    ("ru", "дообучения", "compatibility.md"),
    ("en", "moments", "notes.md"),
    ("ru", "заметка", "notes.md"),
    ("ja", "互換", "compatibility.md"),  # in 互換性を示します
    ("zh-cn", "兼容", "compatibility.md"),  # in 的兼容性
    ("zh-cn", "模型", "compatibility.md"),
]


def results(page, query: str) -> list[str]:
    """Type a query into the open search box; the addresses of the results once shown."""
    box = page.locator("[data-site-search]")
    page.locator("[data-site-search] input").fill(query)  # text inserted as an IME does: no key events
    page.wait_for_function("box => box.getAttribute('aria-busy') === 'false'", arg=box.element_handle())
    return page.eval_on_selector_all("#site-search-results a", "links => links.map(a => a.href)")


@pytest.mark.parametrize(("locale", "query", "found"), SEARCHES)
def test_a_word_finds_the_page_with_another_form_of_it_in_its_language_only(page, small_served, locale, query, found):
    page.goto(address(small_served, locale))
    page.locator("[data-site-search] input").click()
    hits = results(page, query)
    assert hits, f"{query!r} found nothing on the {locale} site"
    assert all(path_of(hit).startswith(f"/{locale}/") for hit in hits), hits
    assert any(path_of(hit) == path_of(address(small_served, locale, found)) for hit in hits), hits


def test_search_works_from_the_keyboard(page, small_served):
    page.goto(address(small_served, "en", "modes.md"))
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.closest('[data-site-search]') !== null")
    page.keyboard.type("tables")
    page.wait_for_function(
        "() => document.querySelector('#site-search-results a') &&"
        " document.querySelector('[data-site-search]').getAttribute('aria-busy') === 'false'"
    )
    first = page.locator("#site-search-results a").first.evaluate("a => a.href")
    page.keyboard.press("ArrowDown")
    assert page.locator("#site-search-results a").first.get_attribute("aria-selected") == "true"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == first
    page.keyboard.press("/")
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()


def test_a_search_index_that_does_not_load_is_said_so(browser, small_served):
    """The index's files refused (a broken upload, say): the box says search is unavailable."""
    context = browser.new_context()
    try:
        context.route("**/pagefind/**", lambda route: route.abort())
        page = context.new_page()
        page.goto(address(small_served, "en"))
        assert results(page, "tables") == []
        said = page.locator("[data-site-search] .md-search-result__meta").inner_text()
        assert said == messages(small_served.matrix, "en").plain("search.error")
    finally:
        context.close()
