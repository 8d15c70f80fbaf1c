"""The header's search box, in a browser: it finds another form of a word, words inside unspaced
Japanese and Chinese text, only pages of the language searched, and it works from the keyboard.
Its results read as sentences (no table's header run into its rows), in the theme's colours with
AA contrast in both palettes, and the keyboard reaches, moves through, opens and closes them.

The small project's pages hold the words in these forms: "table", "Loading" and "moment" (en),
"Таблица", "Загрузка", "Дообучение" and "Заметки" (ru), the last of each language on its page
written in Markdown; tests/fixtures/browser/locales holds the ja and zh-cn text.
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from generator.render.pages import messages

from .conftest import address, path_of, watched_context
from .contrast import low_contrast

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


# A word of each language that finds several results (their pages and sections).
FINDS_SEVERAL = {"en": "tables", "ru": "таблицы", "ja": "互換"}
CHECKED = tuple(FINDS_SEVERAL)
RESULT_LINKS = "#site-search-results a"
BROWSER_LINK_BLUE = "rgb(0, 0, 238)"  # what a link is drawn in when nothing styles it


def results(page, query: str) -> list[str]:
    """Type a query into the open search box; the addresses of the results once shown."""
    box = page.locator("[data-site-search]")
    page.locator("[data-site-search] input").fill(query)  # text inserted as an IME does: no key events
    page.wait_for_function("box => box.getAttribute('aria-busy') === 'false'", arg=box.element_handle())
    return page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.href)")


def excerpts(page) -> list[str]:
    """The text under each result's title, as shown."""
    return page.eval_on_selector_all("#site-search-results p", "texts => texts.map(p => p.textContent)")


def squeezed(text: str) -> str:
    return "".join(text.split())


def table_headings(page) -> list[list[str]]:
    """The column headings of each table of the open page."""
    return page.eval_on_selector_all(
        "[data-pagefind-body] table",
        "tables => tables.map(t => [...t.querySelectorAll('th')].map(th => th.textContent.trim()))",
    )


def typed(page, query: str) -> None:
    """Type a query into the focused box; non-ASCII text is inserted, as an IME does it."""
    if query.isascii():
        page.keyboard.type(query)
    else:
        page.keyboard.insert_text(query)
    page.wait_for_function(
        "() => document.querySelector('#site-search-results a') &&"
        " document.querySelector('[data-site-search]').getAttribute('aria-busy') === 'false'"
    )


def focused(page) -> str:
    """What has the keyboard focus: 'box', 'result <n>' (from 0), or the element's tag."""
    return page.evaluate(
        """() => {
          const e = document.activeElement;
          if (e.matches('[data-site-search] input')) return 'box';
          const at = [...document.querySelectorAll('#site-search-results a')].indexOf(e);
          return at >= 0 ? `result ${at}` : e.tagName.toLowerCase();
        }"""
    )


def is_open(page) -> bool:
    return page.locator("#__search").is_checked()


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


@pytest.mark.parametrize("locale", CHECKED)
def test_an_excerpt_never_runs_a_tables_headings_together(page, small_served, locale):
    """The Verification page's tables once came out as "Example Mode Runtime Expected Observed ...".
    Searching the words of the column headings and of the rows finds no excerpt that holds two
    neighbouring headings one after the other (spaces left out: a Japanese excerpt has none)."""
    headings = []
    for file in ("verification.md", "compatibility.md"):
        page.goto(address(small_served, locale, file))
        headings += table_headings(page)
    run_on = {squeezed(first + second) for row in headings for first, second in pairwise(row)}
    assert run_on, "the pages should have tables"
    queries = dict.fromkeys([*(row[n] for row in headings for n in (0, 2) if n < len(row)), "only", "tiny"])
    page.locator("[data-site-search] input").click()
    for query in queries:
        results(page, query)
        for excerpt in excerpts(page):
            assert not [pair for pair in run_on if pair in squeezed(excerpt)], (query, excerpt)


