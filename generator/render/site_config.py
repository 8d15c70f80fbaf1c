"""The MkDocs configuration of one language's build, layered over the shared mkdocs.yml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..matrix.documents import Matrix
from .pages import PAGES, messages


def site_config(matrix: Matrix, locale: str, base_config: Path, docs_dir: Path, site_dir: Path) -> dict[str, Any]:
    """Settings that differ per language; everything else comes from mkdocs.yml via INHERIT.

    Paths are absolute because this file is written next to the build, not next to mkdocs.yml.
    """
    t = messages(matrix, locale)
    root = base_config.parent
    return {
        "INHERIT": str(base_config),
        "site_name": t.plain("site.name"),
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "theme": {"language": locale, "custom_dir": str(root / "generator" / "site" / "overrides")},
        "plugins": [{"search": {"lang": locale}}],
        "nav": [{t.plain(page.title): page.file} for page in PAGES],
        "extra": {
            "alternate": [
                {"name": messages(matrix, code).plain("language.name"), "link": f"../{code}/", "lang": code}
                for code in matrix.locales
            ]
        },
    }
