"""brackets: brackets and quotation marks in pairs, and a translation's links and placeholders kept
(pofilter's `brackets`, and the unclosed quotation marks of its `doublequoting`)."""

from __future__ import annotations

import pytest

from generator.matrix.rules import brackets

from .inline import DE, EN, MINIMAL, assert_found, assert_none, changed, run, translated_sources, where

SUMMARY = "Läuft sofort."


def de_summary(value: str) -> str:
    return changed(DE, f"mode.eager.summary: {SUMMARY}", f"mode.eager.summary: {value}")


def test_the_minimal_matrix_has_no_problem(inline) -> None:
    assert_none(run(brackets, inline()))


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ("Läuft (sofort.", ("[brackets]", "opens '('", "never closes")),
        ("Läuft sofort).", ("[brackets]", "closes ')'", "nothing opened")),
        ("Läuft (sofort」.", ("[brackets]", "closes '」'", "'(' is open")),
        ("Läuft 「sofort.", ("[brackets]", "opens '「'")),
        ("Läuft （sofort.", ("[brackets]", "opens '（'")),
        ("Läuft «sofort.", ("[doublequoting]", "opens '«'")),
        ("Läuft “sofort.", ("[doublequoting]", "opens '“'")),
    ],
    ids=["unclosed", "unopened", "crossed", "corner", "full_width", "guillemet", "quotation_mark"],
)
def test_a_mark_without_its_partner(inline, value: str, what: tuple[str, ...]) -> None:
    text = de_summary(value)
    problems = run(brackets, inline({DE: text}))
    assert_found(problems, DE, *where(text, value), what=("'mode.eager.summary'", *what))
    assert len(problems) == 1, problems


def test_the_english_is_held_to_pairs_too(inline) -> None:
    text = changed(EN, "Runs at once.", "Runs (at once.")
    assert_found(run(brackets, inline({EN: text})), EN, *where(text, "Runs (at once."), what="opens '('")


@pytest.mark.parametrize(
    "value",
    ["Läuft sofort (eager).", "Läuft （sofort）.", "Läuft «sofort».", "Läuft 「sofort」.", "Läuft `f(x` sofort."],
    ids=["added_parentheses", "full_width", "guillemets", "corner_brackets", "inside_code"],
)
def test_pairs_a_translation_may_write(inline, value: str) -> None:
    assert_none(run(brackets, inline({DE: de_summary(value)})))


def test_a_translation_that_drops_a_link(inline) -> None:
    text = changed(DE, "siehe [die Anleitung][guide].", "siehe die Anleitung.")
    problems = run(brackets, inline({DE: text}))
    assert_found(
        problems, DE, *where(text, "Ein TF2"), what=("[brackets]", "0 '['", "en has 2"), fix="link [words][id]"
    )
    assert len(problems) == 1, problems


def test_a_stale_translation_is_held_to_pairs_only(inline) -> None:
    english = changed(EN, "see [the guide][guide].", "see the guide.")
    stale = MINIMAL[DE] + translated_sources(MINIMAL[DE], MINIMAL[EN])
    assert_none(run(brackets, inline({EN: english, DE: stale})))