@pytest.mark.parametrize("locale", CHECKED)
def test_an_exception_shown_in_the_verification_table_is_still_found(page, small_served, locale):
    """The tables are out of the index, the verdicts under the examples are not: an exception message
    leads to the section whose example raised it."""
    page.goto(address(small_served, locale))
    page.locator("[data-site-search] input").click()
    hits = results(page, "hidden counterexample: eager execution is not supported")
    assert address(small_served, locale, "compatibility.md", "tiny-create") in hits, hits


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("locale", CHECKED)
def test_results_are_in_the_themes_colours_and_readable(browser, small_served, locale, scheme):
    """Titles and excerpts in the theme's text colours, matched words marked (not drawn as links), the
    picked result outlined, and every text at AA contrast: in the light palette and the dark one."""
    with watched_context(browser, color_scheme=scheme) as context:
        page = context.new_page()
        page.goto(address(small_served, locale, "modes.md"))
        assert page.evaluate("document.body.dataset.mdColorScheme") == {"light": "default", "dark": "slate"}[scheme]
        page.add_style_tag(content="* { transition: none !important; }")  # the colours as they end, at once
        page.keyboard.press("/")
        typed(page, FINDS_SEVERAL[locale])
        page.keyboard.press("ArrowDown")
        theme = page.evaluate(
            """() => {
              const probe = document.createElement('span');
              probe.style.color = 'var(--md-default-fg-color)';
              document.querySelector('#site-search-results').append(probe);
              const colour = getComputedStyle(probe).color;
              probe.remove();
              return colour;
            }"""
        )
        looks = page.eval_on_selector_all(
            f"{RESULT_LINKS}, {RESULT_LINKS} h1, {RESULT_LINKS} h2, {RESULT_LINKS} mark",
            "found => found.map(e => [e.tagName, getComputedStyle(e).color, getComputedStyle(e).textDecorationLine])",
        )
        assert any(tag == "MARK" for tag, _, _ in looks), "the query's words should be marked"
        for tag, colour, decoration in looks:
            assert colour == theme != BROWSER_LINK_BLUE, (tag, colour)
            assert "underline" not in decoration, tag  # nothing in a result looks like a link inside it
        picked = page.locator(f"{RESULT_LINKS}[aria-selected='true']")
        outline = picked.evaluate(
            "a => [getComputedStyle(a).outlineStyle, parseFloat(getComputedStyle(a).outlineWidth)]"
        )
        assert outline[0] != "none" and outline[1] >= 1, outline
        assert low_contrast(page, "[data-site-search] .md-search-result") == []


@pytest.mark.parametrize("locale", CHECKED)
def test_the_keyboard_reaches_moves_through_opens_and_closes_the_results(page, small_served, locale):
    page.goto(address(small_served, locale, "modes.md"))
    page.keyboard.press("/")
    typed(page, FINDS_SEVERAL[locale])
    hits = page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.href)")
    assert len(hits) >= 2, hits
    # The list's scroll area holds a place for Tab (axe: scrollable-region-focusable).
    assert page.locator(f"{RESULT_LINKS}[tabindex='0']").count() == 1
    page.keyboard.press("Tab")
    assert (focused(page), is_open(page)) == ("result 0", True)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("ArrowDown")
    assert focused(page) == "result 1"
    assert page.locator(RESULT_LINKS).nth(1).get_attribute("aria-selected") == "true"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert (focused(page), is_open(page)) == ("box", True)
    query = page.locator("[data-site-search] input").input_value()
    page.keyboard.press("Tab")
    typed(page, " ")  # typing in the list goes on in the box (a space: the same results)
    assert (focused(page), page.locator("[data-site-search] input").input_value()) == ("box", query + " ")
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    assert (focused(page), is_open(page)) == ("box", False)
    assert page.locator(f"{RESULT_LINKS}[tabindex='0']").count() == 0  # a closed list is out of the tab order
    typed(page, " ")  # typing opens the list again
    assert is_open(page)
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    second = page.locator(RESULT_LINKS).nth(1).evaluate("a => a.href")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == second
