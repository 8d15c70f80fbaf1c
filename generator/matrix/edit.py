"""Edits to a matrix file's text that keep everything else as written: comments, order, quoting,
blank lines. A version bound is set, replaced or removed in place, at the places the parser
recorded; nothing else in the file changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..problems import CONTENT, Place, failure
from .model import Bound
from .yaml_source import DataPath, Source


@dataclass(frozen=True)
class BoundEdit:
    """A bound to write: `bound` (None to remove it) for `package` in the mapping at `path` of the file `source`."""

    source: Source  # the file as parsed
    path: DataPath  # the mapping that holds the bound: a claim, a snippet, a tensorflow_hub release
    package: str
    bound: Bound | None  # None removes it


def bound_text(bound: Bound) -> str:
    edges = [f'{edge}: "{value}"' for edge in ("added", "removed") if (value := getattr(bound, edge))]
    return "{" + ", ".join(edges) + "}"


def edited(text: str, edits: list[BoundEdit]) -> str:
    """The file's text (as the edits' `source` was parsed from) with the edits made, last place first
    so that earlier places stay valid."""
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))

    def offset(place: Place) -> int:
        return starts[place.line - 1] + place.column - 1

    changes: list[tuple[int, int, str]] = []  # (start, end, new text)
    for edit in edits:
        source = edit.source
        key = edit.path + (edit.package,)
        if key in source.key_places:
            start, end = offset(source.key_places[key]), offset(source.ends[key])
            if edit.bound is not None:
                changes.append((start, end, f"{edit.package}: {bound_text(edit.bound)}"))
            else:
                changes.append(_removal(text, start, end))
        elif edit.bound is not None:
            changes.append(_insertion(text, edit, edit.bound, offset))
    for start, end, new in sorted(changes, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _removal(text: str, start: int, end: int) -> tuple[int, int, str]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if not text[line_start:start].strip() and not text[end : line_end if line_end >= 0 else len(text)].strip():
        return line_start, (line_end + 1 if line_end >= 0 else len(text)), ""  # the whole line
    before = text.rfind(",", 0, start)  # in a flow mapping: the comma before it goes too
    if before >= 0 and not text[before + 1 : start].strip():
        return before, end, ""
    return start, end, ""


def _insertion(text: str, edit: BoundEdit, bound: Bound, offset: Callable[[Place], int]) -> tuple[int, int, str]:
    source = edit.source
    new = f"{edit.package}: {bound_text(bound)}"
    mapping_start = offset(source.places[edit.path])
    if text[mapping_start] == "{":  # a flow mapping: add it before the closing brace
        close = offset(source.ends[edit.path]) - 1
        return close, close, f", {new}"
    keys = sorted(
        (place, path)
        for path, place in source.key_places.items()
        if len(path) == len(edit.path) + 1 and path[:-1] == edit.path
    )
    if not keys:
        raise failure(f"cannot add {new} here", "add it by hand", place=source.place(edit.path), code=CONTENT)
    first_place, first = keys[0]
    indent = " " * (first_place.column - 1)
    ends = source.ends[first]
    if ends.line == first_place.line:  # after the first key's line
        line_end = text.find("\n", offset(ends))
        line_end = len(text) if line_end < 0 else line_end + 1
        return line_end, line_end, indent + new + "\n"
    line_start = text.rfind("\n", 0, offset(first_place)) + 1
    if text[line_start : offset(first_place)] == indent:  # before the first key, when it starts its line
        return line_start, line_start, indent + new + "\n"
    raise failure(f"cannot add {new} after a value on several lines", "add it by hand", place=first_place, code=CONTENT)
