"""No invisible or direction-changing characters where a reader cannot see them.

Code is shown and run exactly as written, so a character that is invisible, or that changes the
direction text is shown in (U+202E RIGHT-TO-LEFT OVERRIDE and its kin), would make the code on the
page read differently from the code that runs ("Trojan Source"), and a zero-width character makes
two names that look the same differ. Such characters are refused in all code (snippets, their
setup and checks, counterexamples, mode preludes, the examples written on pages) and in labels;
catalog messages may not hold direction controls, zero-width spaces or control characters (the
zero-width joiners that some scripts need stay allowed there). Each one is reported at its own line and column.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ...problems import Place, Problem
from ..documents import Document, Matrix, MessageUse
from ..yaml_source import DataPath

BIDI_CONTROLS = frozenset(
    chr(code) for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]
)
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
_MESSAGE_INVISIBLE = frozenset("\u200b\u2060\ufeff")  # ZWNJ and ZWJ are letters' business in some scripts
_PER_VALUE = 20  # problems reported for one value; a pasted block of them needs no more


def _kind(character: str) -> str | None:
    """What is wrong with a character in code, or None when it is fine there."""
    if character in BIDI_CONTROLS:
        return "a direction control: it changes the order in which the text around it is shown"
    if character in ZERO_WIDTH:
        return "an invisible zero-width character"
    category = unicodedata.category(character)
    if category == "Cf":
        return "an invisible formatting character"
    if category == "Cc" and character not in "\t\n":
        return "a control character"
    if category in ("Zl", "Zp"):
        return "a line or paragraph separator that Python does not read as a line break"
    return None


def _message_kind(character: str) -> str | None:
    """What is wrong with a character in a message or label, or None when it is fine there."""
    if character in BIDI_CONTROLS:
        return "a direction control: it changes the order in which the text around it is shown"
    if character in _MESSAGE_INVISIBLE:
        return "an invisible zero-width character"
    if unicodedata.category(character) == "Cc" and character not in "\t\n":
        return "a control character"
    return None


def _name(character: str) -> str:
    name = unicodedata.name(character, "")
    return f"U+{ord(character):04X}" + (f" ({name})" if name else "")


def refused(doc: Document, path: DataPath, text: str | None, kind=_kind, what: str = "code") -> Iterator[Problem]:
    """A problem for each refused character of a value, placed where it stands in the file."""
    if not text:
        return
    bad = [character for character in text if kind(character)]
    if not bad:
        return
    found = 0
    for place, character in _in_file(doc, path, set(bad)):
        yield _problem(place, character, kind, what)
        found += 1
        if found == _PER_VALUE:
            return
    if not found:  # written as an escape, such as "\u202e" in double quotes: the value's place
        for character in dict.fromkeys(bad):
            yield _problem(doc.source.place(path), character, kind, what)


def _problem(place: Place, character: str, kind, what: str) -> Problem:
    return Problem(
        place,
        f"the character {_name(character)} in {what} is {kind(character)}",
        "delete it; most editors do not show it",
    )


def _in_file(doc: Document, path: DataPath, bad: set[str]) -> Iterator[tuple[Place, str]]:
    """Where the refused characters stand in the value's lines of the file, in order."""
    source = doc.source
    start, end = source.places.get(path), source.ends.get(path)
    if start is None or end is None:
        return
    for number in range(start.line, min(end.line, len(source.lines)) + 1):
        line = source.lines[number - 1]
        first = start.column - 1 if number == start.line else 0
        last = end.column - 1 if number == end.line else len(line)
        for index in range(first, min(last, len(line))):
            if line[index] in bad:
                yield Place(source.file, number, index + 1), line[index]


def check(matrix: Matrix, _use: MessageUse) -> Iterator[Problem]:
    modes = matrix.modes
    for i, mode in enumerate(modes.model.modes):
        yield from refused(modes, ("modes", i, "prelude"), mode.prelude)
        yield from refused(modes, ("modes", i, "label"), mode.label, _message_kind, "a label")
    for doc in matrix.formats:
        for i, cell in enumerate(doc.model.cells):
            at = ("cells", i)
            for j, snippet in enumerate(cell.snippets):
                yield from refused(doc, at + ("snippets", j, "label"), snippet.label, _message_kind, "a label")
                for key in ("code", "setup", "checks"):
                    yield from refused(doc, at + ("snippets", j, key), getattr(snippet, key))
            if cell.counterexample:
                for key in ("code", "setup"):
                    yield from refused(doc, at + ("counterexample", key), getattr(cell.counterexample, key))
                yield from refused(
                    doc,
                    at + ("counterexample", "raises", "match"),
                    cell.counterexample.raises.match,
                    _message_kind,
                    "a pattern",
                )
    for _, block in matrix.page_examples():
        page_doc, example = block.document, block.document.model
        for key in ("setup", "checks"):
            yield from refused(page_doc, (key,), getattr(example, key))
        if example.raises:
            yield from refused(page_doc, ("raises", "match"), example.raises.match, _message_kind, "a pattern")
        for i, tab in enumerate(example.tabs):
            at = ("tabs", i)
            yield from refused(page_doc, at + ("label",), tab.label, _message_kind, "a label")
            for key in ("code", "setup", "checks"):
                yield from refused(page_doc, at + (key,), getattr(tab, key))
            if tab.raises:
                yield from refused(page_doc, at + ("raises", "match"), tab.raises.match, _message_kind, "a pattern")
    for catalog in matrix.catalogs.values():
        for message_id, text in catalog.model.messages.items():
            yield from refused(catalog, ("messages", message_id), text, _message_kind, f"message '{message_id}'")
