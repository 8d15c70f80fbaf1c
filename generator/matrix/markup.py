"""The small markup that catalog messages may use, parsed into pieces.

A message is plain text with `code` spans (API names: never translated), reference links
`[words][link_id]` whose targets live in matrix/links.yaml (the words may hold a code span), and
`{placeholder}`s filled in by the generator. Everything else is text, which the renderer escapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PIECE = re.compile(r"`(?P<code>[^`]+)`|\[(?P<words>[^\[\]]+)\]\[(?P<link>[^\[\]]*)\]|\{(?P<slot>[a-z_]+)\}")


@dataclass(frozen=True)
class Piece:
    kind: str  # "text", "code", "link" or "slot"
    text: str
    target: str = ""

    @property
    def words(self) -> list[Piece]:
        """A link's words, themselves parsed (they may hold a code span)."""
        return parse(self.text) if self.kind == "link" else []


def parse(message: str) -> list[Piece]:
    pieces: list[Piece] = []
    position = 0
    for match in _PIECE.finditer(message):
        if match.start() > position:
            pieces.append(Piece("text", message[position : match.start()]))
        if match["code"] is not None:
            pieces.append(Piece("code", match["code"]))
        elif match["words"] is not None:
            pieces.append(Piece("link", match["words"], match["link"]))
        else:
            pieces.append(Piece("slot", match["slot"]))
        position = match.end()
    if position < len(message):
        pieces.append(Piece("text", message[position:]))
    return pieces


def flat(message: str) -> list[Piece]:
    """Pieces with each link replaced by its words."""
    return [inner for piece in parse(message) for inner in (piece.words if piece.kind == "link" else [piece])]


def code_spans(message: str) -> list[str]:
    return [piece.text for piece in flat(message) if piece.kind == "code"]


def slots(message: str) -> set[str]:
    return {piece.text for piece in parse(message) if piece.kind == "slot"}


def links(message: str) -> list[str]:
    return [piece.target for piece in parse(message) if piece.kind == "link"]


def prose(message: str) -> str:
    """The words of a message outside code spans, link words included."""
    return "".join(piece.text for piece in flat(message) if piece.kind == "text")


def unbalanced_backtick(message: str) -> bool:
    return "`" in prose(message)
