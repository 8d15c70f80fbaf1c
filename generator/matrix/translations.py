"""Where each language's translation stands, message by message.

Every catalog other than the default (English) records, for each message it translates, a hash of
the English text it translates (`sources:`). A message is translated when its recorded hash is the
hash of the English text as it is now; stale when the English changed since (or no hash was
recorded); missing when the catalog lacks it. The pages show a missing or stale message in
English, and `build --strict` refuses either.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # documents.py asks this module for the messages a page shows
    from .documents import Matrix


def source_hash(english: str) -> str:
    """What a translation records of the English text it translates."""
    return hashlib.sha256(english.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class TranslationStatus:
    """One language's messages, each in one of three states (ids in the English catalog's order)."""

    locale: str
    translated: tuple[str, ...]
    stale: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not (self.stale or self.missing)


# The language's own name is no translation of the English one: present is current.
OWN = frozenset({"language.name"})


def translation_status(matrix: Matrix, locale: str) -> TranslationStatus:
    english = matrix.catalogs[matrix.default_locale].model.messages
    if locale == matrix.default_locale:
        return TranslationStatus(locale, tuple(english), (), ())
    catalog = matrix.catalogs[locale].model
    found: dict[str, list[str]] = {"translated": [], "stale": [], "missing": []}
    for message_id, text in english.items():
        if message_id not in catalog.messages:
            state = "missing"
        elif message_id not in OWN and catalog.sources.get(message_id) != source_hash(text):
            state = "stale"
        else:
            state = "translated"
        found[state].append(message_id)
    return TranslationStatus(locale, *(tuple(found[state]) for state in ("translated", "stale", "missing")))


def current(matrix: Matrix, locale: str) -> frozenset[str]:
    """The messages a translation has that translate the English as it is now: those the rules hold
    against the English ones (none for the default language, or without its catalog)."""
    if locale == matrix.default_locale or matrix.default_locale not in matrix.catalogs:
        return frozenset()
    return frozenset(translation_status(matrix, locale).translated)


def shown_messages(matrix: Matrix, locale: str) -> dict[str, str]:
    """The messages a language's pages show: its current translations, English for the rest."""
    english = matrix.catalogs[matrix.default_locale].model.messages
    if locale == matrix.default_locale:
        return dict(english)
    catalog = matrix.catalogs[locale].model.messages
    translated = current(matrix, locale)
    shown = {
        message_id: catalog[message_id] if message_id in translated else text for message_id, text in english.items()
    }
    if "language.name" not in translated:  # never another language's name: the code says which it is
        shown["language.name"] = locale
    return shown
