"""references: every id the matrix names exists; an unknown one is reported where it is named."""

from __future__ import annotations

import pytest

from generator.matrix.rules import references

from .inline import (
    EN,
    FORMAT,
    LINKS,
    MINIMAL,
    MODES,
    OPERATIONS,
    SITE,
    assert_found,
    assert_none,
    changed,
    file_of,
    run,
    where,
)


def test_the_minimal_matrix_has_no_problem(inline) -> None:
    assert_none(run(references, inline()))


# --- site.yaml and the files it lists ------------------------------------------------------------


def test_unknown_format_in_site(inline) -> None:
    text = changed(SITE, "formats: [demo]\n", "formats: [demo, dmeo]\n")
    problems = run(references, inline({SITE: text}))
    assert_found(problems, SITE, *where(text, "dmeo"), what=("unknown format", "'dmeo'"), fix="'demo'")
    assert len(problems) == 1, problems


def test_locale_without_catalog(inline) -> None:
    text = changed(SITE, "locales: [en, de]\n", "locales: [en, de, fr]\n")
    problems = run(references, inline({SITE: text}))
    assert_found(problems, SITE, *where(text, "fr]"), what=("'fr'", "no catalog"), fix="locales/fr.yaml")
    assert len(problems) == 1, problems


def test_default_locale_not_built(inline) -> None:
    text = changed(SITE, "default_locale: en\n", "default_locale: de\n")
    text = changed(SITE, "locales: [en, de]\n", "locales: [en]\n", text)
    problems = run(references, inline({SITE: text, "locales/de.yaml": MINIMAL["locales/de.yaml"]}))
    assert_found(problems, SITE, *where(text, "de\n"), what=("unknown locale", "'de'"))


def test_catalog_locale_does_not_match_its_file_name(inline) -> None:
    text = changed("locales/de.yaml", "locale: de\n", "locale: dk\n")
    problems = run(references, inline({"locales/de.yaml": text}))
    assert_found(problems, "locales/de.yaml", *where(text, "dk"), what=("'dk'", "de.yaml"), fix="locale: de")
    assert len(problems) == 1, problems


def test_catalog_that_is_not_built(inline) -> None:
    text = changed("locales/de.yaml", "locale: de\n", "locale: fr\n")
    problems = run(references, inline({"locales/fr.yaml": text}))
    assert_found(problems, "locales/fr.yaml", *where(text, "fr"), what=("'fr'", "not built"), fix="site.yaml")
    assert len(problems) == 1, problems


def test_format_id_does_not_match_its_file_name(inline) -> None:
    problems = run(references, inline({"formats/other.yaml": MINIMAL[FORMAT]}))
    line, column = where(MINIMAL[FORMAT], "id: demo\n", len("id: "))
    assert_found(problems, "formats/other.yaml", line, column, what=("'demo'", "other.yaml"), fix="id: other")
    assert len(problems) == 1, problems


def test_format_not_listed_in_site(inline) -> None:
    text = changed(FORMAT, "id: demo\n", "id: other\n")
    problems = run(references, inline({"formats/other.yaml": text}))
    assert_found(problems, "formats/other.yaml", *where(text, "other"), what=("'other'", "not listed"), fix="site.yaml")
    assert len(problems) == 1, problems


# --- ids a format names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "bad", "what", "fix"),
    [
        ("    modes: [eager]\n", "    modes: [eagre]\n", "eagre", "unknown mode", "did you mean 'eager'"),
        ("    modes: [eager]\n", "    modes: [zzz]\n", "zzz", "unknown mode", ("eager", "graph")),
        (
            "  - operation: load\n    column: new\n",
            "  - operation: laod\n    column: new\n",
            "laod",
            "unknown operation",
            "'load'",
        ),
        ("    column: new\n", "    column: neww\n", "neww", "unknown column", "'new'"),
        ("    guide: {link: guide,", "    guide: {link: giude,", "giude", "unknown link", "'guide'"),
    ],
    ids=["mode", "mode_no_close_match", "operation", "column", "guide_link"],
)
def test_unknown_id_in_format(inline, old: str, new: str, bad: str, what: str, fix) -> None:
    text = changed(FORMAT, old, new)
    problems = run(references, inline({FORMAT: text}))
    assert_found(problems, FORMAT, *where(text, bad), what=(what, f"'{bad}'"), fix=fix)
    assert len(problems) == 1, problems


