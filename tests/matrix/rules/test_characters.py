"""characters: no invisible or direction-changing character where a reader cannot see it: in code,
labels and patterns, and (a little more leniently) in catalog messages. Each one is placed at its
own line and column."""

from __future__ import annotations

import pytest

from generator.matrix.rules import characters

from .inline import DE, EN, FORMAT, MODES, assert_found, assert_none, changed, run, where

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
ZWSP = "\u200b"  # ZERO WIDTH SPACE
ZWJ = "\u200d"  # ZERO WIDTH JOINER
SHY = "\u00ad"  # SOFT HYPHEN, an invisible formatting character

# Where a character can be put: (file, text in MINIMAL, the same text with {c} where the character goes)
CODE = {
    "mode_prelude": (MODES, "      tf.disable_v2_behavior()\n", "      tf.disable_{c}v2_behavior()\n"),
    "snippet_setup": (
        FORMAT,
        '          handle = fixture("model")\n        code',
        '          handle = fixture("mo{c}del")\n        code',
    ),
    "snippet_code": (FORMAT, "          outputs = m(inputs)\n", "          outputs = m(in{c}puts)\n"),
    "snippet_checks": (FORMAT, "          assert outputs is not None\n", "          assert outputs is{c} not None\n"),
    "counterexample_setup": (
        FORMAT,
        '        handle = fixture("model")\n      code',
        '        handle = fixture("mo{c}del")\n      code',
    ),
    "counterexample_code": (
        FORMAT,
        "        m = hub.load(handle)\n      raises",
        "        m = hub.load(han{c}dle)\n      raises",
    ),
}
LABELS = {
    "mode_label": (MODES, "    label: Eager\n", "    label: Ea{c}ger\n"),
    "snippet_label": (FORMAT, "      - label: hub.load\n", "      - label: hub.lo{c}ad\n"),
}
PATTERN = (FORMAT, "match: load}", "match: lo{c}ad}")
MESSAGE = (DE, "  column.new: Neu\n", "  column.new: N{c}eu\n")


def _put(place: tuple[str, str, str], character: str) -> tuple[str, str, tuple[int, int]]:
    """The file's text with the character put in, and the character's line and column."""
    relative, old, new = place
    text = changed(relative, old, new.replace("{c}", character))
    line, column = where(text, new.replace("{c}", character), new.index("{c}"))
    return relative, text, (line, column)


def test_the_minimal_matrix_has_no_problem(inline) -> None:
    assert_none(run(characters, inline()))


@pytest.mark.parametrize("field", list(CODE))
@pytest.mark.parametrize(
    ("character", "words"),
    [
        (RLO, ("U+202E", "direction")),
        (ZWSP, ("U+200B", "zero-width")),
        (ZWJ, ("U+200D", "zero-width")),
        (SHY, ("U+00AD", "invisible")),
    ],
    ids=["direction_control", "zero_width_space", "zero_width_joiner", "soft_hyphen"],
)
def test_in_code(inline, field: str, character: str, words: tuple[str, ...]) -> None:
    relative, text, place = _put(CODE[field], character)
    problems = run(characters, inline({relative: text}))
    assert_found(problems, relative, *place, what=("code", *words), fix="delete")
    assert len(problems) == 1, [str(p) for p in problems]


@pytest.mark.parametrize("field", list(LABELS))
@pytest.mark.parametrize(
    ("character", "words"),
    [(RLO, ("U+202E", "direction")), (ZWSP, ("U+200B", "zero-width"))],
    ids=["direction_control", "zero_width_space"],
)
def test_in_a_label(inline, field: str, character: str, words: tuple[str, ...]) -> None:
    relative, text, place = _put(LABELS[field], character)
    problems = run(characters, inline({relative: text}))
    assert_found(problems, relative, *place, what=("label", *words))
    assert len(problems) == 1, [str(p) for p in problems]


def test_in_a_counterexample_pattern(inline) -> None:
    relative, text, place = _put(PATTERN, RLO)
    problems = run(characters, inline({relative: text}))
    assert_found(problems, relative, *place, what=("pattern", "U+202E"))
    assert len(problems) == 1, [str(p) for p in problems]


@pytest.mark.parametrize(
    ("character", "words"),
    [(RLO, ("U+202E", "direction")), (ZWSP, ("U+200B", "zero-width"))],
    ids=["direction_control", "zero_width_space"],
)
def test_in_a_message(inline, character: str, words: tuple[str, ...]) -> None:
    relative, text, place = _put(MESSAGE, character)
    problems = run(characters, inline({relative: text}))
    assert_found(problems, relative, *place, what=("'column.new'", *words))
    assert len(problems) == 1, [str(p) for p in problems]


@pytest.mark.parametrize(
    "character", [ZWJ, "\u200c", SHY], ids=["zero_width_joiner", "zero_width_non_joiner", "soft_hyphen"]
)
def test_what_some_scripts_need_is_allowed_in_messages_and_labels(inline, character: str) -> None:
    relative, text, _ = _put(MESSAGE, character)
    label_file, label_text, _ = _put(LABELS["mode_label"], character)
    assert_none(run(characters, inline({relative: text, label_file: label_text})))


def test_each_character_has_its_own_place(inline) -> None:
    relative, old, _ = CODE["snippet_code"]
    text = changed(relative, old, f"          outputs = m({RLO}inputs{RLO})\n")
    problems = run(characters, inline({relative: text}))
    line, column = where(text, f"m({RLO}", 2)
    assert_found(problems, relative, line, column, what="U+202E")
    assert_found(problems, relative, line, column + len("inputs") + 1, what="U+202E")
    assert len(problems) == 2, [str(p) for p in problems]


def test_a_long_run_is_reported_in_part(inline) -> None:
    """A pasted block of them needs only so many lines of report."""
    relative, old, _ = CODE["snippet_code"]
    text = changed(relative, old, f"          outputs = m(inputs){ZWSP * 50}\n")
    problems = run(characters, inline({relative: text}))
    assert 1 < len(problems) < 50, len(problems)


@pytest.mark.parametrize(
    ("escape", "words"),
    [("\\u202e", ("U+202E", "direction")), ("\\x01", ("U+0001", "control")), ("\\L", ("U+2028", "separator"))],
    ids=["direction_control", "control", "line_separator"],
)
def test_written_as_an_escape(inline, escape: str, words: tuple[str, ...]) -> None:
    """Not in the file as such: reported at the value it is part of."""
    written = f'"m = hub.load(handle){escape}\\n"'
    text = changed(
        FORMAT,
        "        code: |\n          m = hub.load(handle)\n          outputs = m(inputs)\n",
        f"        code: {written}\n",
    )
    problems = run(characters, inline({FORMAT: text}))
    assert_found(problems, FORMAT, *where(text, written), what=("code", *words))


def test_tabs_in_code_are_fine(inline) -> None:
    text = changed(
        FORMAT,
        "        code: |\n          m = hub.load(handle)\n          outputs = m(inputs)\n",
        '        code: "m = hub.load(handle)\\t# loads\\n"\n',
    )
    assert_none(run(characters, inline({FORMAT: text})))


def test_checked_in_every_language(inline) -> None:
    text = changed(EN, "  column.new: New\n", f"  column.new: Ne{RLO}w\n")
    problems = run(characters, inline({EN: text}))
    assert_found(problems, EN, *where(text, f"Ne{RLO}w", 2), what=("'column.new'", "U+202E"))
