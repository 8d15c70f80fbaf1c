"""descriptions: every page has a `description:` in its front matter, for its
`<meta name="description">`; a page without one is refused at its first line."""

from __future__ import annotations

from dataclasses import replace

from generator.matrix.pages import parse_page
from generator.matrix.rules import descriptions

from .inline import assert_none, run

FILE = "matrix/pages/p.md"
BODY = "# Title {#title}\n\n{#intro}\nText.\n"


def with_page(matrix, text: str):
    page, problems = parse_page("p", FILE, text)
    assert page is not None, problems
    return replace(matrix, pages=(page,))


def test_the_minimal_matrix_has_no_problem(inline) -> None:
    assert_none(run(descriptions, inline()))


def test_a_described_page_has_no_problem(inline) -> None:
    assert_none(run(descriptions, with_page(inline(), "---\ndescription: What it holds.\n---\n\n" + BODY)))


def test_a_page_without_a_description_is_refused_at_its_first_line(inline) -> None:
    for text in (BODY, "---\nnav: Short\n---\n\n" + BODY):
        problems = run(descriptions, with_page(inline(), text))
        assert [(p.place.file, p.place.line) for p in problems if p.place] == [(FILE, 1)], problems
        assert "no description" in problems[0].what and "description:" in problems[0].fix
