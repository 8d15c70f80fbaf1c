"""The real site's compatibility page stays light, in every language: its grids of releases carry no
inline SVG (each cell is one element, drawn by its class, over a run of releases with the same
verdict: render/sweep_grid.py), and the page holds at most BOUND elements. A budget on a count that
the build makes the same every time, not a timing: the elements are the start tags of the built HTML
(Material's script adds a few hundred in the browser).
"""

from __future__ import annotations

import html as html_lib
import re

from generator.render.pages import messages

from .page_text import html

# Half the 10,246 of the audit that asked for light pages. 14,145 when each cell of a grid was an inline
# SVG icon; 5,968 with a cell per release; 4,392 in every language with a cell per run of releases.
BOUND = 5123
GRID = re.compile(r'<details class="abstract releases">(.*?)</details>', re.S)
CELL = re.compile(r'<td class="verdict verdict-(\w+)"(?: colspan="\d+" style="[^"]*")? title="([^"<>]*)">([^<]*)</td>')


def elements(page: str) -> int:
    return len(re.findall(r"<[A-Za-z]", page))


def test_the_grids_of_releases_hold_no_inline_svg(real_site, real_matrix):
    for locale in real_matrix.locales:
        page = html(real_site, locale, "compatibility.md")
        grids = GRID.findall(page)
        assert grids, f"{locale}: no grid of releases (run make sweep)"
        words = {kind: messages(real_matrix, locale).plain(f"verdict.{kind}") for kind in ("passed", "failed")}
        for grid in grids:
            assert "<svg" not in grid, locale
            cells = CELL.findall(grid)
            assert cells and len(cells) == grid.count("<td"), f"{locale}: a cell is not one element with its word"
            assert all(title == text for _, title, text in cells), locale
            for kind, title, _ in cells:
                if kind in words:
                    assert html_lib.unescape(title) == words[kind], (locale, kind, title)


def test_the_compatibility_page_stays_under_its_element_bound(real_site, real_matrix):
    counts = {locale: elements(html(real_site, locale, "compatibility.md")) for locale in real_matrix.locales}
    assert max(counts.values()) <= BOUND, counts
