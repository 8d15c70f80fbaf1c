"""The MkDocs settings of one language's build, laid over the shared mkdocs.yml."""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path
from typing import Any

from ..matrix.documents import Matrix
from ..matrix.locale_codes import language_tag, theme_language
from ..matrix.translations import translation_status
from .pages import FOOTNOTE_BACKLINK, messages

# The theme overrides belong to the generator, wherever the project folder is.
THEME_OVERRIDES = Path(__file__).resolve().parent.parent / "website" / "overrides"
PAGE_MARKUP_HOOK = THEME_OVERRIDES.parent / "page_markup.py"


@cache
def theme_languages_known() -> frozenset[str]:
    """The languages the theme has words for (its menus, search box, dates)."""
    import material

    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return frozenset(path.stem for path in folder.glob("*.html") if path.stem != "custom")


def language_settings(
    matrix: Matrix, locale: str, base: dict[str, Any], docs_dir: Path, site_dir: Path, site_url: str | None = None
) -> dict[str, Any]:
    """Top-level settings that replace those of mkdocs.yml (`base`, as loaded) for one language;
    with the site's address, each page names its address in every language (overrides/main.html)."""
    t = messages(matrix, locale)

    def text(message_id: str, catalog=t) -> str:
        # Themes put these names into HTML as they are: escape them here, like every catalog text.
        return html.escape(catalog.plain(message_id), quote=False)

    # The mapping form ({name: options}): MkDocs empties one-key dicts of the list form as it reads
    # them, and a preview server reads these settings again before every rebuild.
    extensions = _as_mapping(base["markdown_extensions"])
    extensions["toc"] = {**(extensions.get("toc") or {}), "permalink_title": text("site.permalink")}
    # The extension fills the footnote's number in at "{}".
    extensions["footnotes"] = {
        **(extensions.get("footnotes") or {}),
        "BACKLINK_TITLE": html.escape(t.plain(FOOTNOTE_BACKLINK, number="{}"), quote=False),
    }
    return {
        "site_name": text("site.name"),
        "site_url": f"{site_url}{locale}/" if site_url else None,
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "theme": {
            **base["theme"],
            "language": theme_language(locale, theme_languages_known()) or locale,
            "custom_dir": str(THEME_OVERRIDES),
            "palette": _palette(base["theme"].get("palette"), text),
        },
        "hooks": [str(PAGE_MARKUP_HOOK)],
        "plugins": {},  # no MkDocs search: the build indexes each language with Pagefind (website/search.py)
        "markdown_extensions": extensions,
        "nav": [{text(page.name.id): f"{page.id}.md"} for page in matrix.pages],
        "extra": {
            **base.get("extra", {}),
            # Shown at the top of every page while some of the language's messages fall back to English.
            "untranslated": None if translation_status(matrix, locale).complete else text("i18n.fallback"),
            "not_found": {
                "title": text("notfound.title"),
                "body": text("notfound.body"),
                "home": text(matrix.home.name.id),
            },
            "search_error": text("search.error"),
            "default_address": f"{site_url}{matrix.default_locale}/" if site_url else None,
            "alternate": [
                {
                    "name": text("language.name", messages(matrix, code)),
                    "link": f"../{code}/",
                    "address": f"{site_url}{code}/" if site_url else None,
                    "lang": language_tag(code),
                }
                for code in matrix.locales
            ],
        },
    }


# The palette toggle's title says what it switches to: from the light scheme ("default") to the dark.
TOGGLE_TITLES = {"default": "palette.dark", "slate": "palette.light"}


def _palette(palette: Any, text) -> Any:
    """mkdocs.yml's palettes, each toggle titled in the page's language."""
    if not isinstance(palette, list):
        return palette
    titled = []
    for entry in palette:
        title = TOGGLE_TITLES.get(entry.get("scheme", "default")) if isinstance(entry, dict) else None
        titled.append(
            {**entry, "toggle": {**entry["toggle"], "name": text(title)}} if title and "toggle" in entry else entry
        )
    return titled


def _as_mapping(entries: list[Any] | dict[str, Any]) -> dict[str, Any]:
    if isinstance(entries, dict):
        return dict(entries)
    mapping: dict[str, Any] = {}
    for entry in entries:
        mapping.update(entry if isinstance(entry, dict) else {entry: None})
    return mapping
