"""A gettext PO file, written byte for byte as GNU gettext writes it.

Translators' tools and GNU's own (`msgcat`, `msgmerge`) rewrite a PO file in GNU's layout when they
save it; a file already in that layout comes back unchanged, so a translator's diff shows their
work and nothing else. The layout: the header entry first (its comment lines, then its fields in
the order `msginit` writes them), a blank line between entries, flags before the strings, and each
string on one line while it fits in 79 columns, otherwise as `msgid ""` followed by lines broken
where GNU breaks them (after a `\\n`, and at the line breaking opportunities of line_breaks.py,
filled greedily), with C's escapes for `\\`, `"` and control characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .line_breaks import columns, line_class, opportunities

PAGE_WIDTH = 79  # GNU's default: a line of a string, quotes included, fits in 79 columns

# C's escapes, which GNU writes for these characters; others are written as they are.
_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v", "\\": "\\", '"': '"'}

# What `python-brace-format` strings may hold: a break is never made inside one of these.
_BRACE_DIRECTIVE = re.compile(r"\{\{|\}\}|\{[^{}]*\}")

# The header fields GNU writes, in its order (`msginit`): those a file has are written in this order.
HEADER_FIELDS = (
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
)


@dataclass(frozen=True)
class PoHeader:
    """The header entry: comment lines (without their `# `) and fields, each a name of HEADER_FIELDS."""

    comments: tuple[str, ...]
    fields: dict[str, str]

    def text(self) -> str:
        """The header entry's msgstr: its fields, a line each, in GNU's order."""
        unknown = sorted(set(self.fields) - set(HEADER_FIELDS))
        if unknown:
            raise ValueError(f"header fields GNU does not write: {', '.join(unknown)}")
        return "".join(f"{name}: {self.fields[name]}\n" for name in HEADER_FIELDS if name in self.fields)


@dataclass(frozen=True)
class PoEntry:
    """One message: its context (our message id), the English and its translation ("" for none)."""

    context: str
    english: str
    translation: str
    fuzzy: bool = False
    brace_format: bool = False  # its `{name}`s are placeholders (the flag `python-brace-format`)

    @property
    def flags(self) -> list[str]:
        """Its flags: `fuzzy` (a translation only) and `python-brace-format`."""
        return (["fuzzy"] if self.fuzzy and self.translation else []) + (
            ["python-brace-format"] if self.brace_format else []
        )


def po_text(header: PoHeader, entries: Iterable[PoEntry]) -> str:
    """The whole file, as GNU gettext writes it."""
    blocks = ["".join(f"#{' ' if line else ''}{line}\n" for line in header.comments) + _strings("", "", header.text())]
    for entry in entries:
        flag_line = f"#, {', '.join(entry.flags)}\n" if entry.flags else ""
        blocks.append(flag_line + _strings(entry.context, entry.english, entry.translation, entry.brace_format))
    return "\n".join(blocks)


def _strings(context: str, english: str, translation: str, brace_format: bool = False) -> str:
    lines = _field("msgctxt", context, brace_format) if context else []
    lines += _field("msgid", english, brace_format) + _field("msgstr", translation, brace_format)
    return "".join(f"{line}\n" for line in lines)


def _field(keyword: str, value: str, brace_format: bool) -> list[str]:
    """`keyword "value"` as GNU lays it out: one line, or `keyword ""` and a line per piece."""
    kept = _kept_together(value) if brace_format else set()
    portions = _portions(value)
    lines: list[str] = []
    first = True
    start = 0
    for index, portion in enumerate(portions):
        chars, prohibited = _escaped(portion, start, kept)
        start += len(portion)
        width = PAGE_WIDTH - 2  # room for the closing quote, and the opening one of each next line
        breaks = _breaks(chars, prohibited, width, len(keyword) + 1 if first else 0)
        if first and chars and (index < len(portions) - 1 or len(keyword) + 1 > width or breaks):
            lines.append(f'{keyword} ""')
            first = False
            breaks = _breaks(chars, prohibited, width, 0)
        pieces = _split(chars, breaks)
        lines.append(f'{keyword} "{pieces[0]}"' if first else f'"{pieces[0]}"')
        lines += [f'"{piece}"' for piece in pieces[1:]]
        first = False
    return lines


def _portions(value: str) -> list[str]:
    """The value cut after each `\\n`: GNU starts a new line of the file after each."""
    return re.findall(r"[^\n]*\n|[^\n]+", value) or [""]


def _kept_together(value: str) -> set[int]:
    """The places inside a brace format directive (after its first character) of the value."""
    return {place for found in _BRACE_DIRECTIVE.finditer(value) for place in range(found.start() + 1, found.end())}


def _escaped(portion: str, start: int, kept: set[int]) -> tuple[list[str], set[int]]:
    """The portion's characters as written (escapes as two), and where no line may break: inside an
    escape or a format directive, and before the `\\n` that ends it."""
    chars: list[str] = []
    prohibited: set[int] = set()
    for offset, char in enumerate(portion):
        if start + offset in kept:
            prohibited.add(len(chars))
        if char in _ESCAPES:
            prohibited.add(len(chars) + 1)
            chars += ["\\", _ESCAPES[char]]
        else:
            chars.append(char)
    if portion.endswith("\n"):
        prohibited.add(len(chars) - 2)
    return chars, prohibited


def _breaks(chars: Sequence[str], prohibited: set[int], width: int, start_column: int) -> set[int]:
    """Where a long line is broken: at the last opportunity before it grows past `width` columns."""
    allowed = opportunities("".join(chars))
    breaks: set[int] = set()
    last: int | None = None  # the last opportunity seen, where the piece being measured began
    column = start_column  # where that piece begins
    piece = 0  # its width so far
    for index, char in enumerate(chars):
        mandatory = line_class(char) == "BK"
        if mandatory or (allowed[index] and index not in prohibited):
            if last is not None and column + piece > width:
                breaks.add(last)
                column = 0
            if mandatory:  # a line separator: what follows starts at the left
                last, column, piece = None, 0, 0
                continue
            last, column, piece = index, column + piece, 0
        piece += columns(char)
    if last is not None and column + piece > width:
        breaks.add(last)
    return breaks


def _split(chars: Sequence[str], breaks: set[int]) -> list[str]:
    pieces = [""]
    for index, char in enumerate(chars):
        if index in breaks:
            pieces.append("")
        pieces[-1] += char
    return pieces
