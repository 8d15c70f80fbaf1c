"""Every language's site in a browser: each page (the one for a wrong address too) says its language,
loads nothing from elsewhere and logs no error; the language selector lands on the same page.
Screenshots of the compatibility page in each language, light and dark, go to
tests/website/browser/artifacts/."""

from __future__ import annotations

from generator.matrix.locale_codes import language_tag
from generator.render.pages import messages

from .conftest import ARTIFACTS, address, path_of, watched_context


def test_every_page_says_its_language_and_loads_only_from_the_site(page, real_served):
    page.goto(real_served.url)  # the root page sends the reader on to the default language
    page.wait_for_url(address(real_served, real_served.matrix.default_locale))
    for locale in real_served.matrix.locales:
        for file in real_served.matrix.page_files:
            page.goto(address(real_served, locale, file))
            assert page.evaluate("document.documentElement.lang") == language_tag(locale), f"{locale}/{file}"
        page.goto(f"{real_served.url}{locale}/404.html")  # styled and scripted from the language's folder
        assert page.evaluate("document.documentElement.lang") == language_tag(locale)
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"


def test_the_language_selector_lands_on_the_same_page(page, small_served):
    matrix = small_served.matrix
    for file in matrix.page_files:
        for locale in matrix.locales:
            page.goto(address(small_served, matrix.default_locale, file))
            page.locator(".md-header__option .md-select").hover()
            link = page.locator(f'.md-select__link[hreflang="{language_tag(locale)}"]')
            assert link.inner_text().strip() == messages(matrix, locale).plain("language.name")
            link.click()
            page.wait_for_url(address(small_served, locale, file))
            assert path_of(page.url) == path_of(address(small_served, locale, file))


def test_screenshots_of_the_compatibility_page(browser, real_served):
    ARTIFACTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        with watched_context(browser, color_scheme=scheme) as context:
            page = context.new_page()
            for locale in real_served.matrix.locales:
                page.goto(address(real_served, locale, "compatibility.md"))
                shot = ARTIFACTS / f"compatibility-{locale}-{scheme}.png"
                page.screenshot(path=str(shot), full_page=True)
                assert shot.stat().st_size > 0
