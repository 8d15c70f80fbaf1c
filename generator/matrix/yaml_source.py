"""Read one YAML file into plain data, remembering where every value and key stands.

The reader composes YAML nodes and converts them itself, so nothing is ever constructed from a
tag: tags beyond plain data are refused, anchors and aliases are refused before any expansion
(an alias bomb costs nothing), and duplicate keys are reported instead of silently overwritten.

Hostile input is turned away before it can cost anything: the parser's events are read first,
and a file nested deeper than any matrix file needs, or holding a value longer than any matrix
value needs, is refused there, before a node is built (building nodes, and converting them,
recurses once per level). Numbers are converted only when short, and a value that does not fit
its explicit tag (`!!int abc`) is a reported problem, not an exception.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..problems import Place, Problem

DataPath = tuple[str | int, ...]

_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_YAML}{name}" for name in ("str", "int", "float", "bool", "null")}
_PLAIN_TAGS = _SCALAR_TAGS | {f"{_YAML}seq", f"{_YAML}map"}
_NUMBER_TAGS = {f"{_YAML}int", f"{_YAML}float"}
_COLLECTION_TAGS: dict[type[Node], set[str]] = {SequenceNode: {f"{_YAML}seq"}, MappingNode: {f"{_YAML}map"}}
_SHAPES: dict[type[Node], str] = {SequenceNode: "a list", MappingNode: "a mapping"}
_KIND_WORDS = {
    f"{_YAML}str": "a string",
    f"{_YAML}int": "a whole number",
    f"{_YAML}float": "a number",
    f"{_YAML}bool": "true or false",
    f"{_YAML}null": "empty",
    f"{_YAML}seq": "a list",
    f"{_YAML}map": "a mapping",
}

# Limits far beyond anything the matrix needs (its deepest file has 6 levels, its longest value a
# few hundred characters), low enough that no file can make a check slow or exhaust the stack.
MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 50
MAX_SCALAR = 100_000
MAX_NUMBER = 32  # characters of a number written without quotes

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
    ends: dict[DataPath, Place] = field(default_factory=dict)  # where each value ends (exclusive)
    quoted: set[DataPath] = field(default_factory=set)  # values written in quotes: their text starts after one

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
        return Place(start.file, start.line + line_in_code - 1, start.column + (path in self.quoted))


class _Mark(Protocol):
    """A place in the text, as the parser's marks (pure Python or LibYAML's) give it, from 0."""

    line: int
    column: int


class _Refused(Exception):
    """Something the event scan turns away before any node is built."""

    def __init__(self, mark: _Mark | None, what: str, fix: str):
        self.mark, self.what, self.fix = mark, what, fix


_EMPTY = "the file is empty", "add the content, or delete the file"


def read_source(path: Path, file: str) -> tuple[Source | None, list[Problem]]:
    """Parse a YAML file. Returns the source, or None and the problems that stopped it."""
    try:
        size = path.stat().st_size
        raw = path.read_bytes() if size <= MAX_FILE_BYTES else b""
    except OSError as error:
        return None, [
            Problem(
                Place(file), f"the file cannot be read ({error.strerror or error})", "check that it is a readable file"
            )
        ]
    if size > MAX_FILE_BYTES:
        return None, [
            Problem(
                Place(file),
                f"the file is too large ({size:,} bytes; a matrix file may have at most {MAX_FILE_BYTES:,})",
                "remove what does not belong in it",
            )
        ]
    text, problems = _decode(file, raw)
    if text is None:
        return None, problems
    return parse_source(text, file)


def parse_source(text: str, file: str, first_line: int = 1) -> tuple[Source | None, list[Problem]]:
    """Parse YAML text that stands in `file` from line `first_line` on (a page's example is YAML
    inside a Markdown file), so that every place names the file's own line."""
    text = "\n" * (first_line - 1) + text  # the parser then counts lines as the file does
    problems: list[Problem] = []
    lines = text.splitlines()
    if all(not line.strip() or line.lstrip().startswith("#") for line in lines):
        return None, [Problem(Place(file), *_EMPTY)]
    try:
        root = _compose(text)
    except _Refused as refused:
        return None, [Problem(_place(file, refused.mark), refused.what, refused.fix)]
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(file, lines, error)]
    except yaml.reader.ReaderError as error:
        return None, [_character_problem(file, text, error)]
    if root is None:  # only a document end marker, or directives
        return None, [Problem(Place(file), *_EMPTY)]

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
        return None, [
            Problem(
                Place(file, line, column),
                f"the file is not UTF-8 (byte 0x{raw[error.start]:02x} cannot be decoded)",
                "save the file as UTF-8",
            )
        ]


