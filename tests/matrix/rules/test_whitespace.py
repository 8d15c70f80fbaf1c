"""whitespace: a translation's whitespace where it means something is its English's (pofilter's
`startwhitespace`, `endwhitespace`, `doublespacing`, `newlines` and `tabs`)."""

from __future__ import annotations

import pytest

from generator.matrix.rules import whitespace

from .inline import DE, EN, MINIMAL, assert_found, assert_none, changed, run, translated_sources, where

SUMMARY = "Läuft sofort."


def de_summary(value: str) -> str:
    return changed(DE, f"mode.eager.summary: {SUMMARY}", f"mode.eager.summary: {value}")


def test_the_minimal_matrix_has_no_problem(inline) -> None:
    assert_none(run(whitespace, inline()))


@pytest.mark.parametrize(
    ("value", "check", "what"),
    [
        ('" Läuft sofort."', "startwhitespace", "1 whitespace at its start, where en has 0"),
        ('"Läuft sofort. "', "endwhitespace", "1 whitespace at its end, where en has 0"),
        ("Läuft  sofort.", "doublespacing", "1 double spaces, where en has 0"),
        ('"Läuft\\nsofort."', "newlines", "1 line breaks, where en has 0"),
        ('"Läuft\\tsofort."', "tabs", "1 tabs, where en has 0"),
    ],
)
def test_whitespace_the_english_does_not_have(inline, value: str, check: str, what: str) -> None:
    text = de_summary(value)
    problems = run(whitespace, inline({DE: text}))
    assert_found(problems, DE, *where(text, value), what=(f"[{check}]", "'mode.eager.summary'", what))
    assert len(problems) == 1, problems


def test_whitespace_the_english_has(inline) -> None:
    english = changed(EN, "mode.eager.summary: Runs at once.", 'mode.eager.summary: "Runs at once. "')
    assert_none(run(whitespace, inline({EN: english, DE: de_summary('"Läuft sofort. "')})))
    problems = run(whitespace, inline({EN: english}))
    assert_found(problems, DE, *where(MINIMAL[DE], SUMMARY), what=("[endwhitespace]", "0 whitespace", "en has 1"))


def test_double_spaces_inside_code_are_the_codes(inline) -> None:
    assert_none(run(whitespace, inline({DE: de_summary("Läuft `a  b` sofort.")})))


def test_a_stale_translation_is_not_compared(inline) -> None:
    english = changed(EN, "Runs at once.", "Runs  at once.")
    stale = MINIMAL[DE] + translated_sources(MINIMAL[DE], MINIMAL[EN])
    assert_none(run(whitespace, inline({EN: english, DE: stale})))
