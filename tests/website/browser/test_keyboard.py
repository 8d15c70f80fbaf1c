"""The keyboard alone: every focus stop on a page, in order, is on something the reader can see and
shows that it has the focus by more than a change of colour (an outline or a shadow); the code tabs
switch with the arrow keys and the language selector opens and leads to the same page in another
language. The chooser's and the search's keys are tested beside them (test_chooser, test_search)."""

from __future__ import annotations

import pytest

from generator.matrix.locale_codes import language_tag

from .conftest import address, path_of

MAX_STOPS = 1500  # more than any page has: a walk that never returns to the start fails
STILL = "*, *::before, *::after { transition: none !important; animation: none !important; }"

# The focused element, with what shows its focus for a hidden input: what it is, whether it can be
# seen, and how it looks; `window.__stop` keeps it for the same reading once it has lost the focus.
LOOK = """(focused) => {
  const e = focused ? document.activeElement : window.__stop;
  if (focused) window.__stop = e;
  if (!e || e === document.body) return null;
  // A hidden input shows its focus on its label (or what the label holds), or, in the theme's
  // palette toggle, on the label right after it, which switches to the other palette.
  const labels = [...(e.labels || [])];
  const next = e.tagName === "INPUT" && e.nextElementSibling?.tagName === "LABEL" ? [e.nextElementSibling] : [];
  const parts = [e, ...labels, ...labels.flatMap(label => [...label.children]), ...next];
  const transparent = x => { for (; x; x = x.parentElement) if (getComputedStyle(x).opacity === "0") return true; };
  const seen = x => {
    const box = x.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(x).visibility !== "hidden" && !transparent(x);
  };
  const look = x => { const s = getComputedStyle(x); return `${s.outlineStyle} ${s.outlineWidth} ${s.boxShadow}`; };
  const name = (e.getAttribute("aria-label") || e.textContent || e.id || "").trim().slice(0, 40);
  return {what: `${e.tagName.toLowerCase()} "${name}"`, visible: parts.some(seen), looks: parts.map(look)};
}"""


def focus_walk(page) -> list[str]:
    """Tab through the page from its top until the focus comes back round; the stops that fail."""
    page.add_style_tag(content=STILL)
    problems: list[str] = []
    seen: set[object] = set()
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        focused = page.evaluate(LOOK, True)
        if focused is None:
            return problems
        key = page.evaluate(
            "() => { const e = document.activeElement; return e.id || [...document.querySelectorAll('*')].indexOf(e); }"
        )
        if key in seen:
            return problems
        seen.add(key)
        page.evaluate("() => document.activeElement.blur()")
        unfocused = page.evaluate(LOOK, False)
        page.evaluate("() => window.__stop.focus({focusVisible: true})")
        if not focused["visible"]:
            problems.append(f"{focused['what']}: has the focus but cannot be seen")
        elif focused["looks"] == unfocused["looks"]:
            problems.append(f"{focused['what']}: shows no outline or shadow when focused")
    problems.append(f"the focus did not come back round after {MAX_STOPS} stops")
    return problems


@pytest.mark.parametrize("locale", ["en", "ru", "ja"])
def test_every_focus_stop_is_seen_and_shows_its_focus(page, real_served, locale):
    failures = []
    for file in ("index.md", "compatibility.md"):
        page.goto(address(real_served, locale, file))
        failures += [f"{locale}/{file}: {problem}" for problem in focus_walk(page)]
    assert not failures, "\n".join(failures)


def test_every_page_of_the_small_project_passes_the_focus_walk(page, small_served):
    failures = []
    for written in small_served.matrix.pages:
        page.goto(address(small_served, "en", f"{written.id}.md"))
        failures += [f"{written.id}: {problem}" for problem in focus_walk(page)]
    assert not failures, "\n".join(failures)


def test_the_code_tabs_switch_with_the_arrow_keys(page, small_served):
    page.goto(address(small_served, "en", "compatibility.md"))
    tabs = page.locator(".tabbed-set").first
    first, second = tabs.locator("> input").nth(0), tabs.locator("> input").nth(1)
    first.focus()
    assert first.is_checked()
    page.keyboard.press("ArrowRight")
    assert second.is_checked()
    assert tabs.locator(".tabbed-block").nth(1).is_visible()
    assert not tabs.locator(".tabbed-block").nth(0).is_visible()


@pytest.mark.parametrize("locale", ["en", "ru", "ja"])
def test_the_language_selector_works_from_the_keyboard(page, real_served, locale):
    page.goto(address(real_served, locale, "compatibility.md"))
    page.locator(".md-select > button").focus()
    choices = page.locator(".md-select__link")
    assert choices.first.is_visible()  # the list opens as the button gets the focus
    other = next(code for code in real_served.matrix.locales if code != locale)
    target = page.locator(f'.md-select__link[hreflang="{language_tag(other)}"]')
    while page.evaluate("() => document.activeElement.getAttribute('hreflang')") != language_tag(other):
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.classList.contains('md-select__link')")
    assert target.is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url(address(real_served, other, "compatibility.md"))
    assert path_of(page.url) == path_of(address(real_served, other, "compatibility.md"))
