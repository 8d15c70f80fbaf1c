"""The MkDocs settings of one language's build, laid over the shared mkdocs.yml."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from ..matrix.documents import Matrix
from .pages import PAGES, messages

# The theme overrides belong to the generator, wherever the project folder is.
THEME_OVERRIDES = Path(__file__).resolve().parent.parent / "website" / "overrides"


def language_settings(matrix: Matrix, locale: str, base: dict[str, Any], docs_dir: Path, site_dir: Path) -> dict[str, Any]:
    """Top-level settings that replace those of mkdocs.yml (`base`, as loaded) for one language."""
    t = messages(matrix, locale)

    def text(message_id: str, catalog=t) -> str:
        # Themes put these names into HTML as they are: escape them here, like every catalog text.
        return html.escape(catalog.plain(message_id), quote=False)

    # The mapping form ({name: options}): MkDocs empties one-key dicts of the list form as it reads
    # them, and a preview server reads these settings again before every rebuild.
    extensions = _as_mapping(base["markdown_extensions"])
    extensions["toc"] = {**(extensions.get("toc") or {}), "permalink_title": text("site.permalink")}
    return {
        "site_name": text("site.name"),
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "theme": {**base["theme"], "language": locale, "custom_dir": str(THEME_OVERRIDES)},
        "plugins": {"search": {"lang": locale}},
        "markdown_extensions": extensions,
        "nav": [{text(page.title): page.file} for page in PAGES],
        "extra": {
            **base.get("extra", {}),
            "alternate": [
                {"name": text("language.name", messages(matrix, code)), "link": f"../{code}/", "lang": code}
                for code in matrix.locales
            ],
        },
    }


def _as_mapping(entries: list[Any] | dict[str, Any]) -> dict[str, Any]:
    if isinstance(entries, dict):
        return dict(entries)
    mapping: dict[str, Any] = {}
    for entry in entries:
        mapping.update(entry if isinstance(entry, dict) else {entry: None})
    return mapping
