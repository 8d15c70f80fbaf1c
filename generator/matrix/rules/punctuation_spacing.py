"""Spaces around punctuation as the site's languages write them: what translate-toolkit's
`pofilter` means to find with its `puncspacing` check.

In the words of every message (code spans and placeholders stand as a word, links as their words):
- no space before , . ; : ! ? ) ] » ” or after ( [ « “ (no language the site builds puts the
  spaces French puts before ; : ! ?);
- a space after , ; : ! ? when a letter follows;
- no space next to full-width punctuation (。、，．：；！？ and the full-width brackets), whose glyph
  holds its own space (Chinese, Japanese);
- in a current translation, a space after a full stop that ends a sentence: one after a digit or a
  lower-case or caseless letter (Hangul, kana) and before a letter that is not lower-case, unless
  the English writes that word too ("example.org", "e.g.", "U.S." and "1.x" end no sentence, nor
  does a name such as "tf.Module" that the English writes without code marks).

pofilter's puncspacing counts, for each punctuation mark, how often a space follows it in the English
and in the translation: any change of word order around a code span, a placeholder, a link or a
quotation mark makes the counts differ, so it reports translations that are right.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...problems import Problem
from ..documents import Matrix, MessageUse
from ..message_texts import MessageText, message_texts, reading

FULL_WIDTH_AFTER = "。、，．：；！？）］｝」』】〕》〉"
FULL_WIDTH_BEFORE = "（［｛「『【〔《〈"

# Each: what it finds, what is wrong, how to fix it.
SPACING = (
    (re.compile(r"(?<=\S)[ \t\u00a0]+(?P<mark>[,.;:!?)\]»”])"), "has a space before '{mark}'", "remove the space"),
    (re.compile(r"(?P<mark>[(\[«“])[ \t\u00a0]+(?=\S)"), "has a space after '{mark}'", "remove the space"),
    (re.compile(r"(?P<mark>[,;:!?])(?=[^\W\d_])"), "has no space after '{mark}'", "put a space after it"),
    (
        re.compile(rf"(?P<mark>[{FULL_WIDTH_AFTER}{FULL_WIDTH_BEFORE}])[ \t\u00a0]+(?=\S)"),
        "has a space after the full-width '{mark}'",
        "remove the space: the full-width mark holds its own",
    ),
    (
        re.compile(rf"(?<=\S)[ \t\u00a0]+(?P<mark>[{FULL_WIDTH_AFTER}{FULL_WIDTH_BEFORE}])"),
        "has a space before the full-width '{mark}'",
        "remove the space: the full-width mark holds its own",
    ),
)


# A full stop after a letter or digit and before a letter; the word around it, of letters, digits and dots.
_FULL_STOP = re.compile(r"(?<=[^\W_])(?P<mark>\.)(?=[^\W\d_])")
_WORD = re.compile(r"[\w.]+")


def check(matrix: Matrix, use: MessageUse | None) -> Iterator[Problem]:
    if use is None:  # the catalogs are not read (verification shows no page)
        return
    for message in message_texts(matrix):
        words = message.words
        for pattern, what, fix in SPACING:
            yield from _problem(message, pattern.search(words), what, fix)
        if message.english is not None:
            joint = _sentence_joint(words, reading(message.english))
            yield from _problem(message, joint, "has no space after '{mark}'", "put a space after it")


def _problem(message: MessageText, found: re.Match[str] | None, what: str, fix: str) -> Iterator[Problem]:
    if found:
        yield Problem(
            message.place, f"[puncspacing] message '{message.message_id}' {what.format(mark=found['mark'])}", fix
        )


def _sentence_joint(words: str, english: str) -> re.Match[str] | None:
    """The first full stop of a translation that ends a sentence with no space before the next."""
    for found in _FULL_STOP.finditer(words):
        if words[found.start() - 1].isupper() or words[found.end()].islower():
            continue
        word = next(word for word in _WORD.finditer(words) if word.start() < found.start() < word.end())
        if word[0] not in english:
            return found
    return None
