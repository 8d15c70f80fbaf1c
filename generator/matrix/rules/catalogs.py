"""Catalogs are tidy: the default one complete and with no unused message, none with a source hash
for a message it lacks (a translation of a message the English no longer has is obsolete: listed by
`i18n status`, not refused), translations with the source's placeholders, links known. A translation may lack
messages: they are shown in English (see translations.py; `build --strict` refuses that). Each language
has a name of its own: the language selector lists them side by side. A placeholder problem names
translate-toolkit's `pofilter` check that finds it (`pythonbraceformat`): the catalogs' placeholders are
Python's brace fields, `{name}`."""

from __future__ import annotations

from collections.abc import Iterator

from ...problems import Problem
from .. import markup
from ..documents import Matrix, MessageUse, message_references
from ..translations import current


def check(matrix: Matrix, use: MessageUse | None) -> Iterator[Problem]:
    if use is None:  # the catalogs are not read (verification shows no page)
        return
    default = matrix.default_locale
    source_messages = matrix.catalogs[default].model.messages if default in matrix.catalogs else {}
    referenced = {message_id for _, _, message_id in message_references(matrix)}
    used = referenced | use.used
    links = set(matrix.urls)
    named: dict[str, str] = {}  # a language's name -> the first locale with it

    for locale in matrix.locales:
        doc = matrix.catalogs.get(locale)
        if doc is None:
            continue
        messages = doc.model.messages
        translated = current(matrix, locale)
        name = messages.get("language.name")
        if name is not None and named.setdefault(name, locale) != locale:
            yield Problem(
                doc.source.place(("messages", "language.name")),
                f"'{name}' is already the name of {named[name]}: the language selector would list it twice",
                f"write {locale}'s own name for itself, in {locale}",
            )
        if locale == default:  # a reference to a missing message is reported where it is made
            for message_id in sorted(use.used - messages.keys()):
                yield Problem(
                    doc.source.place(("messages",), key=True),
                    f"missing message '{message_id}'",
                    f"add '{message_id}: ...'",
                )
        english = source_messages if default in matrix.catalogs else messages
        for message_id in sorted(doc.model.sources.keys() - english.keys() - messages.keys()):
            yield Problem(
                doc.source.place(("sources", message_id), key=True),
                f"a source hash for '{message_id}', a message the site does not have",
                "remove the line",
            )
        for message_id, text in messages.items():
            at = doc.source.place(("messages", message_id), key=True)
            value_at = doc.source.place(("messages", message_id))
            if message_id not in used and (locale == default or message_id in english):
                # A translation of a message the English no longer has is obsolete: kept for the
                # translator, listed by `i18n status`, never a problem for the writer who removed it.
                yield Problem(
                    at,
                    f"message '{message_id}' is not used by anything",
                    "remove it, or check the id for a typo where it should be used",
                )
            if message_id in use.plain and (
                any(p.kind != "text" for p in markup.parse(text)) or set("<>&`") & set(text)
            ):
                yield Problem(
                    value_at,
                    f"message '{message_id}' is shown as plain text (a title or a name)",
                    "write plain words only: no `code`, links, placeholders or the characters < > &",
                )
            if markup.unbalanced_backtick(text):
                yield Problem(
                    value_at, f"message '{message_id}' has an unclosed `code` span", "close each ` with another `"
                )
            for target in markup.links(text):
                if not matrix.links_to(target):
                    yield Problem(
                        value_at,
                        f"message '{message_id}' links to unknown link '{target}'",
                        f"use an id of matrix/links.yaml, or a page's id (with #anchor for a heading on it): "
                        f"{', '.join(sorted(link for link in links if '#' not in link))}",
                    )
            if message_id in translated:  # a stale translation is shown in English: its placeholders do not matter
                want, have = markup.slots(source_messages[message_id]), markup.slots(text)
                if want != have:
                    yield Problem(
                        value_at,
                        f"[pythonbraceformat] message '{message_id}' has placeholders {sorted(have)}, "
                        f"but {default} has {sorted(want)}",
                        "keep every {placeholder} of the source message, untranslated",
                    )
