"""Every regular expression in the matrix compiles, and the glossary's run in bounded time.

A counterexample's `raises.match` is searched in an exception's message when the claim is
verified; here it only has to compile. The glossary's `wrong:` patterns are run against every
catalog message on every check, so they must also be safe to run: Python's regular expressions
backtrack, and a pattern such as `(a|aa)+$` or `\\w*\\w*\\w*!` takes exponential or high polynomial
time on a long enough message. A pattern is accepted only when its shape rules that out:

- no backreferences (`\\1`, `(?P=name)`) or conditionals (`(?(1)...)`);
- a repeat (`*`, `+`, `?`, `{m,n}`) repeats a single character or class (`\\w*`, `[ау]?`), never a
  group: nothing repeated holds another repeat or an alternation;
- in a row, after a repeat of varying length (or an alternation), a fixed character the repeat
  cannot match must come before the next repeat or alternation: in `граф\\w* поезд` the space ends
  `\\w*`, so each character is matched in one way only;
- lookarounds hold fixed text only;
- the pattern cannot match empty text (it would match everywhere).

Then each attempt to match costs at most a pass over the message, whatever the message holds.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from re import _compiler as sre_compile  # type: ignore[attr-defined]
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

from ...problems import Problem
from ..documents import Matrix, MessageUse
from ..model import Raises
from ..shape import Document
from ..yaml_source import DataPath

_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}
_CHARACTER = {sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN}
_GROUPS = {sre.SUBPATTERN, getattr(sre, "ATOMIC_GROUP", sre.SUBPATTERN)}
_LOOKAROUNDS = {sre.ASSERT, sre.ASSERT_NOT}
_MAX_CLASS = 1000  # characters a class may list for it to count as a fixed character


class _Unsafe(Exception):
    """A pattern whose matching time the rules cannot bound; the message says which rule."""


def compile_error(pattern: str, flags: int = 0) -> str | None:
    """Why a pattern does not compile, or None when it does."""
    try:
        _compile(pattern, flags)
    except re.error as error:
        return str(error)
    except (OverflowError, RecursionError, ValueError) as error:  # e.g. a{99999999999}
        return str(error) or type(error).__name__
    return None


def unsafe(pattern: str) -> str | None:
    """Why a compiling pattern may be slow to match, or None when its shape bounds its time."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = sre_parse.parse(pattern, 0)
        if parsed.getwidth()[0] == 0:
            return "it can match empty text, so it would match everywhere"
        flags = (parsed.state.flags | _scoped_flags(parsed.data)) & (re.IGNORECASE | re.DOTALL)
        _sequence(parsed.data, flags | re.UNICODE)
    except _Unsafe as reason:
        return str(reason)
    except (re.error, OverflowError, RecursionError, ValueError) as error:
        return str(error) or type(error).__name__
    return None


def safe_pattern(pattern: str) -> re.Pattern[str] | None:
    """The compiled pattern when it is valid and safe to run, else None (the rule reports why)."""
    if compile_error(pattern) or unsafe(pattern):
        return None
    return _compile(pattern, 0)


def _compile(pattern: str, flags: int) -> re.Pattern[str]:
    with warnings.catch_warnings():
        # Such as "possible nested set" for '[[': a note about the future, not about this pattern.
        warnings.simplefilter("ignore")
        return re.compile(pattern, flags)


def check(matrix: Matrix, _use: MessageUse) -> Iterator[Problem]:
    glossary = matrix.glossary
    for i, rule in enumerate(glossary.model.wrong):
        at = glossary.source.place(("wrong", i, "pattern"))
        error = compile_error(rule.pattern)
        if error:
            yield Problem(
                at,
                f"pattern {rule.pattern!r} is not a valid regular expression: {error}",
                "fix the pattern; see Python's re module for the syntax",
            )
            continue
        reason = unsafe(rule.pattern)
        if reason:
            yield Problem(
                at,
                f"pattern {rule.pattern!r} may take too long to match: {reason}",
                "repeat single characters only (\\w*, [ау]?), with a fixed character between two "
                "repeats, as in 'граф\\w* поезд'",
            )
    declared: list[tuple[Document, DataPath, Raises]] = [
        (doc, ("cells", i, "counterexample", "raises"), cell.counterexample.raises)
        for doc in matrix.formats
        for i, cell in enumerate(doc.model.cells)
        if cell.counterexample is not None
    ]
    for _, block in matrix.page_examples():
        example = block.document.model
        owners: list[tuple[DataPath, Raises | None]] = [((), example.raises)]
        owners += [(("tabs", i), tab.raises) for i, tab in enumerate(example.tabs)]
        declared += [(block.document, path + ("raises",), raises) for path, raises in owners if raises]
    for doc, path, raises in declared:
        error = compile_error(raises.match, re.DOTALL)  # verification searches with re.DOTALL
        if error:
            yield Problem(
                doc.source.place(path + ("match",)),
                f"raises.match {raises.match!r} is not a valid regular expression: {error}",
                "fix the pattern; to match a character such as '(' or '.' as itself, put a backslash before it",
            )


