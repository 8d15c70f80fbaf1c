"""patterns: every regular expression compiles, and the glossary's, run on every message, run in bounded time."""

from __future__ import annotations

import pytest

from generator.matrix.rules import patterns

from .inline import FORMAT, GLOSSARY, MINIMAL, assert_found, assert_none, changed, run, where


def _glossary(pattern: str) -> str:
    """The minimal glossary with its one wrong rendering's pattern replaced (written in single quotes)."""
    return changed(GLOSSARY, '  - pattern: "ТФ ?2"\n', "  - pattern: '" + pattern.replace("'", "''") + "'\n")


def test_the_minimal_matrix_has_no_problem(inline) -> None:
    assert_none(run(patterns, inline()))


@pytest.mark.parametrize("pattern", ["ТФ(2", "[Хх", "a{2,1}", "a{99999999999}", "(?<name"])
def test_glossary_pattern_that_does_not_compile(inline, pattern: str) -> None:
    text = _glossary(pattern)
    problems = run(patterns, inline({GLOSSARY: text}))
    line, column = where(text, "'" + pattern.replace("'", "''") + "'")
    assert_found(problems, GLOSSARY, line, column, what=("not a valid regular expression",), fix="pattern")
    assert len(problems) == 1, [str(p) for p in problems]


@pytest.mark.parametrize(
    "pattern",
    [
        "(a)\\1",
        "(?P<x>a)(?P=x)",
        "(a)?(?(1)b|c)",
        "(ab)+",
        "(a|aa)+$",
        "\\w*\\w*!",
        "\\w*(ab|cd)",
        "(ab|cd)\\w*",
        "(?=\\w+)x",
        "a*",
        "(?:x|)",
        "x\\w+\\w+y",
        "[a-z]*a[a-z]*",
    ],
    ids=[
        "backreference",
        "named_backreference",
        "conditional",
        "repeated_group",
        "repeated_alternation",
        "repeat_after_repeat",
        "alternation_after_repeat",
        "repeat_after_alternation",
        "varying_lookaround",
        "matches_empty",
        "empty_alternative",
        "repeats_of_one_class",
        "repeat_through_a_character_it_matches",
    ],
)
def test_glossary_pattern_that_may_take_too_long(inline, pattern: str) -> None:
    text = _glossary(pattern)
    problems = run(patterns, inline({GLOSSARY: text}))
    line, column = where(text, "'" + pattern + "'")
    assert_found(problems, GLOSSARY, line, column, what=("too long",), fix="repeat")
    assert len(problems) == 1, [str(p) for p in problems]


@pytest.mark.parametrize(
    "pattern",
    [
        "ТФ ?[12]",
        "[Хх]аб\\.",
        "[Хх]аб[ау]? TF|TF [Хх]аб",
        "(?i)граф\\w* поезд",
        "(?i)сохранённ\\w* модел\\w* TF2",
        "(?i)тег\\w* поезд",
        "\\bhub\\b",
        "(?:ab){2}c",
        "(?<=a)b",
        "x\\d+\\.\\d+",
    ],
)
def test_glossary_pattern_that_is_safe(inline, pattern: str) -> None:
    assert_none(run(patterns, inline({GLOSSARY: _glossary(pattern)})))


@pytest.mark.parametrize("pattern", ["load(", "[load", "*load"])
def test_counterexample_pattern_that_does_not_compile(inline, pattern: str) -> None:
    text = changed(FORMAT, "match: load}", f"match: '{pattern}'}}")
    problems = run(patterns, inline({FORMAT: text}))
    assert_found(
        problems, FORMAT, *where(text, f"'{pattern}'"), what=("raises.match", "not a valid regular expression")
    )
    assert len(problems) == 1, [str(p) for p in problems]


def test_counterexample_pattern_only_has_to_compile(inline) -> None:
    """It is searched once, in one exception's message, when the claim is verified."""
    text = changed(FORMAT, "match: load}", "match: '(a|aa)+$'}")
    assert_none(run(patterns, inline({FORMAT: text})))


def test_every_bad_pattern_is_reported(inline) -> None:
    text = MINIMAL[GLOSSARY] + "  - pattern: 'ТФ(2'\n    instead: TF2\n  - pattern: '(ab)+'\n    instead: ab\n"
    problems = run(patterns, inline({GLOSSARY: text}))
    assert_found(problems, GLOSSARY, *where(text, "'ТФ(2'"), what="not a valid")
    assert_found(problems, GLOSSARY, *where(text, "'(ab)+'"), what="too long")
    assert len(problems) == 2, [str(p) for p in problems]
