"""glossary: code spans survive translation, protected terms keep their spelling and case, API names
stand in code, and known wrong renderings are refused in the languages they concern."""

from __future__ import annotations

import pytest

from generator.matrix.rules import glossary

from .inline import DE, EN, GLOSSARY, MINIMAL, assert_found, assert_none, changed, run, translated_sources, where

CELL_EN = "Use `hub.load`, then call `m`."
CELL_DE = "Verwenden Sie `hub.load`, dann rufen Sie `m` auf."
SUMMARY_EN = "A TF2 SavedModel, see [the guide][guide]."
SUMMARY_DE = "Ein TF2 SavedModel, siehe [die Anleitung][guide]."


def _set(relative: str, old: str, new: str) -> tuple[str, tuple[int, int]]:
    """The catalog with one message's text changed, and where that text stands."""
    text = changed(relative, old, new)
    return text, where(text, new)


def test_the_minimal_matrix_has_no_problem(inline) -> None:
    assert_none(run(glossary, inline()))


# --- code spans ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "translation",
    [
        "Verwenden Sie hub.load, dann rufen Sie `m` auf.",
        "Verwenden Sie `Hub.load`, dann rufen Sie `m` auf.",
        "Verwenden Sie `hub.loads`, dann rufen Sie `m` auf.",
    ],
    ids=["backticks_dropped", "recased", "changed"],
)
def test_translation_loses_a_code_span(inline, translation: str) -> None:
    text, place = _set(DE, CELL_DE, translation)
    problems = run(glossary, inline({DE: text}))
    assert_found(problems, DE, *place, what=("'cell.load.new'", "lacks", "`hub.load`"), fix="`hub.load`")


def test_each_copy_of_a_code_span_counts(inline) -> None:
    """The source names `m` twice; a translation that names it once lacks one."""
    en, _ = _set(EN, CELL_EN, "Use `hub.load`, then call `m` and `m` again.")
    de, place = _set(DE, CELL_DE, "Verwenden Sie `hub.load`, dann `m`.")
    problems = run(glossary, inline({EN: en, DE: de}))
    assert_found(problems, DE, *place, what=("'cell.load.new'", "`m`"))
    assert len(problems) == 1, problems


def test_a_stale_translation_may_lack_new_code(inline) -> None:
    """Code added to the English after the translation was made: shown in English until re-translated."""
    en, _ = _set(EN, CELL_EN, "Use `hub.load`, then call `m` and `m` again.")
    stale = MINIMAL[DE] + translated_sources(MINIMAL[DE], MINIMAL[EN])
    assert_none(run(glossary, inline({EN: en, DE: stale})), what="lacks")


def test_code_spans_in_link_words_count(inline) -> None:
    en, _ = _set(EN, SUMMARY_EN, "A TF2 SavedModel, see [the `hub.load` guide][guide].")
    problems = run(glossary, inline({EN: en}))
    assert_found(problems, DE, *where(MINIMAL[DE], SUMMARY_DE), what=("'format.demo.summary'", "`hub.load`"))


def test_code_spans_in_another_order_are_fine(inline) -> None:
    de, _ = _set(DE, CELL_DE, "Rufen Sie `m` auf, nachdem Sie `hub.load` verwendet haben.")
    assert_none(run(glossary, inline({DE: de})))


# --- protected terms -----------------------------------------------------------------------------


def test_translation_loses_a_protected_term(inline) -> None:
    text, place = _set(DE, SUMMARY_DE, "Ein gespeichertes Modell, siehe [die Anleitung][guide].")
    problems = run(glossary, inline({DE: text}))
    assert_found(problems, DE, *place, what=("'format.demo.summary'", "lacks", "'SavedModel'"), fix="SavedModel")
    assert len(problems) == 1, problems


def test_a_term_the_source_lacks_need_not_be_in_the_translation(inline) -> None:
    en, _ = _set(EN, SUMMARY_EN, "A TF2 model, see [the guide][guide].")
    de, _ = _set(DE, SUMMARY_DE, "Ein TF2-Modell, siehe [die Anleitung][guide].")
    assert_none(run(glossary, inline({EN: en, DE: de})))


def test_a_term_followed_by_a_particle_of_another_script_is_found(inline) -> None:
    """Korean, Japanese and Chinese write a particle right after a name: 'TF2에서' still holds TF2."""
    de, _ = _set(DE, SUMMARY_DE, "TF2에서 SavedModel입니다, [die Anleitung][guide].")
    assert_none(run(glossary, inline({DE: de})))


@pytest.mark.parametrize("relative", [EN, DE])
def test_protected_term_recased(inline, relative: str) -> None:
    old = {EN: SUMMARY_EN, DE: SUMMARY_DE}[relative]
    text, place = _set(relative, old, old.replace("SavedModel", "Savedmodel"))
    problems = run(glossary, inline({relative: text}))
    assert_found(
        problems, relative, *place, what=("'format.demo.summary'", "'Savedmodel'", "'SavedModel'"), fix="'SavedModel'"
    )


@pytest.mark.parametrize("relative", [EN, DE])
def test_api_name_recased_in_prose(inline, relative: str) -> None:
    old = {EN: CELL_EN, DE: CELL_DE}[relative]
    text, place = _set(relative, old, old + " Hub.load() works too.")
    problems = run(glossary, inline({relative: text}))
    assert_found(problems, relative, *place, what=("'cell.load.new'", "'Hub.load'", "'hub.load'"), fix="'hub.load'")


