"""Where each language's translation stands, message by message.

Every catalog other than the default (English) records, for each message it translates, a hash of
the English text it translates and one of the translation, as they were when it was marked
(`sources:`, as `<English> <translation>`; older records hold the English one only). A message is
translated when its recorded English hash is the hash of the English text as it is now; stale when
the English changed since (or nothing was recorded); missing when the catalog lacks it. The pages
show a missing or stale message in English, and `build --strict` refuses either. A translation
whose text changed since it was marked is *edited*: when it is also stale, a translator most likely
brought it up to date and did not mark it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # documents.py asks this module for the messages a page shows
    from .documents import Matrix


def source_hash(text: str) -> str:
    """What a translation records of the English text it translates (and of its own text)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def source_record(english: str, translation: str) -> str:
    """What `sources:` holds for a message marked as translating `english` with `translation`."""
    return f"{source_hash(english)} {source_hash(translation)}"


def recorded(record: str) -> tuple[str, str | None]:
    """(the English's hash, the translation's hash or None for an older record) of a `sources:` value."""
    english, _, translation = record.partition(" ")
    return english, translation or None


@dataclass(frozen=True)
class TranslationStatus:
    """One language's messages, each in one of three states (ids in the English catalog's order),
    those whose translation changed since it was marked (whatever their state), and the obsolete
    ones: translations of messages the English no longer has."""

    locale: str
    translated: tuple[str, ...]
    stale: tuple[str, ...]
    missing: tuple[str, ...]
    edited: tuple[str, ...] = ()
    obsolete: tuple[str, ...] = ()

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
    translated: list[str] = []
    stale: list[str] = []
    missing: list[str] = []
    edited: list[str] = []
    for message_id, text in english.items():
        if message_id not in catalog.messages:
            missing.append(message_id)
            continue
        english_hash, translation_hash = recorded(catalog.sources.get(message_id, ""))
        if message_id in OWN or english_hash == source_hash(text):
            translated.append(message_id)
        else:
            stale.append(message_id)
        if (
            message_id not in OWN
            and translation_hash is not None
            and translation_hash != source_hash(catalog.messages[message_id])
        ):
            edited.append(message_id)
    obsolete = tuple(message_id for message_id in catalog.messages if message_id not in english)
    return TranslationStatus(locale, tuple(translated), tuple(stale), tuple(missing), tuple(edited), obsolete)


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
