"""Each built page names its language exactly (`<html lang="pt-BR">`), not only the theme's language.

The theme writes the code of the language it has words for ('es' for es-419, 'zh' for zh-cn);
readers' browsers, screen readers and the search index read the page's own tag instead.
"""

from __future__ import annotations

import re
from pathlib import Path

HTML_TAG = re.compile(r'<html lang="[^"]*"')


def tag_pages(folder: Path, tag: str) -> None:
    """Give every page under `folder` (one language's built site, still in staging) the tag."""
    for page in folder.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        tagged = HTML_TAG.sub(f'<html lang="{tag}"', text, count=1)
        if tagged != text:
            page.write_text(tagged, encoding="utf-8", newline="")
