"""Code tabs in a browser: a mode chosen once is shown in every section, on every page and in every
language; a link to a tab opens it; arrow keys move between tabs; a printed page shows them all."""

from __future__ import annotations

import pytest

from generator.render.views import tab_anchor

from .conftest import address

expect = pytest.importorskip("playwright.sync_api", reason="browser tests: Playwright is not installed").expect


def checked_labels(page) -> set[str]:
    """The label of the selected tab of every set of tabs on the page."""
    return set(
        page.eval_on_selector_all(
            ".tabbed-set",
            "sets => sets.map(set => set.querySelector(`.tabbed-labels > label[for='${"
            "set.querySelector(':scope > input:checked').id}']`).innerText.trim())",
        )
    )


def test_a_chosen_mode_is_shown_in_every_section_on_every_page_and_language(page, small_served):
    matrix = small_served.matrix
    first, *_, last = matrix.modes.model.modes
    english, other = matrix.default_locale, next(code for code in matrix.locales if code != matrix.default_locale)
    page.goto(address(small_served, english, "compatibility.md"))
    assert checked_labels(page) == {first.label}
    page.locator(".tabbed-labels > label", has_text=last.label).first.click()
    assert checked_labels(page) == {last.label}
    page.goto(address(small_served, english))
    assert page.locator(f'.chooser input[name="mode"][value="{last.label}"]').is_checked()
    page.goto(address(small_served, other, "compatibility.md"))
    assert checked_labels(page) == {last.label}
    # and back: a mode chosen in the chooser is the tabs' choice too
    page.goto(address(small_served, other))
    page.locator(f'.chooser label:has(input[name="mode"][value="{first.label}"])').click()
    page.goto(address(small_served, english, "compatibility.md"))
    assert checked_labels(page) == {first.label}


def test_a_link_to_a_tab_opens_that_tab(page, small_served):
    matrix = small_served.matrix
    for fmt in matrix.ordered_formats():
        for operation in matrix.operations.model.operations:
            for mode in matrix.modes.model.modes:
                anchor = tab_anchor(fmt, operation.id, mode)
                page.goto(address(small_served, matrix.default_locale, "compatibility.md", anchor))
                page.reload()  # a fresh load, not a jump within the page
                expect(page.locator(f'[id="{anchor}"]'), anchor).to_be_checked()


def test_every_table_cell_links_to_its_columns_tab(page, small_served):
    matrix = small_served.matrix
    modes = {mode.id: mode for mode in matrix.modes.model.modes}
    expected = {
        tab_anchor(fmt, cell.operation, modes[column.modes[0]])
        for fmt in matrix.ordered_formats()
        for column in fmt.columns
        for cell in fmt.cells
        if cell.column == column.id
    }
    page.goto(address(small_served, matrix.default_locale, "compatibility.md"))
    targets = page.eval_on_selector_all(
        "table td:not(:first-child) a[href^='#']", "links => links.map(a => decodeURIComponent(a.hash.slice(1)))"
    )
    assert set(targets) == expected
    for target in expected:
        page.locator(f"table td a[href='#{target}']").first.click()
        expect(page.locator(f'[id="{target}"]'), target).to_be_checked()  # the theme selects it as it follows the link


def test_arrow_keys_move_between_tabs(page, small_served):
    matrix = small_served.matrix
    first, second, *_ = matrix.modes.model.modes
    page.goto(address(small_served, matrix.default_locale, "compatibility.md"))
    page.locator(".tabbed-set > input:checked").first.focus()
    page.keyboard.press("ArrowRight")
    assert checked_labels(page) == {second.label}
    page.keyboard.press("ArrowLeft")
    assert checked_labels(page) == {first.label}


def test_a_printed_page_shows_every_tab(page, small_served):
    matrix = small_served.matrix
    page.goto(address(small_served, matrix.default_locale, "compatibility.md"))
    blocks = page.locator(".tabbed-block")
    assert blocks.count() > page.locator(".tabbed-set").count()
    page.emulate_media(media="print")
    for index in range(blocks.count()):
        assert blocks.nth(index).is_visible(), index
    assert page.locator(".tab-label-print:visible").count() == blocks.count()
