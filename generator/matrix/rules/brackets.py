"""Brackets and quotation marks come in pairs, and a translation keeps the English's links and
placeholders: what translate-toolkit's `pofilter` finds with its `brackets` check, and the unclosed
quotation marks of its `doublequoting`.

In the words of every message (code spans and placeholders aside, links as their words), each
opening bracket or quotation mark — ( [ { and the full-width （ ［ ｛ 「 『 【 〔 《 〈, « and “ — is
closed by its own closing one, in order. A current translation also has as many [ ] { } as its
English (outside code): they are the links and placeholders.

Unlike pofilter, a translation may add or drop parentheses ("(eager)" after a word it keeps in
English) and write full-width ones (Chinese and Japanese do), and it quotes as its language does
(«» in Russian, 「」 in Japanese): pofilter counts the ASCII brackets and each quotation mark against
the English, so it reports those, which are not defects.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...problems import Problem
from ..documents import Matrix, MessageUse
from ..message_texts import MessageText, message_texts, without_code

PAIRS = {
    "(": ")",
    "[": "]",
    "{": "}",
    "（": "）",
    "［": "］",
    "｛": "｝",
    "「": "」",
    "『": "』",
    "【": "】",
    "〔": "〕",
    "《": "》",
    "〈": "〉",
    "«": "»",
    "“": "”",
}
CLOSING = {closing: opening for opening, closing in PAIRS.items()}
QUOTES = frozenset("«»“”")
MARKUP = "[]{}"  # links and placeholders


def check(matrix: Matrix, use: MessageUse | None) -> Iterator[Problem]:
    if use is None:  # the catalogs are not read (verification shows no page)
        return
    default = matrix.default_locale
    for message in message_texts(matrix):
        unpaired = _unpaired(message.words)
        if unpaired is not None:
            yield _problem(message, *unpaired)
        if message.english is not None:
            yield from _markup_counts(message, message.english, default)


def _unpaired(words: str) -> tuple[str, str, str] | None:
    """The first mark without its partner: (the mark, what is wrong, how to fix), or None. The fix
    names no bracket: a problem's fix is the last bracketed group of its line."""
    open_marks: list[str] = []
    for char in words:
        if char in PAIRS:
            open_marks.append(char)
        elif char in CLOSING:
            if not open_marks:
                return char, f"closes '{char}' that nothing opened", "open it where it belongs, or remove it"
            opened = open_marks.pop()
            if opened != CLOSING[char]:
                return char, f"closes '{char}' where '{opened}' is open", "close the one that is open first"
    if open_marks:
        opened = open_marks[-1]
        return opened, f"opens '{opened}' and never closes it", "close it where it ends, or remove it"
    return None


def _problem(message: MessageText, mark: str, what: str, fix: str) -> Problem:
    check_name = "doublequoting" if mark in QUOTES else "brackets"
    return Problem(message.place, f"[{check_name}] message '{message.message_id}' {what}", fix)


def _markup_counts(message: MessageText, source: str, default: str) -> Iterator[Problem]:
    english, translation = without_code(source), without_code(message.text)
    for mark in MARKUP:
        want, have = english.count(mark), translation.count(mark)
        if want != have:
            yield Problem(
                message.place,
                f"[brackets] message '{message.message_id}' has {have} '{mark}' where {default} has {want}",
                f"keep each link [words][id] and each {{placeholder}} of the {default} message",
            )
            return
