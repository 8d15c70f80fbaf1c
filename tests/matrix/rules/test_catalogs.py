"""catalogs: complete and tidy: no message missing or unused, the same placeholders, known links,
plain text where the site shows plain text, closed code spans."""

from __future__ import annotations

import pytest

from generator.matrix.documents import MessageUse
from generator.matrix.rules import catalogs, run_rules

from .inline import DE, EN, LINKS, MINIMAL, USE, assert_found, assert_none, changed, run, translated_sources, where


def _messages_key(text: str) -> tuple[int, int]:
    return where(text, "messages:")


def test_the_minimal_matrix_has_no_problem(inline) -> None:
    assert_none(run(catalogs, inline()))


# --- missing and unused --------------------------------------------------------------------------


@pytest.mark.parametrize("line", ["  format.demo.title: Demo-Tabelle\n", "  site.name: Demo-Seite\n"])
def test_a_translation_may_lack_a_message_shown_in_english(inline, line) -> None:
    assert run(catalogs, inline({DE: changed(DE, line, "")})) == []


@pytest.mark.parametrize("line", ["  format.demo.title: Demo-Tabelle\n", "  site.name: Demo-Seite\n"])
def test_a_translation_lacking_a_message_passes_every_rule(inline, line) -> None:
    """As a translator leaves it: the message gone, its source hash kept."""
    text = changed(DE, line, "") + translated_sources(MINIMAL[DE], MINIMAL[EN])
    assert [str(p) for p in run_rules(inline({DE: text}), USE)] == []


def test_default_catalog_missing_a_message_the_templates_use(inline) -> None:
    text = changed(EN, "  site.name: Demo site\n", "")
    problems = run(catalogs, inline({EN: text}))
    assert_found(problems, EN, *_messages_key(text), what=("missing", "'site.name'"), fix="site.name: ...")
    assert len(problems) == 1, problems


def test_default_catalog_missing_a_message_the_matrix_uses_is_left_to_references(inline) -> None:
    """Reported where the matrix names it (references), not twice."""
    text = changed(EN, "  format.demo.title: Demo table\n", "")
    assert_none(run(catalogs, inline({EN: text})), what="missing")


def test_message_nothing_uses(inline) -> None:
    text = MINIMAL[EN] + "  unused.thing: x\n"
    problems = run(catalogs, inline({EN: text}))
    assert_found(problems, EN, *where(text, "unused.thing"), what=("'unused.thing'", "not used"), fix="remove")
    assert len(problems) == 1, problems


def test_a_translation_of_a_message_the_english_no_longer_has_is_obsolete_not_refused(inline) -> None:
    """A writer who removes a message (or a page's paragraph) cannot edit every translation: theirs
    are obsolete, kept for the translators and listed by `i18n status`."""
    from generator.matrix.translations import translation_status

    text = MINIMAL[DE] + "  removed.thing: x\n"
    matrix = inline({DE: text})
    assert_none(run(catalogs, matrix))
    assert translation_status(matrix, "de").obsolete == ("removed.thing",)


def test_a_catalog_the_site_does_not_build_is_not_checked(inline) -> None:
    text = changed(DE, "locale: de\n", "locale: fr\n") + "  unused.thing: x\n"
    assert_none(run(catalogs, inline({"locales/fr.yaml": text})))


def test_two_languages_with_one_name(inline) -> None:
    """A catalog copied from another keeps its name: the selector would list that name twice."""
    en = MINIMAL[EN] + "  language.name: English\n"
    de = MINIMAL[DE] + "  language.name: English\n"
    use = MessageUse(USE.used | {"language.name"}, USE.plain | {"language.name"})
    problems = run(catalogs, inline({EN: en, DE: de}), use)
    assert_found(problems, DE, *where(de, "English"), what=("'English'", "en"), fix="own name")
    assert len(problems) == 1, problems
    assert_none(run(catalogs, inline({EN: en, DE: MINIMAL[DE] + "  language.name: Deutsch\n"}), use))


# --- plain text ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "Demo `site`",
        "Demo [site][guide]",
        "Demo {version}",
        "Demo <b>site</b>",
        "Demo & site",
        "Demo > site",
        "Demo ` site",
    ],
    ids=["code", "link", "placeholder", "tag", "ampersand", "greater_than", "backtick"],
)
def test_plain_text_message_with_markup(inline, value: str) -> None:
    """Shown where nothing is read as markup (a title, a name): plain words only."""
    text = changed(EN, "  site.name: Demo site\n", f"  site.name: '{value}'\n")
    problems = run(catalogs, inline({EN: text}))
    assert_found(problems, EN, *where(text, f"'{value}'"), what=("'site.name'", "plain text"))


