"""A translation has the English's whitespace where whitespace means something: what
translate-toolkit's `pofilter` finds with its `startwhitespace`, `endwhitespace`, `doublespacing`,
`newlines` and `tabs` checks.

A current translation starts and ends with whitespace only where its English does, and has as many
double spaces (outside code), line breaks and tabs: a line break in a table cell's text breaks the
table, and a space at the end of a message shows where the site joins it to a value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ...problems import Problem
from ..documents import Matrix, MessageUse
from ..message_texts import reading, translations

# Each: the pofilter check, what it counts in a message, and what that is, in words.
COUNTS: tuple[tuple[str, Callable[[str], int], str], ...] = (
    ("startwhitespace", lambda text: len(text) - len(text.lstrip()), "whitespace at its start"),
    ("endwhitespace", lambda text: len(text) - len(text.rstrip()), "whitespace at its end"),
    ("doublespacing", lambda text: reading(text).count("  "), "double spaces"),
    ("newlines", lambda text: text.count("\n"), "line breaks"),
    ("tabs", lambda text: text.count("\t"), "tabs"),
)


def check(matrix: Matrix, use: MessageUse | None) -> Iterator[Problem]:
    if use is None:  # the catalogs are not read (verification shows no page)
        return
    default = matrix.default_locale
    for message, english in translations(matrix):
        for name, count, what in COUNTS:
            want, have = count(english), count(message.text)
            if want != have:
                yield Problem(
                    message.place,
                    f"[{name}] message '{message.message_id}' has {have} {what}, where {default} has {want}",
                    f"write the {what} of the {default} message",
                )
