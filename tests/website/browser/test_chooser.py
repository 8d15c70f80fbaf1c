"""The home page's chooser, in a browser: every format × operation × mode answers as the matrix says,
with a link that opens the section on that mode's tab, by mouse, by keyboard and without JavaScript;
on the real site, an answer's guide link opens the guide page's section on that operation."""

from __future__ import annotations

import pytest

from generator.render.pages import messages
from generator.render.views import tab_anchor

from .conftest import Served, address, path_of, watched_context

expect = pytest.importorskip("playwright.sync_api", reason="browser tests: Playwright is not installed").expect


@pytest.fixture(params=["small", "real"])
def served(request) -> Served:
    return request.getfixturevalue(f"{request.param}_served")


def choose(page, group: str, value: str) -> None:
    """Click a choice's button, as a reader does."""
    page.locator(f'.chooser label:has(input[name="{group}"][value="{value}"])').click()


def test_every_choice_answers_as_the_matrix_says(page, served):
    matrix = served.matrix
    for locale in matrix.locales:
        t = messages(matrix, locale)
        page.goto(address(served, locale))
        for fmt in matrix.ordered_formats():
            choose(page, "format", fmt.id)
            for operation in matrix.operations.model.operations:
                choose(page, "operation", operation.id)
                for mode in matrix.modes.model.modes:
                    choose(page, "mode", mode.label)
                    where = f"{locale}: {fmt.id} × {operation.id} × {mode.id}"
                    shown = page.locator(".chooser-answer:visible")
                    assert shown.count() == 1, where
                    cell = matrix.cell(fmt, operation.id, mode.id)
                    answer = shown.first
                    assert (
                        answer.locator("p")
                        .first.inner_text()
                        .strip()
                        .startswith(t.plain(f"status.{cell.claim.status.value}"))
                    ), where
                    code = answer.locator("pre").all_inner_texts()
                    expected = [snippet.code for snippet in cell.snippets] + (
                        [cell.counterexample.code] if cell.counterexample else []
                    )
                    assert len(code) == len(expected), where
                    for block, snippet in zip(code, expected, strict=True):
                        assert snippet.strip().splitlines()[-1].strip() in block, where
                    link = answer.locator("a.md-button")
                    assert link.inner_text().strip() == t.plain("chooser.open"), where
                    href = link.evaluate("a => a.href")
                    assert href.endswith(f"/{locale}/compatibility/#{tab_anchor(fmt, operation.id, mode)}"), where


def test_the_answer_opens_its_section_on_its_modes_tab(page, small_served):
    matrix = small_served.matrix
    fmt = matrix.ordered_formats()[-1]
    operation = matrix.operations.model.operations[-1]
    mode = matrix.modes.model.modes[-1]
    page.goto(address(small_served, matrix.default_locale))
    for group, value in (("format", fmt.id), ("operation", operation.id), ("mode", mode.label)):
        choose(page, group, value)
    page.locator(".chooser-answer:visible a.md-button").click()
    anchor = tab_anchor(fmt, operation.id, mode)
    assert path_of(page.url).endswith("/compatibility/")
    expect(page.locator(f'[id="{anchor}"]')).to_be_checked()


def test_the_chooser_works_by_keyboard(page, small_served):
    matrix = small_served.matrix
    page.goto(address(small_served, matrix.default_locale))
    first = page.locator('.chooser input[name="operation"]').first
    first.focus()
    page.keyboard.press("ArrowRight")
    second = matrix.operations.model.operations[1].id
    assert page.locator(f'.chooser input[name="operation"][value="{second}"]').is_checked()
    assert page.locator(".chooser-answer:visible").get_attribute("data-operation") == second
    page.keyboard.press("Tab")  # on to the modes, then to the answer's link, as the page reads
    assert page.evaluate("document.activeElement.name") == "mode"


def test_the_chooser_needs_no_javascript(browser, small_served):
    matrix = small_served.matrix
    with watched_context(browser, java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(address(small_served, matrix.default_locale))
        for operation in matrix.operations.model.operations:
            choose(page, "operation", operation.id)
            shown = page.locator(".chooser-answer:visible")
            assert shown.count() == 1
            assert shown.get_attribute("data-operation") == operation.id
        assert page.locator("[data-site-search]").is_hidden()  # no box that cannot search


@pytest.mark.parametrize("locale", ["en", "ru", "ja"])
def test_the_answers_guide_link_opens_the_guides_section(page, real_served, locale):
    matrix = real_served.matrix
    pages = {found.id for found in matrix.pages}
    page.goto(address(real_served, locale))
    for fmt in matrix.ordered_formats():
        for operation in matrix.operations.model.operations:
            for mode in matrix.modes.model.modes:
                cell = matrix.cell(fmt, operation.id, mode.id)
                if cell.guide is None or cell.guide.link.partition("#")[0] not in pages:
                    continue
                target, _, anchor = cell.guide.link.partition("#")
                for group, value in (("format", fmt.id), ("operation", operation.id), ("mode", mode.label)):
                    choose(page, group, value)
                where = f"{locale}: {fmt.id} × {operation.id} × {mode.id}"
                page.locator(f'.chooser-answer:visible a[href*="{target}/"]').click()
                assert path_of(page.url).endswith(f"/{locale}/{target}/"), where
                if anchor:
                    expect(page.locator(f'[id="{anchor}"]')).to_be_in_viewport()
                page.go_back()
