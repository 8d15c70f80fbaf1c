"""The translators' commands: `python -m generator i18n status | mark | export | import`.

- status: per language, how many messages are translated, stale and missing, and which need work
  (a stale one whose translation changed since it was marked is likely done and only unmarked);
  then the same in one line (`summary`, which also ends a test session).
- mark LANG [ID ...]: record that these messages (default: all it has) translate the English as it
  is now, after a translator brought them up to date by hand.
- export LANG: the catalog as a gettext PO file, English and translation side by side (the message
  id as msgctxt), stale ones marked fuzzy, for translators' tools; laid out as GNU gettext's tools
  save it, or with `--layout polib` as polib does.
- import LANG FILE: a PO file back into the catalog; a translated entry that is not fuzzy records
  the English it was made from. Nothing changes when nothing was translated: a round trip
  leaves the catalog as it was, byte for byte.

Catalogs are edited as text at the parser's places, so comments and layout stay; the source
hashes (the English's and the translation's, when marked) live in a `sources:` block at the end of
the file, which these commands write. A record is rewritten only when what it records changed, so
older records (the English's hash alone) stay as they are until their message is marked again.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

import yaml

from ..files import write_atomically
from ..matrix import markup
from ..matrix.documents import Matrix
from ..matrix.locale_codes import language_tag
from ..matrix.translations import TranslationStatus, recorded, source_hash, source_record, translation_status
from ..problems import Place, failure
from ..project import Project
from .check import check
from .po.file import PoEntry, PoHeader, po_text
from .po.polib_file import polib_text

SOURCES_COMMENT = (
    "# For each message, hashes of the English it translates and of the translation, as marked: "
    "written by `python -m generator i18n`."
)
# What the comment said before translations were recorded too: replaced when the block is written.
OLDER_SOURCES_COMMENTS = ("# The English each message translates, as a hash: written by `python -m generator i18n`.",)


def status(matrix: Matrix) -> tuple[list[str], bool]:
    """Each language's translation status, a line each, and which messages need work, then `summary`;
    with whether every language is complete."""
    english = matrix.catalogs[matrix.default_locale].model.messages
    found = _statuses(matrix)
    lines = []
    for one in found:
        lines.append(
            f"{one.locale}: {len(one.translated)} translated, {len(one.stale)} stale, {len(one.missing)} missing"
        )
        edited = set(one.edited)
        for state, ids in (("stale", one.stale), ("missing", one.missing)):
            for message_id in ids:
                lines.append(f"  {state}: {message_id}: {_short(english[message_id])}")
                if message_id in edited:
                    lines.append(
                        f"    translation edited since it was marked: run `python -m generator i18n mark "
                        f"{one.locale} {message_id}` if it now translates the current English"
                    )
        if one.obsolete:
            file = matrix.catalogs[one.locale].source.file
            lines.append(
                f"  obsolete, the English no longer has them (remove them from {file} when no longer needed): "
                + ", ".join(one.obsolete)
            )
    lines.append(_summary_of(found))
    return lines, all(one.complete for one in found)


def summary(matrix: Matrix) -> str:
    """`status` in one line: each language with stale or missing messages, and which."""
    return _summary_of(_statuses(matrix))


SHOWN_IDS = 5  # per language and state, in the one-line summary


def _statuses(matrix: Matrix) -> list[TranslationStatus]:
    return [translation_status(matrix, locale) for locale in matrix.locales if locale != matrix.default_locale]


def _summary_of(found: list[TranslationStatus]) -> str:
    lagging = [one for one in found if not one.complete]
    if not lagging:
        return "translations: every language complete"
    parts = []
    for one in lagging:
        edited = set(one.edited)
        states = []
        for state, ids in (("stale", one.stale), ("missing", one.missing)):
            if ids:
                shown = [
                    f"{message_id} [translation edited since marked]" if message_id in edited else message_id
                    for message_id in ids
                ]
                more = f", … {len(ids) - SHOWN_IDS} more" if len(ids) > SHOWN_IDS else ""
                states.append(f"{len(ids)} {state} ({', '.join(shown[:SHOWN_IDS])}{more})")
        parts.append(f"{one.locale} {', '.join(states)}")
    return f"translations: {'; '.join(parts)}; shown in English until translated (python -m generator i18n status)"


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def catalog_text(matrix: Matrix, locale: str, text: str, messages: dict[str, str], sources: dict[str, str]) -> str:
    """The catalog file's text (as `text`, read from it) with these messages and sources,
    everything else kept as written."""
    doc = matrix.catalogs[locale]
    source = doc.source
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))

    def offset(place) -> int:
        return starts[place.line - 1] + place.column - 1

    old = doc.model.messages
    edits: list[tuple[int, int, str]] = []
    for message_id, value in messages.items():
        if message_id in old and old[message_id] != value:
            key = ("messages", message_id)
            start, end = offset(source.key_places[key]), offset(source.ends[key])
            # A block scalar (`>-`, `|`) ends after its line breaks: they stay, so the next key keeps its line.
            after = text[start:end][len(text[start:end].rstrip()) :]
            edits.append((start, end, _entry(message_id, value).strip() + after))
    added = [message_id for message_id in messages if message_id not in old]
    if added:  # on the line after the last message's value
        if not old:
            raise failure(
                "`messages:` is empty, so there is no place to add to",
                "write one message by hand, then run this again",
                place=Place.whole(source.file),
            )
        end = offset(source.ends[("messages", list(old)[-1])])
        line_end = end if text[end - 1 : end] == "\n" else text.find("\n", end) + 1 or len(text)
        edits.append((line_end, line_end, "".join(_entry(message_id, messages[message_id]) for message_id in added)))
    if ("sources",) in source.key_places:
        start = text.rfind("\n", 0, offset(source.key_places[("sources",)])) + 1
        before = text.rfind("\n", 0, start - 1) + 1
        if text[before:start].strip() in (SOURCES_COMMENT, *OLDER_SOURCES_COMMENTS):
            start = before
        end = offset(source.ends[("sources",)])
        edits.append((start, end if end > start else len(text), ""))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    if sources:
        # In the file's order of messages, new ones after: a change moves no other record.
        order = {message_id: index for index, message_id in enumerate(dict.fromkeys([*doc.model.messages, *messages]))}
        block = yaml.safe_dump(
            {"sources": dict(sorted(sources.items(), key=lambda kv: order[kv[0]]))},
            allow_unicode=True,
            sort_keys=False,
            width=1000,
        )
        text = text.rstrip("\n") + "\n\n" + SOURCES_COMMENT + "\n" + block
    return text


def _entry(message_id: str, value: str) -> str:
    """One message as a line (or lines) under `messages:`."""
    dumped = yaml.safe_dump({message_id: value}, allow_unicode=True, sort_keys=False, width=100)
    return "".join(f"  {line}\n" for line in dumped.splitlines())


def write_catalog(
    project: Project, matrix: Matrix, locale: str, messages: dict[str, str], sources: dict[str, str]
) -> bool:
    """Write the catalog if anything changed, after checking that the result reads back as the same
    data and that the matrix with it is valid (in a copy: raises Failure, nothing written).
    A source hash is kept only for a message the catalog has."""
    doc = matrix.catalogs[locale]
    sources = {message_id: value for message_id, value in sources.items() if message_id in messages}
    if doc.model.messages == messages and doc.model.sources == sources:
        return False
    path = project.root / doc.source.file
    text = catalog_text(matrix, locale, path.read_bytes().decode("utf-8"), messages, sources)
    data = yaml.safe_load(io.StringIO(text))
    if data.get("messages") != messages or (data.get("sources") or {}) != sources:
        raise failure(
            "the edited catalog would not read back as written, so it was left as it was",
            "add the messages by hand, then run this again",
            place=Place.whole(doc.source.file),
        )
    with tempfile.TemporaryDirectory(prefix="i18n-") as scratch:
        copy = Path(scratch)
        shutil.copytree(project.matrix_dir, copy / "matrix")
        (copy / doc.source.file).write_bytes(text.encode("utf-8"))
        check(Project(copy))  # the catalog's own rules and the glossary's, on the edited text
    write_atomically(path, text)
    return True


def mark(project: Project, matrix: Matrix, locale: str, ids: list[str]) -> str:
    """Record that these messages (default: every one the catalog has) translate the English as it is
    now; returns what was done, in words."""
    english = matrix.catalogs[matrix.default_locale].model.messages
    catalog = matrix.catalogs[locale].model
    chosen = ids or [message_id for message_id in english if message_id in catalog.messages]
    unknown = [message_id for message_id in chosen if message_id not in catalog.messages or message_id not in english]
    if unknown:
        raise failure(
            f"{locale} does not translate {', '.join(unknown)}",
            "name messages the catalog has (python -m generator i18n status lists them)",
            place=Place.whole(matrix.catalogs[locale].source.file),
        )
    sources = {
        **catalog.sources,
        **{message_id: source_record(english[message_id], catalog.messages[message_id]) for message_id in chosen},
    }
    changed = write_catalog(project, matrix, locale, dict(catalog.messages), sources)
    return (
        f"{len(chosen)} message(s) of {locale} marked as translating the English as it is now"
        f"{'' if changed else ' (no change)'}"
    )


PROJECT = "TF Hub model compatibility"

# How an exported file is laid out: as the translator's tool saves it, so that saving changes no byte.
LAYOUTS = {"gnu": po_text, "polib": polib_text}


def export_po(matrix: Matrix, locale: str, when: datetime, layout: str = "gnu") -> bytes:
    """The catalog of `locale` as a PO file, made at `when`: every English message (the pages'
    blocks too) with its translation, stale ones fuzzy. Laid out as GNU gettext lays it out
    (po/file.py), or as polib does (po/polib_file.py), one of LAYOUTS.

    The header has the fields `msginit` writes, in its order, but no Plural-Forms: no message has
    plural forms."""
    english = matrix.catalogs[matrix.default_locale].model.messages
    catalog = matrix.catalogs[locale].model
    stale = set(translation_status(matrix, locale).stale)
    stamp = when.strftime("%Y-%m-%d %H:%M%z")
    header = PoHeader(
        comments=(
            f"{PROJECT}: the messages of matrix/locales/{locale}.yaml and of the pages, in {locale}.",
            f"Written by `python -m generator i18n export {locale}`; read back by `i18n import {locale} FILE`.",
            "",
        ),
        fields={
            "Project-Id-Version": PROJECT,
            "Report-Msgid-Bugs-To": "",
            "POT-Creation-Date": stamp,
            "PO-Revision-Date": stamp,
            "Last-Translator": "Automatically generated",
            "Language-Team": "none",
            "Language": language_tag(locale).replace("-", "_"),
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
        },
    )
    entries = [
        PoEntry(
            context=message_id,
            english=text,
            translation=catalog.messages.get(message_id, ""),
            fuzzy=message_id in stale,
            brace_format=bool(markup.slots(text)),
        )
        for message_id, text in english.items()
    ]
    return LAYOUTS[layout](header, entries).encode("utf-8")


def import_po(project: Project, matrix: Matrix, locale: str, path: Path) -> list[str]:
    """Read a PO file into the catalog; returns what was done, in words, a line each."""
    from babel.messages.pofile import PoFileError, read_po

    english = matrix.catalogs[matrix.default_locale].model.messages
    catalog = matrix.catalogs[locale].model
    try:
        with path.open("rb") as handle:
            po = read_po(handle, abort_invalid=True)
    except (OSError, PoFileError, ValueError) as error:
        raise failure(
            f"not a readable PO file ({error})", "export a PO file with i18n export", place=Place.whole(str(path))
        ) from None
    messages, sources = dict(catalog.messages), dict(catalog.sources)
    unknown = []
    for entry in po:
        if not entry.id or not entry.context or not isinstance(entry.id, str):  # plural forms: none of ours
            continue
        message_id = entry.context
        if message_id not in english:
            unknown.append(message_id)
            continue
        if not entry.string or not isinstance(entry.string, str):
            continue
        # A record is written anew when its English or its translation changed, so that a round trip
        # leaves every record (an older one, of the English alone, too) as it was.
        if not entry.fuzzy and (
            entry.string != messages.get(message_id)
            or recorded(sources.get(message_id, ""))[0] != source_hash(entry.id)
        ):
            sources[message_id] = source_record(entry.id, entry.string)
        messages[message_id] = entry.string
    ordered = {message_id: messages[message_id] for message_id in [*english, *messages] if message_id in messages}
    changed = write_catalog(project, matrix, locale, ordered, sources)
    said = [f"{path}: messages the site no longer has, left out: {', '.join(unknown)}"] if unknown else []
    return [*said, f"{matrix.catalogs[locale].source.file}: {'updated' if changed else 'no change'}"]
