"""verbatim: a translation keeps the English's addresses, backslashes and version numbers
(pofilter's `urls`, `escapes` and `numbers`)."""

from __future__ import annotations

import pytest

from generator.matrix.rules import verbatim

from .inline import DE, EN, MINIMAL, assert_found, assert_none, changed, run, translated_sources, where


def pair(english: str, translation: str) -> dict[str, str]:
    """The inline catalogs with mode.eager.summary as given, the translation current."""
    return {
        EN: changed(EN, "mode.eager.summary: Runs at once.", f"mode.eager.summary: {english}"),
        DE: changed(DE, "mode.eager.summary: Läuft sofort.", f"mode.eager.summary: {translation}"),
    }


def test_the_minimal_matrix_has_no_problem(inline) -> None:
    assert_none(run(verbatim, inline()))


@pytest.mark.parametrize(
    ("english", "translation", "what"),
    [
        ("Runs, see https://example.org/run.", "Läuft, siehe die Seite.", ("[urls]", "https://example.org/run")),
        ('"Runs a\\\\b at once."', "Läuft ab sofort.", ("[escapes]", "0 backslashes", "en has 1")),
        ("Runs on TensorFlow 2.16.", "Läuft mit TensorFlow 2.15.", ("[numbers]", "lacks 2.16", "has 2.15")),
        ("Runs on TensorFlow 1.x.", "Läuft mit TensorFlow 1.", ("[numbers]", "lacks 1.x")),
    ],
    ids=["address", "escape", "version", "version_series"],
)
def test_what_a_translation_must_keep(inline, english: str, translation: str, what: tuple[str, ...]) -> None:
    files = pair(english, translation)
    problems = run(verbatim, inline(files))
    assert_found(problems, DE, *where(files[DE], translation), what=("'mode.eager.summary'", *what))
    assert len(problems) == 1, problems


@pytest.mark.parametrize(
    ("english", "translation"),
    [
        ("Runs at once.", "Läuft <b>sofort</b>."),  # shown as text, as any tag of a message
        ("Runs two steps on 2.16.", "Läuft 2 Schritte auf 2.16, immer 2.16."),
        ("Runs `a\\b` at once.", "Läuft sofort."),
        ("Runs on 2.16.", "2.16에서 실행됩니다."),
    ],
    ids=["tags", "other_numbers", "backslash_in_code", "particle_after_version"],
)
def test_what_a_translation_may_change(inline, english: str, translation: str) -> None:
    assert_none(run(verbatim, inline(pair(english, translation))))


def test_a_stale_translation_is_not_compared(inline) -> None:
    english = changed(EN, "Runs at once.", "Runs on 2.16.")
    stale = MINIMAL[DE] + translated_sources(MINIMAL[DE], MINIMAL[EN])
    assert_none(run(verbatim, inline({EN: english, DE: stale})))
