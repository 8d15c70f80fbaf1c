"""Catalog messages, turned into safe Markdown or plain text for one locale.

Text from a catalog is escaped (`<script>` shows as text), code spans are kept verbatim, and
reference links get their URL from matrix/links.yaml, so translators never touch a URL.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..matrix import markup


def _escape(text: str, table: bool) -> str:
    text = html.escape(text, quote=False)
    # Markdown would read these as emphasis, references or table cells; catalog text is just text.
    text = text.replace("\\", "\\\\")
    text = " ".join(text.split("\n")) if table else text
    return text.replace("|", "\\|") if table else text


def escape(text: str, *, table: bool = False) -> str:
    """Text made by no catalog (a label, a name from data) shown as text, as catalog text is."""
    return _escape(text, table)


def code_span(text: str) -> str:
    """Any text as inline code, shown exactly: safe in a paragraph and in a table cell."""
    text = " ".join(str(text).split()) or " "
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or text.startswith("#!") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def attribute(text: str, *, table: bool = False) -> str:
    """Plain text as the value of an attribute in `{ key="..." }`: it cannot hold a double quote,
    nor, in a table, a pipe (the Markdown serializer escapes < and & itself)."""
    text = text.replace('"', "'")
    return text.replace("|", "/") if table else text


def titled_icon(name: str, css: str, word: str) -> str:
    """A Material icon whose word is its text alternative."""
    return f':{name}:{{ {css} title="{attribute(word)}" }}'


@dataclass(frozen=True)
class Messages:
    catalog: Mapping[str, str]
    urls: Mapping[str, str]

    def markdown(self, message_id: str, *, table: bool = False, **slots: str) -> str:
        """A message as Markdown. Slot values are Markdown made by the generator, inserted as they are."""
        return self._render(self.catalog[message_id], table, slots)

    def plain(self, message_id: str, *, quote_code: bool = False, **slots: str) -> str:
        """A message as plain text (for titles in configuration, comments in scripts: where no markup
        is read); code in backticks when `quote_code`; slot values are plain text, inserted as they
        are, and slots not given are left out."""

        def text(piece: markup.Piece) -> str:
            if piece.kind == "slot":
                return slots.get(piece.text, "")
            return f"`{piece.text}`" if quote_code and piece.kind == "code" else piece.text

        return "".join(map(text, markup.flat(self.catalog[message_id])))

    def html(self, message_id: str) -> str:
        """A message as HTML for a block the generator writes itself: text escaped, code in <code>, a
        link's words without the link (the build reads links in Markdown only)."""
        return "".join(
            f"<code>{html.escape(piece.text)}</code>" if piece.kind == "code" else html.escape(piece.text)
            for piece in markup.flat(self.catalog[message_id])
        )

    def url(self, target: str) -> str:
        """A link id's address; a place on a page the generator makes is checked when the site is built."""
        if target in self.urls:
            return self.urls[target]
        page, _, anchor = target.partition("#")
        return f"{self.urls[page]}#{anchor}"

    def _render(self, message: str, table: bool, slots: Mapping[str, str]) -> str:
        out = []
        for piece in markup.parse(message):
            if piece.kind == "text":
                out.append(_escape(piece.text, table))
            elif piece.kind == "code":
                out.append(code_span(piece.text))
            elif piece.kind == "slot":
                out.append(slots[piece.text])
            else:
                words = self._render(piece.text, table, slots)
                out.append(f"[{words}]({self.url(piece.target)})")
        return "".join(out)
