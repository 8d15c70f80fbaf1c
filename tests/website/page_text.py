"""Read a built HTML page the way a reader sees it: its visible text, code blocks, links and ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class PageText:
    text: str = ""
    code_blocks: list[str] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    resources: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = PageText()
        self.parts: list[str] = []
        self.skip = 0
        self.in_pre = 0
        self.code: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.page.ids.add(attrs["id"])
        if tag in ("script", "style"):
            self.skip += 1
            if attrs.get("src"):
                self.page.resources.append(attrs["src"])
        if tag == "a" and attrs.get("href"):
            self.page.hrefs.append(attrs["href"])
        if tag == "link" and attrs.get("rel") in ("stylesheet", "preload", "icon", "modulepreload"):
            self.page.resources.append(attrs.get("href", ""))
        if tag in ("img", "iframe", "source", "audio", "video") and attrs.get("src"):
            self.page.resources.append(attrs["src"])
        if tag == "pre":
            self.in_pre += 1
        if tag == "code" and self.in_pre:
            self.code = []

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if tag == "pre":
            self.in_pre -= 1
        if tag == "code" and self.code is not None:
            self.page.code_blocks.append("".join(self.code))
            self.code = None
        if tag in ("p", "li", "td", "th", "h1", "h2", "h3", "div", "tr", "br"):
            self.parts.append(" ")

    def handle_data(self, data):
        if self.skip:
            return
        if self.code is not None:
            self.code.append(data)
        self.parts.append(data)


def read_page(html: str) -> PageText:
    reader = _Reader()
    reader.feed(html)
    reader.page.text = " ".join("".join(reader.parts).split())
    return reader.page


def page_dir(name: str) -> str:
    """The folder a page's HTML is built into: index.md -> '', modes.md -> 'modes'."""
    return "" if name == "index.md" else name.removesuffix(".md")


def html(root: Path, locale: str, page: str) -> str:
    """The built HTML of one page (its Markdown file's name) of one language, under root/site/."""
    return (root / "site" / locale / page_dir(page) / "index.html").read_text(encoding="utf-8")
