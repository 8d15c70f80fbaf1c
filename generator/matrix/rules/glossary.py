"""Protected terms stay as they are in every language, and known wrong renderings are refused.

Three checks per message: every `code` span and protected term of the source-language message
appears unchanged in a current translation (code is never translated; a stale one is shown in
English, so a reworded English message holds no build up); protected terms keep their exact spelling
and case; and the glossary's list of known wrong renderings (machine-translation slips) does not match.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ...problems import Problem
from .. import markup
from ..documents import Matrix, MessageUse
from ..message_texts import message_texts
from .patterns import safe_pattern


def _term_pattern(term: str) -> re.Pattern[str]:
    # Word edges that also hold next to '.', so 'hub.load' is found in 'Hub.load()' but not in 'github.loader'.
    return re.compile(rf"(?<![A-Za-z0-9_.]){re.escape(term)}(?![A-Za-z0-9_])", re.IGNORECASE)


def _exact(pattern: re.Pattern[str], words: str) -> set[str]:
    return {found.group(0) for found in pattern.finditer(words)}


def check(matrix: Matrix, use: MessageUse | None) -> Iterator[Problem]:
    if use is None:  # the catalogs are not read (verification shows no page)
        return
    glossary = matrix.glossary.model
    default = matrix.default_locale
    terms = [(term, _term_pattern(term.term)) for term in glossary.terms]
    # A pattern that does not compile, or may be slow to run, is reported by rules/patterns.py.
    wrong = [(rule, pattern) for rule in glossary.wrong if (pattern := safe_pattern(rule.pattern)) is not None]

    for message in message_texts(matrix):
        message_id, text, at = message.message_id, message.text, message.place
        words = markup.prose(text)
        if message.english is not None:
            missing = Counter(markup.code_spans(message.english)) - Counter(markup.code_spans(text))
            for code in missing:
                yield Problem(
                    at,
                    f"message '{message_id}' lacks the code `{code}` of the {default} message",
                    f"keep `{code}` exactly as it is, in backticks",
                )
            source_words = markup.prose(message.english)
            for term, pattern in terms:
                if (
                    not term.code
                    and term.term in _exact(pattern, source_words)
                    and term.term not in _exact(pattern, words)
                ):
                    yield Problem(
                        at,
                        f"message '{message_id}' lacks the term '{term.term}' of the {default} message",
                        f"keep '{term.term}' as it is; it is a name, not a word to translate",
                    )
        for term, pattern in terms:
            for found in pattern.finditer(words):
                if found.group(0) != term.term:
                    yield Problem(
                        at,
                        f"message '{message_id}' writes '{found.group(0)}' for the protected term '{term.term}'",
                        f"write '{term.term}' exactly",
                    )
                elif term.code:
                    yield Problem(
                        at,
                        f"message '{message_id}' has the API name '{term.term}' outside code",
                        f"write `{term.term}` in backticks",
                    )
        for rule, pattern in wrong:
            if rule.locales and message.locale not in rule.locales:
                continue
            for found in pattern.finditer(text):
                yield Problem(
                    at,
                    f"message '{message_id}' has the wrong rendering '{found.group(0)}'",
                    f"write {rule.instead}",
                )
