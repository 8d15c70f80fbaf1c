"""A grid of releases, from inline data: an HTML table whose cells are one element each, the verdict's
word as the cell's text and title, no inline SVG, neighbouring releases with the same verdict in one
cell; written in a fence that the site's Markdown inserts as it is, inside a tab and its collapsed
block, where a raw table would land in a paragraph.

Run with UPDATE_GOLDEN=1 to rewrite tests/golden/sweep_grid/ after an intended change, then review the diff.
"""

from __future__ import annotations

import itertools
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.render.evidence import Shown
from generator.render.html_fence import fenced
from generator.render.messages import Messages
from generator.render.sweep_grid import KINDS, collapsed, table

from .site_markdown import to_html

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "sweep_grid"
UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))
WORDS = {
    "verdict.passed": "Works",
    "verdict.failed": "Fails, as stated",
    "verdict.unusable": "Cannot be installed or imported, as stated",
    "verdict.inapplicable": "Not run here",
    "verdict.contradicted": 'Contradicts <b>"the page"</b> | & more',  # text, never markup
    "verdict.unverified": "Not verified yet",
}
CATALOG = {
    **WORDS,
    "sweep.title": "Verified on every pair of releases",
    "sweep.axes": "TensorFlow ↓ `tensorflow_hub` →",
    "sweep.legend": "Legend:",
}
HUBS = ["0.14.0", "0.15.0", "0.16.1"]
ROWS = [
    ("2.15 · Keras 2", [Shown.passed, Shown.passed, Shown.failed]),
    ("2.16 · Keras 3", [Shown.unusable, Shown.contradicted, Shown.unusable]),
    ("2.17 · Keras 3", [Shown.inapplicable, Shown.unverified, Shown.unverified]),
    ("2.18 · Keras 3", [Shown.failed, Shown.failed, Shown.failed]),
]


@pytest.fixture
def t() -> Messages:
    return Messages(CATALOG, {})


class _Cells(HTMLParser):
    """Each table cell of a page: its tag, attributes, the tags inside it and its text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cells: list[dict] = []
        self.open: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("td", "th"):
            self.open = {"tag": tag, "attrs": dict(attrs), "inner": [], "text": ""}
            self.cells.append(self.open)
        elif self.open is not None:
            self.open["inner"].append(tag)

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.open = None

    def handle_data(self, data):
        if self.open is not None:
            self.open["text"] += data


def cells(html: str) -> list[dict]:
    parser = _Cells()
    parser.feed(html)
    return parser.cells


def test_the_table_matches_its_golden_file(t):
    path = GOLDEN / "table.html"
    made = table(HUBS, ROWS, t) + "\n"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(made, encoding="utf-8", newline="\n")
    assert made == path.read_text(encoding="utf-8"), f"{path} differs; run with UPDATE_GOLDEN=1 if intended"


def test_each_cell_is_one_element_named_by_its_word_over_a_run_of_equal_verdicts(t):
    """Read column by column, the cells give every release its verdict; no two neighbours in a row
    have the same one; a cell over several columns says how many to its icon's drawing."""
    rows = [cells(f"<table>{line}</table>") for line in table(HUBS, ROWS, t).splitlines() if "<td" in line]
    assert len(rows) == len(ROWS)
    for found, (_, kinds) in zip(rows, ROWS, strict=True):
        tds = [cell for cell in found if cell["tag"] == "td"]
        spread = []
        for cell in tds:
            columns = int(cell["attrs"].get("colspan", "1"))
            kind = cell["attrs"]["class"].removeprefix("verdict verdict-")
            word = WORDS[f"verdict.{kind}"]
            assert cell["inner"] == [], cell  # no icon element, no SVG: the class draws it
            assert cell["attrs"]["class"] == f"verdict verdict-{kind}"
            assert cell["text"] == word and cell["attrs"]["title"] == word
            assert cell["attrs"].get("style") == (f"--columns: {columns}" if columns > 1 else None), cell
            spread += [Shown(kind)] * columns
        assert spread == kinds
        classes = [cell["attrs"]["class"] for cell in tds]
        assert all(left != right for left, right in itertools.pairwise(classes)), classes


def test_rows_are_headed_by_their_releases_and_columns_by_tensorflow_hub(t):
    found = cells(table(HUBS, ROWS, t))
    heads = [cell for cell in found if cell["tag"] == "th"]
    assert [cell["text"] for cell in heads[: 1 + len(HUBS)]] == ["TensorFlow ↓ tensorflow_hub →", *HUBS]
    assert [cell["inner"] for cell in heads[: 1 + len(HUBS)]] == [["code"]] * (1 + len(HUBS))
    rows = heads[1 + len(HUBS) :]
    assert [(cell["text"], cell["attrs"].get("scope")) for cell in rows] == [(label, "row") for label, _ in ROWS]


def test_the_site_inserts_the_grid_as_a_table_inside_a_tab(t):
    block = "\n".join(f"    {line}" if line else "" for line in collapsed(HUBS, ROWS, t).split("\n"))
    page = to_html(f'=== "TF2"\n\n{block}')
    assert '<details class="abstract releases">' in page
    assert "<pre" not in page and "<svg" not in page and "```" not in page
    assert not re.search(r"<p>\s*<table", page), "the table landed in a paragraph"
    assert len([cell for cell in cells(page) if cell["tag"] == "td"]) == table(HUBS, ROWS, t).count("<td")
    legend = re.search(r"<p>Legend:(.*?)</p>", page, re.S)
    assert legend, page
    marks = re.findall(r'<span class="verdict verdict-(\w+)" aria-hidden="true"></span>', legend.group(1))
    assert marks == [kind.value for kind in KINDS]  # every kind the grid shows, in the legend's order


def test_no_line_of_the_html_can_end_its_fence():
    with pytest.raises(ValueError):
        fenced("<p>\n```\n</p>")
