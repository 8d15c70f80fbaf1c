"""Markdown to HTML with the site's own extensions (from mkdocs.yml), to see what a reader would see."""

from __future__ import annotations

from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parents[2]


@cache
def _extensions() -> tuple[list[str], dict]:
    from mkdocs.utils.yaml import yaml_load

    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        entries = yaml_load(handle)["markdown_extensions"]
    names, configs = [], {}
    for entry in entries:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if config:
            configs[name] = config
    return names, configs


def to_html(text: str) -> str:
    names, configs = _extensions()
    return markdown.markdown(text, extensions=names, extension_configs=configs)


class _CodeBlocks(HTMLParser):
    """The text of every <pre><code> block, as a reader copies it (highlighting spans dropped)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.pre = 0
        self.code: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "pre":
            self.pre += 1
        elif tag == "code" and self.pre:
            self.code = []

    def handle_endtag(self, tag):
        if tag == "pre":
            self.pre -= 1
        elif tag == "code" and self.code is not None:
            self.blocks.append("".join(self.code))
            self.code = None

    def handle_data(self, data):
        if self.code is not None:
            self.code.append(data)


def code_blocks(html: str) -> list[str]:
    parser = _CodeBlocks()
    parser.feed(html)
    return parser.blocks
