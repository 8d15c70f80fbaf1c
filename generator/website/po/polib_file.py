"""A PO file laid out as polib writes it, for translators whose tools save PO files with polib.

polib lays out long strings in a way of its own: it counts characters, not columns, fills lines of
78 with Python's `textwrap`, which breaks only at spaces and hyphens, and never wraps a string that
holds a line break. No file is laid out as both GNU gettext and polib lay it out, so `i18n export`
writes GNU's layout (po/file.py) unless asked for polib's. The header and entries are the same;
polib writes them, so polib saving the file again changes no byte.
"""

from __future__ import annotations

from collections.abc import Iterable

import polib

from .file import PoEntry, PoHeader

WRAP_WIDTH = 78  # polib's default


def polib_text(header: PoHeader, entries: Iterable[PoEntry]) -> str:
    """The whole file, as polib writes it."""
    po = polib.POFile(wrapwidth=WRAP_WIDTH)
    po.header = "\n".join(header.comments)
    po.metadata = dict(header.fields)
    for entry in entries:
        po.append(
            polib.POEntry(msgctxt=entry.context, msgid=entry.english, msgstr=entry.translation, flags=entry.flags)
        )
    return str(po)