def test_markup_in_a_message_that_is_not_plain_is_fine(inline) -> None:
    text = changed(EN, "  format.demo.title: Demo table\n", "  format.demo.title: Demo <b>table</b> & `code`\n")
    assert_none(run(catalogs, inline({EN: text})))


# --- markup --------------------------------------------------------------------------------------


@pytest.mark.parametrize("relative", [EN, DE])
def test_unclosed_code_span(inline, relative: str) -> None:
    old = {EN: "Use `hub.load`, then call `m`.", DE: "Verwenden Sie `hub.load`, dann rufen Sie `m` auf."}[relative]
    text = changed(relative, old, old.replace("`m`", "`m"))
    problems = run(catalogs, inline({relative: text}))
    assert_found(problems, relative, *where(text, old.replace("`m`", "`m")), what=("'cell.load.new'", "unclosed"))
    assert len(problems) == 1, problems


@pytest.mark.parametrize("relative", [EN, DE])
def test_unknown_link(inline, relative: str) -> None:
    text = changed(relative, "[guide].", "[gide].")
    problems = run(catalogs, inline({relative: text}))
    line, column = where(text, "format.demo.summary: ", len("format.demo.summary: "))
    assert_found(
        problems, relative, line, column, what=("'format.demo.summary'", "unknown link", "'gide'"), fix="guide"
    )
    assert len(problems) == 1, problems


def test_unknown_link_lists_the_links(inline) -> None:
    links = MINIMAL[LINKS] + "  - id: another\n    url: https://example.org/another\n"
    text = changed(EN, "[guide].", "[nolink].")
    problems = run(catalogs, inline({EN: text, LINKS: links}))
    assert_found(problems, EN, where(text, "[nolink]")[0], what="'nolink'", fix=("another", "guide"))


# --- placeholders --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("translation", "extra"),
    [
        ("seit {package}", ()),
        ("seit {package} {Version}", ()),
        ("seit {package} {version} {extra}", ("extra",)),
        ("seit {paket} {version}", ("paket",)),
    ],
    ids=["dropped", "renamed_out_of_form", "added", "translated"],
)
def test_placeholder_mismatch(inline, translation: str, extra: tuple[str, ...]) -> None:
    text = changed(DE, "seit {package} {version}", translation)
    problems = run(catalogs, inline({DE: text}))
    assert_found(
        problems,
        DE,
        *where(text, translation),
        what=("[pythonbraceformat]", "'bound.added'", "placeholder", *extra),
        fix="placeholder",
    )
    assert len(problems) == 1, problems


def test_placeholders_in_another_order_are_fine(inline) -> None:
    text = changed(DE, "seit {package} {version}", "ab {version} von {package}")
    assert_none(run(catalogs, inline({DE: text})))


def test_default_catalog_sets_the_placeholders(inline) -> None:
    """The default language's message is the source: a translation marked as translating its
    current text must have its placeholders."""
    text = changed(EN, "since {package} {version}", "since {version}")
    problems = run(catalogs, inline({EN: text}))
    line, _ = where(MINIMAL[DE], "seit {package} {version}")
    assert_found(problems, DE, line, what=("'bound.added'", "placeholder"))
    assert len(problems) == 1, problems


def test_a_stale_translation_holds_no_build_up(inline) -> None:
    """English reworded after the translation was made: the page shows the English until a
    translator catches up, so the old translation's placeholders are not held against it."""
    text = changed(EN, "since {package} {version}", "since {version}")
    stale = MINIMAL[DE] + translated_sources(MINIMAL[DE], MINIMAL[EN])
    assert_none(run(catalogs, inline({EN: text, DE: stale})))


def test_use_decides_what_the_templates_need(inline) -> None:
    """Without the templates' messages, the plain one is unused and nothing is plain any more."""
    problems = run(catalogs, inline(), MessageUse())
    for relative in (EN, DE):
        for message_id in USE.used:
            assert_found(
                problems,
                relative,
                *where(MINIMAL[relative], f"  {message_id}:", 2),
                what=(f"'{message_id}'", "not used"),
            )
    assert len(problems) == 2 * len(USE.used), problems


def test_nothing_is_checked_when_the_catalogs_are_not_read(inline) -> None:
    """Verification shows no page: it loads the matrix without its catalogs (`use` None)."""
    text = changed(DE, "  format.demo.title: Demo-Tabelle\n", "") + "  unused.thing: x\n"
    assert_none(run(catalogs, inline({DE: text}), None))