def _compose(text: str) -> Node | None:
    """Compose the document, refusing before any node is built what no matrix file needs.

    The refusals read the parser's events, which cost nothing per level of nesting: an alias
    bomb is turned away at its first anchor, a thousand nested '[' at the 51st, a megabyte of
    digits at its end. Only then is the document composed (the composer recurses per level).
    """
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, AliasEvent):
            raise _Refused(event.start_mark, f"YAML alias '*{event.anchor}' is not allowed", _NO_ANCHORS)
        anchor = getattr(event, "anchor", None)  # on nodes' events only
        if anchor:
            raise _Refused(event.start_mark, f"YAML anchor '&{anchor}' is not allowed", _NO_ANCHORS)
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(
                    event.start_mark,
                    f"the data is nested more than {MAX_DEPTH} levels deep",
                    "matrix files need a few levels only; look for an unclosed or repeated '[' or '{', "
                    "or remove the extra levels",
                )
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
        elif isinstance(event, ScalarEvent) and len(event.value) > MAX_SCALAR:
            if event.implicit[0] and _RESOLVER.resolve(ScalarNode, event.value, (True, False)) in _NUMBER_TAGS:
                raise _Refused(event.start_mark, _too_long_number(event.value), _SHORTER_NUMBER)
            raise _Refused(
                event.start_mark,
                f"the value is too long ({len(event.value):,} characters; at most {MAX_SCALAR:,} are allowed)",
                "shorten it; no matrix value needs that much text",
            )
    return yaml.compose(text, Loader=_Loader)


_NO_ANCHORS = "write the value out in full; matrix files use no anchors or aliases"
_SHORTER_NUMBER = "write a shorter number, or put text in quotes"
_RESOLVER = yaml.resolver.Resolver()  # the tags YAML gives unquoted values, as the loader does


def _too_long_number(text: str) -> str:
    # Never converted: Python refuses to turn more than 4300 digits into an int, and no matrix
    # number needs more than a few.
    return f"the number is too long ({len(text):,} characters; at most {MAX_NUMBER} are allowed)"


def _place(file: str, mark: _Mark | None) -> Place:
    return Place(file, mark.line + 1, mark.column + 1) if mark else Place(file)


def _syntax_problem(file: str, lines: list[str], error: yaml.MarkedYAMLError) -> Problem:
    what = ", ".join(part for part in (error.context, error.problem) if part) or str(error)
    mark = error.problem_mark or error.context_mark
    for needle, fix in _UNCLOSED:
        if error.context_mark and needle in (error.context or ""):
            return Problem(_place(file, error.context_mark), f"YAML syntax error: {what}", fix)
    if error.context_mark and "simple key" in (error.context or ""):
        # 'key value' without its colon: YAML notices only on the next line, but the scan of the
        # key began on the line that lacks the colon, which is the line to fix.
        return Problem(
            _place(file, error.context_mark),
            f"YAML syntax error: {what}",
            "a key needs ': ' after it; check this line for a missing colon, or quote the value",
        )
    if mark and (opener := _unclosed_quote(lines, mark.line)):
        return Problem(
            Place(file, opener[0], opener[1]),
            f"YAML syntax error: this quote is not closed on its line, so YAML reads on to "
            f"line {mark.line + 1}, where it finds: {what}",
            "close the quote on the same line",
        )
    fix = next((fix for needle, fix in _SYNTAX_FIXES if needle in what), "fix the YAML syntax")
    if mark and mark.line < len(lines) and lines[mark.line][mark.column : mark.column + 1] == "\t":
        fix = "indent with spaces, not tabs"  # libyaml says only that the character cannot start a token
    return Problem(_place(file, mark), f"YAML syntax error: {what}", fix)


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
    return Problem(
        Place(file, line, column),
        f"the character U+{ord(character):04X} is not allowed in YAML",
        "delete it; it is usually invisible in an editor",
    )


