"""Read one YAML file into plain data, remembering where every value and key stands.

The reader composes YAML nodes and converts them itself, so nothing is ever constructed from a
tag: tags beyond plain data are refused, anchors and aliases are refused before any expansion
(an alias bomb costs nothing), and duplicate keys are reported instead of silently overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Place, Problem

DataPath = tuple[str | int, ...]

_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")
}

# The parser's words for common mistakes, and what a doc writer should do about them.
_SYNTAX_FIXES = (
    ("tab character", "indent with spaces, not tabs"),
    ("found character '\\t'", "indent with spaces, not tabs"),
    ("mapping values are not allowed", "check the indentation, or quote a value that contains ': '"),
    ("expected <block end>", "check the indentation: keys of one mapping must line up"),
    ("did not find expected key", "check the indentation: keys of one mapping must line up"),
    ("did not find expected '-'", "check the indentation of the list items"),
    ("could not find expected ':'", "a key needs ': ' after it; check for a missing colon or quote"),
)
# Errors about something opened and never closed: the place to show is where it was opened.
_UNCLOSED = (
    ("flow sequence", "close the '[' opened here with ']'"),
    ("flow mapping", "close the '{' opened here with '}'"),
    ("quoted scalar", "close the quote opened here on the same line"),
)

# libyaml when present (about 30 times faster); the pure-Python parser behaves the same.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALARS = SafeConstructor()  # converts plain scalars only, after their tags are checked


@dataclass
class Source:
    """A parsed file: its plain data and the place of every value and key in it."""

    file: str
    lines: list[str]
    data: Any = None
    places: dict[DataPath, Place] = field(default_factory=dict)
    key_places: dict[DataPath, Place] = field(default_factory=dict)

    def place(self, path: DataPath, *, key: bool = False) -> Place:
        """The nearest known place for a path: the value itself, or its closest parent."""
        table = self.key_places if key else self.places
        for end in range(len(path), -1, -1):
            found = table.get(path[:end]) or self.places.get(path[:end])
            if found:
                return found
        return Place(self.file)

    def code_line(self, path: DataPath, line_in_code: int) -> Place:
        """Place of line N (from 1) of a multi-line string, such as a snippet's code."""
        start = self.place(path)
        return Place(start.file, start.line + line_in_code - 1, start.column)


class _RefusedAlias(Exception):
    def __init__(self, mark: yaml.Mark, what: str):
        self.mark, self.what = mark, what


def read_source(path: Path, file: str) -> tuple[Source | None, list[Problem]]:
    """Parse a YAML file. Returns the source, or None and the problems that stopped it."""
    text, problems = _decode(file, path.read_bytes())
    if text is None:
        return None, problems
    lines = text.splitlines()
    if all(not line.strip() or line.lstrip().startswith("#") for line in lines):
        return None, [Problem(Place(file), "the file is empty", "add the content, or delete the file")]
    try:
        root = _compose(text)
    except _RefusedAlias as refused:
        return None, [Problem(_place(file, refused.mark), f"YAML {refused.what} is not allowed",
                              "write the value out in full; matrix files use no anchors or aliases")]
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(file, lines, error)]
    except yaml.reader.ReaderError as error:
        return None, [_character_problem(file, text, error)]

    source = Source(file, lines)
    source.data = _convert(root, (), source, problems)
    return (None if problems else source), problems


def _decode(file: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    try:
        return raw.decode("utf-8").removeprefix("\ufeff"), []
    except UnicodeDecodeError as error:
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        line = raw.count(b"\n", 0, error.start) + 1
        column = len(raw[line_start : error.start].decode("utf-8", errors="replace")) + 1
        return None, [Problem(Place(file, line, column),
                              f"the file is not UTF-8 (byte 0x{raw[error.start]:02x} cannot be decoded)",
                              "save the file as UTF-8")]


def _compose(text: str) -> Node:
    """Compose the document, refusing anchors and aliases before any node is built.

    The refusal reads the parser's events, so an alias bomb is turned away at its first anchor.
    """
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, AliasEvent):
            raise _RefusedAlias(event.start_mark, f"alias '*{event.anchor}'")
        if getattr(event, "anchor", None):
            raise _RefusedAlias(event.start_mark, f"anchor '&{event.anchor}'")
    return yaml.compose(text, Loader=_Loader)


