"""Each language's page for a wrong address (404.html), with its links under the language's folder.

MkDocs writes that page's links from the server's root ("/assets/…", "/compatibility/"), as its site
would be without a folder of its own; every language's site is in one (/ru/, …). A server shows the
page at any depth, so its links stay absolute: the language's folder goes in front of each.
"""

from __future__ import annotations

import re
from pathlib import Path

PAGE = "404.html"
ROOTED = re.compile(r'((?:href|src)=")/(?!/)')
THEME_BASE = '"base": "/"'  # the theme's own scripts read the site's root here


def root_error_page(folder: Path, locale: str) -> None:
    """Move the links of `folder`'s 404.html (one language's built site, in staging) under /<locale>/."""
    page = folder / PAGE
    if not page.is_file():
        return
    text = ROOTED.sub(rf"\1/{locale}/", page.read_text(encoding="utf-8"))
    page.write_text(text.replace(THEME_BASE, f'"base": "/{locale}/"'), encoding="utf-8", newline="")