def _tag_name(tag: str) -> str:
    return "!!" + tag.removeprefix(_YAML) if tag.startswith(_YAML) else tag


def _short(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _convert(node: Node, path: DataPath, source: Source, problems: list[Problem]) -> Any:
    place = _place(source.file, node.start_mark)
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        place = _block_start(source, node)
    if isinstance(node, ScalarNode) and node.style in ('"', "'"):
        source.quoted.add(path)
    source.places[path] = place
    source.ends[path] = _place(source.file, node.end_mark)
    if node.tag not in _PLAIN_TAGS:
        if node.tag == f"{_YAML}timestamp":
            problems.append(Problem(place, "the value is read as a date", "put it in quotes"))
        else:
            problems.append(
                Problem(
                    place,
                    f"YAML tag '{node.tag}' is not allowed",
                    "remove the tag; matrix files hold plain strings, numbers, lists and mappings",
                )
            )
        return None
    fits = _COLLECTION_TAGS.get(type(node), _SCALAR_TAGS)
    if node.tag not in fits:  # such as '!!str [a, b]' or '!!seq text'
        shape = _SHAPES.get(type(node), "a single value")
        problems.append(
            Problem(
                place,
                f"the tag '{_tag_name(node.tag)}' says {_KIND_WORDS[node.tag]}, but the value is {shape}",
                "remove the tag",
            )
        )
        return None
    if isinstance(node, ScalarNode):
        return _scalar(node, source, place, problems)
    if isinstance(node, SequenceNode):
        return [_convert(item, path + (i,), source, problems) for i, item in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_place = _place(source.file, key_node.start_mark)
        if not isinstance(key_node, ScalarNode) or key_node.tag != f"{_YAML}str":
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


def _scalar(node: ScalarNode, source: Source, place: Place, problems: list[Problem]) -> Any:
    """The plain value of a scalar whose tag was checked; None, with a problem, when it does not fit."""
    if node.tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER:
        problems.append(Problem(place, _too_long_number(node.value), _SHORTER_NUMBER))
        return None
    try:
        # The constructor's function for the tag, called directly: nothing is cached between files.
        return _SCALARS.yaml_constructors[node.tag](_SCALARS, node)
    except (ValueError, KeyError, IndexError, TypeError, ArithmeticError, yaml.YAMLError):
        what = f"{_short(node.value)} is not {_KIND_WORDS[node.tag]}"
        line = source.lines[node.start_mark.line] if node.start_mark.line < len(source.lines) else ""
        if line[node.start_mark.column : node.start_mark.column + 1] == "!":
            problems.append(
                Problem(
                    place,
                    f"{what}, as its tag '{_tag_name(node.tag)}' says",
                    "remove the tag, or write a value of that kind",
                )
            )
        else:  # YAML read an unquoted value as a number it cannot convert, such as '._'
            problems.append(Problem(place, f"{what}, as YAML reads it unquoted", "put the value in quotes"))
        return None


def _block_start(source: Source, node: ScalarNode) -> Place:
    """Where a '|' or '>' block's text begins: the line after the indicator, at the block's indent."""
    first = node.start_mark.line + 1
    for line in source.lines[first : node.end_mark.line + 1]:
        if line.strip():
            return Place(source.file, first + 1, len(line) - len(line.lstrip(" ")) + 1)
    return _place(source.file, node.start_mark)
