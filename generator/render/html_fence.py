"""HTML the generator writes itself, carried through Markdown in a fenced block and inserted as it is.

Markdown reads a raw HTML block only at the left margin, and the grids of releases sit inside a tab
and a collapsed block: there a table would be wrapped in a paragraph. A fence is read at any depth.
mkdocs.yml names `insert` as the format of the `generated-html` fence (pymdownx.superfences).
"""

from __future__ import annotations

from typing import Any

NAME = "generated-html"


def fenced(html: str) -> str:
    """The HTML in its fence. No line of it may begin with a backtick, which could end the fence."""
    if any(line.lstrip().startswith("`") for line in html.splitlines()):
        raise ValueError("a line of generated HTML begins with a backtick")
    return f"```{NAME}\n{html}\n```"


def insert(source: str, language: str, class_name: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    """The fence's content, as it is: pymdownx.superfences calls this for every `generated-html` fence."""
    return source