# --- the shape of a parsed pattern ----------------------------------------------------------------


def _scoped_flags(items) -> int:
    """Every flag a group turns on anywhere, such as the i of '(?i:...)'."""
    flags = 0
    for op, av in items:
        if op is sre.SUBPATTERN:
            flags |= av[1]
        for inner in _inner(op, av):
            flags |= _scoped_flags(inner)
    return flags


def _inner(op, av) -> list:
    """The item lists directly inside an item."""
    if op is sre.BRANCH:
        return [alternative.data for alternative in av[1]]
    if op in _REPEATS:
        return [av[2].data]
    if op in _GROUPS:
        return [av[-1].data]
    if op in _LOOKAROUNDS:
        return [av[1].data]
    return []


def _flat(items) -> Iterator[tuple]:
    """Items in the order they match, groups opened (a group changes nothing about backtracking)."""
    for op, av in items:
        if op in _GROUPS:
            yield from _flat(av[-1].data)
        else:
            yield op, av


def _sequence(items, flags: int) -> None:
    """Check items matched one after another; raises _Unsafe.

    `pending` is the repeat or alternation that may still end at more than one place: a repeat
    (its character class, as a compiled pattern) until a fixed character it cannot match follows,
    an alternation (True) for good.
    """
    pending: re.Pattern[str] | bool | None = None
    for op, av in _flat(items):
        if op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
            raise _Unsafe("backreferences and conditionals are not allowed")
        if op in _LOOKAROUNDS:
            _fixed(av[1].data, "a lookaround may hold fixed characters only")
        elif op is sre.BRANCH:
            for alternative in av[1]:
                _sequence(alternative.data, flags)
            if pending is not None:
                raise _Unsafe("an alternation follows a repeat or alternation with no fixed character between them")
            pending = True
        elif op in _REPEATS:
            low, high, body = av
            character = _single_character(body.data)
            if low == high:  # a fixed count, such as (?:ab){2}: no choice to make
                if character is None:
                    _fixed(body.data, "a group repeated a fixed number of times may hold fixed characters only")
                elif low:
                    pending = _after_fixed(pending, character, flags)
                continue
            if character is None:
                raise _Unsafe("a repeat may repeat a single character or class only, not a group")
            if pending is not None:
                raise _Unsafe(
                    "two repeats, or a repeat and an alternation, follow each other with no fixed "
                    "character between them"
                )
            pending = _class(character, flags)
        elif op in _CHARACTER:
            pending = _after_fixed(pending, (op, av), flags)
        elif op is not sre.AT:
            raise _Unsafe(f"the construct {op} is not supported")


def _fixed(items, reason: str) -> None:
    """Content that must offer no choice: characters, and characters repeated a fixed number of times."""
    for op, av in _flat(items):
        if op in _REPEATS and av[0] == av[1]:
            _fixed(av[2].data, reason)
        elif op not in _CHARACTER and op is not sre.AT:
            raise _Unsafe(reason)


def _single_character(items) -> tuple | None:
    found = list(_flat(items))
    if len(found) == 1 and found[0][0] in _CHARACTER:
        return found[0]
    return None


def _class(character: tuple, flags: int) -> re.Pattern[str]:
    """A compiled pattern matching one character the way this item does."""
    state = sre_parse.State()
    state.flags = flags
    return sre_compile.compile(sre_parse.SubPattern(state, [character]), flags)


def _after_fixed(pending, character: tuple, flags: int):
    """What is still pending after a fixed character: nothing, when the repeat cannot match it."""
    if pending is None or pending is True:
        return pending
    listed = _listed(character)
    if listed is None or any(pending.fullmatch(chr(code)) for code in listed):
        return pending
    return None


def _listed(character: tuple) -> list[int] | None:
    """The code points a character item stands for, when it lists a few; None for \\w, [^...], '.'."""
    op, av = character
    if op is sre.LITERAL:
        return [av]
    if op is not sre.IN:
        return None
    codes: list[int] = []
    for inner_op, inner_av in av:
        if inner_op is sre.LITERAL:
            codes.append(inner_av)
        elif inner_op is sre.RANGE and inner_av[1] - inner_av[0] < _MAX_CLASS:
            codes.extend(range(inner_av[0], inner_av[1] + 1))
        else:
            return None
        if len(codes) > _MAX_CLASS:
            return None
    return codes
