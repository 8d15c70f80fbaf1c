"""Rendering of the small fixture project (tests/fixtures/small) with its report, against golden files.

Run with UPDATE_GOLDEN=1 to rewrite the golden files after an intended change, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.render.evidence import evidence
from generator.render.pages import messages, render_language_root, render_pages
from generator.render.scripts import render_scripts

from .small import small_evidence, small_matrix

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "small"
UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))


def rendered() -> dict[str, str]:
    """Every file the small project renders, by its path under the golden folder."""
    matrix, shown = small_matrix(), small_evidence()
    files = {"index.html": render_language_root(matrix)}
    for locale in matrix.locales:
        files |= {f"{locale}/{name}": text for name, text in render_pages(matrix, locale, shown).items()}
    # Scripts differ by language in their opening comment only (tests/render/test_scripts.py): kept in English.
    files |= render_scripts(matrix, shown, {}, {"en": messages(matrix, matrix.default_locale)})["en"]
    return files


def golden_files() -> list[str]:
    return sorted(path.relative_to(GOLDEN).as_posix() for path in GOLDEN.rglob("*") if path.is_file())


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return rendered()


def test_every_golden_file_is_rendered_and_no_other(files):
    if UPDATE:
        for name in set(golden_files()) - set(files):
            (GOLDEN / name).unlink()
    assert golden_files() == sorted(files), "run with UPDATE_GOLDEN=1 to add or remove golden files"


@pytest.mark.parametrize("name", sorted(rendered()))
def test_file_matches_golden(files, name):
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[name], encoding="utf-8", newline="\n")
    assert path.exists(), f"{path} is missing; run with UPDATE_GOLDEN=1 to create it"
    assert files[name] == path.read_text(encoding="utf-8"), f"{path} differs; run with UPDATE_GOLDEN=1 if intended"


def test_hidden_code_never_reaches_a_page():
    matrix = small_matrix()
    unreported = evidence(matrix, None)  # a report's exception messages may quote the declared error
    hidden = [code.text for example in unreported.examples for code in (example.setup, example.checks) if code]
    declared = [example.raises.match for example in unreported.examples if example.raises]
    assert hidden and declared, "the small matrix should have hidden setup, checks and a counterexample"
    for locale in matrix.locales:
        text = "".join(render_pages(matrix, locale, unreported).values())
        for code in hidden:
            assert code not in text
        # A counterexample's declared error is what verification checks, never shown by itself.
        for match in declared:
            assert match not in text


def test_counterexample_code_is_shown_collapsed():
    """An unsupported cell shows the code a reader would try, in a collapsed block of its tab."""
    matrix, shown = small_matrix(), small_evidence()
    counterexamples = [example for example in shown.examples if example.counterexample and not example.section.page]
    assert counterexamples
    for locale in matrix.locales:
        page = render_pages(matrix, locale, shown)["compatibility.md"]
        title = messages(matrix, locale).markdown("compat.counterexample").replace('"', "&quot;")
        heading = f'    ??? failure "{title}"\n'
        assert page.count(heading) == len(counterexamples)
        for example in counterexamples:
            indented = "\n".join(f"        {line}" if line else "" for line in example.shown.text.splitlines())
            assert f"\n{indented}\n" in page[page.index(heading) :]
            assert page.count(example.snippet.text) == 1


def test_catalog_text_is_escaped():
    """A page's English holds no HTML (the page is refused); a translation's is shown as text."""
    matrix = small_matrix()
    translated = next(locale for locale in matrix.locales if locale != matrix.default_locale)
    page = render_pages(matrix, translated, small_evidence())["index.md"]
    assert "Lead with &lt;b&gt;markup&lt;/b&gt; &amp; a | pipe." in page
    assert "<b>" not in page
    page = render_pages(matrix, matrix.default_locale, small_evidence())["index.md"]
    # In a table cell a pipe would start a new cell.
    assert "| When \\| if |" in page


def test_every_part_a_page_may_place_has_its_template_and_no_other():
    """A directive the checks accept renders, and no template waits for a directive they refuse."""
    from generator.matrix.pages import PARTS
    from generator.render.pages import TEMPLATES

    templates = {path.name.removesuffix(".md.j2") for path in (TEMPLATES / "parts").glob("*.md.j2")}
    assert templates == set(PARTS)