def _place(file: str, mark: yaml.Mark) -> Place:
    return Place(file, mark.line + 1, mark.column + 1)


def _syntax_problem(file: str, lines: list[str], error: yaml.MarkedYAMLError) -> Problem:
    what = ", ".join(part for part in (error.context, error.problem) if part) or str(error)
    mark = error.problem_mark or error.context_mark
    for needle, fix in _UNCLOSED:
        if error.context_mark and needle in (error.context or ""):
            return Problem(_place(file, error.context_mark), f"YAML syntax error: {what}", fix)
    opener = _unclosed_quote(lines, mark.line) if mark else None
    if opener:
        return Problem(Place(file, opener[0], opener[1]),
                       f"YAML syntax error: this quote is not closed on its line, so YAML reads on to "
                       f"line {mark.line + 1}, where it finds: {what}", "close the quote on the same line")
    fix = next((fix for needle, fix in _SYNTAX_FIXES if needle in what), "fix the YAML syntax")
    return Problem(_place(file, mark) if mark else Place(file), f"YAML syntax error: {what}", fix)


def _unclosed_quote(lines: list[str], error_line: int) -> tuple[int, int] | None:
    """Where a double-quoted value opens without closing on its line, when it runs to the error.

    Matrix values are one-line strings or '|' blocks, so a quote left open is nearly always the
    cause of an error YAML reports many lines further down.
    """
    opened = None
    for number, line in enumerate(lines[:error_line]):
        quotes = line.count('"') - line.count('\\"')
        if quotes % 2:
            opened = None if opened else (number + 1, line.index('"') + 1)
    return opened


def _character_problem(file: str, text: str, error: yaml.reader.ReaderError) -> Problem:
    before = text[: error.position]
    line = before.count("\n") + 1
    column = error.position - (before.rfind("\n") + 1) + 1
    character = error.character if isinstance(error.character, str) else chr(error.character)
    return Problem(Place(file, line, column),
                   f"the character U+{ord(character):04X} is not allowed in YAML",
                   "delete it; it is usually invisible in an editor")


def _convert(node: Node, path: DataPath, source: Source, problems: list[Problem]) -> Any:
    place = _place(source.file, node.start_mark)
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        place = _block_start(source, node)
    source.places[path] = place
    if node.tag not in _PLAIN_TAGS:
        if node.tag == "tag:yaml.org,2002:timestamp":
            problems.append(Problem(place, "the value is read as a date", "put it in quotes"))
        else:
            problems.append(Problem(place, f"YAML tag '{node.tag}' is not allowed",
                                    "remove the tag; matrix files hold plain strings, numbers, lists and mappings"))
        return None
    if isinstance(node, ScalarNode):
        return _SCALARS.construct_object(node)
    if isinstance(node, SequenceNode):
        return [_convert(item, path + (i,), source, problems) for i, item in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_place = _place(source.file, key_node.start_mark)
        if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
            problems.append(Problem(key_place, "a key must be a plain string", "quote the key"))
            continue
        key = key_node.value
        if key in result:
            first = source.key_places[path + (key,)]
            problems.append(Problem(key_place, f"duplicate key '{key}' (first at line {first.line})",
                                    "keep one of the two; a later key would silently replace the earlier one"))
            continue
        source.key_places[path + (key,)] = key_place
        result[key] = _convert(value_node, path + (key,), source, problems)
    return result


def _block_start(source: Source, node: ScalarNode) -> Place:
    """Where a '|' or '>' block's text begins: the line after the indicator, at the block's indent."""
    first = node.start_mark.line + 1
    for line in source.lines[first : node.end_mark.line + 1]:
        if line.strip():
            return Place(source.file, first + 1, len(line) - len(line.lstrip(" ")) + 1)
    return _place(source.file, node.start_mark)
