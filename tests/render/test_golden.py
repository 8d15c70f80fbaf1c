"""Rendering of a small matrix (tests/fixtures/small) with a small report, against golden files.

Run with UPDATE_GOLDEN=1 to rewrite the golden files after an intended change, then review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.matrix.load import load_matrix
from generator.render.pages import PAGES, render_language_root, render_pages, message_use
from generator.render.scripts import render_scripts

SMALL = Path(__file__).parent.parent / "fixtures" / "small"
GOLDEN = Path(__file__).parent.parent / "golden" / "small"


@pytest.fixture(scope="module")
def matrix():
    return load_matrix(SMALL / "matrix", SMALL, message_use())


@pytest.fixture(scope="module")
def report():
    return json.loads((SMALL / "verification.json").read_text(encoding="utf-8"))


def compare(path: Path, text: str) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing; run with UPDATE_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8"), f"{path} differs; run with UPDATE_GOLDEN=1 if intended"


@pytest.mark.parametrize("locale", ["en", "ru"])
@pytest.mark.parametrize("page", [page.file for page in PAGES])
def test_page_matches_golden(matrix, report, locale, page):
    compare(GOLDEN / locale / page, render_pages(matrix, locale, report)[page])


def test_scripts_match_golden(matrix, report):
    scripts = render_scripts(matrix, report, {})
    golden = sorted(path.relative_to(GOLDEN).as_posix() for path in (GOLDEN / "scripts").rglob("*.py")) \
        if not os.environ.get("UPDATE_GOLDEN") else sorted(scripts)
    assert sorted(scripts) == golden
    for name, text in scripts.items():
        compare(GOLDEN / name, text)


def test_language_root_matches_golden(matrix):
    compare(GOLDEN / "index.html", render_language_root(matrix))


def test_hidden_code_never_reaches_a_page(matrix):
    for locale in matrix.locales:
        text = "".join(render_pages(matrix, locale).values())
        assert "hidden setup" not in text
        assert "hidden checks" not in text
        # The counterexample's declared error is what verification checks, never shown by itself.
        assert "hidden counterexample" not in text


def test_counterexample_code_is_shown_collapsed(matrix):
    """An unsupported cell shows the code a reader would try, in a collapsed block of its tab."""
    page = render_pages(matrix, "en")["compatibility.md"]
    title = '    ??? failure "If you try &quot;anyway&quot;"\n'
    assert page.count(title) == 1
    assert "\n        hub.create_module_spec(module_fn)\n" in page[page.index(title):]
    assert page.count("create_module_spec") == 1


def test_catalog_text_is_escaped(matrix):
    page = render_pages(matrix, "en")["index.md"]
    assert "Lead with &lt;b&gt;markup&lt;/b&gt; &amp; a | pipe." in page
    assert "<b>" not in page
    # In a table cell a pipe would start a new cell.
    assert "| When \\| if |" in page
