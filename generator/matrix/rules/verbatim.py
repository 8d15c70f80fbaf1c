"""What a translation keeps as the English writes it, beyond code and placeholders: what
translate-toolkit's `pofilter` finds with its `urls`, `escapes` and `numbers` checks.

Outside code spans, a current translation has as many backslashes as its English, each address
(https://…) of the English, and each version number of it (2.16, 0.15.0, 1.x). Other numbers may
change: a translation writes "two" as 2 (Japanese) or names a number twice, and pofilter's numbers
check, which counts every number, reports those.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...problems import Problem
from ..documents import Matrix, MessageUse
from ..message_texts import translations, without_code

URL = re.compile(r"\b(?:https?|ftp)://[^\s<>\[\]()`\"']+[^\s<>\[\]()`\"'.,;:!?]")
VERSION = re.compile(r"(?<![\w.])\d+(?:\.(?:\d+|x))+")


def check(matrix: Matrix, use: MessageUse | None) -> Iterator[Problem]:
    if use is None:  # the catalogs are not read (verification shows no page)
        return
    default = matrix.default_locale
    for message, source in translations(matrix):
        english, translation = without_code(source), without_code(message.text)
        at, named = message.place, f"message '{message.message_id}'"
        for url in sorted(set(URL.findall(english)) - set(URL.findall(translation))):
            yield Problem(at, f"[urls] {named} lacks the address {url}", "keep each address as it is")
        want_escapes, have_escapes = english.count("\\"), translation.count("\\")
        if want_escapes != have_escapes:
            yield Problem(
                at,
                f"[escapes] {named} has {have_escapes} backslashes where {default} has {want_escapes}",
                f"keep each backslash escape of the {default} message",
            )
        want, have = set(VERSION.findall(english)), set(VERSION.findall(translation))
        if want != have:
            changes = [f"lacks {number}" for number in sorted(want - have)]
            changes += [f"has {number}, which {default} does not" for number in sorted(have - want)]
            yield Problem(
                at, f"[numbers] {named} {', '.join(changes)}", f"write the version numbers of the {default} message"
            )
