"""Spaces around punctuation as the site's languages write them: what translate-toolkit's
`pofilter` means to find with its `puncspacing` check.

In the words of every message (code spans and placeholders stand as a word, links as their words):
- no space before , . ; : ! ? ) ] » ” or after ( [ « “ (no language the site builds puts the
  spaces French puts before ; : ! ?);
- a space after , ; : ! ? when a letter follows;
- no space next to full-width punctuation (。、，．：；！？ and the full-width brackets), whose glyph
  holds its own space (Chinese, Japanese).

pofilter's puncspacing counts, for each punctuation mark, how often a space follows it in the English
and in the translation: any change of word order around a code span, a placeholder, a link or a
quotation mark makes the counts differ, so it reports translations that are right.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...problems import Problem
from ..documents import Matrix, MessageUse
from ..message_texts import message_texts

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


def check(matrix: Matrix, use: MessageUse | None) -> Iterator[Problem]:
    if use is None:  # the catalogs are not read (verification shows no page)
        return
    for message in message_texts(matrix):
        words = message.words
        for pattern, what, fix in SPACING:
            found = pattern.search(words)
            if found:
                yield Problem(
                    message.place,
                    f"[puncspacing] message '{message.message_id}' {what.format(mark=found['mark'])}",
                    fix,
                )
