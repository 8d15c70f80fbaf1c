"""Language codes: a locale's id (the folder its pages are built in, e.g. 'pt-br'), the language
tag readers' browsers and search engines read (BCP 47: 'pt-BR', 'zh-CN', 'es-419'), and the
theme's language for it (its closest match: 'pt-BR', 'zh', 'es')."""

from __future__ import annotations

from collections.abc import Collection


def language_tag(locale: str) -> str:
    """'pt-br' -> 'pt-BR': a two-letter region in capitals, as BCP 47 writes it."""
    primary, *rest = locale.split("-")
    return "-".join([primary, *(part.upper() if len(part) == 2 else part for part in rest)])


def theme_language(locale: str, known: Collection[str]) -> str | None:
    """The theme's language for a locale: its language tag, or else its primary language."""
    for candidate in (language_tag(locale), locale.split("-")[0]):
        if candidate in known:
            return candidate
    return None
