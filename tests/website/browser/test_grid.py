"""The grids of releases and the verdict lines of the real site in Chromium, in English, Russian and
Japanese, in the light and the dark palette: a grid's cell is named by its verdict's word in the
accessibility tree, and its icon is drawn by its class (a mask over the verdict's colour) with 3:1
against the cell's background; a verdict line's icon is an image named by its word; a legend's icons
are drawn the same way and left to the words beside them. Without JavaScript the icons are drawn too.
"""

from __future__ import annotations

import re

import pytest

from generator.render.evidence import Shown
from generator.render.pages import messages

from .conftest import address, watched_context

LOCALES = ("en", "ru", "ja")
SCHEMES = {"light": "default", "dark": "slate"}  # the reader's system preference: Material's scheme

# The icon of an element, or of a grid cell's ::before: its mask and colour, and the background behind
# it (the cell's, or the element's parent's, and each ancestor's down to the first opaque one, nearest first).
DRAWING = """element => {
  const cell = element.tagName === "TD";
  const style = getComputedStyle(element, cell ? "::before" : null);
  const layers = [];
  for (let node = cell ? element : element.parentElement; node; node = node.parentElement) {
    const color = getComputedStyle(node).backgroundColor;
    layers.push(color);
    if (/^rgb\\(/.test(color)) break;
  }
  return {
    mask: style.maskImage || style.webkitMaskImage,
    color: style.backgroundColor,
    width: parseFloat(style.width),
    fontSize: getComputedStyle(element).fontSize,
    // The cell's word, where it is laid out: outside the cell's box, which clips it, it is not seen.
    wordHidden: cell ? (() => {
      const words = document.createRange();
      words.selectNodeContents(element);
      const text = words.getBoundingClientRect(), box = element.getBoundingClientRect();
      const clipped = getComputedStyle(element).overflow === "hidden";
      return clipped && (text.right <= box.left || text.left >= box.right);
    })() : null,
    layers,
  };
}"""


def rgba(text: str) -> tuple[float, float, float, float]:
    numbers = [float(part) for part in re.findall(r"[\d.]+", text)]
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)  # type: ignore[return-value]


def behind(layers: list[str]) -> tuple[float, float, float]:
    """The colour the layers make, the opaque one at the bottom (white if none is)."""
    red, green, blue = 255.0, 255.0, 255.0
    for layer in reversed(layers):
        r, g, b, a = rgba(layer)
        red, green, blue = r * a + red * (1 - a), g * a + green * (1 - a), b * a + blue * (1 - a)
    return red, green, blue


def contrast(first: tuple[float, ...], second: tuple[float, ...]) -> float:
    def luminance(rgb: tuple[float, ...]) -> float:
        linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb[:3]]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def assert_drawn(drawing: dict, kind: str, where: str) -> None:
    assert f"verdict-{kind}.svg" in drawing["mask"], (where, drawing)
    assert drawing["width"] > 0, (where, drawing)
    ratio = contrast(rgba(drawing["color"]), behind(drawing["layers"]))
    assert ratio >= 3, f"{where}: the {kind} icon has {ratio:.2f}:1 against its background ({drawing})"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("locale", LOCALES)
def test_grid_cells_and_verdicts_are_named_by_their_words_and_drawn_by_their_class(
    browser, real_served, locale, scheme
):
    t = messages(real_served.matrix, locale)
    with watched_context(browser, color_scheme=scheme) as context:
        page = context.new_page()
        page.goto(address(real_served, locale, "compatibility.md"))
        assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
        grids = page.locator("details.releases")
        assert grids.count() > 0, "no grid of releases (run make sweep)"
        grids.first.locator("summary").click()
        kinds = grids.first.locator("td.verdict").evaluate_all(
            "cells => [...new Set(cells.map(cell => cell.classList[1].slice('verdict-'.length)))]"
        )
        assert Shown.passed.value in kinds, kinds
        for kind in kinds:
            where = f"{locale} {scheme}, a {kind} cell"
            word = t.plain(f"verdict.{kind}")
            cell = grids.first.locator(f"td.verdict-{kind}").first
            assert cell.aria_snapshot() == f'- cell "{word}"', where
            assert cell.get_attribute("title") == word, where
            drawing = cell.evaluate(DRAWING)
            assert drawing["wordHidden"], f"{where}: the word shows beside its icon"
            assert float(drawing["fontSize"].removesuffix("px")) >= 12, f"{where}: the word is not at a legible size"
            assert_drawn(drawing, kind, where)
        for mark in grids.first.locator("p span.verdict").all():
            kind = mark.get_attribute("class").split("verdict-")[1]
            assert mark.get_attribute("aria-hidden") == "true", f"{locale}: a legend's icon is read beside its word"
            assert_drawn(mark.evaluate(DRAWING), kind, f"{locale} {scheme}, the legend's {kind}")
        line = page.locator(".tabbed-block > p > span.verdict[role=img]").first
        kind = line.get_attribute("class").split("verdict-")[1]
        assert line.aria_snapshot() == f'- img "{t.plain(f"verdict.{kind}")}"', f"{locale}: a verdict line's icon"
        assert_drawn(line.evaluate(DRAWING), kind, f"{locale} {scheme}, a verdict line's {kind}")


@pytest.mark.parametrize("locale", LOCALES)
def test_without_javascript_the_grids_open_and_their_icons_are_drawn(browser, real_served, locale):
    with watched_context(browser, java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(address(real_served, locale, "compatibility.md"))
        grid = page.locator("details.releases").first
        grid.locator("summary").click()
        cell = grid.locator("td.verdict-passed").first
        assert cell.is_visible()
        assert_drawn(cell.evaluate(DRAWING), "passed", f"{locale} without JavaScript")


# For each cell over several releases: the middle of each of its columns (by the header of that column)
# and where the cell's drawing puts an icon for it: the ::before over the cell's width, its mask a tile
# repeated across from the left, each tile's icon in the tile's middle.
SPANS = """table => {
  const heads = [...table.querySelectorAll("thead th")].slice(1).map(head => head.getBoundingClientRect());
  const found = [];
  for (const row of table.querySelectorAll("tbody tr")) {
    let column = 0;
    for (const cell of row.querySelectorAll("td")) {
      const drawing = getComputedStyle(cell, "::before");
      const width = parseFloat(drawing.width);
      const size = drawing.maskSize.split(" ")[0];
      const tile = size.endsWith("%") ? parseFloat(size) / 100 * width : parseFloat(size);
      const left = cell.getBoundingClientRect().left + cell.clientLeft;
      for (let k = 0; k < cell.colSpan && cell.colSpan > 1; k++) {
        const head = heads[column + k];
        found.push({middle: head.left + head.width / 2, icon: left + (k + 0.5) * tile, repeat: drawing.maskRepeat});
      }
      column += cell.colSpan;
    }
  }
  return found;
}"""


@pytest.mark.parametrize("locale", LOCALES)
def test_a_cell_over_several_releases_draws_its_icon_in_the_middle_of_each_column(browser, real_served, locale):
    with watched_context(browser) as context:
        page = context.new_page()
        page.goto(address(real_served, locale, "compatibility.md"))
        grid = page.locator("details.releases").first
        grid.locator("summary").click()
        places = grid.locator("table").evaluate(SPANS)
        assert places, f"{locale}: no cell spans releases in the first grid"
        for place in places:
            assert place["repeat"] in ("repeat-x", "repeat no-repeat"), f"{locale}: one icon for many releases: {place}"
            assert abs(place["middle"] - place["icon"]) <= 2, f"{locale}: an icon is off its column's middle: {place}"