@pytest.mark.parametrize("relative", [EN, DE])
def test_api_name_outside_code(inline, relative: str) -> None:
    old = {EN: CELL_EN, DE: CELL_DE}[relative]
    text, place = _set(relative, old, old + " See hub.load.")
    problems = run(glossary, inline({relative: text}))
    assert_found(problems, relative, *place, what=("'cell.load.new'", "'hub.load'", "outside code"), fix="`hub.load`")
    assert len(problems) == 1, problems


@pytest.mark.parametrize("words", ["github.loader", "the hub.loads helper", "myhub.load", "hub.load_v2"])
def test_a_term_inside_a_longer_name_is_not_the_term(inline, words: str) -> None:
    text, _ = _set(EN, CELL_EN, f"{CELL_EN} Not {words}.")
    assert_none(run(glossary, inline({EN: text})))


def test_a_code_term_may_stand_in_link_words_as_code(inline) -> None:
    text, _ = _set(EN, SUMMARY_EN, "A TF2 SavedModel, see [`hub.load`][guide].")
    assert_none(run(glossary, inline({EN: text})), what="outside code")


# --- wrong renderings ----------------------------------------------------------------------------


def test_wrong_rendering_in_the_language_it_concerns(inline) -> None:
    text, place = _set(DE, SUMMARY_DE, "Ein ТФ2 SavedModel, siehe [die Anleitung][guide].")
    problems = run(glossary, inline({DE: text}))
    assert_found(problems, DE, *place, what=("'format.demo.summary'", "wrong rendering", "'ТФ2'"), fix="Latin letters")
    assert len(problems) == 1, problems


def test_wrong_rendering_is_left_alone_in_other_languages(inline) -> None:
    text, _ = _set(EN, SUMMARY_EN, "A ТФ2 SavedModel, see [the guide][guide].")
    assert_none(run(glossary, inline({EN: text})))


@pytest.mark.parametrize("relative", [EN, DE])
def test_wrong_rendering_without_locales_concerns_every_language(inline, relative: str) -> None:
    rules = changed(GLOSSARY, "    locales: [de]\n", "")
    old = {EN: SUMMARY_EN, DE: SUMMARY_DE}[relative]
    text, place = _set(relative, old, old.replace("TF2", "ТФ 2"))
    problems = run(glossary, inline({GLOSSARY: rules, relative: text}))
    assert_found(problems, relative, *place, what=("wrong rendering", "'ТФ 2'"))


def test_wrong_rendering_inside_code_counts(inline) -> None:
    """A slip is a slip in code too (`хаб.load` was never an API name)."""
    rules = MINIMAL[GLOSSARY] + '  - pattern: "[Хх]аб\\\\."\n    instead: "`hub.`"\n'
    text, place = _set(DE, CELL_DE, "Verwenden Sie `hub.load`, dann `хаб.m`, dann rufen Sie `m` auf.")
    problems = run(glossary, inline({GLOSSARY: rules, DE: text}))
    assert_found(problems, DE, *place, what=("wrong rendering", "'хаб.'"), fix="`hub.`")


def test_wrong_rendering_in_a_folded_message(inline) -> None:
    """The slip sits on the third line of a folded message: reported where the message starts (its
    key, or its text's first line) or, more precisely, at the slip's own line; any of these is fine."""
    folded = "  format.demo.summary: >-\n    Ein TF2 SavedModel,\n    siehe [die Anleitung][guide],\n    mit ТФ2.\n"
    text = changed(DE, f"  format.demo.summary: {SUMMARY_DE}\n", folded)
    problems = run(glossary, inline({DE: text}))
    key, _ = where(text, "format.demo.summary")
    slip, _ = where(text, "ТФ2")
    assert slip == key + 3
    found = [p.place for p in problems if p.place and p.place.line in (key, key + 1, slip)]
    assert found, [str(p) for p in problems]
    assert_found(problems, DE, found[0].line, what=("'format.demo.summary'", "wrong rendering", "'ТФ2'"))
    assert len(problems) == 1, problems


def test_a_lost_term_and_its_wrong_rendering_are_both_reported(inline) -> None:
    rules = MINIMAL[GLOSSARY] + "  - pattern: 'gespeichert\\w* Modell'\n    instead: SavedModel\n"
    text, place = _set(DE, SUMMARY_DE, "Ein gespeichertes Modell, siehe [die Anleitung][guide].")
    problems = run(glossary, inline({GLOSSARY: rules, DE: text}))
    assert_found(problems, DE, *place, what=("'format.demo.summary'", "lacks", "'SavedModel'"), fix="SavedModel")
    assert_found(
        problems,
        DE,
        *place,
        what=("'format.demo.summary'", "wrong rendering", "'gespeichertes Modell'"),
        fix="SavedModel",
    )


def test_every_wrong_rendering_is_reported(inline) -> None:
    text, place = _set(DE, SUMMARY_DE, "Ein ТФ2 und ТФ 2 SavedModel, siehe [die Anleitung][guide].")
    problems = run(glossary, inline({DE: text}))
    for found in ("'ТФ2'", "'ТФ 2'"):
        assert_found(problems, DE, *place, what=("wrong rendering", found))


def test_nothing_is_checked_when_the_catalogs_are_not_read(inline) -> None:
    """Verification shows no page: it loads the matrix without its catalogs (`use` None)."""
    text, _ = _set(DE, SUMMARY_DE, "Ein ТФ2 Savedmodel, siehe [die Anleitung][guide].")
    assert_none(run(glossary, inline({DE: text}), None))
