"""Every message of every language the site builds, as the rules of a translation's text read it.

A `MessageText` is one message of one catalog, placed where its value is written, with the English
it translates when the translation is current (a stale one is shown in English, so only its own
text is held against it; a language's own name translates nothing) and its words as a reader reads
them (`reading`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..problems import Place
from . import markup
from .documents import Matrix
from .translations import OWN, current

# A Markdown attribute list after a link or a block (`{ .md-button }`): markup, not words.
_ATTRIBUTES = re.compile(r"\{:?[ \t]*[.#][^{}\n]*\}")
_CODE = re.compile(r"`[^`]+`")


@dataclass(frozen=True)
class MessageText:
    locale: str
    message_id: str
    text: str
    place: Place
    english: str | None  # the English it translates, when it is a current translation

    @property
    def words(self) -> str:
        return reading(self.text)


def message_texts(matrix: Matrix) -> Iterator[MessageText]:
    """Each message of each catalog the site builds, the English catalog's (with the pages') too."""
    default = matrix.default_locale
    english = matrix.catalogs[default].model.messages if default in matrix.catalogs else {}
    for locale in matrix.locales:
        doc = matrix.catalogs.get(locale)
        if doc is None:
            continue
        translated = current(matrix, locale)
        for message_id, text in doc.model.messages.items():
            source = english[message_id] if message_id in translated and message_id not in OWN else None
            yield MessageText(locale, message_id, text, doc.source.place(("messages", message_id)), source)


def translations(matrix: Matrix) -> Iterator[tuple[MessageText, str]]:
    """Each current translation, with the English it translates."""
    for message in message_texts(matrix):
        if message.english is not None:
            yield message, message.english


def reading(message: str, stand_in: str = "x") -> str:
    """The message as a reader reads its words: each `code` span and {placeholder} as `stand_in`
    (something that is neither space nor punctuation), each link as its words, and no Markdown
    attribute list."""
    pieces = markup.flat(_ATTRIBUTES.sub("", message))
    return "".join(piece.text if piece.kind == "text" else stand_in for piece in pieces)


def without_code(message: str) -> str:
    """The message with its `code` spans left out, and everything else as written."""
    return _CODE.sub("", message)
