"""punctuation_spacing: spaces around punctuation as the site's languages write them (pofilter's
`puncspacing`)."""

from __future__ import annotations

import pytest

from generator.matrix.rules import punctuation_spacing

from .inline import DE, EN, MINIMAL, assert_found, assert_none, changed, run, translated_sources, where

SUMMARY = "Läuft sofort."


def de_summary(value: str) -> str:
    return changed(DE, f"mode.eager.summary: {SUMMARY}", f"mode.eager.summary: {value}")


def test_the_minimal_matrix_has_no_problem(inline) -> None:
    assert_none(run(punctuation_spacing, inline()))


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ("Läuft sofort .", "space before '.'"),
        ("Läuft , sofort.", "space before ','"),
        ("'Läuft sofort : ja.'", "space before ':'"),
        ("Läuft ( sofort).", "space after '('"),
        ("Läuft sofort ).", "space before ')'"),
        ("Läuft,sofort.", "no space after ','"),
        ("Läuft;sofort.", "no space after ';'"),
        ("Läuft sofort.Ja.", "no space after '.'"),
        ("Läuft mit Keras 2.Ja.", "no space after '.'"),
        ("'Läuft `m`.Ja.'", "no space after '.'"),
        ("실행됩니다.곧.", "no space after '.'"),
        ("Läuft「 sofort」。", "space after the full-width '「'"),
        ("実行します。 すぐに。", "space after the full-width '。'"),
        ("実行します 。", "space before the full-width '。'"),
    ],
)
def test_spacing_the_languages_do_not_use(inline, value: str, what: str) -> None:
    text = de_summary(value)
    problems = run(punctuation_spacing, inline({DE: text}))
    assert_found(problems, DE, *where(text, value), what=("[puncspacing]", "'mode.eager.summary'", what))
    assert len(problems) == 1, problems


def test_the_english_is_held_to_it_too(inline) -> None:
    text = changed(EN, "Runs at once.", "Runs at once !")
    problems = run(punctuation_spacing, inline({EN: text}))
    assert_found(problems, EN, *where(text, "Runs at once !"), what="space before '!'")


@pytest.mark.parametrize(
    "value",
    [
        "Läuft mit TensorFlow 2.16 und 1.x.",
        "'Läuft sofort: https://example.org/a.'",
        "Läuft `m ,` sofort.",
        "Läuft {package}, sofort.",
        "«Läuft» sofort — ja.",
        "すぐに実行します。「TF2」で、`m` を呼びます。",
        "'[Läuft sofort][guide]{ .md-button }'",
        "Läuft auf example.org, d.h. in den U.S.A. und mit 1.x.",
    ],
    ids=[
        "versions",
        "address",
        "inside_code",
        "after_placeholder",
        "quotes_and_dash",
        "japanese",
        "attribute_list",
        "abbreviations",
    ],
)
def test_spacing_that_is_right(inline, value: str) -> None:
    assert_none(run(punctuation_spacing, inline({DE: de_summary(value)})))


def test_a_name_the_english_writes_is_no_sentence_end(inline) -> None:
    """A full stop before a capital ends a sentence, unless the English has that word too."""
    english = changed(EN, "Runs at once.", "Runs tf.Module at once.Then stops.")
    value = "Läuft tf.Module sofort."
    problems = run(punctuation_spacing, inline({EN: english, DE: de_summary(value)}))
    assert_none(problems)


def test_a_stale_translation_is_not_held_to_the_sentence_ends(inline) -> None:
    """A stale translation is shown in English, so only the English's sentence ends are its own."""
    english = changed(EN, "Runs at once.", "Runs at once, then stops.")
    translation = de_summary("Läuft sofort.Ja.")
    stale = translation + translated_sources(translation, MINIMAL[EN])
    assert_none(run(punctuation_spacing, inline({EN: english, DE: stale})))