def test_unknown_link_when_there_are_none(inline) -> None:
    """Nothing to suggest: the hint says where links are declared."""
    problems = run(references, inline({LINKS: "links: []\n"}))
    line, column = where(MINIMAL[FORMAT], "guide,")
    assert_found(problems, FORMAT, line, column, what=("unknown link", "'guide'"), fix=file_of(LINKS))


# --- message ids ---------------------------------------------------------------------------------

# (file, the message id as it stands there, with the text just before it)
MESSAGE_REFERENCES = {
    "mode_name": (MODES, "    name: mode.graph.name"),
    "mode_summary": (MODES, "    summary: mode.eager.summary"),
    "mode_when": (MODES, "    when: mode.graph.when"),
    "operation_name": (OPERATIONS, "    name: operation.load.name"),
    "format_name": (FORMAT, "name: format.demo.name"),
    "format_summary": (FORMAT, "summary: format.demo.summary"),
    "table_title": (FORMAT, "table_title: format.demo.title"),
    "column_heading": (FORMAT, "    heading: column.new"),
    "column_footnote": (FORMAT, "    footnote: column.old.footnote"),
    "cell_text": (FORMAT, "    text: cell.load.new"),
    "guide_text": (FORMAT, "text: guide.load}"),
    "note": (FORMAT, "    notes: [note.load"),
}


@pytest.mark.parametrize("case", list(MESSAGE_REFERENCES))
def test_unknown_message(inline, case: str) -> None:
    """A misspelt message id, wherever the matrix names one; the hint suggests the right one."""
    relative, reference = MESSAGE_REFERENCES[case]
    message_id = reference.rsplit(" ", 1)[-1].strip("[]}")
    text = changed(relative, reference, reference.replace(message_id, message_id + "x"))
    problems = run(references, inline({relative: text}))
    assert_found(
        problems,
        relative,
        *where(text, message_id + "x"),
        what=("unknown message", f"'{message_id}x'"),
        fix=f"'{message_id}'",
    )
    assert len(problems) == 1, problems


def test_table_note_is_a_message_too(inline) -> None:
    text = changed(
        FORMAT, "table_title: format.demo.title\n", "table_title: format.demo.title\ntable_note: format.demo.nothing\n"
    )
    problems = run(references, inline({FORMAT: text}))
    assert_found(problems, FORMAT, *where(text, "format.demo.nothing"), what="'format.demo.nothing'")


def test_a_name_the_hidden_setup_gives_needs_a_message(inline) -> None:
    """The shown code reads `inputs`, which the setup now defines: the page must explain it."""
    text = changed(
        FORMAT,
        '          handle = fixture("model")\n',
        '          handle = fixture("model")\n          inputs = [[1.0]]\n',
    )
    problems = run(references, inline({FORMAT: text}))
    line, column = where(text, "          m = hub.load(handle)\n          outputs", len("          "))
    assert_found(problems, FORMAT, line, column, what=("unknown message", "'example_name.inputs'"))
    assert len(problems) == 1, problems


def test_messages_are_not_looked_up_without_a_default_catalog(inline) -> None:
    """Then the default language's missing catalog is the problem to fix first."""
    text = changed(FORMAT, "name: format.demo.name\n", "name: format.demo.nmae\n")
    problems = run(references, inline({FORMAT: text, EN: None}))
    assert_found(problems, SITE, *where(MINIMAL[SITE], "en, de]", 0), what=("'en'", "no catalog"))
    assert_none(problems, what="unknown message")


def test_messages_are_not_looked_up_when_the_catalogs_are_not_read(inline) -> None:
    """Verification shows no page: it loads the matrix without its catalogs (`use` None); ids still count."""
    text = changed(FORMAT, "name: format.demo.name\n", "name: format.demo.nmae\n")
    text = changed(FORMAT, "    column: new\n", "    column: neww\n", text)
    problems = run(references, inline({FORMAT: text}), None)
    assert_found(problems, FORMAT, *where(text, "neww"), what="unknown column")
    assert len(problems) == 1, problems
