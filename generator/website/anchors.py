"""Every link to a place in a page (`#anchor`) finds that place, in one language's built site.

MkDocs checks links to headings only: the site also links to code tabs (their radio buttons' ids,
made by the tabs extension), so the build checks every anchor in the built pages instead. The page
for a wrong address is left out: it is shown at any address, so its links start at the root.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .error_page import PAGE as ERROR_PAGE


class _Page(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if anchor := found.get("id"):
            self.ids.add(anchor)
        if tag == "a" and (href := found.get("href")) and "#" in href:
            self.links.append(href)


def broken_anchors(folder: Path) -> list[str]:
    """`page: link -> what is wrong`, for each link of the folder's pages to an anchor that no page has."""
    pages = {
        path.resolve(): _Page(path.read_text(encoding="utf-8"))
        for path in sorted(folder.rglob("*.html"))
        if path.name != ERROR_PAGE
    }
    problems = []
    for path, page in pages.items():
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.fragment:
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if target in pages and unquote(parts.fragment) not in pages[target].ids:
                problems.append(f"{path.relative_to(folder.resolve())}: {href} -> no such place on that page")
    return problems
