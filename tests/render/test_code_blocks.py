"""Code shows on the page exactly as it is: no line of it can end its block, and no markup in it is read.

The small project gets code, as data, holding lines of three and four backticks (one indented, one
opening a fenced block of its own) and HTML (`<script>`, `</div>`): in a snippet, in a
counterexample (nested one level deeper, in a collapsed block) and in a mode's prelude (which
every example of the mode shows, and the modes page too). The Markdown is converted with the
site's own extensions, as MkDocs converts it.
"""

from __future__ import annotations

import re

import pytest

from generator.render.evidence import evidence
from generator.render.pages import render_pages
from generator.website.check import check

from ..helpers import copy_project
from .site_markdown import code_blocks, to_html

HOSTILE_LINES = ["```", "````", "    ```python", "<script>alert(1)</script>", "</div></details>"]
SNIPPET = "text = '''\n" + "\n".join(HOSTILE_LINES) + "\n'''\nprint(text)"
COUNTEREXAMPLE = "hub.create_module_spec(module_fn)  # not ```` nor </div>"
PRELUDE_LINES = "NOTE = '''\n```\n</div>\n'''  # <script>"


def indented(code: str, spaces: int) -> str:
    return "".join(f"{' ' * spaces}{line}\n" for line in code.splitlines())


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("code"))
    tiny = project.matrix_dir / "formats" / "tiny.yaml"
    text = tiny.read_text(encoding="utf-8")
    keras = "      - label: hub.KerasLayer\n"
    counter = "        hub.create_module_spec(module_fn)\n"
    assert keras in text and counter in text
    text = text.replace(keras, "      - label: fences\n        code: |\n" + indented(SNIPPET, 10) + keras)
    text = text.replace(counter, indented(COUNTEREXAMPLE, 8))
    tiny.write_text(text, encoding="utf-8")
    modes = project.matrix_dir / "modes.yaml"
    text = modes.read_text(encoding="utf-8")
    assert text.endswith("    prelude: |\n      import tensorflow as tf\n"), "the last mode's prelude ends the file"
    modes.write_text(text + indented(PRELUDE_LINES, 6), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def rendered(project):
    matrix = check(project)
    shown = evidence(matrix, None)
    return matrix, shown, {locale: render_pages(matrix, locale, shown) for locale in matrix.locales}


def test_the_hostile_code_is_in_the_matrix(rendered):
    _, shown, _ = rendered
    codes = [example.shown.text for example in shown.examples]
    assert any(SNIPPET in code for code in codes)
    assert any(COUNTEREXAMPLE in code for code in codes)
    assert any(PRELUDE_LINES in code for code in codes)


def test_every_example_is_one_whole_code_block(rendered):
    matrix, shown, pages = rendered
    for locale in matrix.locales:
        # Each example where it is shown (the home page's chooser repeats them; the modes page has the preludes).
        shown_on = [text for name, text in pages[locale].items() if name not in ("index.md", "modes.md")]
        blocks = [block.rstrip("\n") for page in shown_on for block in code_blocks(to_html(page))]
        for example in shown.examples:
            assert example.shown.text in blocks, f"{locale}: {example.id} is not one whole code block"
        assert len(blocks) == len(shown.examples), f"{locale}: a code line opened or closed a block"


def test_every_prelude_is_one_whole_code_block_on_the_modes_page(rendered):
    matrix, _, pages = rendered
    for locale in matrix.locales:
        blocks = [block.rstrip("\n") for block in code_blocks(to_html(pages[locale]["modes.md"]))]
        for mode in matrix.modes.model.modes:
            assert mode.prelude.rstrip() in blocks, f"{locale}: the prelude of {mode.id}"


@pytest.mark.parametrize("page", ["compatibility.md", "modes.md"])
def test_no_markup_in_code_reaches_the_html(rendered, page):
    matrix, _, pages = rendered
    for locale in matrix.locales:
        html = to_html(pages[locale][page])
        assert "<script>" not in html
        for tag in ("div", "details"):
            assert len(re.findall(rf"<{tag}[\s>]", html)) == html.count(f"</{tag}>"), f"{locale}: a stray </{tag}>"
