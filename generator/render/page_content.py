"""A page written in Markdown (matrix/pages/), rendered for one language: each block's message, in
the page's layout. Pure: the page and the language's messages in, the page's Markdown out."""

from __future__ import annotations

import html
import json
from collections.abc import Callable

from ..matrix.pages import Block, ExampleBlock, Heading, ListBlock, Page, Paragraph, Part, Table, Text
from .messages import Messages, attribute

ALIGN = {"left": ":--", "right": "--:", "center": ":-:"}


def render_page(page: Page, t: Messages, generated: Callable[[Part | ExampleBlock], str]) -> str:
    """The page's Markdown for MkDocs, in the language of `t`; `generated` renders what the generator
    makes for the page: a part, or an example with what verification showed."""
    blocks = (generated(block) if isinstance(block, Part | ExampleBlock) else _block(block, t) for block in page.blocks)
    return _front_matter(page, t) + "\n\n".join(block for block in blocks if block) + "\n"


def _front_matter(page: Page, t: Messages) -> str:
    """The page's description for its `<meta name="description">`: the theme writes it into the HTML
    as it is, so it is escaped here; a JSON string is also a YAML one."""
    if page.description is None:
        return ""
    described = html.escape(t.plain(page.description.id))
    return f"---\ndescription: {json.dumps(described, ensure_ascii=False)}\n---\n\n"


def _text(text: Text, t: Messages, *, table: bool = False) -> str:
    return t.markdown(text.id, table=table)


def _block(block: Block, t: Messages) -> str:
    if isinstance(block, Heading):
        return f"{'#' * block.level} {_text(block.text, t)} {{ #{block.anchor} }}"
    if isinstance(block, Paragraph):
        return _text(block.text, t)
    if isinstance(block, ListBlock):
        markers = [f"{n}." if block.ordered else "-" for n in range(1, len(block.items) + 1)]
        return "\n".join(
            f"{marker} " + _text(item, t).replace("\n", "\n" + " " * (len(marker) + 1))
            for marker, item in zip(markers, block.items, strict=True)
        )
    if isinstance(block, Table):
        rows = [
            "| " + " | ".join(_text(cell, t, table=True) for cell in block.header) + " |",
            "| " + " | ".join(ALIGN.get(align, "---") for align in block.align) + " |",
            *("| " + " | ".join(_text(cell, t, table=True) for cell in row) + " |" for row in block.rows),
        ]
        return "\n".join(rows)
    assert not isinstance(block, Part | ExampleBlock)  # placed at the top level only
    title = f' "{attribute(t.plain(block.title.id))}"' if block.title else ""
    body = "\n\n".join(_block(inner, t) for inner in block.body)
    return f"!!! {block.kind}{title}\n\n" + "\n".join(f"    {line}" if line else "" for line in body.splitlines())
