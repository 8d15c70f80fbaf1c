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

# PyYAML's own words for common mistakes, and what a doc writer should do about them.
_SYNTAX_FIXES = (
    ("mapping values are not allowed", "check the indentation, or quote a value that contains ': '"),
    ("expected <block end>", "check the indentation: keys of one mapping must line up"),
    ("did not find expected key", "check the indentation: keys of one mapping must line up"),
    ("did not find expected '-'", "check the indentation of the list items"),
    ("found character '\\t'", "indent with spaces, not tabs"),
    ("found undefined alias", "anchors and aliases are not allowed; write the value out"),
    ("could not find expected ':'", "a key needs ': ' after it; check for a missing colon or quote"),
    ("found unexpected end of stream", "close the quote or bracket that was opened"),
)


@dataclass
class Source:
    """A parsed file: its plain data and the place of every value and key in it."""

    file: str
    data: Any
    places: dict[DataPath, Place] = field(default_factory=dict)
    key_places: dict[DataPath, Place] = field(default_factory=dict)
    block_scalars: set[DataPath] = field(default_factory=set)

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
        offset = 1 if path in self.block_scalars else 0
        return Place(start.file, start.line + offset + line_in_code - 1, start.column)


class _RefusedAlias(Exception):
    def __init__(self, mark: yaml.Mark, what: str):
        self.mark, self.what = mark, what


# libyaml when present (about 30 times faster); the pure-Python parser behaves the same.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str) -> Node | None:
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


def _decode(file: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        return None, [
            Problem(
                Place(file, line, column),
                f"the file is not UTF-8 (byte 0x{raw[error.start]:02x} cannot be decoded)",
                "save the file as UTF-8",
            )
        ]
    return text.removeprefix("\ufeff"), []


def read_source(path: Path, file: str) -> tuple[Source | None, list[Problem]]:
    """Parse a YAML file. Returns the source, or None and the problems that stopped it."""
    text, problems = _decode(file, path.read_bytes())
    if text is None:
        return None, problems
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return None, [Problem(Place(file), "the file is empty", "add the content, or delete the file")]

    try:
        root = _compose(text)
    except _RefusedAlias as refused:
        return None, [
            Problem(
                _place(file, refused.mark),
                f"YAML {refused.what} is not allowed",
                "write the value out in full; matrix files use no anchors or aliases",
            )
        ]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = error.problem or str(error)
        if error.context:
            what = f"{error.context}, {what}"
        fix = next((fix for needle, fix in _SYNTAX_FIXES if needle in what), "fix the YAML syntax")
        return None, [Problem(_place(file, mark) if mark else Place(file), f"YAML syntax error: {what}", fix)]

    source = Source(file, None)
    problems = []
    source.data = _convert(root, (), source, problems)
    return (None if problems else source), problems


_SCALARS = SafeConstructor()  # used for plain scalars only, whose tags are checked first


def _convert(node: Node, path: DataPath, source: Source, problems: list[Problem]) -> Any:
    place = _place(source.file, node.start_mark)
    source.places[path] = place
    if node.tag not in _PLAIN_TAGS:
        problems.append(
            Problem(
                place,
                f"YAML tag '{node.tag}' is not allowed",
                "remove the tag; matrix files hold plain strings, numbers, lists and mappings",
            )
        )
        return None
    if isinstance(node, ScalarNode):
        if node.style in ("|", ">"):
            source.block_scalars.add(path)
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
            problems.append(
                Problem(
                    key_place,
                    f"duplicate key '{key}' (first at line {first.line})",
                    "keep one of the two; a later key would silently replace the earlier one",
                )
            )
            continue
        source.key_places[path + (key,)] = key_place
        result[key] = _convert(value_node, path + (key,), source, problems)
    return result
