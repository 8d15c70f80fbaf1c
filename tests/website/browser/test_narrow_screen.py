"""On a phone's screen (390 px wide) no page scrolls sideways: what is wider than the screen (a wide
table, a code block) scrolls in a box of its own, and the language list, folded or open, stays on it."""

from __future__ import annotations

import pytest

from .conftest import address, watched_context

PHONE = {"width": 390, "height": 844}
WIDTH = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"


@pytest.mark.parametrize("locale", ["en", "ru", "ja"])
def test_no_page_scrolls_sideways_on_a_phone(browser, real_served, locale):
    with watched_context(browser) as context:
        page = context.new_page()
        page.set_viewport_size(PHONE)
        wide = []
        for written in real_served.matrix.pages:
            page.goto(address(real_served, locale, f"{written.id}.md"))
            page_width, screen = page.evaluate(WIDTH)
            page.locator(".md-select > button").focus()  # the language list, open
            open_width, _ = page.evaluate(WIDTH)
            if max(page_width, open_width) > screen:
                wide.append(f"{written.id}: {page_width} px, {open_width} px with the languages open")
        assert not wide, f"wider than the {PHONE['width']} px screen:\n" + "\n".join(wide)
